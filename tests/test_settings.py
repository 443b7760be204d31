import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _settings(env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_ENV_FILE": os.devnull, "DJANGO_SETTINGS_MODULE": "finsam.settings"})
    env.update(env_extra)
    code = (
        "import django;from django.conf import settings as s;django.setup();"
        "d=s.DATABASES['default'];print(d['ENGINE']);print(d['NAME']);print(s.DEBUG);"
        "print(d.get('OPTIONS',{}).get('transaction_mode',''))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = _settings({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY saknas" in result.stderr


def test_sqlite_in_project_folder_is_the_default():
    result = _settings({"DJANGO_SECRET_KEY": "x" * 50})
    engine, name, debug, mode = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(ROOT / "db.sqlite3")
    assert debug == "False"
    assert mode == "IMMEDIATE"


def test_postgres_url_switches_to_postgresql():
    result = _settings(
        {"DJANGO_SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@127.0.0.1:5432/finsam"}
    )
    engine, name = result.stdout.split()[:2]
    assert engine == "django.db.backends.postgresql"
    assert name == "finsam"
