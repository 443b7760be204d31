"""Layout on a desktop screen (1280 px): wide tables scroll in their own box, the page
itself never gets wider than the window."""

import datetime

from django.urls import reverse

from insatser import services
from insatser.models import Insats
from tests.browser.harness import logga_in, oppna


def _sidbredd(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_a_wide_list_table_does_not_widen_the_page(page, kansli, forbund):
    services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Implementeringsfinansieringsuppföljningsprojektet" * 2,
        typ=Insats.Typ.INDIVID,
        finansieringsform=Insats.Finansiering.IMPLEMENTERING,
        processagare_annan="Utvecklingsnämndensförvaltningsorganisationsenhet" * 2,
        start=datetime.date(2013, 1, 1),
        objektkod="LANG",
    )
    logga_in(page, "kansli")
    oppna(page, reverse("insatser:insats-list", kwargs={"orgnr": forbund.orgnr}))
    bredd, fonster = _sidbredd(page)
    assert bredd <= fonster
    rulle = page.locator(".table-container")
    assert rulle.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls instead
