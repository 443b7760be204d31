import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from forbund.models import (
    Ansvarsfrihet,
    Behorighet,
    Beslut,
    Bidragsar,
    Bilaga,
    Forbundsordning,
    Foregangare,
    Grupp,
    Gruppmedlem,
    Inbjudan,
    Kanslitjanst,
    Person,
    Revisor,
    Roll,
    Sammantrade,
    Styrelseuppdrag,
)
from tests.conftest import make_user
from tests.routes import CHEF, LASARE, LOGG, SKRIVARE, Route

PDF = b"%PDF-1.4\n% test\n"


def objekt(forbund) -> dict:
    medlem = forbund.medlemmar.first() or forbund.medlemmar.create(namn="Kommunen", typ="kommun")
    person = Person.objects.create(forbund=forbund, namn="Ruth Routesson")
    uppdrag = Styrelseuppdrag.objects.create(
        forbund=forbund,
        person=person,
        medlem=medlem,
        typ=Styrelseuppdrag.Typ.LEDAMOT,
        from_datum=datetime.date(2024, 1, 1),
    )
    revisor = Revisor.objects.create(
        forbund=forbund, person=person, from_datum=datetime.date(2024, 1, 1)
    )
    kansli = Kanslitjanst.objects.create(
        forbund=forbund, person=person, roll="Förbundschef", from_datum=datetime.date(2024, 1, 1)
    )
    grupp = Grupp.objects.create(forbund=forbund, namn="Chefsnätverket", typ="chefsnatverk")
    gruppmedlem = Gruppmedlem.objects.create(grupp=grupp, person=person)
    sammantrade = Sammantrade.objects.create(forbund=forbund, datum=datetime.date(2024, 3, 1))
    beslut = Beslut.objects.create(sammantrade=sammantrade, paragraf="1", rubrik="Budget")
    bilaga = Bilaga(sammantrade=sammantrade, filnamn="protokoll.pdf", storlek=len(PDF))
    bilaga.fil.save("protokoll.pdf", ContentFile(PDF), save=True)
    ordning = Forbundsordning(
        forbund=forbund, giltig_fran=datetime.date(2020, 1, 1), filnamn="fo.pdf"
    )
    ordning.fil.save("fo.pdf", ContentFile(PDF), save=True)
    ansvarsfrihet = Ansvarsfrihet.objects.create(forbund=forbund, medlem=medlem, ar=2023)
    foregangare = Foregangare.objects.create(forbund=forbund, namn="Gamla förbundet")
    bidragsar = Bidragsar.objects.create(
        forbund=forbund, ar=2024, statlig_tilldelning=1000, nyckel_kommuner="befolkning"
    )
    anvandare = make_user(f"route-{forbund.orgnr}")
    behorighet = Behorighet.objects.create(user=anvandare, forbund=forbund, roll=Roll.KANSLI)
    inbjudan = Inbjudan.objects.create(
        forbund=forbund,
        epost=f"ny-{forbund.orgnr}@example.se",
        roll=Roll.KANSLI,
        giltig_till=timezone.now() + datetime.timedelta(days=7),
    )
    return {
        "medlem": medlem.pk,
        "person": person.pk,
        "uppdrag": uppdrag.pk,
        "revisor": revisor.pk,
        "kansli": kansli.pk,
        "grupp": grupp.pk,
        "gruppmedlem": gruppmedlem.pk,
        "sammantrade": sammantrade.pk,
        "beslut": beslut.pk,
        "bilaga": bilaga.pk,
        "forbundsordning": ordning.pk,
        "ansvarsfrihet": ansvarsfrihet.pk,
        "foregangare": foregangare.pk,
        "bidragsar": bidragsar.pk,
        "behorighet": behorighet.pk,
        "inbjudan": inbjudan.pk,
    }


def _register(namn: str, *, lista=True, detalj=True, andra=True, skapa=True) -> list[Route]:
    rader = []
    if lista:
        rader.append(Route(f"forbund:{namn}-list", LASARE))
    if skapa:
        rader.append(Route(f"forbund:{namn}-create", SKRIVARE))
    if detalj:
        rader.append(Route(f"forbund:{namn}-detail", LASARE, kwargs=(namn,)))
    if andra:
        rader.append(Route(f"forbund:{namn}-update", SKRIVARE, kwargs=(namn,)))
    return rader


ROUTES = [
    Route("forbund:start", LASARE),
    Route("forbund:logg", LOGG),
    Route("forbund:forbund-update", SKRIVARE),
    Route("forbund:styrelse", LASARE),
    Route("forbund:arbetsar", LASARE, ok=(405,)),
    *_register("medlem"),
    *_register("person"),
    *_register("uppdrag"),
    *_register("revisor"),
    *_register("kansli"),
    *_register("grupp"),
    *_register("gruppmedlem", lista=False, detalj=False),
    Route("forbund:gruppmedlem-delete", SKRIVARE, kwargs=("gruppmedlem",), ok=(405,)),
    *_register("sammantrade"),
    *_register("beslut"),
    *_register("bilaga", lista=False, detalj=False, andra=False),
    Route("forbund:bilaga-fil", LASARE, kwargs=("bilaga",)),
    *_register("ansvarsfrihet"),
    *_register("foregangare"),
    *_register("forbundsordning", andra=False),
    Route("forbund:forbundsordning-fil", LASARE, kwargs=("forbundsordning",)),
    Route("forbund:bidrag-list", LASARE),
    Route("forbund:bidrag-create", SKRIVARE),
    Route("forbund:bidrag-detail", LASARE, kwargs=("bidragsar",)),
    Route("forbund:bidrag-update", SKRIVARE, kwargs=("bidragsar",)),
    Route("forbund:bidrag-underlag", SKRIVARE, kwargs=("bidragsar",)),
    Route("forbund:anvandare-list", CHEF),
    Route("forbund:anvandare-create", CHEF),
    Route("forbund:anvandare-update", CHEF, kwargs=("behorighet",)),
    Route("forbund:anvandare-delete", CHEF, kwargs=("behorighet",), ok=(405,)),
    Route("forbund:inbjudan-aterkalla", CHEF, kwargs=("inbjudan",), ok=(405,)),
]
