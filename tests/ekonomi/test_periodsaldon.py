"""Issue 16.2: the monthly balances the database keeps at posting always equal a fresh
sum of the bokförda rows, and the reports read them for whole months."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from ekonomi import selectors, services
from ekonomi.models import Kontosaldo, Objektsaldo, Rad
from ekonomi.sie.importer import sie_importera
from rapporter import aggregering
from tests.sie.conftest import A1, A2, HUVUD, sie

D = datetime.date


def _farsk(forbund, fran, till):
    """Öre per account id of the bokförda rows dated fran..till, summed from the rows."""
    rows = (
        Rad.objects.filter(
            verifikation__rakenskapsar__forbund=forbund,
            verifikation__status="B",
            verifikation__datum__gte=fran,
            verifikation__datum__lte=till,
        )
        .values("konto_id")
        .annotate(s=Sum("belopp"))
    )
    return {r["konto_id"]: r["s"] for r in rows}


@pytest.fixture
def bok(ar, kontoplan, projekt, bokfor):
    k = kontoplan
    a = bokfor(D(2024, 1, 15), [(k["1930"], 1_000_000), (k["3511"], -1_000_000)])
    b = bokfor(D(2024, 3, 31), [(k["4610"], 250_050, [projekt]), (k["1930"], -250_050)])
    bokfor(D(2024, 3, 1), [(k["4610"], 10_000, [projekt]), (k["2910"], -10_000)])
    return a, b


def test_posting_keeps_the_balances_equal_to_the_rows(bok, ar, forbund):
    assert selectors.periodsaldon_avviker(rakenskapsar=ar) == []
    total, ib = selectors.periodsaldon(forbund=forbund, fran=D(2024, 1, 1), till=D(2024, 3, 31))
    assert total == _farsk(forbund, D(2024, 1, 1), D(2024, 3, 31))
    assert set(ib.values()) == {0}
    mars = Kontosaldo.objects.get(rakenskapsar=ar, manad=D(2024, 3, 1), konto__nummer="4610")
    assert mars.belopp == 260_050
    assert Objektsaldo.objects.get(manad=D(2024, 3, 1), konto__nummer="4610").belopp == 260_050


def test_drafts_are_not_in_the_balances(bok, ar, forbund, kontoplan, bokfor):
    bokfor(D(2024, 2, 2), [(kontoplan["1930"], 7), (kontoplan["3511"], -7)], bokfor=False)
    assert not Kontosaldo.objects.filter(manad=D(2024, 2, 1)).exists()
    assert selectors.periodsaldon_avviker(rakenskapsar=ar) == []


def test_reversal_keeps_the_balances_equal_to_the_rows(bok, ar, forbund, kansli):
    services.verifikation_reverse(verifikation=bok[1], user=kansli, datum=D(2024, 4, 2))
    assert selectors.periodsaldon_avviker(rakenskapsar=ar) == []
    total, _ = selectors.periodsaldon(forbund=forbund, fran=D(2024, 1, 1), till=D(2024, 12, 31))
    assert total == _farsk(forbund, D(2024, 1, 1), D(2024, 12, 31))
    assert total[bok[1].rader.get(konto__nummer="4610").konto_id] == 10_000


def test_unlock_and_lock_keep_the_balances(bok, ar, forbund, forbundschef, bokfor, kontoplan):
    mars = ar.perioder.get(start=D(2024, 3, 1))
    services.period_las(period=mars, user=forbundschef, orsak="Rapport")
    services.period_las_upp(period=mars, user=forbundschef, orsak="Sen faktura")
    bokfor(D(2024, 3, 20), [(kontoplan["4610"], 99), (kontoplan["1930"], -99)])
    services.period_las(period=mars, user=forbundschef, orsak="Rapport igen")
    assert selectors.periodsaldon_avviker(rakenskapsar=ar) == []
    total, _ = selectors.periodsaldon(forbund=forbund, fran=D(2024, 3, 1), till=D(2024, 3, 31))
    assert total == _farsk(forbund, D(2024, 3, 1), D(2024, 3, 31))


def test_sie_import_keeps_the_balances_equal_to_the_rows(forbund, kansli):
    imp = sie_importera(fil=sie(HUVUD + A1 + A2), forbund=forbund, user=kansli)
    ar = forbund.rakenskapsar.get()
    assert imp.sammanfattning["bokforda"] == 3
    assert selectors.periodsaldon_avviker(rakenskapsar=ar) == []
    total, ib = selectors.periodsaldon(forbund=forbund, fran=ar.start, till=ar.slut)
    nummer = {k.pk: k.nummer for k in forbund.konton.all()}
    assert {nummer[k]: v for k, v in total.items()} == {
        "1930": 15_000_000,
        "2060": -10_000_000,
        "2910": -120_050,
        "3510": -5_000_000,
        "4610": 120_050,
    }
    assert {nummer[k]: v for k, v in ib.items() if v} == {"1930": 10_000_000, "2060": -10_000_000}
    per_objekt = selectors.periodsaldon_per_objekt(forbund=forbund, fran=ar.start, till=ar.slut)
    assert sorted(per_objekt.values()) == [120_050]


def test_saldobalans_of_whole_months_equals_the_rows(bok, ar, kontoplan):
    rader = selectors.saldobalans(rakenskapsar=ar, fran=D(2024, 2, 1), till=D(2024, 3, 31))
    got = {r.konto.nummer: (r.ib, r.forandring) for r in rader.rader}
    assert got == {
        "1930": (1_000_000, -250_050),
        "2910": (0, -10_000),
        "3511": (-1_000_000, 0),
        "4610": (0, 260_050),
    }
    # The same figures from the rows (an interval that is not whole months).
    dag = selectors.saldobalans(rakenskapsar=ar, fran=D(2024, 2, 1), till=D(2024, 3, 30))
    assert {r.konto.nummer: r.ib for r in dag.rader} == {k: v[0] for k, v in got.items()}


def test_report_aggregation_reads_the_balances_for_whole_months(bok, forbund, ar):
    hel = aggregering.saldon(forbund=forbund, fran=D(2024, 1, 1), till=D(2024, 3, 31))
    assert hel.total == _farsk(forbund, D(2024, 1, 1), D(2024, 3, 31))
    delvis = aggregering.saldon(forbund=forbund, fran=D(2024, 1, 1), till=D(2024, 3, 30))
    assert delvis.total == _farsk(forbund, D(2024, 1, 1), D(2024, 3, 30))
    per_objekt = aggregering.saldon_per_objekt(
        forbund=forbund, fran=D(2024, 1, 1), till=D(2024, 3, 31)
    )
    objekt = Objektsaldo.objects.get()
    assert per_objekt == {(objekt.konto_id, objekt.objekt_id): 260_050}


@pytest.mark.postgres_only
def test_client_cannot_write_the_balances(bok):
    if connection.vendor != "postgresql":
        pytest.skip("the depth guard is PostgreSQL's")
    for sql in (
        "UPDATE ekonomi_kontosaldo SET belopp = belopp + 1",
        "DELETE FROM ekonomi_objektsaldo",
        "INSERT INTO ekonomi_kontosaldo (rakenskapsar_id, manad, konto_id, belopp, ib) "
        "SELECT rakenskapsar_id, '2024-12-01', konto_id, 1, 0 FROM ekonomi_kontosaldo",
    ):
        with (
            pytest.raises(IntegrityError, match="bokföring"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)


@pytest.mark.postgres_only
def test_a_years_balances_are_read_through_the_index(bok, forbund, ar):
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN of PostgreSQL's planner")
    qs = Kontosaldo.objects.filter(
        rakenskapsar=ar, manad__gte=D(2024, 1, 1), manad__lte=D(2024, 12, 31)
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show the index exists
        plan = qs.values("konto_id").annotate(s=Sum("belopp")).order_by().explain()
    assert "ett_kontosaldo_per_manad" in plan
    assert "Seq Scan on ekonomi_kontosaldo" not in plan


def test_saldobalans_per_object_joins_the_rows_objects_once(bok, ar, kontoplan, projekt):
    sb = selectors.saldobalans(rakenskapsar=ar, dimension=6)
    got = {(r.konto.nummer, r.objekt.kod if r.objekt else None): r.ub for r in sb.rader}
    assert got == {
        ("1930", None): 749_950,
        ("2910", None): -10_000,
        ("3511", None): -1_000_000,
        ("4610", projekt.kod): 260_050,
    }
    # A dimension without objects: every row without one.
    tom = selectors.saldobalans(rakenskapsar=ar, dimension=9)
    assert {r.konto.nummer: r.ub for r in tom.rader} == {
        "1930": 749_950,
        "2910": -10_000,
        "3511": -1_000_000,
        "4610": 260_050,
    }


@pytest.mark.postgres_only
def test_saldobalans_per_object_reads_the_year_without_a_subquery_per_row(bok, ar):
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN of PostgreSQL's planner")
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        selectors.saldobalans(rakenskapsar=ar, dimension=6)
    (sql,) = [q["sql"] for q in ctx.captured_queries if "ekonomi_rad" in q["sql"]]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables: show the indexes
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "SubPlan" not in plan
    assert "Seq Scan on ekonomi_rad" not in plan
    assert "ekonomi_ver_rakensk" in plan or "rakenskapsar_id" in plan
