"""The demo förbund's insatser, from the Helsingborg 2013 verksamhetsberättelse (seed 000):
the six processes of 2013, the four granted for 2014, the inspirationsdag (105 chefer),
and participants with outcomes for some individinriktade insatser.

Idempotent: insatser are found by name, ledger objects by code (dimension 6), so this may
run before or after the ledger's demo and any number of times. Participants are an
illustrative, deterministic sample (the seed gives only totals such as "144 personer").
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from forbund.models import Beslut, Forbund, Sammantrade
from insatser import services
from insatser.models import Avslutsorsak, Deltagande, Insats, Mal
from insatser.models.deltagare import Forsorjning, Sysselsattning, Utbildningsniva
from insatser.services.insatser import projektdimension

D = datetime.date
T = Insats.Typ
F = Insats.Finansiering

# namn, kod, typ, finansiering, medlem, annan ägare, start, slut, behovsgrupp, metod, status
PROCESSER = [
    (
        "Samordningsgruppen",
        "SAMG",
        T.INDIVID,
        "",
        "Arbetsförmedlingen",
        "",
        D(2009, 11, 1),
        D(2013, 10, 30),
        "Personer med långvariga kontakter med olika myndigheter samtidigt, "
        "s.k. rundgångsärenden.",
        "Konsultativt samrådsteam till handläggare från de olika myndigheterna, och "
        "övertagande av ärenden som behöver extra stöd från flera myndigheter samtidigt.",
        [("pagaende", D(2009, 11, 1)), ("avslutad", D(2013, 10, 30))],
    ),
    (
        "GPS – Navigera rätt",
        "GPS",
        T.INDIVID,
        F.HEL,
        "",
        "Allmänpsykiatrin i Helsingborg",
        D(2010, 1, 11),
        D(2013, 12, 31),
        "Unga vuxna (18–29 år) med psykisk ohälsa.",
        "En konsultativ funktion för handläggare och en guideresurs med två "
        "heltidsanställda handläggare som kartlägger och motiverar individer i "
        "rehabiliteringsprocessen.",
        [("pagaende", D(2010, 1, 11)), ("avslutad", D(2013, 12, 31))],
    ),
    (
        "PlantEra PlantÅra",
        "PLANT",
        T.INDIVID,
        "",
        "Helsingborgs stad",
        "Utvecklingsnämndens förvaltning",
        D(2011, 4, 1),
        D(2013, 6, 30),
        "Medborgare i stadsdelen Planteringen som har behov av samordnad service från "
        "olika myndigheter.",
        "Bostadsområdesutveckling med fysisk närvaro av fyra myndigheter i en egen lokal "
        "bredvid vårdcentralen.",
        [("pagaende", D(2011, 4, 1)), ("avslutad", D(2013, 6, 30))],
    ),
    (
        "Kultur på recept 2.0",
        "KULTUR",
        T.INDIVID,
        F.SAM,
        "Region Skåne",
        "",
        D(2012, 3, 1),
        D(2015, 2, 25),
        "Medborgare med psykisk ohälsa, generaliserad smärta med risk för social och/eller "
        "pågående eller hotande isolering.",
        "Läkaren skriver ut ett recept på deltagande i en liten grupp med introduktion "
        "till olika kulturaktiviteter 3 gånger i veckan i 10 veckor.",
        [("pagaende", D(2012, 3, 1))],
    ),
    (
        "HIT-processen",
        "HIT",
        T.KOMPETENS,
        "",
        "Helsingborgs stad",
        "Socialförvaltningen",
        D(2012, 1, 1),
        D(2014, 12, 31),
        "Personer med samsjuklighet: psykisk funktionsnedsättning i kombination med "
        "missbruk, somatisk eller psykosomatisk sjukdom och ibland hemlöshet.",
        "Utbildning av medarbetare i metoden Case Manager via Högskolan Kristianstad.",
        [("pagaende", D(2012, 1, 1))],
    ),
    (
        "Maria Nordväst",
        "MARIA",
        T.INDIVID,
        F.IMPLEMENTERING,
        "Helsingborgs stad",
        "Socialförvaltningen",
        D(2012, 1, 2),
        D(2015, 12, 31),
        "Unga upp till 25 år med missbruks- och beroendeproblematik.",
        "Etablering och uppbyggnad av en beroendemottagning.",
        [("pagaende", D(2012, 1, 2)), ("implementerad", D(2013, 12, 1))],
    ),
    # Granted for 2014 (seed 000 §5); processtid not stated in the seed.
    ("IPS", "IPS", T.INDIVID, "", "", "", D(2014, 1, 1), None, "", "", []),
    ("Unga 16–20", "UNGA", T.FORSTUDIE, F.FORSTUDIE, "", "", D(2014, 1, 1), None, "", "", []),
    ("Drottninghög", "DROTT", T.INDIVID, F.DEL, "", "", D(2014, 1, 1), None, "", "", []),
    ("OK", "OK", T.INDIVID, "", "", "", D(2014, 1, 1), None, "", "", []),
]

# Beviljade medel 2014 in kronor (seed 000 §5, "tkr" figures).
MEDEL_2014 = {
    "GPS": 100_000,
    "PLANT": 3_452_000,
    "MARIA": 1_788_000,
    "HIT": 2_525_000,
    "KULTUR": 1_617_000,
    "IPS": 2_426_000,
    "DROTT": 1_000_000,
    "OK": 1_455_000,
    "UNGA": 448_000,
}

# kod → (beskrivning, mått, målvärde, från, till)
MAL = {
    "SAMG": [
        ("Minst 120 deltagare i den operativa delen 2013", Mal.Matt.DELTAGARE, 120, 2013),
        (
            "Minst 30 % av de avslutade till arbete eller studier 2013",
            Mal.Matt.ANDEL_ARBETE_STUDIER,
            30,
            2013,
        ),
    ],
    "GPS": [
        ("Minst 80 deltagare med egen guide 2013", Mal.Matt.DELTAGARE, 80, 2013),
        (
            "Minst 30 % av de avslutade till arbete eller studier 2013",
            Mal.Matt.ANDEL_ARBETE_STUDIER,
            30,
            2013,
        ),
    ],
    "PLANT": [
        (
            "Minst 40 % av de avslutade till arbete eller studier 2013",
            Mal.Matt.ANDEL_ARBETE_STUDIER,
            40,
            2013,
        ),
    ],
    "KULTUR": [("Minst 100 utskrivna recept 2013", Mal.Matt.DELTAGARE, 100, 2013)],
    "HIT": [("Minst 14 medarbetare utbildade 2013", Mal.Matt.STRUKTUR, 14, 2013)],
    "KOMP": [("Minst 100 chefer på inspirationsdagen 2013", Mal.Matt.STRUKTUR, 100, 2013)],
}

# Sample participants per insats: (antal, andel till arbete/studier)
DELTAGARE = {
    "SAMG": (36, 0.35),
    "GPS": (32, 0.3),
    "PLANT": (30, 0.5),
    "KULTUR": (24, 0.2),
    "MARIA": (14, 0.3),
}


def _medlem(forbund: Forbund, namn: str):
    return forbund.medlemmar.filter(namn=namn).first() if namn else None


def _insats(forbund: Forbund, rad) -> Insats:
    namn, kod, typ, fin, medlem, annan, start, slut, behov, metod, statusar = rad
    insats = forbund.insatser.filter(namn=namn).first()
    if insats is None:
        insats = services.insats_create(
            user=None,
            forbund=forbund,
            namn=namn,
            typ=typ,
            finansieringsform=fin,
            processagare=_medlem(forbund, medlem),
            processagare_annan=annan,
            start=start,
            slut=slut,
            behovsgrupp=behov,
            metod=metod,
            objektkod=kod,
        )
        for status, datum in statusar:
            services.insats_status_set(user=None, insats=insats, status=status, datum=datum)
    return insats


def _mal(insats: Insats, kod: str) -> None:
    if insats.mal.exists():
        return
    for beskrivning, matt, varde, ar in MAL.get(kod, []):
        services.mal_create(
            user=None,
            insats=insats,
            beskrivning=beskrivning,
            matt=matt,
            malvarde=Decimal(varde),
            fran=D(ar, 1, 1),
            till=D(ar, 12, 31),
        )


def _medel(forbund: Forbund, insatser: dict[str, Insats]) -> None:
    mote, _ = Sammantrade.objects.get_or_create(
        forbund=forbund,
        datum=D(2013, 11, 29),  # the budget meeting of the register demo
        typ=Sammantrade.Typ.STYRELSE,
        defaults={"protokollnummer": "2013:7"},
    )
    for n, (kod, kronor) in enumerate(MEDEL_2014.items(), start=1):
        insats = insatser[kod]
        if insats.medel.filter(ar=2014).exists():
            continue
        # The register demo already records some of these grants at the same meeting
        # (§ 5–9): use that decision, so each 2014 grant is listed once.
        beslut = Beslut.objects.filter(
            sammantrade=mote, typ=Beslut.Typ.FINANSIERING, from_ar=2014, belopp=Decimal(kronor)
        ).first()
        beslut = (
            beslut
            or Beslut.objects.get_or_create(
                sammantrade=mote,
                paragraf=str(40 + n),
                defaults={
                    "rubrik": f"Medel 2014 till {insats.namn}",
                    "typ": Beslut.Typ.FINANSIERING,
                    "belopp": Decimal(kronor),
                    "from_ar": 2014,
                    "tom_ar": 2014,
                },
            )[0]
        )
        services.medel_create(
            user=None, insats=insats, ar=2014, belopp=kronor * 100, beslut=beslut
        )
        if not insats.statusar.exists():
            services.insats_status_set(
                user=None, insats=insats, status="beviljad", datum=mote.datum
            )


def _deltagare(forbund: Forbund, insats: Insats, kod: str) -> None:
    if insats.deltaganden.exists():
        return
    antal, andel_as = DELTAGARE[kod]
    rng = random.Random(f"finsam-demo-{kod}")
    orsaker = {o.kod: o for o in Avslutsorsak.objects.filter(forbund__isnull=True)}
    medlemmar = list(forbund.medlemmar.order_by("namn"))
    fran = max(insats.start, D(2013, 1, 1) - datetime.timedelta(days=300))
    sista = min(insats.slut or D(2013, 12, 31), D(2013, 12, 31))
    dagar = (sista - fran).days
    for i in range(antal):
        start = fran + datetime.timedelta(days=rng.randrange(max(dagar - 60, 1)))
        falt = {
            "kod": f"{kod}-{i + 1:03}",
            "kon": rng.choice("KKM" if kod != "MARIA" else "KMM"),
            "fodelsear": 2013 - rng.randrange(19, 29 if kod in ("GPS", "MARIA") else 60),
            "remitterande": rng.choice(medlemmar) if medlemmar else None,
            "start": start,
            "forsorjning_start": rng.choice(
                [
                    Forsorjning.OHALSA,
                    Forsorjning.ARBETSMARKNAD,
                    Forsorjning.BISTAND,
                    Forsorjning.BISTAND,
                    Forsorjning.INGEN,
                ]
            ),
            "utbildningsniva": rng.choice(Utbildningsniva.values),
            "tid_offentlig_forsorjning": rng.choice(["0-1", "1-2", "3-5", "5-"]),
            "samtycke_datum": start,
        }
        slut = start + datetime.timedelta(days=rng.randrange(60, 400))
        if slut <= sista and rng.random() < 0.75:
            if rng.random() < andel_as:
                orsak = orsaker[rng.choice(["ARBETE", "ARBETE", "STUDIER"])]
                falt |= {
                    "sysselsattning_slut": (
                        Sysselsattning.ARBETE if orsak.kod == "ARBETE" else Sysselsattning.STUDIER
                    ),
                    "forsorjning_slut": (
                        Forsorjning.LON if orsak.kod == "ARBETE" else Forsorjning.STUDIEMEDEL
                    ),
                }
            else:
                orsak = orsaker[rng.choice(["REHAB", "REHAB", "HALSA", "FLYTT", "ARBETSSOKANDE"])]
                falt |= {
                    "sysselsattning_slut": Sysselsattning.REHABILITERING,
                    "forsorjning_slut": falt["forsorjning_start"],
                }
            falt |= {"slut": slut, "avslutsorsak": orsak}
        elif insats.slut is not None and insats.slut <= sista:
            # The insats ended: nobody is left open after it (they go on to rehabilitation
            # elsewhere), so no participant is "pågående" after the insats's end.
            falt |= {
                "slut": sista,
                "avslutsorsak": orsaker["REHAB"],
                "sysselsattning_slut": Sysselsattning.REHABILITERING,
                "forsorjning_slut": falt["forsorjning_start"],
            }
        services.deltagande_create(user=None, insats=insats, **falt)
    # Two participants without written consent: counted only (year, kön).
    services.anonyma_add(user=None, insats=insats, ar=2013, kon="K", skal="utan_samtycke", antal=2)


@transaction.atomic
def load(*, forbund: Forbund) -> None:
    projektdimension(forbund=forbund)
    insatser = {rad[1]: _insats(forbund, rad) for rad in PROCESSER}
    komp = forbund.insatser.filter(namn="Kompetens i samverkan").first()
    if komp is None:
        komp = services.insats_create(
            user=None,
            forbund=forbund,
            namn="Kompetens i samverkan",
            typ=T.STRUKTUR,
            processagare_annan="Samordningsförbundet",
            start=D(2013, 1, 1),
            slut=D(2013, 12, 31),
            metod="Tvärsektoriell inspirationsdag för chefer från förbundets verksamheter.",
            objektkod="KOMP",
        )
        services.strukturaktivitet_create(
            user=None,
            insats=komp,
            datum=D(2013, 11, 14),
            namn="Tvärsektoriell inspirationsdag",
            kategori="chefer",
            antal=105,
        )
    insatser["KOMP"] = komp
    hit = insatser["HIT"]
    if not hit.strukturaktiviteter.exists():
        services.strukturaktivitet_create(
            user=None,
            insats=hit,
            datum=D(2013, 12, 31),
            namn="Genomförd utbildning i Case Management",
            kategori="medarbetare",
            antal=14,
        )
    for kod, insats in insatser.items():
        _mal(insats, kod)
    _medel(forbund, insatser)
    for kod in DELTAGARE:
        _deltagare(forbund, insatser[kod], kod)
    # The verksamhetsplan 2014's budget: the grants above, per process object.
    from ekonomi import demo as ekonomi_demo

    ekonomi_demo.budget_2014(forbund=forbund, beviljat=MEDEL_2014)
    from insatser import demo_mal

    demo_mal.load(forbund=forbund)
    if not Deltagande.objects.filter(insats__forbund=forbund).exists():  # pragma: no cover
        raise RuntimeError("Demo participants were not created.")
