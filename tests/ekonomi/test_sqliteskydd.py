"""Issue 17.6 on SQLite: a client with the app's connection cannot remove the ledger's
guards. The authorizer (finsam/sqliteskydd.py) refuses schema changes through
``django.db.connection`` except while migrating; the guards then still hold."""

import datetime

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from ekonomi.models import Rad, Verifikation
from finsam import sqliteskydd

D = datetime.date
pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the authorizer is SQLite's; PostgreSQL has roles"
)

ANGREPP = [
    "DROP TRIGGER ekonomi_ver_bokford_tas_bort",
    "DROP TRIGGER IF EXISTS ekonomi_rad_tas_bort",
    "DROP TRIGGER main.ekonomi_radobjekt_tas_bort",
    "DROP TABLE ekonomi_rad",
    "DROP TABLE forbund_logghandelse",
    "ALTER TABLE ekonomi_rad RENAME TO ekonomi_rad_gammal",
    "ALTER TABLE ekonomi_rad ADD COLUMN x integer",
    "ALTER TABLE ekonomi_rad RENAME COLUMN belopp TO b",
    "CREATE TRIGGER egen BEFORE DELETE ON ekonomi_verifikation BEGIN SELECT 1; END",
    "CREATE TEMP TRIGGER egen BEFORE UPDATE ON ekonomi_rad BEGIN SELECT RAISE(IGNORE); END",
    "PRAGMA writable_schema = ON",
    "PRAGMA main.writable_schema = 1",
    "PRAGMA ignore_check_constraints = ON",
    "PRAGMA foreign_keys = OFF",
    "PRAGMA recursive_triggers = ON",
    "PRAGMA trusted_schema = ON",
    "PRAGMA schema_version = 1",
    "UPDATE sqlite_master SET sql = NULL WHERE type = 'trigger'",
    "DELETE FROM sqlite_schema WHERE type = 'trigger'",
    "ATTACH DATABASE ':memory:' AS annan",
    "CREATE VIEW ekonomi_vy AS SELECT 1",
    "CREATE TABLE egen (i integer)",
]


@pytest.fixture
def posted(ar, kontoplan, bokfor):
    return bokfor(D(2024, 3, 1), [(kontoplan["1930"], 10000), (kontoplan["3511"], -10000)])


def _triggrar() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        return set(cursor.fetchall())


def _radera_bokford(posted) -> None:
    with (
        pytest.raises(IntegrityError, match="bokförd verifikation kan inte tas bort"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM ekonomi_verifikation WHERE id = %s", [posted.pk])


@pytest.mark.parametrize("sql", ANGREPP)
def test_schema_changes_through_the_apps_connection_are_refused(posted, sql):
    fore = _triggrar()
    assert len(fore) >= 20
    # SQLite refuses writing sqlite_master itself ("may not be modified") without
    # writable_schema, which the authorizer refuses to set.
    with (
        pytest.raises(DatabaseError, match="not authorized|may not be modified"),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert _triggrar() == fore
    _radera_bokford(posted)
    assert Verifikation.objects.filter(pk=posted.pk, status="B").exists()
    assert Rad.objects.filter(verifikation=posted).count() == 2


def test_reading_pragmas_and_ordinary_work_stay_allowed(posted):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone() == (1,)
        cursor.execute("PRAGMA table_info(ekonomi_rad)")
        assert cursor.fetchall()
        cursor.execute("CREATE TEMP TABLE arbete (i integer)")
        cursor.execute("DROP TABLE arbete")
    assert Verifikation.objects.filter(pk=posted.pk).exists()


def test_the_guard_is_back_after_a_migrate(posted):
    """migrate opens schema changes in its own thread between pre_migrate and
    post_migrate only (that is how the test database was built)."""
    call_command("migrate", verbosity=0)
    assert not sqliteskydd.underhall_pagar()
    with pytest.raises(DatabaseError, match="not authorized"), connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER ekonomi_ver_bokford_tas_bort")
    _radera_bokford(posted)


def test_every_sqlite_connection_gets_the_authorizer(db, tmp_path):
    """A connection Django opens anew (not the test's in-memory one) is guarded too."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    fil = tmp_path / "ny.sqlite3"
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(fil)}, alias="ny")
    try:
        with wrapper.cursor() as cursor:
            with pytest.raises(DatabaseError, match="not authorized"):
                cursor.execute("CREATE TABLE t (i integer)")
            with sqliteskydd.underhall():
                cursor.execute("CREATE TABLE t (i integer)")
            with pytest.raises(DatabaseError, match="not authorized"):
                cursor.execute("DROP TABLE t")
            with sqliteskydd.underhall():
                cursor.execute("DROP TABLE t")
    finally:
        wrapper.close()
