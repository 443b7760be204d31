"""axe-core on every page: each named URL in the access table (tests/<app>/routes.py) that
answers with HTML, plus the pages outside the förbund (login, lockout, two-factor, start,
password, 403, 404). No serious or critical violations. Pages added by later features are
checked as soon as their route row exists."""

import pytest
from django.urls import reverse

from forbund.models import Roll
from tests.browser.harness import assert_accessible, fyll_i, logga_in, oppna, skicka
from tests.conftest import make_user
from tests.routes import all_routes
from tests.test_access import _table, _url

# Who opens each route: the widest role allowed (förbundschef may use almost everything).
_ORDNING = [Roll.FORBUNDSCHEF, Roll.KANSLI, Roll.REVISOR, Roll.STYRELSE]


def _routes():
    return [
        pytest.param(module, route, id=route.name)
        for module, route in _table().values()
        if 200 in route.ok
    ]


@pytest.mark.parametrize(("module", "route"), _routes())
def test_every_page_of_the_forbund_is_accessible(page, client, forbund, module, route):
    roll = next(r for r in _ORDNING if r in route.allowed)
    user = make_user("granskare", forbund, roll)
    objekt = {m.__name__: m.objekt(forbund) for m in all_routes()}
    url = _url(module, route, objekt[module.__name__], forbund)
    # Downloads (CSV, Excel, PDF, underlag) are files, not pages: a browser would save them.
    client.force_login(user)
    svar = client.get(url)
    if "text/html" not in svar.get("Content-Type", "") or svar.has_header("Content-Disposition"):
        pytest.skip(f"{route.name} är en nedladdning, inte en sida")
    logga_in(page, "granskare")
    page.finsam_konsol.clear()
    response = oppna(page, url)
    assert response.status == 200
    if "text/html" not in response.headers.get("content-type", ""):
        pytest.skip(f"{route.name} svarar inte med HTML")
    assert_accessible(page, sammanhang=route.name)
    # CSP violations (inline styles), failed loads and script errors show up here.
    assert [m for m in page.finsam_konsol if m.startswith("error")] == []


def test_login_page_is_accessible(page, db):
    oppna(page, reverse("login"))
    assert_accessible(page)


def test_login_page_with_errors_is_accessible(page, kansli):
    logga_in(page, "kansli", "fel-losenord")
    assert_accessible(page)


def test_lockout_page_is_accessible(page, kansli, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        logga_in(page, "kansli", "fel-losenord")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Inloggningen är tillfälligt spärrad"
    )
    assert_accessible(page)


def test_forbund_choice_page_is_accessible(page, kansli, annat_forbund):
    from forbund.models import Behorighet

    Behorighet.objects.create(user=kansli, forbund=annat_forbund, roll=Roll.STYRELSE)
    logga_in(page, "kansli")
    assert page.url.endswith("/")
    assert_accessible(page)


def test_two_factor_pages_are_accessible(page, forbundschef, forbund, settings):
    settings.FINSAM_KRAV_2FA = True
    logga_in(page, "forbundschef")
    assert "/konto/tvafaktor/aktivera/" in page.url
    assert page.locator("figure.qr svg").count() == 1
    assert_accessible(page, sammanhang="aktivera tvåfaktor")
    fyll_i(page, {"Engångskod (6 siffror)": "000000"})
    skicka(page, "Aktivera")
    assert_accessible(page, sammanhang="aktivera tvåfaktor med fel")


def test_password_change_page_is_accessible(page, kansli):
    logga_in(page, "kansli")
    oppna(page, reverse("password_change"))
    assert_accessible(page)


def test_error_pages_are_accessible(page, styrelse, forbund, annat_forbund):
    logga_in(page, "styrelse")
    assert oppna(page, reverse("ekonomi:index", kwargs={"orgnr": forbund.orgnr})).status == 403
    assert_accessible(page, sammanhang="403")
    assert (
        oppna(page, reverse("forbund:start", kwargs={"orgnr": annat_forbund.orgnr})).status == 404
    )
    assert_accessible(page, sammanhang="404")


def test_the_checker_catches_a_serious_violation(page, db):
    """Guard against a harness that checks nothing: an unlabelled field must fail."""
    oppna(page, reverse("login"))
    page.evaluate("document.querySelector('main').appendChild(document.createElement('input'))")
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
