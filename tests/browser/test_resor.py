"""User journeys through the feature apps in a real browser (Chromium), one role at a time:
what the user sees on the way, and what the database holds afterwards.

Here a member and an insats with participants; the ledger journeys are
test_resor_ekonomi.py. Two-factor login is its own journey (test_journeys.py): these turn
the requirement off so each journey starts at the feature it proves.
"""

import datetime

import pytest

from forbund.models import Logghandelse, Medlem
from insatser.models import Avslutsorsak, Deltagande, Insats
from tests.browser.harness import (
    assert_accessible,
    fel_vid,
    forbund_url,
    fyll_i,
    ga_till,
    logga_in,
    meddelanden,
    oppna,
    rubrik,
    skicka,
    tabellrad,
)

D = datetime.date


pytestmark = pytest.mark.usefixtures("utan_tvafaktor", "stang_anslutningar")


# --- 1. Register a member ------------------------------------------------------------------


def test_kansli_registers_a_member_and_an_end_before_start_is_refused(page, kansli, forbund):
    logga_in(page, "kansli")
    ga_till(page, "Förbund")
    oppna(page, forbund_url("forbund:medlem-list", forbund))
    assert rubrik(page) == "Medlemmar"
    assert_accessible(page, sammanhang="medlemslistan")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name="Ny medlem").click()
    assert rubrik(page) == "Ny medlem"
    assert_accessible(page, sammanhang="ny medlem")

    # End before start: the message stands next to the end field, nothing is saved.
    fyll_i(
        page,
        {
            "Namn": "Grannby kommun",
            "Typ": "Kommun",
            "Medlem från": "2024-01-01",
            "Medlem till och med": "2023-12-31",
        },
    )
    skicka(page, "Spara")
    assert rubrik(page) == "Ny medlem"
    assert fel_vid(page, "Medlem till och med") == "Slutet kan inte ligga före början."
    assert fel_vid(page, "Namn") == ""
    assert_accessible(page, sammanhang="ny medlem med fel")
    assert not Medlem.objects.filter(namn="Grannby kommun").exists()

    fyll_i(page, {"Medlem till och med": "", "Intäktskonto/-konton": "3514"})
    skicka(page, "Spara")
    assert "Grannby kommun" in rubrik(page) or "Grannby kommun" in page.content()
    oppna(page, forbund_url("forbund:medlem-list", forbund))
    rad = tabellrad(page, "Grannby kommun")
    assert rad.count() == 1
    assert "Kommun" in rad.inner_text()

    medlem = Medlem.objects.get(forbund=forbund, namn="Grannby kommun")
    fakta = (medlem.typ, medlem.from_datum, medlem.tom_datum, medlem.intaktskonton)
    loggad = Logghandelse.objects.filter(objekt_id=str(medlem.pk), user=kansli).exists()
    assert fakta == ("kommun", D(2024, 1, 1), None, "3514")
    assert loggad


# --- 2. An insats with participants --------------------------------------------------------


def test_kansli_creates_an_insats_registers_and_closes_participants(page, kansli, forbund):
    Avslutsorsak.objects.create(
        forbund=forbund, kod="ANST", namn="Anställning hos arbetsgivare", arbete_studier=True
    )
    logga_in(page, "kansli")
    ga_till(page, "Insatser")
    assert_accessible(page, sammanhang="insatslistan")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name="Ny insats").click()
    assert_accessible(page, sammanhang="ny insats")
    fyll_i(
        page,
        {
            "Namn": "Unga vuxna i arbete",
            "Typ av insats": "Individinriktad",
            "Finansieringsform": "Helfinansiering",
            "Processägare (medlem)": "Testby kommun",
            "Processtid från": "2024-01-01",
            "Processtid till och med": "2025-12-31",
            "Objektkod i bokföringen (dimension 6)": "UVA",
        },
    )
    skicka(page, "Spara")
    assert rubrik(page).startswith("Unga vuxna i arbete")
    assert_accessible(page, sammanhang="insatsen")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name="Deltagare", exact=True).click()
    assert rubrik(page) == "Deltagare – Unga vuxna i arbete"

    def ny_deltagare(kod: str, kon: str, start: str) -> None:
        with page.expect_navigation():
            page.get_by_role("main").get_by_role("link", name="Ny deltagare").click()
        fyll_i(
            page,
            {
                "Deltagarkod": kod,
                "Kön": kon,
                "Åldersgrupp": "20–24 år",
                "Remitterande part": "Försäkringskassan",
                "Startdatum": start,
                "Skriftligt samtycke lämnat": start,
            },
        )
        skicka(page, "Spara")

    # A code that is a personnummer (valid date, 10 digits) is refused next to the field.
    ny_deltagare("19900315-1234", "Kvinna", "2024-02-01")
    assert rubrik(page) == "Ny deltagare – Unga vuxna i arbete"
    assert "ser ut som ett personnummer" in fel_vid(page, "Deltagarkod")
    assert_accessible(page, sammanhang="ny deltagare med fel")
    assert not Deltagande.objects.exists()
    with page.expect_navigation():
        page.get_by_role("link", name="Avbryt").click()
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name="Deltagare", exact=True).click()

    ny_deltagare("UVA-001", "Kvinna", "2024-02-01")
    assert "Deltagaren är registrerad." in meddelanden(page)
    ny_deltagare("UVA-002", "Man", "2024-03-01")
    assert rubrik(page) == "Deltagare – Unga vuxna i arbete"
    assert_accessible(page, sammanhang="deltagarlistan")

    # Close UVA-001 with an avslutsorsak, through its own form.
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name="UVA-001", exact=True).click()
    assert_accessible(page, sammanhang="ändra deltagare")
    fyll_i(
        page,
        {
            "Slutdatum": "2024-09-30",
            "Avslutsorsak": "Anställning hos arbetsgivare",
            "Sysselsättning vid avslut": "Arbete",
            "Försörjning vid avslut": "Lön",
        },
    )
    skicka(page, "Spara")
    assert "Ändringarna är sparade." in meddelanden(page)
    stangd, oppen = tabellrad(page, "UVA-001"), tabellrad(page, "UVA-002")
    assert "Anställning hos arbetsgivare" in stangd.inner_text()
    assert "Anställning hos arbetsgivare" not in oppen.inner_text()

    insats = Insats.objects.get(forbund=forbund, namn="Unga vuxna i arbete")
    rader = {
        d.kod: (d.kon, d.start, d.slut, d.avslutsorsak.kod if d.avslutsorsak else None)
        for d in Deltagande.objects.filter(insats=insats)
    }
    fakta = (insats.typ, insats.start, insats.slut, insats.objekt.kod)
    assert fakta == ("individ", D(2024, 1, 1), D(2025, 12, 31), "UVA")
    assert rader == {
        "UVA-001": ("K", D(2024, 2, 1), D(2024, 9, 30), "ANST"),
        "UVA-002": ("M", D(2024, 3, 1), None, None),
    }
