from tests.routes import LASARE, Route


def objekt(forbund) -> dict:
    return {}


ROUTES = [
    Route("rapporter:index", LASARE),
]
