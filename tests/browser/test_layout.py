"""Layout on a desktop screen (1280 px): wide tables scroll in their own box, the page
itself never gets wider than the window."""

import datetime

from django.urls import reverse

from ekonomi import services as ekonomi_services
from ekonomi.models import Dimension, Objekt
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


def test_the_budget_grid_scrolls_in_its_box_not_the_page(page, kansli, forbundschef, forbund):
    ekonomi_services.kontoplan_skapa_standard(forbund=forbund)
    ar = ekonomi_services.rakenskapsar_skapa(
        forbund=forbund,
        start=datetime.date(2024, 1, 1),
        slut=datetime.date(2024, 12, 31),
        user=forbundschef,
    )
    dim = Dimension.objects.get(forbund=forbund, nummer=Dimension.PROJEKT)
    for i in range(12):
        Objekt.objects.create(dimension=dim, kod=f"PROJ{i:02d}", namn=f"Projekt {i}")
    version = ekonomi_services.budgetversion_skapa(
        rakenskapsar=ar, typ="budget", namn="Budget 2024", user=kansli
    )
    logga_in(page, "kansli")
    oppna(
        page,
        reverse("ekonomi:budget-grid", kwargs={"orgnr": forbund.orgnr, "budget": version.pk}),
    )
    bredd, fonster = _sidbredd(page)
    assert bredd <= fonster  # the visually hidden cell labels no longer widen the page
    assert page.locator(".tabellrulle").evaluate("e => e.scrollWidth > e.clientWidth")
