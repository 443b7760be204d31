"""Issue 17.6 on PostgreSQL: the application's runtime role (not the owner) can post
vouchers but can neither TRUNCATE, ALTER, DROP or DISABLE the ledger's triggers, nor
change posted rows or the audit trail.

In CI (``.ci/run``) the whole suite runs as that runtime role (``DATABASE_URL``), the
test database created and migrated by the owner (``DATABASE_MIGRATE_URL``,
tests/pgroller.py); these tests then connect a second time as the same role. With a
single superuser URL (a developer's ``DATABASE_URL=postgres://postgres@...``) they create
a role and grant it with ``finsam.dbroll.bevilja_approll``, exactly as ``make migrate``
grants it."""

import datetime

import pytest
from django.conf import settings
from django.db import connection

from ekonomi import services
from finsam.dbroll import bevilja_approll
from tests.pgroller import som_agare, tva_roller

ROLL = "finsam_test_approll"


@pytest.fixture
def app_anslutning(db):
    if connection.vendor != "postgresql":
        pytest.skip("roles and grants are PostgreSQL's")
    import psycopg

    s = connection.settings_dict
    if tva_roller():
        # The suite's own runtime role, granted by the owner's migrate.
        roll, losen = settings.FINSAM_DB_APPROLL, s["PASSWORD"] or None
        assert s["USER"] == roll
    else:
        roll, losen = ROLL, None
        with connection.cursor() as cursor:
            # Cluster-wide and kept: concurrent test runs may create it at the same moment.
            cursor.execute(
                f"DO $$ BEGIN CREATE ROLE {ROLL} LOGIN; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        assert bevilja_approll(roll=ROLL) == ROLL
    app = psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        dbname=s["NAME"],
        user=roll,
        password=losen,
        autocommit=True,
    )
    yield app
    app.close()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_suite_runs_as_the_runtime_role_with_two_urls():
    """With DATABASE_MIGRATE_URL (CI): the tests' own connection owns nothing and has no
    TRUNCATE, and the owner's connection is another role that owns the ledger."""
    if connection.vendor != "postgresql" or not tva_roller():
        pytest.skip("DATABASE_MIGRATE_URL saknas: sviten kör som en enda roll")
    fraga = (
        "SELECT current_user, pg_get_userbyid(c.relowner),"
        " has_table_privilege(current_user, 'ekonomi_rad', 'TRUNCATE'),"
        " has_table_privilege(current_user, 'ekonomi_rad', 'TRIGGER'),"
        " has_schema_privilege(current_user, 'public', 'CREATE'),"
        " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
        " FROM pg_class c WHERE c.relname = 'ekonomi_rad'"
    )
    with connection.cursor() as cursor:
        cursor.execute(fraga)
        jag, agare, truncate, trigger, create, superuser = cursor.fetchone()
    assert jag == settings.FINSAM_DB_APPROLL
    assert jag != agare
    assert (truncate, trigger, create, superuser) == (False, False, False, False)
    with som_agare(), connection.cursor() as cursor:
        cursor.execute(fraga)
        assert cursor.fetchone()[:2] == (agare, agare)


ANGREPP = [
    "TRUNCATE ekonomi_rad CASCADE",
    "TRUNCATE forbund_logghandelse",
    "ALTER TABLE ekonomi_rad DISABLE TRIGGER ALL",
    "ALTER TABLE ekonomi_rad DISABLE TRIGGER ekonomi_rad_skydd",
    "DROP TRIGGER ekonomi_rad_skydd ON ekonomi_rad",
    "DROP FUNCTION finsam_rad_skydd() CASCADE",
    "CREATE OR REPLACE FUNCTION finsam_rad_skydd() RETURNS trigger AS $$ BEGIN RETURN OLD; END"
    " $$ LANGUAGE plpgsql",
    "ALTER TABLE ekonomi_konto ADD COLUMN x integer",
    "SET session_replication_role = replica",
    "CREATE TABLE ekonomi_x (i integer)",
    "UPDATE ekonomi_rad SET belopp = 0",
    "DELETE FROM ekonomi_verifikation",
    "UPDATE ekonomi_kontosaldo SET belopp = 0",
    "UPDATE forbund_logghandelse SET beskrivning = 'x'",
    "DELETE FROM forbund_logghandelse",
]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sql", ANGREPP)
def test_runtime_role_is_refused(app_anslutning, forbund, kansli, sql):
    import psycopg

    services.kontoplan_skapa_standard(forbund=forbund)
    ar = services.rakenskapsar_skapa(
        forbund=forbund,
        start=datetime.date(2024, 1, 1),
        slut=datetime.date(2024, 12, 31),
        user=kansli,
    )
    k = {x.nummer: x for x in forbund.konton.all()}
    services.verifikation_create(
        forbund=forbund,
        datum=datetime.date(2024, 3, 1),
        text="Bidrag",
        rader=[(k["1930"], 100), (k["3511"], -100)],
        user=kansli,
    )
    with pytest.raises(psycopg.Error):
        app_anslutning.execute(sql)
    assert app_anslutning.execute(
        "SELECT count(*), sum(abs(belopp)) FROM ekonomi_rad r JOIN ekonomi_verifikation v"
        " ON v.id = r.verifikation_id WHERE v.rakenskapsar_id = %s",
        [ar.pk],
    ).fetchone() == (2, 200)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_runtime_role_can_post_and_the_balances_follow(app_anslutning, forbund, kansli):
    services.kontoplan_skapa_standard(forbund=forbund)
    ar = services.rakenskapsar_skapa(
        forbund=forbund,
        start=datetime.date(2024, 1, 1),
        slut=datetime.date(2024, 12, 31),
        user=kansli,
    )
    k = {x.nummer: x.pk for x in forbund.konton.all()}
    serie = ar.serier.get(kod="A").pk
    app = app_anslutning
    with app.transaction():
        ver = app.execute(
            "INSERT INTO ekonomi_verifikation (rakenskapsar_id, serie_id, nummer, datum, text,"
            " status, registrerad) VALUES (%s, %s, 1, '2024-05-02', 'Direkt', 'P', now())"
            " RETURNING id",
            [ar.pk, serie],
        ).fetchone()[0]
        app.execute(
            "INSERT INTO ekonomi_rad (verifikation_id, konto_id, belopp, text)"
            " VALUES (%s, %s, 250, ''), (%s, %s, -250, '')",
            [ver, k["1930"], ver, k["3511"]],
        )
        app.execute("UPDATE ekonomi_verifikation SET status = 'B' WHERE id = %s", [ver])
    assert app.execute(
        "SELECT belopp FROM ekonomi_kontosaldo WHERE konto_id = %s AND manad = '2024-05-01'",
        [k["1930"]],
    ).fetchone() == (250,)
