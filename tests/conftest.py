"""Personas, like healthchecks' alice/bob/charlie: one user per role in ``forbund``, and an
``outsider`` who is förbundschef of ``annat_forbund`` only."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.db.backends.base.operations import BaseDatabaseOperations

from forbund.models import Behorighet, Forbund, Medlem, Roll
from tests.pgroller import agare_installning, byt_till, som_agare, tva_roller

PASSWORD = "korrekt-hast-batteri-2013"

# Transactional tests (live server, threads) end with a flush, which the ledger's triggers
# refuse: on SQLite a DELETE of bokförda verifikationer, on PostgreSQL a TRUNCATE. The test
# suite sets the triggers aside for the flush only, on the owner's connection: SQLite drops
# and recreates them (inside sqliteskydd.underhall(), the authorizer refuses it otherwise);
# PostgreSQL disables them (ALTER TABLE, owner only) in the flush's transaction, as the
# owner even when the tests run as the runtime role (tests/pgroller.py). Production code
# has no such hatch: see docs/SECURITY.md.
_original_flush = BaseDatabaseOperations.execute_sql_flush


def _flush_with_maintenance(self, sql_list):
    from django.db import transaction

    from finsam.sqliteskydd import underhall

    connection = self.connection
    if connection.vendor == "postgresql":
        with som_agare(connection.alias), transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger"
                    " WHERE NOT tgisinternal"
                )
                tabeller = [r[0] for r in cursor.fetchall()]
                for tabell in tabeller:
                    cursor.execute(f"ALTER TABLE {tabell} DISABLE TRIGGER USER")
            _original_flush(self, sql_list)
            with connection.cursor() as cursor:
                for tabell in tabeller:
                    cursor.execute(f"ALTER TABLE {tabell} ENABLE TRIGGER USER")
        return None
    if connection.vendor != "sqlite":
        return _original_flush(self, sql_list)
    with underhall(), connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = cursor.fetchall()
        for name, _ in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            return _original_flush(self, sql_list)
        finally:
            for _, sql in triggers:
                cursor.execute(sql)


BaseDatabaseOperations.execute_sql_flush = _flush_with_maintenance

# Property-based tests (tests/sie/test_egenskaper.py). "ci", the default: enough examples
# to matter, the same ones every run (derandomized). "fuzz" (make fuzz): thousands, random.
# No deadline: an example imports a file into the database, and the machine is shared.
# (A venv made before hypothesis joined the dev dependencies skips those tests only.)
try:
    from hypothesis import HealthCheck, Phase, settings
except ImportError:  # pragma: no cover - pip install -e ".[dev]" brings it
    settings = None
if settings is not None:
    _HYPOTHESIS = {
        "deadline": None,
        "suppress_health_check": [
            HealthCheck.function_scoped_fixture,  # every example rolls back its own changes
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
        "print_blob": True,
    }
    # CI does not shrink (a failing example is printed as found, the same every run).
    settings.register_profile(
        "ci",
        max_examples=120,
        derandomize=True,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        **_HYPOTHESIS,
    )
    settings.register_profile("fuzz", max_examples=3000, **_HYPOTHESIS)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# Django's production hasher (PBKDF2, a million rounds) costs ~0.4 s per user created or
# logged in with a password; the suite makes thousands. Tests use the fast MD5 hasher (as
# Django's own test settings do): what they check is who may do what, not the hash.
@pytest.fixture(scope="session", autouse=True)
def _snabb_losenordshash():
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


# PostgreSQL with two roles (DATABASE_MIGRATE_URL set, as in .ci/run): the owner creates,
# migrates (and so grants the runtime role, finsam/dbroll.py) and finally drops the test
# database; the tests run as the runtime role of DATABASE_URL. See tests/pgroller.py.
_KORROLL: dict = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    if tva_roller():
        _KORROLL["default"] = byt_till("default", agare_installning())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    korroll = _KORROLL.pop("default", None)
    if korroll is None:
        yield
        return
    with django_db_blocker.unblock():
        agare = byt_till("default", korroll)
    yield
    with django_db_blocker.unblock():
        byt_till("default", agare)


def make_user(username: str, forbund: Forbund | None = None, roll: str | None = None):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.capitalize()
    )
    if forbund is not None:
        Behorighet.objects.create(user=user, forbund=forbund, roll=roll)
    return user


@pytest.fixture
def forbund(db) -> Forbund:
    f = Forbund.objects.create(
        namn="Samordningsförbundet Testbygden", orgnr="222000-1008", sate="Testby"
    )
    for namn, typ in [
        ("Försäkringskassan", Medlem.Typ.FORSAKRINGSKASSAN),
        ("Arbetsförmedlingen", Medlem.Typ.ARBETSFORMEDLINGEN),
        ("Region Testland", Medlem.Typ.REGION),
        ("Testby kommun", Medlem.Typ.KOMMUN),
    ]:
        Medlem.objects.create(forbund=f, namn=namn, typ=typ)
    return f


@pytest.fixture
def annat_forbund(db) -> Forbund:
    return Forbund.objects.create(
        namn="Samordningsförbundet Grannbygden", orgnr="222000-1016", sate="Grannby"
    )


@pytest.fixture
def kansli(forbund):
    return make_user("kansli", forbund, Roll.KANSLI)


@pytest.fixture
def forbundschef(forbund):
    return make_user("forbundschef", forbund, Roll.FORBUNDSCHEF)


@pytest.fixture
def styrelse(forbund):
    return make_user("styrelse", forbund, Roll.STYRELSE)


@pytest.fixture
def revisor(forbund):
    return make_user("revisor", forbund, Roll.REVISOR)


@pytest.fixture
def outsider(annat_forbund):
    return make_user("outsider", annat_forbund, Roll.FORBUNDSCHEF)


@pytest.fixture
def client_as(client):
    """``client_as(user)`` → a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _privat_media(settings, tmp_path):
    """Uploaded files (protokoll, förbundsordning) go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _omedelbara_uppgifter(settings):
    """Background tasks run at once inside the request in tests (django-tasks' immediate
    backend), whatever FINSAM_TASKS_BACKEND says."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
