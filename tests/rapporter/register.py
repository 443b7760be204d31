"""Register facts a report needs before it can be fastställd (styrelse, sammanträde,
revisor, a text; the förbund goals marked "ej tillämpligt"), for tests whose subject is
something else."""

import datetime

from ekonomi.models import Budgetversion
from forbund.models import Grupp, Kanslitjanst, Person, Revisor, Sammantrade, Styrelseuppdrag
from rapporter.models import Berattelseavsnitt, Rapportinstallning, Uppgiftsundantag

# Facts whose absence the tests using this helper do not study: marked "ej tillämpligt".
EJ_TILLAMPLIGA = ("insatsmal", "deltagare", "prognos", "medlemsbidrag", "forbundsordning")


def registrera_uppgifter(
    forbund, ar: int, rapporter: tuple[str, ...] = ("arsredovisning", "delarsrapport")
) -> None:
    medlem = forbund.medlemmar.order_by("pk").first()
    person = Person.objects.create(forbund=forbund, namn="Anna Ordförande")
    Styrelseuppdrag.objects.create(
        forbund=forbund,
        person=person,
        medlem=medlem,
        typ=Styrelseuppdrag.Typ.LEDAMOT,
        presidium=Styrelseuppdrag.Presidium.ORDFORANDE,
        from_datum=datetime.date(ar, 1, 1),
    )
    Sammantrade.objects.create(forbund=forbund, datum=datetime.date(ar, 3, 15))
    revisor = Person.objects.create(forbund=forbund, namn="Rut Revisor")
    Revisor.objects.create(forbund=forbund, person=revisor, from_datum=datetime.date(ar, 1, 1))
    chef = Person.objects.create(forbund=forbund, namn="Kim Kanslichef")
    Kanslitjanst.objects.create(
        forbund=forbund, person=chef, roll="förbundschef", from_datum=datetime.date(ar, 1, 1)
    )
    Grupp.objects.create(forbund=forbund, namn="Beredningsgruppen", typ=Grupp.Typ.BEREDNING)
    Rapportinstallning.objects.update_or_create(
        forbund=forbund, defaults={"ansvarsforbindelser": "Inga"}
    )
    for rapport in rapporter:
        Uppgiftsundantag.objects.create(
            forbund=forbund,
            rapport=rapport,
            ar=ar,
            nyckel="forbundsmal",
            motivering="Förbundet följer upp sina mål i en egen rapport.",
        )
        Berattelseavsnitt.objects.create(
            forbund=forbund,
            rapport=rapport,
            ar=ar,
            nyckel="uppdrag",
            text="Förbundets uppdrag.",
        )
        if not Budgetversion.objects.filter(
            rakenskapsar__forbund=forbund, rakenskapsar__slut__year=ar, typ="budget"
        ).exists():
            Uppgiftsundantag.objects.create(
                forbund=forbund,
                rapport=rapport,
                ar=ar,
                nyckel="budget",
                motivering="Ingen budget.",
            )
        for nyckel in EJ_TILLAMPLIGA:
            Uppgiftsundantag.objects.get_or_create(
                forbund=forbund,
                rapport=rapport,
                ar=ar,
                nyckel=nyckel,
                defaults={"motivering": "Inte det testet gäller."},
            )
