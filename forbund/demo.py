"""Demo register: Samordningsförbundet Finsam i Helsingborg as its 2013 årsredovisning
describes it (../shared/seeds/000): members, styrelse 2011–2014, revisorer, kansli,
groups, the 2013 meetings and key decisions, medlemsbidrag and ansvarsfrihet for 2012.

Safe to re-run: every row is looked up by its natural key before it is created. Meeting
dates and protokoll numbers are not in the report and are made up (seven meetings, as the
report says); so is the förbundschef's name.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from forbund.models import (
    Ansvarsfrihet,
    Behorighet,
    Beslut,
    Bidragsandel,
    Bidragsar,
    Forbund,
    Grupp,
    Gruppmedlem,
    Kanslitjanst,
    Medlem,
    Person,
    Revisor,
    Roll,
    Sammantrade,
    Styrelseuppdrag,
)

DEMO_ORGNR = "222000-1024"  # a valid-looking number for the demo förbund (not the real one)
ANDRA_ORGNR = "222000-1032"

FK, AF, REGION, KOMMUN = (
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "Region Skåne",
    "Helsingborgs stad",
)

MEDLEMMAR = [
    (FK, Medlem.Typ.FORSAKRINGSKASSAN),
    (AF, Medlem.Typ.ARBETSFORMEDLINGEN),
    (REGION, Medlem.Typ.REGION),
    (KOMMUN, Medlem.Typ.KOMMUN),
]

ANVANDARE = [
    ("kansli", "Karin", "Kanslisson", Roll.KANSLI),
    ("forbundschef", "Fredrik", "Förbundschefsson", Roll.FORBUNDSCHEF),
    ("styrelse", "Christian", "Orsing", Roll.STYRELSE),
    ("revisor", "Johan", "Rasmusson", Roll.REVISOR),
]

MANDAT = (datetime.date(2011, 1, 1), datetime.date(2014, 12, 31))

# (namn, titel, parti, medlem, typ, presidium)
STYRELSE = [
    ("Christian Orsing", "kommunalråd", "M", KOMMUN, "ledamot", "ordforande"),
    ("Ulrika Arvidsson", "områdeschef", "", FK, "ledamot", "vice1"),
    ("Karin Axelsson", "förtroendevald", "M", REGION, "ledamot", ""),
    ("Bengt Andersson", "arbetsförmedlingschef", "", AF, "ledamot", ""),
    ("Tonka Frodlund", "förtroendevald", "S", KOMMUN, "ersattare", ""),
    ("Thomas Persson", "samverkansansvarig", "", FK, "ersattare", ""),
    ("Franziska Larsson", "förtroendevald", "S", REGION, "ersattare", ""),
    ("Marit Nordstrand", "arbetsförmedlingschef", "", AF, "ersattare", ""),
]

# (namn, firma, auktoriserad, utsedd av)
REVISORER = [
    ("Johan Rasmusson", "Deloitte AB", True, [FK, AF]),
    ("Eva Asare", "", False, [KOMMUN]),
    ("Marie Nielsén", "", False, [REGION]),
]

# (datum, protokollnummer, [(paragraf, rubrik, typ, belopp kr, från år, tom år)])
SAMMANTRADEN = [
    (
        datetime.date(2013, 2, 15),
        "2013:1",
        [("4", "Verksamhetsberättelse 2012", "ovrigt", None, None, None)],
    ),
    (
        datetime.date(2013, 3, 22),
        "2013:2",
        [("5", "Årsredovisning 2012", "arsredovisning", None, 2012, 2012)],
    ),
    (
        datetime.date(2013, 5, 17),
        "2013:3",
        [("6", "Implementeringsbeslut Maria Nordväst", "ovrigt", None, None, None)],
    ),
    (
        datetime.date(2013, 6, 14),
        "2013:4",
        [("5", "Delegationsordning", "delegationsordning", None, None, None)],
    ),
    (
        datetime.date(2013, 9, 27),
        "2013:5",
        [("4", "Delårsrapport januari–augusti 2013", "delarsrapport", None, 2013, 2013)],
    ),
    (
        datetime.date(2013, 10, 25),
        "2013:6",
        [("6", "Verksamhetsplan 2014", "verksamhetsplan", None, 2014, 2014)],
    ),
    (
        datetime.date(2013, 11, 29),
        "2013:7",
        [
            ("4", "Budget 2014", "budget", 12_000_000, 2014, 2014),
            ("5", "Finansiering PlantEra PlantAra 2014", "finansiering", 3_452_000, 2014, 2014),
            ("6", "Finansiering Maria Nordväst 2014", "finansiering", 1_788_000, 2014, 2014),
            ("7", "Finansiering HIT 2014", "finansiering", 2_525_000, 2014, 2014),
            ("8", "Finansiering Kultur på recept 2014", "finansiering", 1_617_000, 2014, 2014),
            ("9", "Finansiering IPS 2014", "finansiering", 2_426_000, 2014, 2014),
        ],
    ),
]

# Fullmäktige and the state agencies decided on ansvarsfrihet for 2012 in 2013.
ANSVARSFRIHET_2012 = [
    (FK, "Försäkringskassan", datetime.date(2013, 5, 15)),
    (AF, "Arbetsförmedlingen", datetime.date(2013, 5, 15)),
    (REGION, "Regionfullmäktige", datetime.date(2013, 6, 18)),
    (KOMMUN, "Kommunfullmäktige", datetime.date(2013, 6, 19)),
]


def _register(forbund: Forbund) -> None:
    medlemmar = {}
    for namn, typ in MEDLEMMAR:
        medlemmar[namn], _ = Medlem.objects.update_or_create(
            forbund=forbund,
            namn=namn,
            defaults={"typ": typ, "from_datum": datetime.date(2009, 7, 1)},
        )
    personer = {}

    def person(namn: str, **defaults) -> Person:
        if namn not in personer:
            personer[namn], _ = Person.objects.update_or_create(
                forbund=forbund, namn=namn, defaults=defaults
            )
        return personer[namn]

    for namn, titel, parti, medlem, typ, presidium in STYRELSE:
        Styrelseuppdrag.objects.update_or_create(
            forbund=forbund,
            person=person(namn, titel=titel, parti=parti),
            typ=typ,
            from_datum=MANDAT[0],
            defaults={"medlem": medlemmar[medlem], "presidium": presidium, "tom_datum": MANDAT[1]},
        )
    for namn, firma, auktoriserad, utsedd_av in REVISORER:
        revisor, _ = Revisor.objects.update_or_create(
            forbund=forbund,
            person=person(namn, titel="auktoriserad revisor" if auktoriserad else "revisor"),
            from_datum=MANDAT[0],
            defaults={"firma": firma, "auktoriserad": auktoriserad, "tom_datum": MANDAT[1]},
        )
        revisor.utsedd_av.set([medlemmar[m] for m in utsedd_av])
    chef = person("Fredrik Förbundschefsson", titel="förbundschef")
    Kanslitjanst.objects.update_or_create(
        forbund=forbund,
        person=chef,
        roll="Förbundschef",
        defaults={
            "arbetsgivare": KOMMUN,
            "tjanstgoringsgrad": 100,
            "from_datum": datetime.date(2010, 1, 1),
        },
    )
    Kanslitjanst.objects.update_or_create(
        forbund=forbund,
        person=person("Sara Sekreterare", titel="sekreterare"),
        roll="Sekreterare (timanställd)",
        defaults={
            "arbetsgivare": KOMMUN,
            "tjanstgoringsgrad": 20,
            "from_datum": datetime.date(2013, 1, 1),
        },
    )
    for namn, typ, beskrivning in [
        (
            "Chefsnätverket",
            Grupp.Typ.CHEFSNATVERK,
            "Bildades hösten 2010; 11 chefer från 11 verksamheter, träffas 4 gånger per år.",
        ),
        (
            "Berednings- och utvecklingsgruppen",
            Grupp.Typ.BEREDNING,
            "En representant från varje verksamhet; bereder ansökningar om medel åt styrelsen.",
        ),
    ]:
        grupp, _ = Grupp.objects.update_or_create(
            forbund=forbund,
            namn=namn,
            defaults={
                "typ": typ,
                "beskrivning": beskrivning,
                "from_datum": datetime.date(2010, 9, 1),
            },
        )
        Gruppmedlem.objects.update_or_create(
            grupp=grupp,
            person=chef,
            defaults={"organisation": "Kansliet", "roll": "Sammankallande"},
        )
    ledamoter = [personer[n] for n, *_, typ, _p in STYRELSE if typ == "ledamot"]
    for datum, nummer, beslut in SAMMANTRADEN:
        mote, _ = Sammantrade.objects.update_or_create(
            forbund=forbund,
            datum=datum,
            defaults={"typ": Sammantrade.Typ.STYRELSE, "protokollnummer": nummer},
        )
        mote.narvarande.set(ledamoter)
        for paragraf, rubrik, typ, belopp, from_ar, tom_ar in beslut:
            Beslut.objects.update_or_create(
                sammantrade=mote,
                paragraf=paragraf,
                defaults={
                    "rubrik": rubrik,
                    "typ": typ,
                    "belopp": belopp,
                    "from_ar": from_ar,
                    "tom_ar": tom_ar,
                },
            )
    for medlem, organ, datum in ANSVARSFRIHET_2012:
        Ansvarsfrihet.objects.update_or_create(
            medlem=medlemmar[medlem],
            ar=2012,
            defaults={
                "forbund": forbund,
                "revisionsberattelse": Ansvarsfrihet.Tillstyrkan.TILLSTYRKER,
                "revisionsberattelse_datum": datetime.date(2013, 3, 28),
                "beslut": Ansvarsfrihet.Beslut.BEVILJAD,
                "beslutsdatum": datum,
                "beslutsorgan": organ,
            },
        )
    _medlemsbidrag(forbund, medlemmar)


def _medlemsbidrag(forbund: Forbund, medlemmar: dict[str, Medlem]) -> None:
    """2012: S = 3 000 000 (6 mkr in all); 2013: S = 7 000 000 (14 mkr); 2014: S =
    6 000 000 (the 12 mkr frame of seed 000 chapter 5). One region and one kommun, so no key
    needs a basis."""
    from forbund.services.bidrag import fordela_medlemsbidrag

    for ar, s in ((2012, 3_000_000), (2013, 7_000_000), (2014, 6_000_000)):
        bidragsar, _ = Bidragsar.objects.update_or_create(
            forbund=forbund,
            ar=ar,
            defaults={"statlig_tilldelning": s, "nyckel_kommuner": Bidragsar.Nyckel.FAST},
        )
        andelar = [
            Bidragsandel.objects.get_or_create(bidragsar=bidragsar, medlem=m)[0]
            for m in medlemmar.values()
        ]
        belopp = fordela_medlemsbidrag(bidragsar=bidragsar, andelar=andelar)
        for andel in andelar:
            if andel.verifikation_id is None and andel.belopp != belopp[andel.medlem_id]:
                andel.belopp = belopp[andel.medlem_id]
                andel.save(update_fields=["belopp"])
        if bidragsar.beraknat is None:
            bidragsar.beraknat = timezone.now()
            bidragsar.save(update_fields=["beraknat"])


def load(*, losenord: str) -> tuple[Forbund, list[tuple[str, str]]]:
    forbund, _ = Forbund.objects.update_or_create(
        orgnr=DEMO_ORGNR,
        defaults={
            "namn": "Samordningsförbundet Finsam i Helsingborg",
            "sate": "Helsingborg",
            "bildat": datetime.date(2009, 7, 1),
        },
    )
    _register(forbund)
    User = get_user_model()
    inloggningar = []
    for username, first, last, roll in ANVANDARE:
        user, _ = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(losenord)
        user.save()
        Behorighet.objects.update_or_create(user=user, forbund=forbund, defaults={"roll": roll})
        inloggningar.append((username, f"{Roll(roll).label} i {forbund.namn}"))
    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.set_password(losenord)
    admin.save()
    inloggningar.append(("admin", "systemadministratör"))
    return forbund, inloggningar
