# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test fuzz install lint format migrate demo load bench

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Finsam kräver Python 3.11 eller senare.")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# A local secret key and DEBUG for the local run; never committed (.gitignore).
.env: | $(BIN)/python
	@$(BIN)/python -c 'import secrets; print("DJANGO_SECRET_KEY=" + secrets.token_urlsafe(50)); print("DJANGO_DEBUG=true")' > .env
	@echo "Skapade .env med en ny hemlig nyckel."

# As the schema owner when DATABASE_MIGRATE_URL is set (PostgreSQL in production).
migrate: install .env
	FINSAM_MIGRERA=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Finsam körs på http://127.0.0.1:8000 (avsluta med Ctrl+C)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install .env
	$(BIN)/python -m pytest

# Property tests with thousands of random examples (CI runs the derandomized "ci" profile).
fuzz: install .env
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/sie/test_egenskaper.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Load test against gunicorn + a throwaway PostgreSQL database (docs/PERFORMANCE.md).
load: install
	bash bench/load/run.sh

# Issue 16's targets on SQLite and a throwaway PostgreSQL database (docs/PERFORMANCE.md).
bench: install
	$(BIN)/python bench/mal.py
