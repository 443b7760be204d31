from tests.routes import LASARE, LOGG, Route


def objekt(forbund) -> dict:
    return {}


ROUTES = [
    Route("forbund:start", LASARE),
    Route("forbund:logg", LOGG),
]
