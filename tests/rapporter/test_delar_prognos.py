"""The delårsrapport's use of the year's budget and its helårsprognos of member
contributions when neither a budget nor a decision on the contributions exists."""

import datetime
from decimal import Decimal

import pytest

from ekonomi.models import Rakenskapsar
from rapporter.builders.delarsrapport import budgetandel, bygg_delarsrapport
from rapporter.builders.grund import Enhet, Tabell, Tabellrad
from rapporter.builders.prognos import bidrag_utan_beslut, extrapolera
from rapporter.rendering import render_html
from tests.rapporter.bok import Bok
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
    # from monthly accruals (prognos.bidrag_utan_beslut), so the forecast is not made:
    # the line and the sums below it print "–", the line says why, and the report lists
    # the missing decision, so fastställ asks for it.
    forbund = importera_nyasen()
    dok = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))
    vi = dok.resultatrakning.rad("VI")
    assert (vi.belopp, vi.kommentar) == (
        [308_000_000, None],  # neither 462 000 000 (× 12/8) nor the booked amount
        "Uppgift saknas: beslut saknas och inget helt föregående år att jämföra med",
    )
    assert dok.resultatrakning.rad("AR").belopp[1] is None
    assert (dok.eget_kapital_prognos, dok.tak) == (None, None)
    (saknas,) = [s for s in dok.saknas if s.nyckel == "medlemsbidrag"]
    assert (saknas.text, saknas.url) == (
        "beslut om medlemsbidragen 2019 (underlag för helårsprognosen)",
        f"/f/{forbund.orgnr}/medlemsbidrag/",
    )
    assert "medlemsbidrag" in {s.nyckel for s in dok.saknas_oppna}


def test_without_a_decision_last_years_amount_is_the_floor():
    # Ledger sign: income is credit (negative). Period to 31 August (8 of 12 months).
    assert bidrag_utan_beslut(-2_000_000_00, -3_000_000_00) == (
        -3_000_000_00,
        "föregående års belopp; beslut saknas",
    )
    assert bidrag_utan_beslut(-3_100_000_00, -3_000_000_00) == (
        -3_100_000_00,
        "bokfört belopp; beslut saknas",
    )
    # No whole earlier year: no forecast, and said so.
    assert bidrag_utan_beslut(-2_000_000_00, 0) == (
        None,
        "Uppgift saknas: beslut saknas och inget helt föregående år att jämföra med",
    )


def test_extrapolation_over_the_months_of_a_year_that_starts_mid_year():
    till = datetime.date(2019, 8, 31)
    assert extrapolera(-40_000_00, till) == -60_000_00  # a whole year: × 12/8
    assert extrapolera(-40_000_00, till, datetime.date(2019, 1, 1)) == -60_000_00
    # Books from 1 July: July–August is 2 of the year's 6 months.
    assert extrapolera(-40_000_00, till, datetime.date(2019, 7, 1)) == -120_000_00
    # From 16 September 2019 to 30 September: half a month of 3.5 (× 7).
    assert extrapolera(1_000_00, datetime.date(2019, 9, 30), datetime.date(2019, 9, 16)) == (
        7_000_00
    )


def _forsta_ar(forbund, start: datetime.date) -> Bok:
    bok = Bok(forbund)
    bok.ar[start.year] = Rakenskapsar.objects.create(
        forbund=forbund, start=start, slut=datetime.date(start.year, 12, 31)
    )
    for nummer in ("1930", "2010", "3511", "4610"):
        bok.konto(nummer)
    return bok


@pytest.mark.django_db
def test_a_first_year_that_starts_in_july(forbund):
    # Formed 1 July 2019: the half-year's contributions (600 000 kr) invoiced in July, costs
    # 20 000 kr a month. Costs are extrapolated over the year's six months, not 12/8; the
    # contributions cannot be forecast without a decision or budget.
    bok = _forsta_ar(forbund, datetime.date(2019, 7, 1))
    bok.ver(datetime.date(2019, 7, 5), [("1930", 600_000), ("3511", -600_000)])
    for dag in (datetime.date(2019, 7, 25), datetime.date(2019, 8, 25)):
        bok.ver(dag, [("4610", 20_000), ("1930", -20_000)])
    dok = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))
    rr = dok.resultatrakning
    assert (rr.rad("VK").belopp, rr.rad("VK").kommentar) == (
        [-4_000_000, -12_000_000],
        "uppräknat till räkenskapsåret från 2019-07-01",
    )
    assert rr.rad("VI").belopp == [60_000_000, None]
    assert [rr.rad(k).visat[1] for k in ("VN", "AR")] == [None, None]
    assert dok.eget_kapital_prognos is None
    assert "medlemsbidrag" in {s.nyckel for s in dok.saknas_oppna}
    html = render_html(dok)
    assert "Det egna kapitalet vid årets slut kan inte prognostiseras" in html
    # With the decision the forecast is made (and so are the sums).
    from forbund.models import Bidragsandel, Bidragsar

    fk = forbund.medlemmar.get(namn="Försäkringskassan")
    fk.intaktskonton = "3511"
    fk.save()
    bidragsar = Bidragsar.objects.create(forbund=forbund, ar=2019, statlig_tilldelning=600_000)
    Bidragsandel.objects.create(bidragsar=bidragsar, medlem=fk, belopp=600_000)
    dok = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))
    rr = dok.resultatrakning
    assert rr.rad("VI").belopp == [60_000_000, 60_000_000]
    assert rr.rad("AR").belopp[1] == 48_000_000
    assert dok.eget_kapital_prognos == 48_000_000


@pytest.mark.django_db
def test_last_year_from_october_is_not_a_whole_year_to_compare_with(forbund):
    # Books from 1 October 2018: 2018's 300 000 kr of contributions are a quarter, not a
    # year, so 2019's contributions without a decision are not forecast from them.
    bok = _forsta_ar(forbund, datetime.date(2018, 10, 1))
    bok.ver(datetime.date(2018, 10, 5), [("1930", 300_000), ("3511", -300_000)])
    bok.ver(datetime.date(2019, 1, 5), [("1930", 800_000), ("3511", -800_000)])
    bok.ver(datetime.date(2019, 3, 5), [("4610", 80_000), ("1930", -80_000)])
    dok = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))
    rr = dok.resultatrakning
    assert rr.rad("VI").belopp[1] is None
    assert rr.rad("VK").belopp[1] == -12_000_000  # × 12/8: 2019 is a whole year


@pytest.mark.django_db
def test_a_forecast_that_cannot_be_made_prints_as_a_dash_in_every_format(forbund):
    import json

    from rapporter.rendering import render_pdf_html
    from rapporter.word import render_docx

    bok = _forsta_ar(forbund, datetime.date(2019, 7, 1))
    bok.ver(datetime.date(2019, 7, 5), [("1930", 600_000), ("3511", -600_000)])
    dok = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))
    data = json.loads(json.dumps(dok.som_dict(), default=str))
    assert data["eget_kapital"]["prognos_vid_arets_slut"] is None
    assert data["eget_kapital"]["prognos_visat"] is None
    assert "Det egna kapitalet vid årets slut kan inte prognostiseras" in render_pdf_html(dok)
    assert render_docx(dok)[:2] == b"PK"  # a .docx (zip) is written
