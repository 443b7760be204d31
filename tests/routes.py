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


def all_routes():
    from tests.ekonomi import routes as ekonomi
    from tests.forbund import routes as forbund
    from tests.insatser import routes as insatser
    from tests.rapporter import routes as rapporter
    from tests.sie import routes as sie

    return [forbund, insatser, ekonomi, sie, rapporter]
