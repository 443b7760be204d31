from ekonomi.models import SieImport, Sieinlasning
from tests.routes import EKONOMI, SKRIVARE, Route


def objekt(forbund) -> dict:
    imp = SieImport.objects.create(
        forbund=forbund, filnamn="bok.se", sha256="0" * 64, status=SieImport.Status.KLAR
    )
    jobb = Sieinlasning.objects.create(forbund=forbund, filnamn="stor.se", standardserie="SIE")
    return {"pk": imp.pk, "jobb": jobb.pk}


ROUTES = [
    Route("ekonomi:sie-import-list", EKONOMI),
    Route("ekonomi:sie-import", SKRIVARE),
    Route("ekonomi:sie-import-detail", EKONOMI, kwargs=("pk",)),
    Route("ekonomi:sie-jobb", EKONOMI, kwargs=("jobb",)),
    Route("ekonomi:sie-export", EKONOMI),
]
