"""The reports' part of the demo förbund: settings, the default LKBR definitions and the
2013 förvaltningsberättelse texts from Helsingborg's published report (seed 000). The
ledger itself comes from ``ekonomi.demo``. Safe to re-run."""

from forbund.models import Forbund
from rapporter.definitioner import hamta_definition
from rapporter.models import Berattelseavsnitt, Rapportdefinition, Rapportinstallning, Rapporttyp

PRINCIPER = (
    "Förbundets årsredovisning har upprättats enligt god kommunal redovisningssed i "
    "överensstämmelse med lagen om kommunal bokföring och redovisning, gällande "
    "rekommendationer från Rådet för kommunal redovisning samt Sveriges Kommuner och "
    "Regioners rekommendationer."
)

TEXTER_2013 = {
    Berattelseavsnitt.Nyckel.UPPDRAG: (
        "Samordningsförbundet för finansiell samordning i Helsingborg är en fristående "
        "juridisk person. Förbundets medlemmar är Arbetsförmedlingen, Försäkringskassan, "
        "Helsingborgs stad och Region Skåne. Förbundet bildades 2009-07-01 och verkar med "
        "stöd av lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser.\n"
        "Målet är en fungerande och effektiv samverkansstruktur där berörda myndigheter kan "
        "mötas på alla systemnivåer."
    ),
    Berattelseavsnitt.Nyckel.HANDELSER: (
        "Det strukturella nätverket har ökat från 8 aktiva verksamheter (2012) till 11 under "
        "2013. Sex finansierade processer har varit aktiva; två har avslutats vid "
        "årsskiftet och fyra nya har tagits fram. Implementeringsbeslut har fattats kring "
        "processen Maria Nordväst. En tvärsektoriell inspirationsdag genomfördes i november "
        "med 105 chefer som deltagare."
    ),
    Berattelseavsnitt.Nyckel.FORVANTAD: (
        "2014 års verksamhetsplan bygger på den budgetram om 12 miljoner kronor som "
        "huvudmännen har beslutat om för 2014, samt eget kapital om 5,9 miljoner kronor."
    ),
}


def load(*, forbund: Forbund) -> None:
    Rapportinstallning.objects.update_or_create(
        forbund=forbund,
        defaults={
            "enhet_rakningar": "tkr1",
            "enhet_noter": "tkr1",
            "redovisningsprinciper": PRINCIPER,
        },
    )
    for typ in Rapportdefinition.Typ.values:
        hamta_definition(forbund=forbund, typ=typ)
    for nyckel, text in TEXTER_2013.items():
        Berattelseavsnitt.objects.update_or_create(
            forbund=forbund,
            rapport=Rapporttyp.ARSREDOVISNING,
            ar=2013,
            nyckel=nyckel,
            defaults={"text": text},
        )
