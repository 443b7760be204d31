"""The access table: every named URL, and which roles may use it.

Each app lists its routes in ``tests/<app>/routes.py`` as ``ROUTES`` and builds the
objects those routes need in ``objekt(forbund) -> dict`` (kwarg name → value). The walker
in ``tests/test_access.py`` fails when a URL pattern has no row here, so a new view cannot
be added without saying who may use it — and the walker then proves it.
"""

from dataclasses import dataclass, field

from forbund.models import Roll

ALLA = frozenset(Roll.values)
LASARE = ALLA  # registers, aggregate insatser data, reports
SKRIVARE = frozenset({Roll.KANSLI, Roll.FORBUNDSCHEF})
EKONOMI = frozenset({Roll.KANSLI, Roll.FORBUNDSCHEF, Roll.REVISOR})
LOGG = frozenset({Roll.FORBUNDSCHEF, Roll.REVISOR})
CHEF = frozenset({Roll.FORBUNDSCHEF})


@dataclass(frozen=True)
class Route:
    name: str  # "app:name"
    allowed: frozenset[str]
    kwargs: tuple[str, ...] = ()  # names filled from the app's objekt(forbund) dict
    ok: tuple[int, ...] = (200,)  # e.g. (405,) for POST-only views on GET
    query: str = ""  # appended to the URL, e.g. "?ar=2019"
    extra: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class KontoRoute:
    """A URL outside any förbund (own account, invitations, the systemadministratör's
    pages): the status an anonymous visitor, a logged-in user with a role and a
    systemadministratör get on GET. 302 for the anonymous means "sent to login".
    A kwarg value "@forbund" / "@anvandare" is the walker's förbund's orgnr / its user's pk."""

    name: str
    kwargs: dict = field(default_factory=dict, hash=False)
    anonym: int = 302
    inloggad: int = 200
    systemadmin: int = 200


KONTO_ROUTES = [
    KontoRoute("password_reset", anonym=200),
    KontoRoute("password_reset_done", anonym=200),
    KontoRoute("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "fel-fel"}, anonym=200),
    KontoRoute("password_reset_complete", anonym=200),
    # A tampered token: the page says the link cannot be used.
    KontoRoute(
        "inbjudan", kwargs={"token": "eyJpIjoxfQ:fel"}, anonym=410, inloggad=410, systemadmin=410
    ),
    KontoRoute("sessioner"),
    KontoRoute("sessioner-avsluta-andra", inloggad=405, systemadmin=405),
    KontoRoute("session-avsluta", kwargs={"inloggning": 1}, inloggad=405, systemadmin=405),
    # The systemadministratör's pages: superusers only, 403 for every role of a förbund.
    KontoRoute("system:index", inloggad=403),
    KontoRoute("system:forbund-create", inloggad=403),
    KontoRoute("system:forbund-detail", kwargs={"orgnr": "@forbund"}, inloggad=403),
    KontoRoute(
        "system:inbjudan-create", kwargs={"orgnr": "@forbund"}, inloggad=403, systemadmin=405
    ),
    KontoRoute(
        "system:behorighet-create", kwargs={"orgnr": "@forbund"}, inloggad=403, systemadmin=405
    ),
    KontoRoute("system:anvandare-list", inloggad=403),
    KontoRoute(
        "system:tvafaktor-aterstall",
        kwargs={"anvandare": "@anvandare"},
        inloggad=403,
        systemadmin=405,
    ),
    KontoRoute("system:startlosenord", kwargs={"anvandare": "@anvandare"}, inloggad=403),
]


def all_routes():
    from tests.ekonomi import routes as ekonomi
    from tests.forbund import routes as forbund
    from tests.insatser import routes as insatser
    from tests.rapporter import routes as rapporter
    from tests.sie import routes as sie

    return [forbund, insatser, ekonomi, sie, rapporter]
