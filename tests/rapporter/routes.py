import datetime

from django.core.files.base import ContentFile

from ekonomi.models import Rakenskapsar
from rapporter.definitioner import hamta_definition
from rapporter.models import Pdfbestallning, Prognosjustering, Rapport, Rapportdefinition
from tests.routes import CHEF, LASARE, SKRIVARE, Route


def objekt(forbund) -> dict:
    # Report URLs carry the year; a year the förbund has no räkenskapsår for is a 404, so
    # each förbund gets its own year here (another förbund's year must not show). An odd,
    # early year keeps clear of the years other apps' route objects create. A later förbund
    # gets an EARLIER year: a verksamhetsplan may be made for any year from the förbund's
    # first räkenskapsår on (services.planar), so another förbund's year must lie before it.
    ar = 1999 - forbund.pk % 100
    Rakenskapsar.objects.get_or_create(
        forbund=forbund,
        start=datetime.date(ar, 1, 1),
        defaults={"slut": datetime.date(ar, 12, 31)},
    )
    definition, _ = hamta_definition(forbund=forbund, typ=Rapportdefinition.Typ.RESULTATRAKNING)
    rapport = Rapport(
        forbund=forbund,
        typ="arsredovisning",
        ar=ar,
        till=datetime.date(ar, 12, 31),
        status=Rapport.Status.FASTSTALLD,
        sha256="0" * 64,
        fingeravtryck="0" * 64,
    )
    rapport.pdf.save(f"test/{forbund.orgnr}-{ar}.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    rapport.save()
    bestallning = Pdfbestallning.objects.create(
        forbund=forbund, typ="arsredovisning", ar=ar, status=Pdfbestallning.Status.KLAR
    )
    bestallning.pdf.save(f"test/{forbund.orgnr}-{ar}-utkast.pdf", ContentFile(b"%PDF-1.7\n"))
    # A forecast adjustment, so the prognos page shows its "Ta bort" button (a named button
    # is a field the hostile-input walk posts too).
    Prognosjustering.objects.get_or_create(
        forbund=forbund, ar=ar, radkod="R1", defaults={"belopp": 100, "kommentar": "Test"}
    )
    return {
        "ar": ar,
        "pk": definition.pk,
        "bestallning": bestallning.pk,
        "rapport_pk": rapport.pk,
        "rapport": "arsredovisning",
    }


ROUTES = [
    Route("rapporter:index", LASARE),
    Route("rapporter:arsredovisning", LASARE, kwargs=("ar",)),
    Route("rapporter:delarsrapport", LASARE, kwargs=("ar",)),
    Route("rapporter:verksamhetsplan", LASARE, kwargs=("ar",)),
    Route("rapporter:resultatrakning", LASARE, kwargs=("ar",)),
    Route("rapporter:balansrakning", LASARE, kwargs=("ar",)),
    Route("rapporter:kassaflodesanalys", LASARE, kwargs=("ar",)),
    Route("rapporter:driftredovisning", LASARE, kwargs=("ar",)),
    Route("rapporter:noter", LASARE, kwargs=("ar",)),
    Route("rapporter:faststall", CHEF, ok=(405,)),
    Route("rapporter:ej-tillampligt", CHEF, ok=(405,)),
    Route("rapporter:pdf-bestall", LASARE, ok=(405,)),
    Route("rapporter:rapport-pdf-igen", CHEF, kwargs=("rapport_pk",), ok=(405,)),
    Route("rapporter:pdf-bestallning", LASARE, kwargs=("bestallning",)),
    Route("rapporter:pdf-bestallning-fil", LASARE, kwargs=("bestallning",)),
    Route("rapporter:faststall-bekrafta", CHEF, kwargs=("ar",), query="?typ=arsredovisning"),
    Route("rapporter:definitioner", CHEF),
    Route("rapporter:definition-redigera", CHEF, kwargs=("pk",)),
    Route("rapporter:installningar", CHEF),
    Route("rapporter:berattelse", SKRIVARE, kwargs=("rapport", "ar")),
    Route("rapporter:prognos", SKRIVARE, kwargs=("ar",)),
    Route("rapporter:onboarding", SKRIVARE),
    Route("rapporter:avsnitt", CHEF, query="?rapport=verksamhetsplan"),
]
ROUTES.append(Route("rapporter:rapport-pdf", LASARE, kwargs=("rapport_pk",)))
