"""Every page as each role opens without a console error (CSP violations, failed
loads such as a missing /favicon.ico, script errors), and the report pages fit a
390 px phone: wide tables scroll in their own box, the page itself never widens."""

import pytest

from forbund.models import Roll
from tests.browser.harness import logga_in, oppna
from tests.conftest import make_user
from tests.routes import all_routes
from tests.test_access import _table, _url


def _sidor(client, forbund, roll):
    """(route name, url) of every HTML page the role may open."""
    user = make_user("granskare", forbund, roll)
    objekt = {m.__name__: m.objekt(forbund) for m in all_routes()}
    client.force_login(user)
    for module, route in _table().values():
        if roll not in route.allowed or 200 not in route.ok:
            continue
        url = _url(module, route, objekt[module.__name__], forbund)
        svar = client.get(url)
        if svar.status_code != 200 or "text/html" not in svar.get("Content-Type", ""):
            continue
        if svar.has_header("Content-Disposition"):
            continue
        yield route.name, url


@pytest.mark.parametrize("roll", Roll.values)
def test_every_page_as_each_role_has_no_console_error(page, client, forbund, roll):
    sidor = list(_sidor(client, forbund, roll))
    assert len(sidor) > 20
    logga_in(page, "granskare")
    fel = {}
    for namn, url in sidor:
        page.finsam_konsol.clear()
        oppna(page, url)
        page.wait_for_load_state("load")
        felen = [m for m in page.finsam_konsol if m.startswith("error")]
        if felen:
            fel[namn] = felen
    assert fel == {}


def test_favicon_is_served(page, db):
    response = oppna(page, "/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] == "image/x-icon"


def test_report_and_statistics_pages_fit_a_phone(page, client, forbund):
    page.set_viewport_size({"width": 390, "height": 844})
    sidor = [
        (namn, url)
        for namn, url in _sidor(client, forbund, Roll.FORBUNDSCHEF)
        if namn.startswith("rapporter:") or "statistik" in namn or namn == "forbund:start"
    ]
    assert len(sidor) > 3
    logga_in(page, "granskare")
    for_breda = {}
    for namn, url in sidor:
        oppna(page, url)
        bredd, fonster = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if bredd > fonster:
            for_breda[namn] = (bredd, fonster)
    assert for_breda == {}
