"""The delårsrapport's use of the year's budget and its helårsprognos of member
contributions when neither a budget nor a decision on the contributions exists."""

import datetime
from decimal import Decimal

import pytest

from rapporter.builders.delarsrapport import budgetandel, bygg_delarsrapport
from rapporter.builders.grund import Enhet, Tabell, Tabellrad
from rapporter.builders.prognos import bidrag_utan_beslut
from tests.rapporter.nyasen import importera_nyasen


def _rad(kod, rubrik, typ, utfall, budget):
    return Tabellrad(kod, rubrik, typ, [utfall, None, budget], [None, None, None])


def test_budget_share_only_for_lines_of_accounts_with_comparable_amounts():
    rr = Tabell(
        titel="Resultaträkning",
        kolumner=["Utfall", "Prognos", "Budget"],
        enhet=Enhet(),
        rader=[
            _rad("VI", "Verksamhetens intäkter", "konton", 890_100_00, 1_200_000_00),
            _rad("VK", "Verksamhetens kostnader", "konton", -780_000_00, -1_600_000_00),
            _rad("AV", "Avskrivningar", "konton", -5_000_00, 0),
            _rad("FI", "Finansiella intäkter", "konton", 1_200_00, -300_00),
            _rad("FK", "Finansiella kostnader", "konton", 0, 0),
            _rad("VN", "Verksamhetens nettokostnader", "summa", 105_100_00, -400_000_00),
            _rad("AR", "Periodens resultat", "summa", 106_300_00, -400_300_00),
        ],
    )
    assert budgetandel(rr, 0, 2) == [
        ("Verksamhetens intäkter", 890_100_00, 1_200_000_00, Decimal("74.2")),
        ("Verksamhetens kostnader", -780_000_00, -1_600_000_00, Decimal("48.8")),
        ("Avskrivningar", -5_000_00, 0, None),  # no budget: "–"
        ("Finansiella intäkter", 1_200_00, -300_00, None),  # signs differ: "–"
    ]


@pytest.mark.django_db
def test_a_first_years_contributions_without_a_decision_say_so_and_ask_for_it():
    # Issue 13's own example: the whole year's contributions (3 080 tkr) booked in
    # January, no budget, no decision and no earlier year. The ledger cannot tell this
    # from monthly accruals (prognos.bidrag_utan_beslut): the line says the decision is
    # missing and the report lists it, so fastställ asks for it.
    forbund = importera_nyasen()
    dok = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))
    vi = dok.resultatrakning.rad("VI")
    assert (vi.belopp, vi.kommentar) == (
        [308_000_000, 462_000_000],
        "uppräknat till helår; beslut saknas",
    )
    (saknas,) = [s for s in dok.saknas if s.nyckel == "medlemsbidrag"]
    assert (saknas.text, saknas.url) == (
        "beslut om medlemsbidragen 2019 (underlag för helårsprognosen)",
        f"/f/{forbund.orgnr}/medlemsbidrag/",
    )
    assert "medlemsbidrag" in {s.nyckel for s in dok.saknas_oppna}


def test_without_a_decision_last_years_amount_is_the_floor():
    # Ledger sign: income is credit (negative). Period to 31 August (8 of 12 months).
    till = datetime.date(2019, 8, 31)
    assert bidrag_utan_beslut(-2_000_000_00, -3_000_000_00, till) == (
        -3_000_000_00,
        "föregående års belopp; beslut saknas",
    )
    assert bidrag_utan_beslut(-3_100_000_00, -3_000_000_00, till) == (
        -3_100_000_00,
        "bokfört belopp; beslut saknas",
    )
    # No earlier year: extrapolated, and said so.
    assert bidrag_utan_beslut(-2_000_000_00, 0, till) == (
        -3_000_000_00,
        "uppräknat till helår; beslut saknas",
    )
