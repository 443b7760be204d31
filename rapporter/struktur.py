"""The document structure of each report kind: its sections in order, each generated from
the registers and the books, a narrative text, or both (close to Nationella rådet's
template and the published reports, ../shared/seeds 000, 002, 003).

A förbund may hide a section that is not required, reorder sections, rename headings and
add its own narrative sections (:class:`rapporter.models.Avsnittsval`). The texts are
stored per förbund, report kind, year and section key (:class:`Berattelseavsnitt`) as
sanitised HTML (:mod:`rapporter.text`)."""

from dataclasses import dataclass, field

from rapporter.models import Avsnittsval, Berattelseavsnitt, Rapporttyp
from rapporter.text import sanera

GENERERAD = "genererad"
TEXT = "text"
BADA = "bada"


@dataclass(frozen=True)
class Standardavsnitt:
    """One section of a report kind as shipped. ``fast``: required, cannot be hidden."""

    nyckel: str
    rubrik: str
    slag: str
    fast: bool = False


_AR = [
    Standardavsnitt("uppdrag", "Uppdrag och organisation", BADA),
    Standardavsnitt("handelser", "Året i korthet och händelser av väsentlig betydelse", TEXT),
    Standardavsnitt("styrelse", "Styrelse, kansli och revisorer", BADA, fast=True),
    Standardavsnitt("samverkan", "Samverkan", BADA),
    Standardavsnitt("maluppfyllelse", "Måluppfyllelse", BADA),
    Standardavsnitt("insatser", "Insatser", BADA),
    Standardavsnitt("deltagare", "Deltagarresultat för hela förbundet", BADA),
    Standardavsnitt("ekonomi", "Ekonomi och budgetuppföljning", BADA, fast=True),
    Standardavsnitt(
        "balanskrav", "Eget kapital, balanskrav och god ekonomisk hushållning", BADA, fast=True
    ),
    Standardavsnitt("forvantad", "Förväntad utveckling", TEXT),
]
_DR = [
    Standardavsnitt("uppdrag", "Uppdrag och organisation", BADA),
    Standardavsnitt("handelser", "Perioden i korthet och väsentliga händelser", TEXT),
    Standardavsnitt("styrelse", "Styrelse, kansli och revisorer", BADA, fast=True),
    Standardavsnitt("samverkan", "Samverkan", BADA),
    Standardavsnitt("maluppfyllelse", "Måluppfyllelse", BADA),
    Standardavsnitt("insatser", "Insatser", BADA),
    Standardavsnitt("deltagare", "Deltagarresultat för hela förbundet", BADA),
    Standardavsnitt("ekonomi", "Ekonomi och prognos", BADA, fast=True),
    Standardavsnitt("forvantad", "Förväntad utveckling", TEXT),
    Standardavsnitt("uttalande", "Styrelsens uttalande", TEXT),
]
_VP = [
    Standardavsnitt("inledning", "Inledning", TEXT),
    Standardavsnitt("uppdrag", "Uppdrag", BADA),
    Standardavsnitt("organisation", "Organisation", BADA),
    Standardavsnitt("vision", "Vision och verksamhetsidé", TEXT),
    Standardavsnitt("inriktning", "Inriktning och målgrupper", TEXT),
    Standardavsnitt("mal", "Förbundets mål", BADA),
    Standardavsnitt("insatser", "Insatser och beviljade medel", BADA),
    Standardavsnitt("uppfoljning", "Uppföljning", TEXT),
    Standardavsnitt("budget", "Budget", BADA, fast=True),
    Standardavsnitt("kapital", "Eget kapital", BADA, fast=True),
]
STANDARD: dict[str, list[Standardavsnitt]] = {
    Rapporttyp.ARSREDOVISNING: _AR,
    Rapporttyp.DELARSRAPPORT: _DR,
    Rapporttyp.VERKSAMHETSPLAN: _VP,
}


@dataclass
class Avsnitt:
    """A section as printed: number (``"1.3"``), heading, the generated part's template key
    (``mall``, empty for a text-only section), the sanitised HTML text, and ``saknas``:
    register facts the generated part lacks for the period (printed as "Uppgift saknas")."""

    nyckel: str
    rubrik: str
    slag: str
    nr: str = ""
    text: str = ""
    egen: bool = False
    saknas: list[str] = field(default_factory=list)

    @property
    def genererad(self) -> bool:
        return self.slag in (GENERERAD, BADA)

    @property
    def mall(self) -> str:
        return f"rapporter/avsnitt/{self.nyckel}.html" if self.genererad else ""


def avsnittslista(*, forbund, rapport: str, med_dolda: bool = False) -> list[tuple]:
    """The förbund's sections of one report kind in its order:
    ``[(Standardavsnitt-like, Avsnittsval | None)]``. Own sections come as
    ``Standardavsnitt(nyckel, rubrik, TEXT)``. Hidden ones are left out unless
    ``med_dolda``."""
    val = {a.nyckel: a for a in Avsnittsval.objects.filter(forbund=forbund, rapport=rapport)}
    rader = []
    for i, s in enumerate(STANDARD[rapport]):
        v = val.pop(s.nyckel, None)
        rader.append((s, v, v.ordning if v else (i + 1) * 10))
    for v in val.values():
        if v.egen:
            rader.append((Standardavsnitt(v.nyckel, v.rubrik, TEXT), v, v.ordning))
    rader.sort(key=lambda r: r[2])
    return [(s, v) for s, v, _ in rader if med_dolda or s.fast or not (v is not None and v.dold)]


def berattelsetexter(*, forbund, rapport: str, ar: int) -> dict[str, str]:
    """Every stored text of the report and year (sections and insatser), key → HTML as
    stored: one query, read once per report build."""
    return dict(
        Berattelseavsnitt.objects.filter(forbund=forbund, rapport=rapport, ar=ar).values_list(
            "nyckel", "text"
        )
    )


def dokumentstruktur(
    *, forbund, rapport: str, ar: int, kapitel: int = 1, texter: dict | None = None
) -> list[Avsnitt]:
    """The printed sections of a report for year ``ar``, numbered ``kapitel.n`` (a plan:
    ``n``), each with its text (sanitised again on the way out: nothing unsafe reaches a
    PDF). A text-only section without text is left out. ``texter``: the report's texts
    already read (``berattelsetexter``)."""
    if texter is None:
        texter = berattelsetexter(forbund=forbund, rapport=rapport, ar=ar)
    if rapport == Rapporttyp.VERKSAMHETSPLAN:
        kapitel = 0
    ut = []
    for s, v in avsnittslista(forbund=forbund, rapport=rapport):
        text = sanera(texter.get(s.nyckel, ""))
        if s.slag == TEXT and not text:
            continue  # an empty text section is left out (and out of the contents)
        n = len(ut) + 1
        ut.append(
            Avsnitt(
                nyckel=s.nyckel,
                rubrik=(v.rubrik if v and v.rubrik else "") or s.rubrik,
                slag=s.slag,
                nr=f"{kapitel}.{n}" if kapitel else str(n),
                text=text,
                egen=bool(v and v.egen),
            )
        )
    return ut


def textavsnitt(*, forbund, rapport: str, ar: int | None = None) -> list[tuple[str, str]]:
    """``[(nyckel, rubrik)]`` of the sections that take a text, in the förbund's order
    (hidden ones too: their text is kept). With ``ar``, an årsredovisning or
    delårsrapport also takes a results and an evaluation text per insats of the year,
    printed in its insats section (keys :func:`insatsnyckel`)."""
    ut = []
    for s, v in avsnittslista(forbund=forbund, rapport=rapport, med_dolda=True):
        if s.slag in (TEXT, BADA):
            ut.append((s.nyckel, (v.rubrik if v and v.rubrik else "") or s.rubrik))
    if ar is not None and rapport != Rapporttyp.VERKSAMHETSPLAN:
        import datetime

        from insatser.selectors.rapport import insatser_under

        fran, till = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
        for insats in insatser_under(forbund=forbund, fran=fran, till=till):
            ut.append((insatsnyckel(insats.pk, "resultat"), f"{insats.namn}: resultat"))
            ut.append((insatsnyckel(insats.pk, "utvardering"), f"{insats.namn}: utvärdering"))
    return ut


def insatsnyckel(insats_id: int, del_: str) -> str:
    """The text key of one insats's results (``del_="resultat"``) or evaluation text."""
    return f"insats-{insats_id}-{del_}"


def med_insatstexter(
    *, forbund, rapport: str, ar: int, insatser_rapport: list, texter: dict | None = None
) -> list:
    """``insatser_rapport`` with each insats's results and evaluation texts of the year
    (sanitised HTML) filled in. ``texter``: the report's texts already read
    (``berattelsetexter``; then no query)."""
    from dataclasses import replace

    if texter is None:
        texter = dict(
            Berattelseavsnitt.objects.filter(
                forbund=forbund, rapport=rapport, ar=ar, nyckel__startswith="insats-"
            ).values_list("nyckel", "text")
        )
    return [
        replace(
            r,
            resultat_text=sanera(texter.get(insatsnyckel(r.insats.pk, "resultat"), "")),
            utvardering_text=sanera(texter.get(insatsnyckel(r.insats.pk, "utvardering"), "")),
        )
        for r in insatser_rapport
    ]
