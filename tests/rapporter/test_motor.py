"""The report engine: the default LKBR definition, the account check, the kassaflöde
reconciliation and the fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.definitioner import OgiltigtIntervall, matchar, tolka_intervall
from rapporter.models import Rapportdefinition
from tests.rapporter.bok import Bok

D = datetime.date


def _ledger(forbund, vouchers_per_month=1):
    b = Bok(forbund)
    b.insats("I1", "Insats ett")
    b.ib(
        2024,
        [
            ("1930", 1_000_000),
            ("1210", 300_000),
            ("1219", -100_000),
            ("2010", -1_050_000),
            ("2350", -150_000),
        ],
    )
    for manad in range(1, 13):
        for _ in range(vouchers_per_month):
            b.ver(D(2024, manad, 10), [("1930", 50_000), ("3511", -50_000)])
            b.ver(
                D(2024, manad, 15),
                [("4590", 30_000, "I1"), ("5010", 8_000), ("2440", -2_000), ("1930", -36_000)],
            )
    b.ver(D(2024, 6, 30), [("1210", 80_000), ("1930", -80_000)], text="Investering")
    b.ver(D(2024, 12, 31), [("7810", 40_000), ("1219", -40_000)], text="Avskrivning")
    b.ver(D(2024, 12, 31), [("2350", 25_000), ("1930", -25_000)], text="Amortering")
    b.ver(D(2024, 12, 31), [("1510", 12_345), ("3511", -12_345)])
    b.ver(D(2024, 11, 30), [("2210", -5_000), ("7490", 5_000)], text="Avsättning")
    b.ver(D(2024, 10, 1), [("8410", -1_234), ("1930", 1_234)])
    b.ver(D(2024, 10, 2), [("8590", 99), ("1930", -99)])
    return b


def test_default_definition_follows_lkbr(forbund):
    _ledger(forbund)
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    rr = {r.kod: r.belopp[0] for r in rapport.resultatrakning.rader if r.belopp[0] is not None}
    assert rr["VI"] == 61_234_500
    assert rr["VK"] == -46_100_000  # 12 × 38 000 + 5 000 (avsättning), in öre
    assert rr["AV"] == -4_000_000
    assert rr["VN"] == rr["VI"] + rr["VK"] + rr["AV"]
    assert rr["FI"] == 123_400
    assert rr["FK"] == -9_900
    assert rr["AR"] == 61_234_500 - 46_100_000 - 4_000_000 + 123_400 - 9_900
    assert "SK" not in rr  # skatteintäkter: no accounts, hidden
    br = {r.kod: r.belopp[0] for r in rapport.balansrakning.rader if r.belopp[0] is not None}
    assert br["ST"] == br["SEK"]
    assert br["ARE"] == rr["AR"]


def test_kassaflode_reconciles_with_investments_depreciation_and_loans(forbund):
    _ledger(forbund)
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    kf = {r.kod: r.belopp[0] for r in rapport.kassaflodesanalys.rader if r.belopp}
    assert kf["AVS"] == 4_000_000
    assert kf["INV"] == -8_000_000
    assert kf["FIN"] == -2_500_000
    assert kf["AVSA"] == 500_000
    avst = rapport.avstamning[0]
    assert avst.stammer
    assert kf["KF"] == avst.forandring_likvida == kf["LMS"] - kf["LMB"]


def test_drafts_never_count(forbund):
    b = _ledger(forbund)
    fore = bygg_arsredovisning(forbund=forbund, ar=2024).resultatrakning.rad("AR").belopp
    b.ver(D(2024, 5, 5), [("1930", 999_999), ("3511", -999_999)], status="P")
    efter = bygg_arsredovisning(forbund=forbund, ar=2024).resultatrakning.rad("AR").belopp
    assert fore == efter


def test_account_that_lands_nowhere_is_listed(forbund):
    b = _ledger(forbund)
    b.konto("9100", "Konto utanför planen", typ="K")
    b.ver(D(2024, 3, 3), [("9100", 1_000), ("1930", -1_000)])
    kontroll = bygg_arsredovisning(forbund=forbund, ar=2024).kontroll
    assert [k.nummer for k in kontroll.saknas] == ["9100"]
    assert not kontroll.ok


def test_account_landing_twice_is_listed(forbund):
    _ledger(forbund)
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    assert rapport.kontroll.ok
    definition = Rapportdefinition.objects.get(forbund=forbund, typ="rr")
    definition.rader.filter(kod="AV").update(konton="78,7490")
    kontroll = bygg_arsredovisning(forbund=forbund, ar=2024).kontroll
    assert [(k.nummer, koder) for k, koder in kontroll.dubbla] == [("7490", ["VK", "AV"])]


def test_account_ranges():
    assert tolka_intervall("30-39, 84") == [("30", "39"), ("84", "84")]
    assert matchar("3511", [("30", "39")])
    assert not matchar("4010", [("30", "39")])
    assert matchar("8410", [("84", "84")])
    with pytest.raises(OgiltigtIntervall):
        tolka_intervall("3x")
    with pytest.raises(OgiltigtIntervall):
        tolka_intervall("39-30")


def _queries(forbund) -> int:
    bygg_arsredovisning(forbund=forbund, ar=2024)  # definitions created on first use
    with CaptureQueriesContext(connection) as ctx:
        bygg_arsredovisning(forbund=forbund, ar=2024)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_data(forbund, annat_forbund):
    _ledger(forbund, vouchers_per_month=1)
    _ledger(annat_forbund, vouchers_per_month=6)
    assert _queries(forbund) == _queries(annat_forbund)


def test_default_noter_include_costs_per_kostnadsslag_and_per_insats(forbund):
    _ledger(forbund)
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    noter = {n.rubrik: n for n in rapport.noter}
    assert list(noter)[0] == "Redovisningsprinciper"
    kostnader = {r.rubrik: r.belopp[0] for r in noter["Verksamhetens kostnader"].tabell.rader}
    assert kostnader["Konto 4590"] == -36_000_000
    insatser = {
        r.rubrik: r.belopp[0] for r in noter["Verksamhetens kostnader per insats"].tabell.rader
    }
    assert insatser == {"Insats ett": -36_000_000, "Summa insatser": -36_000_000}
    for rubrik in (
        "Finansiella intäkter",
        "Finansiella kostnader",
        "Fordringar",
        "Kassa och bank",
        "Kortfristiga skulder",
        "Eget kapital",
        "Panter och ansvarsförbindelser",
    ):
        assert rubrik in noter, rubrik
    assert rapport.resultatrakning.rad("VK").not_nr == noter["Verksamhetens kostnader"].nr


def test_only_this_year_in_the_books_gives_last_year_end_from_the_ib_voucher(forbund):
    b = Bok(forbund)
    b.ib(2024, [("1930", 1_000_000), ("2010", -1_000_000)])
    b.ver(D(2024, 3, 1), [("1930", 200_000), ("3511", -200_000)])
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    br = {r.kod: r.belopp for r in rapport.balansrakning.rader if r.belopp[0] is not None}
    assert br["KB"] == [120_000_000, 100_000_000]
    assert br["OEK"] == [100_000_000, 100_000_000]
    # Last year's result is inside eget kapital in the IB voucher: "–", not a false 0.
    assert br["ARE"] == [20_000_000, None]
    assert rapport.resultatrakning.kolumner == ["2024"]
    assert rapport.kassaflodesanalys.kolumner == ["2024"]
    assert rapport.avstamning[0].stammer


def test_bas_style_financial_accounts_land_by_type(forbund):
    b = Bok(forbund)
    b.konto("8310", "Ränteintäkter", typ="I")
    b.konto("8410", "Räntekostnader", typ="K")
    b.ib(2024, [("1930", 1_000), ("2010", -1_000)])
    b.ver(D(2024, 3, 1), [("1930", 300), ("8310", -300)])
    b.ver(D(2024, 3, 2), [("8410", 100), ("1930", -100)])
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    rr = rapport.resultatrakning
    assert rr.rad("FI").belopp[0] == 30_000
    assert rr.rad("FK").belopp[0] == -10_000
    assert rapport.kontroll.ok
