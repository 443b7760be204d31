"""Journeys: a förbundschef invites a new kansli user by e-mail, who sets a password
through the link and logs in; a systemadministratör creates a förbund from the app's own
pages and invites its first förbundschef. Mail is kept in memory (locmem)."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.browser.harness import (
    assert_accessible,
    csp_fel,
    fyll_i,
    ga_till,
    huvudmeny,
    logga_in,
    logga_ut,
    meddelanden,
    rubrik,
    skicka,
)
from tests.conftest import PASSWORD

NYTT = "mitt-eget-langa-losenord-26"


@pytest.fixture(autouse=True)
def _utan_tvafaktor(settings):
    # Two-factor login has its own journey (test_journeys); here it would only add steps.
    settings.FINSAM_KRAV_2FA = False


def _lank(mail) -> str:
    return re.search(r"(https?://\S+/konto/inbjudan/\S+/)", mail.body).group(1)


def test_forbundschef_invites_a_kansli_user_who_sets_a_password_and_logs_in(
    page, forbundschef, forbund, mailoutbox
):
    logga_in(page, "forbundschef")
    ga_till(page, "Förbund")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Registret").get_by_role(
            "link", name="Användare"
        ).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Bjud in användare").click()
    assert rubrik(page) == "Bjud in användare"
    fyll_i(page, {"E-postadress": "nina@testbygden.se", "Roll": "Kansli"})
    skicka(page, "Skicka inbjudan")
    assert any("En inbjudan har skickats till nina@testbygden.se" in m for m in meddelanden(page))
    assert page.get_by_role("cell", name="nina@testbygden.se", exact=True).count() == 1
    logga_ut(page)

    (mail,) = mailoutbox
    assert mail.to == ["nina@testbygden.se"]
    page.goto(_lank(mail))
    assert rubrik(page) == f"Inbjudan till {forbund.namn}"
    assert_accessible(page, sammanhang="inbjudan")
    fyll_i(
        page,
        {
            "Användarnamn": "nina",
            "Förnamn": "Nina",
            "Efternamn": "Nilsson",
            "Lösenord": NYTT,
            "Lösenord igen": NYTT,
        },
    )
    skicka(page, "Skapa konto")
    assert rubrik(page) == "Logga in"
    assert "Ditt konto är skapat. Logga in med ditt nya lösenord." in meddelanden(page)

    logga_in(page, "nina", NYTT)
    assert rubrik(page) == forbund.namn
    assert huvudmeny(page) == ["Förbund", "Insatser", "Ekonomi", "Rapporter"]
    assert get_user_model().objects.get(username="nina").behorigheter.get().roll == "kansli"
    # The link is spent.
    page.goto(_lank(mail))
    assert rubrik(page) == "Inbjudan kan inte användas"
    assert csp_fel(page) == []


def test_sysadmin_creates_a_forbund_and_invites_its_forbundschef(page, db, mailoutbox):
    get_user_model().objects.create_superuser("sysadmin", password=PASSWORD)
    logga_in(page, "sysadmin")
    # A systemadministratör without a förbund lands on the system pages; the header links
    # them from everywhere.
    assert rubrik(page) == "Systemadministration"
    with page.expect_navigation():
        page.get_by_role("banner").get_by_role("link", name="Systemadministration").click()
    assert rubrik(page) == "Systemadministration"
    with page.expect_navigation():
        page.get_by_role("navigation", name="Systemadministration").get_by_role(
            "link", name="Nytt förbund"
        ).click()
    assert_accessible(page, sammanhang="nytt förbund")
    fyll_i(
        page,
        {
            "Namn": "Samordningsförbundet Nyby",
            "Organisationsnummer": "222000-1040",
            "Säte": "Nyby",
            "Förbundschefens e-postadress": "chef@nyby.se",
        },
    )
    skicka(page, "Skapa förbund")
    assert rubrik(page) == "Samordningsförbundet Nyby"
    assert any("är skapat med standardkontoplanen" in m for m in meddelanden(page))
    assert page.get_by_role("cell", name="chef@nyby.se", exact=True).count() == 1
    assert [m.to for m in mailoutbox] == [["chef@nyby.se"]]

    with page.expect_navigation():
        page.get_by_role("link", name="Alla förbund").click()
    rad = page.get_by_role("row").filter(has_text="Samordningsförbundet Nyby")
    assert rad.count() == 1
    assert "Budget" in rad.inner_text()
    assert_accessible(page, sammanhang="systemadministration")
    assert csp_fel(page) == []


def test_account_and_system_pages_are_accessible_without_console_errors(page, forbund):
    """Every page of tests/routes.py's KONTO_ROUTES that answers 200: anonymous ones before
    login, the rest as the systemadministratör."""
    from django.urls import reverse

    from tests.browser.harness import oppna
    from tests.routes import KONTO_ROUTES

    admin = get_user_model().objects.create_superuser("sysadmin", password=PASSWORD)
    varden = {"@forbund": forbund.orgnr, "@anvandare": admin.pk}

    def url(route):
        return reverse(route.name, kwargs={k: varden.get(v, v) for k, v in route.kwargs.items()})

    for route in KONTO_ROUTES:
        if route.anonym == 200:
            assert oppna(page, url(route)).status == 200, route.name
            assert_accessible(page, sammanhang=route.name)
    logga_in(page, "sysadmin")
    for route in KONTO_ROUTES:
        if route.systemadmin == 200:
            assert oppna(page, url(route)).status == 200, route.name
            assert_accessible(page, sammanhang=route.name)
    konsol = [m for m in page.finsam_konsol if m.startswith("error")]
    assert konsol == []
