import datetime

from django.core.files.base import ContentFile

from ekonomi.models import Rakenskapsar
from forbund.models import Roll
from insatser.models import Avslutsorsak, Deltagande, Forbundsmal, Insats, Utvardering
from tests.routes import LASARE, SKRIVARE, Route

# Participant-level data: kansli and förbundschef only (Ratt.DELTAGARE).
DELTAGARE = frozenset({Roll.KANSLI, Roll.FORBUNDSCHEF})


def objekt(forbund) -> dict:
    insats = Insats.objects.create(
        forbund=forbund,
        namn="Testinsats",
        typ=Insats.Typ.INDIVID,
        start=datetime.date(2019, 1, 1),
    )
    d = Deltagande.objects.create(
        insats=insats,
        kod="T-1",
        kon="K",
        aldersgrupp="20-24",
        start=datetime.date(2019, 2, 1),
        samtycke_datum=datetime.date(2019, 2, 1),
    )
    utv = Utvardering(insats=insats, utforare="Oxford Research", datum=datetime.date(2019, 6, 1))
    utv.rapport.save("rapport.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    utv.save()
    orsak = Avslutsorsak.objects.create(forbund=forbund, kod="EGEN", namn="Egen orsak")
    # Goal pages 404 for a year that is not the förbund's: each förbund its own year,
    # clear of the years other apps' route objects create.
    ar = 2030 + forbund.pk % 30 * 2  # never the other förbund's "next year"
    Rakenskapsar.objects.get_or_create(
        forbund=forbund,
        start=datetime.date(ar, 1, 1),
        defaults={"slut": datetime.date(ar, 12, 31)},
    )
    mal = Forbundsmal.objects.create(
        forbund=forbund, ar=ar, slag=Forbundsmal.Slag.INRIKTNING, text="Stärka samverkan"
    )
    return {
        "ar": ar,
        "mal": mal.pk,
        "pk": insats.pk,
        "deltagande": d.pk,
        "utvardering": utv.pk,
        "avslutsorsak": orsak.pk,
    }


ROUTES = [
    Route("insatser:insats-list", LASARE),
    Route("insatser:insats-create", SKRIVARE),
    Route("insatser:statistik", LASARE, query="?fran=2019-01-01&till=2019-12-31"),
    Route("insatser:uppfoljning-export", LASARE, query="?ar=2019"),
    Route("insatser:avslutsorsak-list", LASARE),
    Route("insatser:avslutsorsak-create", SKRIVARE),
    Route("insatser:avslutsorsak-update", SKRIVARE, kwargs=("avslutsorsak",)),
    Route("insatser:forbundsmal-list", LASARE, kwargs=("ar",)),
    Route("insatser:forbundsmal-create", SKRIVARE, kwargs=("ar",)),
    Route("insatser:forbundsmal-update", SKRIVARE, kwargs=("ar", "mal")),
    Route("insatser:forbundsmal-delete", SKRIVARE, kwargs=("ar", "mal"), ok=(405,)),
    Route("insatser:forbundsmal-kopiera", SKRIVARE, kwargs=("ar",), ok=(405,)),
    Route("insatser:malutfall", SKRIVARE, kwargs=("ar",)),
    Route("insatser:insats-detail", LASARE, kwargs=("pk",)),
    Route("insatser:insats-update", SKRIVARE, kwargs=("pk",)),
    Route("insatser:insats-status", SKRIVARE, kwargs=("pk",)),
    Route("insatser:mal-create", SKRIVARE, kwargs=("pk",)),
    Route("insatser:medel-create", SKRIVARE, kwargs=("pk",)),
    Route("insatser:utvardering-create", SKRIVARE, kwargs=("pk",)),
    Route("insatser:utvardering-fil", LASARE, kwargs=("pk", "utvardering")),
    Route("insatser:strukturaktivitet-create", SKRIVARE, kwargs=("pk",)),
    Route("insatser:insats-statistik", LASARE, kwargs=("pk",)),
    Route("insatser:anonyma-create", DELTAGARE, kwargs=("pk",)),
    Route("insatser:deltagare-list", DELTAGARE, kwargs=("pk",)),
    Route("insatser:deltagare-create", DELTAGARE, kwargs=("pk",)),
    Route("insatser:deltagare-registrera", DELTAGARE, kwargs=("pk",)),
    Route("insatser:deltagare-avsluta", DELTAGARE, kwargs=("pk",)),
    Route("insatser:deltagare-import", DELTAGARE, kwargs=("pk",)),
    Route("insatser:deltagare-update", DELTAGARE, kwargs=("deltagande",)),
    Route("insatser:deltagare-samtycke", DELTAGARE, kwargs=("deltagande",), ok=(405,)),
]
