"""Journeys through the app in a real browser, as each persona.

Add a journey for a new feature with the helpers in harness.py: ``logga_in``,
``ga_till(page, "Ekonomi")``, ``fyll_i(page, {"Etikett": "värde"})``, ``skicka(page,
"Spara")``, ``assert_accessible(page)``.
"""

from django.urls import reverse

from tests.browser.harness import (
    csp_fel,
    fyll_i,
    ga_till,
    huvudmeny,
    logga_in,
    logga_in_med_tangentbord,
    logga_ut,
    oppna,
    rubrik,
    skicka,
)


def test_kansli_logs_in_with_the_keyboard_and_sees_the_whole_menu(page, kansli, forbund):
    logga_in_med_tangentbord(page, "kansli")
    assert rubrik(page) == forbund.namn
    assert huvudmeny(page) == ["Förbund", "Insatser", "Ekonomi", "Rapporter"]
    assert csp_fel(page) == []


def test_kansli_walks_every_menu_item(page, kansli, forbund):
    logga_in(page, "kansli")
    for menyval in ["Insatser", "Ekonomi", "Rapporter", "Förbund"]:
        ga_till(page, menyval)
        current = page.get_by_role("navigation", name="Huvudmeny").locator("[aria-current=page]")
        assert current.inner_text().strip() == menyval
    assert csp_fel(page) == []


def test_wrong_password_shows_an_error_and_stays_on_login(page, kansli):
    logga_in(page, "kansli", "fel-losenord")
    assert rubrik(page) == "Logga in"
    assert page.get_by_text("korrekt användarnamn och lösenord", exact=False).count() >= 1


def test_styrelse_has_no_ekonomi_link_and_gets_403_on_the_ledger(page, styrelse, forbund):
    logga_in(page, "styrelse")
    assert "Ekonomi" not in huvudmeny(page)
    response = oppna(page, reverse("ekonomi:index", kwargs={"orgnr": forbund.orgnr}))
    assert response.status == 403


def test_outsider_gets_404_on_another_forbund(page, outsider, forbund):
    logga_in(page, "outsider")
    response = oppna(page, reverse("forbund:start", kwargs={"orgnr": forbund.orgnr}))
    assert response.status == 404
    assert forbund.namn not in page.content()


def test_logout_ends_the_session(page, kansli, forbund):
    logga_in(page, "kansli")
    logga_ut(page)
    assert rubrik(page) == "Logga in"
    oppna(page, reverse("forbund:start", kwargs={"orgnr": forbund.orgnr}))
    assert rubrik(page) == "Logga in"


def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(page, kansli):
    logga_in(page, "kansli")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innehall"


def _totp(hemlighet: str, steg_framat: int = 0) -> str:
    """The code an authenticator app would show for the secret printed on the page."""
    import base64

    from django_otp.oath import totp

    nyckel = base64.b32decode(hemlighet.replace(" ", ""))
    return f"{totp(nyckel, step=30, t0=0, digits=6, drift=steg_framat):06d}"


def test_forbundschef_enrols_two_factor_and_then_needs_a_code(
    page, forbundschef, forbund, settings
):
    settings.FINSAM_KRAV_2FA = True
    logga_in(page, "forbundschef")
    assert rubrik(page) == "Aktivera tvåfaktorinloggning"
    hemlighet = page.locator("#hemlighet").inner_text()
    fyll_i(page, {"Engångskod (6 siffror)": _totp(hemlighet)})
    skicka(page, "Aktivera")
    assert rubrik(page) == forbund.namn
    assert "Ekonomi" in huvudmeny(page)

    logga_ut(page)
    logga_in(page, "forbundschef")
    assert rubrik(page) == "Tvåfaktorinloggning"
    # The same code cannot be used twice; the app accepts the next step's code (drift 1).
    fyll_i(page, {"Engångskod (6 siffror)": _totp(hemlighet, steg_framat=1)})
    skicka(page, "Verifiera")
    assert rubrik(page) == forbund.namn
