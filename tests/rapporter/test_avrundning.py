"""The rounding rule (issue 13.8): totals are the exact sums rounded, so a table may not
add up as printed; then the report says so once — on screen, in the PDF and in JSON —
and with "delsummor av avrundade belopp" every table adds up and nothing is said."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ekonomi.models import Budgetrad
from rapporter import texter
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan
from rapporter.models import Rapportinstallning
from rapporter.rendering import render_json, render_pdf_html
from tests.rapporter.bok import Bok

pytestmark = pytest.mark.django_db
D = datetime.date


def _bok(forbund) -> Bok:
    """Three costs of 1 050 kr (1,1 tkr each as printed, 3,2 tkr together) in 2024."""
    bok = Bok(forbund)
    bok.ib(2024, [("1930", 100_000), ("2010", -100_000)])
    bok.ver(D(2024, 3, 1), [("4010", 1_050), ("4020", 1_050), ("4030", 1_050), ("1930", -3_150)])
    bok.ver(D(2024, 4, 1), [("1930", 10_000), ("3511", -10_000)])
    return bok


def _antal(forbund, rapport) -> tuple[int, str | None]:
    import json

    return (
        render_pdf_html(rapport).count(texter.AVRUNDNING),
        json.loads(render_json(rapport))["avrundning"],
    )


def test_an_annual_report_that_does_not_add_up_says_so_once_in_the_pdf(forbund):
    _bok(forbund)
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    assert rapport.resultatrakning.rad("VK").visat[0] == Decimal("-3.2")
    assert _antal(forbund, rapport) == (1, texter.AVRUNDNING)


def test_with_sums_of_printed_lines_the_statements_agree_on_the_result(
    forbund, styrelse, client_as
):
    _bok(forbund)
    Rapportinstallning.objects.create(forbund=forbund, summera_avrundade=True)
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    rr = rapport.resultatrakning
    assert rr.rad("VK").visat[0] == Decimal("-3.2")  # one line: 3 150 kr
    assert rr.rad("AR").visat[0] == Decimal("6.8")  # 10,0 − 3,2 as printed
    assert rapport.balansrakning.rad("ARE").visat[0] == Decimal("6.8")
    assert rapport.driftredovisning.rad("AR").visat[0] == Decimal("6.8")
    kf = rapport.kassaflodesanalys
    assert kf.rad("AR").visat[0] == Decimal("6.8")  # not the exact 6,85 rounded to 6,9
    assert kf.rad("KF").visat[0] == Decimal("6.8")
    # The note on the costs totals as the statement line (−3,2), below its accounts
    # printed 3 × −1,1.
    not_vk = next(n.tabell for n in rapport.noter if n.rubrik == "Verksamhetens kostnader")
    assert [str(r.visat[0]) for r in not_vk.rader] == ["-1.1", "-1.1", "-1.1", "-3.2"]
    # Likvida medel print as in the balansräkning; the driftredovisning and the note print
    # each account (3 × 1,1): these tables cannot add up as printed, so the report says so
    # once.
    assert [str(kf.rad(k).visat[0]) for k in ("LMB", "LMS")] == ["100.0", "106.9"]
    flaggade = [t.titel for t in rapport.tabeller if t.avrundningsdifferens]
    assert flaggade == ["Kassaflödesanalys", "Driftredovisning", "Verksamhetens kostnader"]
    assert _antal(forbund, rapport) == (1, texter.AVRUNDNING)
    url = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2024})
    assert client_as(styrelse).get(url).content.decode().count(texter.AVRUNDNING) == 1


def test_a_plan_in_kronor_with_ore_in_the_budget_says_so_once(forbund, styrelse, client_as):
    bok = Bok(forbund)
    version = bok.budget(2025, [("3511", -1_000)])
    for nummer in ("4010", "4020", "4030"):
        Budgetrad.objects.create(version=version, konto=bok.konto(nummer), belopp=50)
    plan = bygg_verksamhetsplan(forbund=forbund, ar=2025, idag=D(2025, 1, 15))
    tabell = plan.tabell
    assert [str(r.visat[0]) for r in tabell.rader if r.kod.startswith("k4")] == ["-1", "-1", "-1"]
    assert str(tabell.rad("SK").visat[0]) == "-2"  # the exact −1,50 kr rounded
    assert tabell.avrundningsdifferens
    assert _antal(forbund, plan) == (1, texter.AVRUNDNING)
    url = reverse("rapporter:verksamhetsplan", kwargs={"orgnr": forbund.orgnr, "ar": 2025})
    assert client_as(styrelse).get(url).content.decode().count(texter.AVRUNDNING) == 1
