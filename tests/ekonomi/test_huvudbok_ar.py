"""Issue 16.2: one account's huvudbok for one year reads that year's rows of the account
through the (konto, verifikation) index, bounded by the year's voucher ids, and gives
the same rows and sums as the plain year condition."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ekonomi import selectors, services

D = datetime.date


@pytest.fixture
def tva_ar(forbund, kontoplan, forbundschef, bokfor):
    """2023 and 2024; the rarely used account 2910 has a row in each year."""
    k = kontoplan
    ar23 = services.rakenskapsar_skapa(
        forbund=forbund, start=D(2023, 1, 1), slut=D(2023, 12, 31), user=forbundschef
    )
    ar24 = services.rakenskapsar_skapa(
        forbund=forbund, start=D(2024, 1, 1), slut=D(2024, 12, 31), user=forbundschef
    )
    for ar in (2023, 2024):
        for m in range(1, 13):
            bokfor(D(ar, m, 10), [(k["1930"], 1_000 * m), (k["3511"], -1_000 * m)])
        bokfor(D(ar, 6, 30), [(k["4610"], 7_00 + ar), (k["2910"], -(7_00 + ar))])
    return ar23, ar24


def test_an_accounts_year_has_that_years_rows_only(tva_ar, kontoplan):
    ar23, ar24 = tva_ar
    for ar, belopp in ((ar23, -2723), (ar24, -2724)):
        hb = selectors.huvudbok(konto=kontoplan["2910"], rakenskapsar=ar)
        assert [r.belopp for r in hb.sida.object_list] == [belopp]
        assert hb.ub == belopp
    hb = selectors.huvudbok(konto=kontoplan["1930"], rakenskapsar=ar24, per_sida=5, sida=2)
    assert [r.belopp for r in hb.sida.object_list] == [6_000, 7_000, 8_000, 9_000, 10_000]
    assert hb.ingaende_sida == 15_000
    assert hb.ub == 78_000


def test_an_accounts_year_is_read_through_the_account_index(tva_ar, kontoplan):
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN of PostgreSQL's planner")
    with CaptureQueriesContext(connection) as ctx:
        selectors.huvudbok(konto=kontoplan["2910"], rakenskapsar=tva_ar[1])
    sql = [q["sql"] for q in ctx.captured_queries if "ekonomi_rad" in q["sql"]][-1]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables: show the index used
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "rad_konto_ver" in plan, plan
    assert "Seq Scan on ekonomi_rad" not in plan, plan
