from insatser.models import Insats
from tests.routes import LASARE, Route


def objekt(forbund) -> dict:
    insats = Insats.objects.create(forbund=forbund, namn="Testinsats", typ=Insats.Typ.INDIVID)
    return {"pk": insats.pk}


ROUTES = [
    Route("insatser:insats-list", LASARE),
    Route("insatser:insats-detail", LASARE, kwargs=("pk",)),
]
