"""Walks every URL pattern as anonymous, outsider and each role (see tests/routes.py)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from forbund.models import Roll
from tests.conftest import make_user
from tests.routes import KONTO_ROUTES, all_routes

# URLs outside the förbund scope, with the status every logged-in user gets.
UNSCOPED = {
    "start",
    "health",
    "favicon",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "tvafaktor",
    "tvafaktor-aktivera",
}


def _names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def _table():
    table = {}
    for module in all_routes():
        for route in module.ROUTES:
            assert route.name not in table, f"{route.name} listed twice"
            table[route.name] = (module, route)
    return table


def _kwargs(module, route, objekt, forbund):
    kwargs = {"orgnr": forbund.orgnr}
    for name in route.kwargs:
        kwargs[name] = objekt[name]
    return kwargs


def test_every_url_pattern_has_an_access_rule():
    table = _table()
    konto = {r.name for r in KONTO_ROUTES}
    missing = sorted(n for n in set(_names()) - UNSCOPED - konto if n not in table)
    assert missing == [], f"URL utan rad i tests/<app>/routes.py: {missing}"


@pytest.fixture
def world(forbund, annat_forbund):
    users = {roll: make_user(f"u_{roll}", forbund, roll) for roll in Roll.values}
    users["outsider"] = make_user("u_outsider", annat_forbund, Roll.FORBUNDSCHEF)
    objekt = {m.__name__: m.objekt(forbund) for m in all_routes()}
    annat = {m.__name__: m.objekt(annat_forbund) for m in all_routes()}
    return forbund, annat_forbund, users, objekt, annat


def _url(module, route, objekt, forbund):
    return reverse(route.name, kwargs=_kwargs(module, route, objekt, forbund)) + route.query


def test_anonymous_is_sent_to_login(client, world):
    forbund, _, _, objekt, _ = world
    for module, route in _table().values():
        url = _url(module, route, objekt[module.__name__], forbund)
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_outsider_gets_404_everywhere(client, world):
    forbund, _, users, objekt, _ = world
    client.force_login(users["outsider"])
    for module, route in _table().values():
        url = _url(module, route, objekt[module.__name__], forbund)
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("roll", Roll.values)
def test_each_role_gets_exactly_what_it_may(client, world, roll):
    forbund, _, users, objekt, _ = world
    client.force_login(users[roll])
    wrong = []
    for module, route in _table().values():
        url = _url(module, route, objekt[module.__name__], forbund)
        status = client.get(url).status_code
        expected = route.ok if roll in route.allowed else (403,)
        if status not in expected:
            wrong.append((url, status, expected))
    assert wrong == []


def test_ids_of_another_forbund_give_404(client, world):
    """A förbundschef of A who puts B's object ids into A's URLs sees nothing of B."""
    forbund, annat, users, objekt, annat_objekt = world
    client.force_login(users[Roll.FORBUNDSCHEF])
    wrong = []
    for module, route in _table().values():
        if not route.kwargs:
            continue
        kwargs = {"orgnr": forbund.orgnr}
        kwargs.update({k: annat_objekt[module.__name__][k] for k in route.kwargs})
        url = reverse(route.name, kwargs=kwargs) + route.query
        status = client.get(url).status_code
        if status != 404:
            wrong.append((url, status))
    assert wrong == []


def test_urls_outside_the_forbund_give_each_kind_of_user_what_it_may(client, forbund):
    """Anonymous, a user with a role (any role: these pages are not about a förbund) and the
    systemadministratör, on every URL of tests/routes.py's KONTO_ROUTES."""
    from django.contrib.auth import get_user_model

    anvandare = make_user("u_konto", forbund, Roll.KANSLI)
    admin = get_user_model().objects.create_superuser("u_sysadmin", password="x" * 20)
    wrong = []
    for vem, user in (("anonym", None), ("inloggad", anvandare), ("systemadmin", admin)):
        client.logout()
        if user is not None:
            client.force_login(user)
        for route in KONTO_ROUTES:
            varden = {"@forbund": forbund.orgnr, "@anvandare": anvandare.pk}
            kwargs = {k: varden.get(v, v) for k, v in route.kwargs.items()}
            url = reverse(route.name, kwargs=kwargs)
            response = client.get(url)
            expected = getattr(route, vem)
            if response.status_code != expected:
                wrong.append((vem, url, response.status_code, expected))
            if vem == "anonym" and expected == 302:
                assert response["Location"].startswith(reverse("login")), url
    assert wrong == []
