import datetime

from tests.routes import CHEF, EKONOMI, SKRIVARE, Route


def objekt(forbund) -> dict:
    """One of each ledger object in ``forbund`` (a posted voucher with an underlag, a
    budget version, a dimension with an object, a period)."""
    from django.core.files.base import ContentFile

    from ekonomi import services
    from ekonomi.models import Budgetversion, Konto, Underlag
    from forbund.models import Bidragsar

    services.kontoplan_skapa_standard(forbund=forbund)
    ar = services.rakenskapsar_skapa(
        forbund=forbund,
        start=datetime.date(2024, 1, 1),
        slut=datetime.date(2024, 12, 31),
        user=None,
    )
    # An account number only this förbund has, so the walker's "ids of another förbund"
    # check means something for huvudbok/<konto>/.
    eget = Konto.objects.create(
        forbund=forbund, nummer=f"19{forbund.orgnr[-2:]}", namn="Bank (test)", typ="T"
    )
    ver = services.verifikation_create(
        forbund=forbund,
        datum=datetime.date(2024, 2, 1),
        text="Medlemsbidrag",
        rader=[(eget.nummer, 100000), ("3511", -100000)],
        user=None,
    )
    underlag = Underlag(
        verifikation=ver,
        filnamn="kvitto.pdf",
        innehallstyp="application/pdf",
        storlek=9,
        sha256="0" * 64,
    )
    underlag.fil.save("kvitto.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    dimension = forbund.dimensioner.get(nummer=6)
    obj = dimension.objekt.create(kod="GPS", namn="GPS")
    version = Budgetversion.objects.create(rakenskapsar=ar, namn="Budget 2024")
    bidragsar = Bidragsar.objects.create(forbund=forbund, ar=2025, statlig_tilldelning=1000)
    return {
        "pk": ver.pk,
        "underlag": underlag.pk,
        "konto_id": forbund.konton.get(nummer="1930").pk,
        "dimension": dimension.pk,
        "objekt": obj.pk,
        "ar": ar.pk,
        "period": ar.perioder.first().pk,
        "budget": version.pk,
        "konto": eget.nummer,
        "bidragsar": bidragsar.pk,
    }


ROUTES = [
    Route("ekonomi:index", EKONOMI),
    Route("ekonomi:verifikation-list", EKONOMI, query="?serie=A&konto=19&belopp=1000"),
    Route("ekonomi:verifikation-create", SKRIVARE),
    Route("ekonomi:verifikation-detail", EKONOMI, kwargs=("pk",)),
    Route("ekonomi:verifikation-bokfor", SKRIVARE, kwargs=("pk",), ok=(405,)),
    Route("ekonomi:verifikation-delete", SKRIVARE, kwargs=("pk",), ok=(405,)),
    Route("ekonomi:verifikation-reverse", SKRIVARE, kwargs=("pk",), ok=(405,)),
    Route("ekonomi:underlag-create", SKRIVARE, kwargs=("pk",), ok=(405,)),
    Route("ekonomi:underlag-detail", EKONOMI, kwargs=("underlag",)),
    Route("ekonomi:huvudbok", EKONOMI, kwargs=("konto",), query="?ar=2024"),
    Route("ekonomi:saldobalans", EKONOMI, query="?ar=2024&till=2024-06-30&dimension=6"),
    Route("ekonomi:konto-list", EKONOMI),
    Route("ekonomi:konto-create", SKRIVARE),
    Route("ekonomi:konto-update", SKRIVARE, kwargs=("konto_id",)),
    Route("ekonomi:dimension-list", EKONOMI),
    Route("ekonomi:dimension-create", SKRIVARE),
    Route("ekonomi:objekt-create", SKRIVARE, kwargs=("dimension",)),
    Route("ekonomi:objekt-update", SKRIVARE, kwargs=("objekt",)),
    Route("ekonomi:rakenskapsar-list", EKONOMI),
    Route("ekonomi:rakenskapsar-create", CHEF, ok=(405,)),
    Route("ekonomi:bokslut", CHEF, kwargs=("ar",)),
    Route("ekonomi:period-las", CHEF, kwargs=("period",)),
    Route("ekonomi:budget-list", EKONOMI),
    Route("ekonomi:budgetversion-create", SKRIVARE, ok=(405,)),
    Route("ekonomi:budget-grid", EKONOMI, kwargs=("budget",)),
    Route("ekonomi:budget-import", SKRIVARE, kwargs=("budget",), ok=(405,)),
    Route("ekonomi:budget-export", EKONOMI, kwargs=("budget",)),
    Route("ekonomi:bidrag-fakturera", SKRIVARE, kwargs=("bidragsar",)),
]
