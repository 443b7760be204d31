"""Issue 17.6: the ledger holds against a client with raw SQL on the application's
connection. Each test is one attack, refused by the database itself."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from ekonomi import services
from ekonomi.models import Konto, Period, Rakenskapsar, Verifikation
from forbund.models import Forbund, Logghandelse
from tests.pgroller import som_agare

D = datetime.date
needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="an SQLite connection defines its own functions"
)
postgres_only = pytest.mark.postgres_only


def _sql(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, list(params))


@pytest.fixture
def posted(ar, kontoplan, projekt, bokfor):
    return bokfor(
        D(2024, 3, 1), [(kontoplan["1930"], 10000), (kontoplan["4610"], -10000, [projekt])]
    )


def test_defining_the_old_maintenance_function_does_not_open_deletes(posted):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function("finsam_underhall", 0, lambda: 1)
    for sql in (
        "DELETE FROM ekonomi_radobjekt",
        "DELETE FROM ekonomi_rad",
        "DELETE FROM ekonomi_verifikation",
    ):
        with pytest.raises(IntegrityError):
            _sql(sql)
    assert Verifikation.objects.filter(pk=posted.pk, status="B").exists()
    assert posted.rader.count() == 2


@needs_sqlite
def test_sqlite_guard_does_not_depend_on_any_sql_function(posted):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        bodies = " ".join(r[0] for r in cursor.fetchall())
    assert "finsam_underhall" not in bodies


def test_posted_rows_cannot_be_updated_with_raw_sql(posted):
    with pytest.raises(IntegrityError, match="kan inte ändras"):
        _sql("UPDATE ekonomi_rad SET belopp = belopp * 2 WHERE verifikation_id = %s", [posted.pk])
    with pytest.raises(IntegrityError, match="kan inte ändras"):
        _sql(
            "UPDATE ekonomi_verifikation SET datum = %s WHERE id = %s", [D(2024, 4, 1), posted.pk]
        )


@pytest.mark.parametrize(
    ("column", "value"), [("nummer", "1931"), ("typ", "S"), ("forbund_id", "annat")]
)
def test_account_with_rows_keeps_number_type_and_forbund(
    posted, kontoplan, annat_forbund, column, value
):
    if value == "annat":
        value = annat_forbund.pk
    bank = kontoplan["1930"]
    with pytest.raises(IntegrityError, match="konto med rader"):
        _sql(f"UPDATE ekonomi_konto SET {column} = %s WHERE id = %s", [value, bank.pk])
    bank.refresh_from_db()
    assert (bank.nummer, bank.typ, bank.forbund_id) == (
        "1930",
        "T",
        posted.rakenskapsar.forbund_id,
    )


def test_account_with_rows_cannot_be_deleted_with_raw_sql(posted, kontoplan):
    with pytest.raises(IntegrityError, match="konto med rader"):
        _sql("DELETE FROM ekonomi_konto WHERE id = %s", [kontoplan["1930"].pk])


def test_account_without_rows_can_still_be_renumbered_and_renamed(posted, kontoplan):
    konto = Konto.objects.create(
        forbund=posted.rakenskapsar.forbund, nummer="1999", namn="X", typ="T"
    )
    _sql("UPDATE ekonomi_konto SET nummer = '1998', typ = 'S' WHERE id = %s", [konto.pk])
    _sql("UPDATE ekonomi_konto SET namn = 'Bank ny' WHERE id = %s", [kontoplan["1930"].pk])
    assert Konto.objects.get(pk=konto.pk).nummer == "1998"
    assert Konto.objects.get(pk=kontoplan["1930"].pk).namn == "Bank ny"


@pytest.fixture
def last_mars(ar, forbundschef):
    period = ar.perioder.get(start=D(2024, 3, 1))
    return services.period_las(period=period, user=forbundschef, orsak="Rapporterad")


def test_unlock_without_reason_is_refused_in_raw_sql(last_mars):
    with pytest.raises(IntegrityError, match="orsak"):
        _sql("UPDATE ekonomi_period SET last = %s WHERE id = %s", [False, last_mars.pk])
    assert Period.objects.get(pk=last_mars.pk).last is True
    assert not Logghandelse.objects.filter(handelse="upplast").exists()


def test_raw_sql_unlock_with_a_reason_writes_the_audit_row_itself(last_mars, forbund):
    _sql(
        "UPDATE ekonomi_period SET last = %s, upplasningsorsak = %s WHERE id = %s",
        [False, "Direkt i databasen", last_mars.pk],
    )
    logg = Logghandelse.objects.get(handelse="upplast")
    assert (logg.forbund_id, logg.objekttyp, logg.objekt_id) == (
        forbund.pk,
        "ekonomi.Period",
        str(last_mars.pk),
    )
    assert logg.user_id is None
    assert logg.beskrivning == "Period 2024-03 upplåst: Direkt i databasen"
    assert logg.andringar == {"last": [True, False], "orsak": "Direkt i databasen"}
    period = Period.objects.get(pk=last_mars.pk)
    assert (period.last, period.upplasningsorsak, period.upplast_av_id) == (False, "", None)


def test_unlock_through_the_service_is_logged_once_with_user_and_reason(last_mars, forbundschef):
    services.period_las_upp(period=last_mars, user=forbundschef, orsak="Sen faktura")
    logg = Logghandelse.objects.get(handelse="upplast")
    assert (logg.user, logg.andringar["orsak"]) == (forbundschef, "Sen faktura")


def test_a_reason_cannot_be_left_waiting_for_a_later_unlock(last_mars):
    with pytest.raises(IntegrityError, match="orsak"):
        _sql("UPDATE ekonomi_period SET upplasningsorsak = 'x' WHERE id = %s", [last_mars.pk])


def test_closed_year_cannot_be_reopened_or_its_periods_unlocked(ar, posted):
    _sql("UPDATE ekonomi_period SET last = %s WHERE rakenskapsar_id = %s", [True, ar.pk])
    _sql("UPDATE ekonomi_rakenskapsar SET stangt = %s WHERE id = %s", [True, ar.pk])
    with pytest.raises(IntegrityError, match="öppnas igen"):
        _sql("UPDATE ekonomi_rakenskapsar SET stangt = %s WHERE id = %s", [False, ar.pk])
    with pytest.raises(IntegrityError, match="bokslut"):
        _sql(
            "UPDATE ekonomi_period SET last = %s, upplasningsorsak = 'x' "
            "WHERE rakenskapsar_id = %s",
            [False, ar.pk],
        )
    assert not Period.objects.filter(rakenskapsar=ar, last=False).exists()


def test_year_with_vouchers_keeps_its_dates_and_forbund(ar, posted, annat_forbund):
    with pytest.raises(IntegrityError, match="byta förbund eller datum"):
        _sql(
            "UPDATE ekonomi_rakenskapsar SET forbund_id = %s WHERE id = %s",
            [annat_forbund.pk, ar.pk],
        )
    with pytest.raises(IntegrityError, match="byta förbund eller datum"):
        _sql("UPDATE ekonomi_rakenskapsar SET slut = %s WHERE id = %s", [D(2025, 12, 31), ar.pk])
    assert Rakenskapsar.objects.get(pk=ar.pk).forbund_id != annat_forbund.pk


TRUNCATE_SKYDDADE = [
    "ekonomi_verifikation",
    "ekonomi_rad",
    "ekonomi_radobjekt",
    "ekonomi_konto",
    "ekonomi_rakenskapsar",
    "ekonomi_period",
    "ekonomi_serie",
    "forbund_logghandelse",
    "ekonomi_objekt",  # 0017: the foreign key that refused it is a trigger now
]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_truncate_of_ledger_tables_is_refused_even_to_the_owner(posted):
    """The BEFORE TRUNCATE triggers refuse the owner too (the runtime role has no TRUNCATE
    at all: test_approll.py). Transactional: the owner's connection (tests/pgroller.py)
    is another session than the test's, which must not hold the table's locks."""
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE finns bara på PostgreSQL")
    with som_agare():
        for tabell in TRUNCATE_SKYDDADE:
            with pytest.raises(IntegrityError, match="TRUNCATE"):
                _sql(f"TRUNCATE {tabell} CASCADE")
    assert Verifikation.objects.filter(pk=posted.pk).exists()
    assert Forbund.objects.exists()


SQLITE_TRIGGRAR = {
    "ekonomi_ver_skapas_preliminar", "ekonomi_ver_bokford_andras", "ekonomi_ver_bokford_tas_bort",
    "ekonomi_ver_bokfors", "ekonomi_ver_last_period_ny", "ekonomi_ver_last_period_andras",
    "ekonomi_ver_periodsaldo", "ekonomi_rad_ny", "ekonomi_rad_andras", "ekonomi_rad_tas_bort",
    "ekonomi_rad_last_period", "ekonomi_radobjekt_ny", "ekonomi_radobjekt_andras",
    "ekonomi_radobjekt_tas_bort", "ekonomi_konto_med_rader_andras",
    "ekonomi_konto_med_rader_tas_bort", "ekonomi_ar_skydd", "ekonomi_period_upplasning",
    "ekonomi_period_upplast_loggas", "ekonomi_period_orsak_utan_upplasning",
    # 0017: a parent with rows is neither deleted nor renumbered.
    "ekonomi_verifikation_borttagen", "ekonomi_rad_borttagen", "ekonomi_objekt_borttagen",
    "ekonomi_verifikation_byter_id", "ekonomi_konto_byter_id", "ekonomi_rad_byter_id",
    "ekonomi_objekt_byter_id",
}  # fmt: skip
POSTGRES_TRIGGRAR = {
    "ekonomi_ver_skydd", "ekonomi_ver_period", "ekonomi_ver_ny_mangd",
    "ekonomi_ver_bokfors_mangd", "ekonomi_ver_periodsaldo", "ekonomi_rad_skydd",
    "ekonomi_rad_ny_mangd", "ekonomi_radobjekt_skydd", "ekonomi_radobjekt_ny_mangd",
    "ekonomi_konto_skydd", "ekonomi_ar_skydd", "ekonomi_period_upplasning",
    "ekonomi_kontosaldo_skydd", "ekonomi_objektsaldo_skydd",
    *(f"{t}_ingen_truncate" for t in (
        "ekonomi_verifikation", "ekonomi_rad", "ekonomi_radobjekt", "ekonomi_konto",
        "ekonomi_rakenskapsar", "ekonomi_period", "ekonomi_serie", "forbund_logghandelse",
        "ekonomi_kontosaldo", "ekonomi_objektsaldo", "ekonomi_objekt",
    )),
    # 0017: the foreign keys of ekonomi_rad and ekonomi_radobjekt, set-based.
    "ekonomi_rad_foraldrar_ny", "ekonomi_rad_foraldrar_andras",
    "ekonomi_radobjekt_foraldrar_ny", "ekonomi_radobjekt_foraldrar_andras",
    "ekonomi_verifikation_borttagen", "ekonomi_rad_borttagen", "ekonomi_objekt_borttagen",
    "ekonomi_verifikation_byter_id", "ekonomi_konto_byter_id", "ekonomi_rad_byter_id",
    "ekonomi_objekt_byter_id",
}  # fmt: skip


def test_every_ledger_trigger_survives_all_migrations(db):
    """On SQLite a migration that rebuilds a table (AddField, AlterField, a constraint)
    silently drops the table's triggers: this fails if a later migration did that."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            forvantade = SQLITE_TRIGGRAR
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
            )
            forvantade = POSTGRES_TRIGGRAR
        finns = {r[0] for r in cursor.fetchall()}
    assert forvantade - finns == set()
