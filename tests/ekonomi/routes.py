from tests.routes import EKONOMI, Route


def objekt(forbund) -> dict:
    return {}


ROUTES = [
    Route("ekonomi:index", EKONOMI),
]
