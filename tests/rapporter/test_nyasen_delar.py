"""Done-when of issue 13 for the delårsrapport: the books of a förbund known only from
its SIE file (tests/rapporter/nyasen.py, the shape of seed 003) give a delårsrapport that
states nothing false on screen, in the PDF's HTML and in JSON."""

import datetime

import pytest
from django.urls import reverse

from forbund.models import Roll
from rapporter.builders.delarsrapport import bygg_delarsrapport
from rapporter.rendering import render_pdf_html
from tests.conftest import make_user
from tests.rapporter.nyasen import importera_nyasen

pytestmark = pytest.mark.django_db
FALSKT = (
    "Styrelsen har haft 0",
    "0 sammanträden",
    "Inga ledamöter registrerade",
    "Inga revisorer registrerade",
    "Budget 0,0",
    "Budget 2019",  # no budget registered: no budget column
    "Årets resultat",  # a delårsrapport says "Periodens resultat"
    "Årsredovisningen har upprättats",
    "1997:614",  # 2019: LKBR, not the old law
    'class="num">2018',  # formed 2019: no comparison column of last year
)


@pytest.fixture
def chef():
    return make_user("nyasen_chef")


@pytest.fixture
def nyasen(chef):
    return importera_nyasen(anvandare=[(chef, Roll.FORBUNDSCHEF)])


def test_the_delarsrapport_page_states_nothing_false(client, chef, nyasen):
    client.force_login(chef)
    url = reverse("rapporter:delarsrapport", kwargs={"orgnr": nyasen.orgnr, "ar": 2019})
    sida = client.get(url + "?till=2019-08-31").content.decode()
    for falskt in FALSKT:
        assert falskt not in sida, falskt
    assert "Periodens resultat" in sida
    assert "Uppgift saknas" in sida
    data = client.get(url + "?till=2019-08-31&format=json").json()
    assert data["resultatrakning"]["kolumner"] == ["2019-01-01 – 2019-08-31", "Prognos 2019"]
    rubriker = [r["rubrik"] for r in data["resultatrakning"]["rader"]]
    assert "Årets resultat" not in rubriker
    assert "Periodens resultat" in rubriker
    assert data["budgetversion"] is None


def test_the_delarsrapport_pdf_html_states_nothing_false(nyasen):
    rapport = bygg_delarsrapport(forbund=nyasen, ar=2019, till=datetime.date(2019, 8, 31))
    html = render_pdf_html(rapport)
    for falskt in FALSKT:
        assert falskt not in html, falskt
    assert "Periodens resultat" in html
