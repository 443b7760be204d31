import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _settings(env_extra: dict) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "FINSAM_MIGRERA"))
    }
    env.update({"DJANGO_ENV_FILE": os.devnull, "DJANGO_SETTINGS_MODULE": "finsam.settings"})
    env.update(env_extra)
    code = (
        "import django;from django.conf import settings as s;django.setup();"
        "d=s.DATABASES['default'];print(d['ENGINE']);print(d['NAME']);print(s.DEBUG);"
        "print(d.get('OPTIONS',{}).get('transaction_mode','') or '-');"
        "print(d.get('USER') or '-');print(s.FINSAM_DB_APPROLL or '-')"
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
    engine, name, debug, mode, _user, _approll = result.stdout.split()
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


def test_two_urls_run_the_app_as_the_runtime_role_and_migrate_as_the_owner():
    """Issue 17.6: with DATABASE_MIGRATE_URL the app (and the test suite) connects as the
    runtime role; only FINSAM_MIGRERA=1 (make migrate, restore_data) connects as the
    owner, which then grants the runtime role (FINSAM_DB_APPROLL)."""
    urls = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://finsam_app@127.0.0.1:5432/finsam",
        "DATABASE_MIGRATE_URL": "postgres://finsam_agare@127.0.0.1:5432/finsam",
    }
    app = _settings(urls).stdout.split()
    agare = _settings({**urls, "FINSAM_MIGRERA": "1"}).stdout.split()
    assert (app[1], app[4], app[5]) == ("finsam", "finsam_app", "finsam_app")
    assert (agare[1], agare[4], agare[5]) == ("finsam", "finsam_agare", "finsam_app")
    enkel = _settings({**urls, "DATABASE_MIGRATE_URL": ""}).stdout.split()
    assert (enkel[4], enkel[5]) == ("finsam_app", "-")


def _mail(env_extra: dict) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    env.update({"DJANGO_ENV_FILE": os.devnull, "DJANGO_SETTINGS_MODULE": "finsam.settings"})
    env.update(env_extra)
    code = (
        "import django;from django.conf import settings as s;django.setup();"
        "print(s.EMAIL_BACKEND);print(s.EMAIL_HOST);print(s.EMAIL_PORT);print(s.EMAIL_USE_TLS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result.stdout.split()


def test_email_url_configures_smtp_with_starttls():
    assert _mail(
        {"DJANGO_SECRET_KEY": "x" * 50, "EMAIL_URL": "smtp+tls://u:p@smtp.example.se:587"}
    ) == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.se", "587", "True"]


def test_debug_prints_mail_on_the_console_by_default():
    assert _mail({"DJANGO_DEBUG": "true"})[0] == "django.core.mail.backends.console.EmailBackend"


def test_the_test_run_keeps_mail_in_memory(settings):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
