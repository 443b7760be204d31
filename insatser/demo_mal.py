"""The demo förbund's own goals: 2013 as followed up in seed 000's "Avstämning mot
verksamhetsplan 2013" (its three development goals, with the figures the report gives:
11 verksamheter in the network, 105 chefer at the inspiration day, 4 new processes), and
2014 as the plan for the next year (seed 000 §7: the four new processes, a consolidation
phase). One 2013 goal is a participant count under the publication threshold, so the
reports show it as "<5" and "Kan inte bedömas". Safe to re-run."""

import datetime
from decimal import Decimal

from forbund.models import Forbund
from insatser.models import Forbundsmal
from insatser.services.forbundsmal import forbundsmal_create, malutfall_spara

INRIKTNING, RESULTAT = Forbundsmal.Slag.INRIKTNING, Forbundsmal.Slag.RESULTAT
DELAR = datetime.date(2013, 8, 31)
HELAR = datetime.date(2013, 12, 31)

# (text, [(text, mätetal, målvärde, enhet, målvärde i text, deltagarantal,
#          {datum: (utfall, utfall i text, bedömning, kommentar)})])
MAL_2013 = [
    (
        "Utveckling av förbundet",
        [
            (
                "Förbundets kansli förstärks för att möta tillväxten",
                "Förstärkning av kansliet",
                None,
                "",
                "Sekreterare anställd under året",
                False,
                {
                    DELAR: (None, "Rekrytering pågår", "delvis", ""),
                    HELAR: (None, "En timanställd sekreterare är anställd", "uppfyllt", ""),
                },
            ),
            (
                "Förbundets arbetssätt sprids utanför förbundet",
                "Antal nationella konferenser där förbundet medverkar",
                Decimal(1),
                "st",
                "",
                False,
                {
                    DELAR: (Decimal(1), "Välfärdskonferensen i Göteborg", "uppfyllt", ""),
                    HELAR: (
                        Decimal(2),
                        "Välfärdskonferensen i Göteborg och NNS nationella konferens",
                        "uppfyllt",
                        "Förbundschefen har även medverkat som utbildare hos Nationella rådet.",
                    ),
                },
            ),
        ],
    ),
    (
        "Stödja den strukturella samverkan",
        [
            (
                "Fler verksamheter deltar i det strukturella nätverket",
                "Antal aktiva verksamheter i nätverket (8 år 2012)",
                Decimal(10),
                "st",
                "",
                False,
                {
                    DELAR: (Decimal(10), "", "uppfyllt", ""),
                    HELAR: (
                        Decimal(11),
                        "",
                        "uppfyllt",
                        "Nya är skol- och fritidsförvaltningen, vård- och "
                        "omsorgsförvaltningen samt kulturförvaltningen.",
                    ),
                },
            ),
            (
                "En tvärsektoriell inspirationsdag för chefer genomförs",
                "Antal chefer som deltar",
                Decimal(100),
                "st",
                "",
                False,
                {
                    DELAR: (None, "Planerad till november", "kan_inte", ""),
                    HELAR: (Decimal(105), "Chefer från 11 verksamheter", "uppfyllt", ""),
                },
            ),
        ],
    ),
    (
        "Kvalitetssäkra finansierade insatser",
        [
            (
                "Nya utvecklingsinsatser (processer) tas fram",
                "Antal nya processer",
                Decimal(4),
                "st",
                "",
                False,
                {
                    DELAR: (Decimal(2), "", "delvis", ""),
                    HELAR: (
                        Decimal(4),
                        "IPS, Unga 16–20 år, Drottninghög och OK",
                        "uppfyllt",
                        "",
                    ),
                },
            ),
            (
                "Avslutade processer förvaltas vidare i ordinarie verksamhet",
                "Antal avslutade processer som förvaltas vidare",
                Decimal(2),
                "st",
                "",
                False,
                {
                    DELAR: (None, "Överlämningen av Samrådsteamet förbereds", "delvis", ""),
                    HELAR: (
                        Decimal(1),
                        "Samrådsteamet förvaltas gemensamt utan extern finansiering",
                        "delvis",
                        "Implementeringsbeslut har också fattats för Maria Nordväst.",
                    ),
                },
            ),
            (
                "Unga 16–20 år som varken arbetar eller studerar nås av förstudien",
                "Antal unga som deltar i förstudiens kartläggning",
                Decimal(10),
                "deltagare",
                "",
                True,
                {
                    DELAR: (None, "Förstudien startar under hösten", "kan_inte", ""),
                    HELAR: (Decimal(3), "", "ej", ""),
                },
            ),
        ],
    ),
]

MAL_2014 = [
    (
        "Stabilisera och konsolidera samverkan",
        [
            (
                "De nya processerna startar",
                "Antal startade processer",
                Decimal(4),
                "st",
                "",
                False,
                {},
            ),
            (
                "Ett inspirationstillfälle för medarbetare genomförs",
                "Genomfört tillfälle",
                None,
                "",
                "Genomfört under året",
                False,
                {},
            ),
        ],
    ),
    (
        "Kvalitetssäkra finansierade insatser",
        [
            (
                "Alla processer utvärderas",
                "Andel processer med utvärdering",
                Decimal(100),
                "%",
                "",
                False,
                {},
            ),
            (
                "Ett lärande seminarium hålls efter varje avslutad process",
                "Antal seminarier",
                Decimal(2),
                "st",
                "",
                False,
                {},
            ),
        ],
    ),
    (
        "Öka andelen individer i arbete eller studier",
        [
            (
                "Deltagare i individinriktade processer går till arbete eller studier",
                "Antal deltagare till arbete eller studier",
                Decimal(80),
                "deltagare",
                "",
                True,
                {},
            ),
        ],
    ),
]


def load(*, forbund: Forbund) -> None:
    for ar, mal in ((2013, MAL_2013), (2014, MAL_2014)):
        if Forbundsmal.objects.filter(forbund=forbund, ar=ar).exists():
            continue
        for i, (text, resultatmal) in enumerate(mal, start=1):
            inriktning = forbundsmal_create(
                user=None, forbund=forbund, ar=ar, slag=INRIKTNING, text=text, ordning=i * 10
            )
            for j, (rtext, matt, varde, enhet, maltext, antal, uppfoljning) in enumerate(
                resultatmal, start=1
            ):
                rm = forbundsmal_create(
                    user=None,
                    forbund=forbund,
                    ar=ar,
                    slag=RESULTAT,
                    overordnat=inriktning,
                    text=rtext,
                    matt=matt,
                    malvarde=varde,
                    enhet=enhet,
                    maltext=maltext,
                    deltagarantal=antal,
                    ordning=j * 10,
                )
                for till, (utfall, utext, bedomning, kommentar) in uppfoljning.items():
                    malutfall_spara(
                        user=None,
                        mal=rm,
                        till=till,
                        utfall=utfall,
                        utfall_text=utext,
                        bedomning=bedomning,
                        kommentar=kommentar,
                    )
