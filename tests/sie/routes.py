def objekt(forbund) -> dict:
    return {}


ROUTES: list = []
