"""The demo books reproduce Helsingborg's annual report 2013 (seeds/000)."""

from io import StringIO

import pytest
from django.core.management import call_command

from ekonomi import selectors, services
from ekonomi.models import Budgetrad, Verifikation
from forbund.models import Forbund


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
    return Forbund.objects.get(orgnr="222000-1024")


def _tkr(ore):
    from decimal import ROUND_HALF_UP, Decimal

    return (Decimal(ore) / 100000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _ub(forbund, ar):
    sb = selectors.saldobalans(rakenskapsar=selectors.rakenskapsar_for(forbund=forbund, ar=ar))
    ub = {}
    for r in sb.rader:
        ub[r.konto.nummer] = ub.get(r.konto.nummer, 0) + r.ub
    return ub


def _summa(ub, *prefix):
    return sum(b for n, b in ub.items() if n.startswith(prefix))


def test_rr_2013_matches_the_report(demo):
    ub = _ub(demo, 2013)
    assert str(_tkr(-_summa(ub, "351"))) == "14000.0"
    assert str(_tkr(-_summa(ub, "36", "39"))) == "20.0"
    assert str(_tkr(_summa(ub, "4", "6", "7"))) == "13156.4"
    assert str(_tkr(_summa(ub, "5"))) == "783.8"
    assert str(_tkr(-_summa(ub, "84"))) == "87.8"
    ar = selectors.rakenskapsar_for(forbund=demo, ar=2013)
    assert selectors.arets_resultat(rakenskapsar=ar) == -16_760_000


def test_processes_2013_match_not_3(demo):
    ar = selectors.rakenskapsar_for(forbund=demo, ar=2013)
    sb = selectors.saldobalans(rakenskapsar=ar, dimension=6)
    per = {r.objekt.kod: r.ub for r in sb.rader if r.konto.nummer == "4610"}
    assert per == {
        "SAMG": 381_579_700,
        "GPS": 264_623_800,
        "PLANT": 252_324_700,
        "MARIA": 65_926_700,
        "HIT": 146_841_600,
        "KULTUR": 118_258_800,
    }


def test_br_2013_matches_the_report(demo):
    ub = _ub(demo, 2013)
    assert ub["1640"] == 9_394_000 and ub["1610"] == 175_000_000
    assert str(_tkr(_summa(ub, "15", "16", "17"))) == "1843.9"
    assert str(_tkr(ub["1940"])) == "6034.0"
    assert str(_tkr(_summa(ub, "1"))) == "7878.0"
    assert ub["2010"] == -576_230_000  # balanserat resultat 5 762,3
    assert str(_tkr(-_summa(ub, "24", "25", "26", "27", "28", "29"))) == "1948.1"


def test_2012_result_and_ub_ib_check(demo):
    ar = selectors.rakenskapsar_for(forbund=demo, ar=2012)
    assert selectors.arets_resultat(rakenskapsar=ar) == 605_960_000
    assert ar.stangt
    assert services.kontroll_ub_ib(forbund=demo, ar=2012) == []
    assert services.kontroll_ub_ib(forbund=demo, ar=2013) == []


def test_demo_is_idempotent(demo):
    projekt = demo.dimensioner.get(nummer=6).objekt
    antal = (Verifikation.objects.count(), Budgetrad.objects.count(), projekt.count())
    call_command("load_demo", stdout=StringIO())
    assert (Verifikation.objects.count(), Budgetrad.objects.count(), projekt.count()) == antal
    # the six processes of 2013 have ledger objects (the insatser demo adds the later ones)
    koder = {"SAMG", "GPS", "PLANT", "MARIA", "HIT", "KULTUR"}
    assert koder <= set(projekt.values_list("kod", flat=True))


def test_ledger_pages_render_with_the_demo_books(demo, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.get(username="forbundschef"))
    ver = Verifikation.objects.filter(rakenskapsar__forbund=demo).last()
    budget = demo.rakenskapsar.get(start__year=2013).budgetversioner.get()
    o = {"orgnr": demo.orgnr}
    urls = [
        reverse("ekonomi:index", kwargs=o),
        reverse("ekonomi:verifikation-list", kwargs=o) + "?objekt=GPS",
        reverse("ekonomi:verifikation-detail", kwargs={**o, "pk": ver.pk}),
        reverse("ekonomi:verifikation-create", kwargs=o),
        reverse("ekonomi:huvudbok", kwargs={**o, "konto": "1940"}) + "?ar=2013",
        reverse("ekonomi:saldobalans", kwargs=o) + "?ar=2013&dimension=6",
        reverse("ekonomi:konto-list", kwargs=o),
        reverse("ekonomi:dimension-list", kwargs=o),
        reverse("ekonomi:rakenskapsar-list", kwargs=o),
        reverse("ekonomi:budget-list", kwargs=o),
        reverse("ekonomi:budget-grid", kwargs={**o, "budget": budget.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    # The 2014 plan's budget (seed 000 chapter 5) has its own year and pages.
    budget14 = demo.rakenskapsar.get(start__year=2014).budgetversioner.get()
    assert budget14.namn == "Budget 2014"
    svar = client.get(reverse("ekonomi:budget-list", kwargs=o) + "?ar=2014")
    assert "Budget 2014" in svar.content.decode()
    grid = client.get(reverse("ekonomi:budget-grid", kwargs={**o, "budget": budget14.pk}))
    assert grid.status_code == 200
    text = grid.content.decode().replace("\xa0", " ")
    assert "3452000" in text.replace(" ", "") and "IPS" in text
