"""The reports' part of the demo förbund: settings, the default LKBR definitions and the
2013 förvaltningsberättelse texts from Helsingborg's published report (seed 000). The
ledger itself comes from ``ekonomi.demo``. Safe to re-run."""

from forbund.models import Forbund
from rapporter.definitioner import hamta_definition
from rapporter.models import Rapportdefinition, Rapportinstallning, Rapporttyp
from rapporter.services import berattelse_spara
from rapporter.text import sanera

PRINCIPER = (
    "Förbundets årsredovisning har upprättats enligt god kommunal redovisningssed i "
    "överensstämmelse med lagen om kommunal bokföring och redovisning, gällande "
    "rekommendationer från Rådet för kommunal redovisning samt Sveriges Kommuner och "
    "Regioners rekommendationer."
)

# One text per section of seed 000's förvaltningsberättelse (its chapters 1–7), as the
# förbundschef enters them in the editor: headings, lists and bold kept.
TEXTER_2013 = {
    "uppdrag": (
        "<p>Samordningsförbundet för finansiell samordning i Helsingborg är en fristående "
        "juridisk person. Förbundets medlemmar är Arbetsförmedlingen, Försäkringskassan, "
        "Helsingborgs stad och Region Skåne. Förbundet bildades 2009-07-01 och verkar med "
        "stöd av lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser.</p>"
        "<p>Målet är en <strong>fungerande och effektiv samverkansstruktur</strong> där "
        "berörda myndigheter kan mötas på alla systemnivåer. Medel för att nå målet är bland "
        "annat finansiering av insatser för medborgare som behöver samordnade medicinska, "
        "sociala och/eller arbetsinriktade rehabiliteringsinsatser, och kompetensutveckling "
        "för chefer och medarbetare i samverkansarbetet.</p>"
        "<p>Förbundets tillgängliga medel för 2013 var 19,9 miljoner kronor; "
        "medlemsintäkterna var 14 miljoner kronor.</p>"
    ),
    "handelser": (
        "<p>Arbetet under verksamhetsåret 2013 har präglats av stabilitet och produktion.</p>"
        "<ul><li>Det strukturella nätverket har ökat från 8 aktiva verksamheter (2012) till "
        "11 under 2013.</li><li>Sex finansierade processer har varit aktiva; två har "
        "avslutats vid årsskiftet och fyra nya har tagits fram.</li><li>Implementeringsbeslut "
        "har fattats kring processen Maria Nordväst.</li><li>En tvärsektoriell "
        "inspirationsdag genomfördes i november med 105 chefer som deltagare.</li></ul>"
    ),
    "styrelse": (
        "<p>Samordningsförbundet består av en styrelse, en förbundschef och en timanställd "
        "sekreterare. Styrelsen är förbundets högsta beslutande och förvaltande organ med "
        "ansvar för ekonomi och utveckling; dess arbete regleras i förbundsordningen.</p>"
    ),
    "samverkan": (
        "<p>Förbundet arbetar med fyra kontaktarenor som på olika sätt äger, driver, "
        "utvärderar och förvaltar de insatser som förbundet finansierar.</p>"
        "<p>Syftet med nätverksmötena är att skapa ett tvärsektoriellt lärande och en "
        "samsyn kring behov och gemensamma frågor.</p>"
    ),
    "maluppfyllelse": (
        "<p>Avstämning mot verksamhetsplan 2013: följande utvecklingsmål har påbörjats "
        "eller genomförts.</p>"
        "<h4>Utveckling av förbundet</h4><p>2013 var det fjärde verksamhetsåret. Nätverken "
        "har diskuterat strukturer, roller och utveckling, och förbundet har förstärkts med "
        "en timanställd sekreterare.</p>"
        "<h4>Stödja den strukturella samverkan</h4><p>Förbundet anordnade en "
        "inspirationsdag för chefer: 105 chefer från 11 verksamheter deltog.</p>"
        "<h4>Kvalitetssäkra finansierade insatser</h4><p>Fyra nya processer har arbetats "
        "fram. Alla processer utvärderas, och efter avslutad processtid anordnas ett "
        "lärande seminarium.</p>"
    ),
    "insatser": (
        "<p>Pågående processer under 2013 redovisas kortfattat. Mer omfattande årsrapporter "
        "lämnas varje år till förbundet.</p>"
    ),
    "deltagare": (
        "<p>Siffrorna gäller de individinriktade insatserna tillsammans. Små tal visas inte, "
        "så att ingen deltagare kan pekas ut.</p>"
    ),
    "ekonomi": (
        "<p>Finansieringen sker genom att medlemsavgifterna förs över till förbundet. Under "
        "2013 omfattar den finansiella samordningen 14 miljoner kronor:</p>"
        "<table><tbody><tr><th>Medlem</th><th>Bidrag</th></tr>"
        "<tr><td>Försäkringskassan/Arbetsförmedlingen</td><td>7 000 000 kr</td></tr>"
        "<tr><td>Helsingborgs stad</td><td>3 500 000 kr</td></tr>"
        "<tr><td>Region Skåne</td><td>3 500 000 kr</td></tr></tbody></table>"
    ),
    "balanskrav": (
        "<p>Förbundet följer Nationella rådets rekommendation om eget kapital. Det egna "
        "kapitalet används under 2014 till de beviljade processerna.</p>"
    ),
    "forvantad": (
        "<p>2014 års verksamhetsplan bygger på den budgetram om 12 miljoner kronor som "
        "huvudmännen har beslutat om för 2014, samt eget kapital om 5,9 miljoner kronor. "
        "Verksamheter som har beviljats medel för 2014 följs upp och utvärderas.</p>"
    ),
}
# Seed 000 §6: each process's "Resultat" and "Utvärdering" for 2013.
INSATSTEXTER_2013 = {
    "Samordningsgruppen": (
        "Processen har under året hanterat 180 ärenden och 144 personer har tagits in i "
        "processens operativa del.",
        "Processen utvärderades i december 2011. En socioekonomisk utvärdering redovisades i "
        "februari 2013. Ett lärande seminarium hålls i mars 2014.",
    ),
    "GPS – Navigera rätt": (
        "Processen har under året hanterat 180 ärenden; 92 av dessa har fått en egen guideresurs.",
        "Processen utvärderades i december 2011. Ett lärande seminarium hålls i mars 2014.",
    ),
    "PlantEra PlantÅra": (
        "66 personer till arbete, 9 till reguljära studier, 36 kompetenshöjande utbildningar "
        "och 19 till praktikplats.",
        "Processen utvärderades 2013. Utvärderaren fortsätter att följa processens arbete "
        "som stöd för en möjlig implementering.",
    ),
    "Kultur på recept 2.0": (
        "120 utskrivna recept; 13 vårdenheter skriver ut recept.",
        "En medicinsk utvärdering görs av Region Skånes EPI-centrum och en "
        "processutvärdering av Oxford Research.",
    ),
    "HIT-processen": (
        "14 medarbetare har genomfört utbildningen och arbetar enligt metoden; ytterligare "
        "43 har gått utbildningen sedan starten 2012.",
        "Utvärdering pågår och presenteras under 2014.",
    ),
    "Maria Nordväst": (
        "Verksamheten är på plats i provisoriska lokaler; de permanenta blir färdiga hösten "
        "2014. Tre kommuner deltar i uppstarten.",
        "Steg ett utvärderades i maj 2013. Implementeringsfasen utvärderas löpande av en "
        "forskare från Socialhögskolan i Lund.",
    ),
}
TEXTER_VP_2014 = {
    "inledning": (
        "<p>Verksamhetsplanen beskriver förbundets inriktning och budget för 2014 med "
        "prognos för 2015 och 2016.</p>"
    ),
    "vision": (
        "<p>En fungerande och effektiv samverkansstruktur där myndigheterna möts på alla "
        "systemnivåer.</p>"
    ),
}


def load(*, forbund: Forbund) -> None:
    Rapportinstallning.objects.update_or_create(
        forbund=forbund,
        defaults={
            "enhet_rakningar": "tkr1",
            "enhet_noter": "tkr1",
            "redovisningsprinciper": PRINCIPER,
            "ansvarsforbindelser": "Inga",  # as published; an empty setting is "saknas"
        },
    )
    for typ in Rapportdefinition.Typ.values:
        hamta_definition(forbund=forbund, typ=typ)
    from insatser.models import Insats
    from rapporter.struktur import insatsnyckel

    texter_2013 = dict(TEXTER_2013)
    for insats in Insats.objects.filter(forbund=forbund, namn__in=INSATSTEXTER_2013):
        resultat, utvardering = INSATSTEXTER_2013[insats.namn]
        texter_2013[insatsnyckel(insats.pk, "resultat")] = resultat
        texter_2013[insatsnyckel(insats.pk, "utvardering")] = utvardering
    # Through the same service as the browser's editor (sanitised, logged).
    for rapport, ar, texter in (
        (Rapporttyp.ARSREDOVISNING, 2013, texter_2013),
        (Rapporttyp.VERKSAMHETSPLAN, 2014, TEXTER_VP_2014),
    ):
        berattelse_spara(
            forbund=forbund,
            rapport=rapport,
            ar=ar,
            texter={k: sanera(v) for k, v in texter.items()},
            user=None,
        )
