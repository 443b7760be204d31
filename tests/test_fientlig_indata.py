"""Hostile values in every list and form never give a 500 (issue 17.8).

Walks every route of the access table (tests/routes.py) as förbundschef and sends
hostile values in the query string, in every field of every GET form on the page, and in
every field of every POST form on the page (with the CSRF token, so the view itself
answers). The answer must be a page (200, 302) or a refusal (400, 403, 404, 405, 413),
never a server error."""

import re
from html import unescape

import pytest
from django.urls import reverse

from forbund.models import Roll
from tests.conftest import make_user
from tests.routes import all_routes

# One value of each kind: negative, huge, not a number, a path, NUL (PostgreSQL refuses
# it in a string), an impossible date.
FIENTLIGA = ["-1", "99999999999999999999", "abc", "19/10", "a\x00b", "2019-13-45"]
# Parameters lists and pages read from the query string (also when no form names them).
PARAMETRAR = ["per_page", "page", "sida", "ar", "sort", "konto", "till"]
TILLATNA = {200, 302, 400, 403, 404, 405, 413}


def _routes(forbund):
    objekt = {m.__name__: m.objekt(forbund) for m in all_routes()}
    for module in all_routes():
        for route in module.ROUTES:
            kwargs = {"orgnr": forbund.orgnr}
            kwargs.update({k: objekt[module.__name__][k] for k in route.kwargs})
            yield route, reverse(route.name, kwargs=kwargs)


def _formular(html: str) -> list[tuple[str, list[str]]]:
    """(method, field names) of each form on the page."""
    ut = []
    for attr, kropp in re.findall(r"<form([^>]*)>(.*?)</form>", html, re.S | re.I):
        metod = re.search(r'method="(\w+)"', attr, re.I)
        namn = re.findall(r'<(?:input|select|textarea|button)[^>]*\sname="([^"]+)"', kropp, re.I)
        ut.append(((metod.group(1).lower() if metod else "get"), sorted(set(namn))))
    return ut


@pytest.fixture
def chef_client(client, forbund):
    client.force_login(make_user("fientlig_chef", forbund, Roll.FORBUNDSCHEF))
    client.raise_request_exception = False
    return client


def test_hostile_query_values_never_give_500(chef_client, forbund):
    fel = []
    for route, url in _routes(forbund):
        svar = chef_client.get(url + route.query)
        if svar.status_code != 200 or "text/html" not in svar.get("Content-Type", ""):
            continue
        html = svar.content.decode()
        falt = set(PARAMETRAR)
        for metod, namn in _formular(html):
            if metod == "get":
                falt.update(namn)
        # Every parameter at once with the same value: one request per value and page.
        for varde in FIENTLIGA:
            status = chef_client.get(url, dict.fromkeys(sorted(falt), varde)).status_code
            if status not in TILLATNA:
                fel.append((url, repr(varde), status))
    assert fel == [], "\n".join(map(str, fel))


def test_hostile_form_posts_never_give_500(chef_client, forbund):
    """Also every formset (a grid of rows: verifikation rows, participants, report
    definition rows, member proposals, contribution shares): a posted TOTAL_FORMS of 10^20
    is refused with a message, and the answer builds no more rows than the page's cap
    (without absolute_max Django builds up to 2 000 forms: many seconds of a worker for
    one post)."""
    fel, formsets = [], []
    for route, url in _routes(forbund):
        svar = chef_client.get(url + route.query)
        if svar.status_code != 200 or "text/html" not in svar.get("Content-Type", ""):
            continue
        html = svar.content.decode()
        for metod, namn in _formular(html):
            if metod != "post":
                continue
            namn = [n for n in namn if n != "csrfmiddlewaretoken"]
            for varde in FIENTLIGA:
                data = dict.fromkeys(namn, varde)
                status = chef_client.post(url + route.query, data).status_code
                if status not in TILLATNA:
                    fel.append((url, repr(varde), status))
            total = [n for n in namn if n.endswith("-TOTAL_FORMS")]
            if total:
                formsets.append(total[0].removesuffix("-TOTAL_FORMS"))
                fel.extend(_forfalskat_antal(chef_client, url + route.query, namn, formsets[-1]))
    assert fel == [], "\n".join(map(str, fel))
    # The walk reached the formsets (a page that lost its formset would pass silently).
    assert {"rader", "ny", "avsluta", "medlem", "underlag"} <= set(formsets), formsets


def _forfalskat_antal(client, url: str, namn: list[str], prefix: str) -> list:
    data = dict.fromkeys(namn, "")
    data.update({f"{prefix}-TOTAL_FORMS": "99999999999999999999", f"{prefix}-INITIAL_FORMS": "0"})
    svar = client.post(url, data)
    sida = svar.content.decode()
    rader = {int(n) for n in re.findall(rf'name="{re.escape(prefix)}-(\d+)-', sida)}
    if svar.status_code not in (200, 400) or len(rader) > 500:
        return [(url, "TOTAL_FORMS=10^20", svar.status_code, f"{len(rader)} rader")]
    if svar.status_code == 200 and 'role="alert"' not in sida:
        return [(url, "TOTAL_FORMS=10^20", "inget felmeddelande")]
    return []


def test_a_nul_character_anywhere_is_refused_with_400(chef_client, forbund):
    url = reverse("ekonomi:verifikation-list", kwargs={"orgnr": forbund.orgnr})
    svar = chef_client.get(url, {"text": "a\x00b"})
    assert svar.status_code == 400
    assert "Ogiltigt tecken" in unescape(svar.content.decode())
