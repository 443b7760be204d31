"""Read use-cases of the förbund register. The reports (årsredovisning, delårsrapport)
read the organisation through these functions only."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from forbund.models import (
    Beslut,
    Bidragsandel,
    Forbund,
    Kanslitjanst,
    Logghandelse,
    Medlem,
    Revisor,
    Sammantrade,
    Styrelseuppdrag,
)


def _aktiv_under(fran: datetime.date, till: datetime.date) -> Q:
    """Mandates (from_datum/tom_datum) that overlap the interval [fran, till]."""
    return Q(from_datum__lte=till) & (Q(tom_datum__isnull=True) | Q(tom_datum__gte=fran))


def _ar(ar: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)


def medlemmar(*, forbund: Forbund) -> QuerySet[Medlem]:
    return forbund.medlemmar.all()


def medlemmar_under(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> QuerySet[Medlem]:
    return forbund.medlemmar.filter(
        (Q(from_datum__isnull=True) | Q(from_datum__lte=till))
        & (Q(tom_datum__isnull=True) | Q(tom_datum__gte=fran))
    )


def styrelse_pa_datum(*, forbund: Forbund, datum: datetime.date) -> QuerySet[Styrelseuppdrag]:
    """The styrelse as it stood on one day."""
    return forbund.uppdrag.filter(_aktiv_under(datum, datum)).select_related("person", "medlem")


def styrelse_under(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> QuerySet[Styrelseuppdrag]:
    """Every mandate held at some time in [fran, till], with mid-period changes."""
    return (
        forbund.uppdrag.filter(_aktiv_under(fran, till))
        .select_related("person", "medlem")
        .order_by("medlem__typ", "medlem__namn", "typ", "from_datum")
    )


def ar_med_uppdrag(*, forbund: Forbund, today: datetime.date | None = None) -> list[int]:
    """Calendar years in which some styrelse mandate was held, ascending. An open mandate
    counts up to ``today``'s year (default: the later of its start and the latest
    end)."""
    rader = list(forbund.uppdrag.values_list("from_datum", "tom_datum"))
    if not rader:
        return []
    slut = (today or datetime.date.min).year
    slut = max([slut, *(f.year for f, _ in rader), *(t.year for _, t in rader if t)])
    aren: set[int] = set()
    for fran, tom in rader:
        aren.update(range(fran.year, (tom.year if tom else slut) + 1))
    return sorted(aren)


def styrelse_under_ar(*, forbund: Forbund, ar: int) -> QuerySet[Styrelseuppdrag]:
    fran, till = _ar(ar)
    return styrelse_under(forbund=forbund, fran=fran, till=till)


@dataclass(frozen=True)
class Styrelsebyte:
    uppdrag: Styrelseuppdrag
    borjade: bool  # began inside the period
    slutade: bool  # ended inside the period


def styrelsebyten(*, forbund: Forbund, fran: datetime.date, till: datetime.date) -> list:
    """Mandates that began or ended inside the period (the changes during the year)."""
    result = []
    for u in styrelse_under(forbund=forbund, fran=fran, till=till):
        borjade = fran < u.from_datum <= till
        slutade = u.tom_datum is not None and fran <= u.tom_datum < till
        if borjade or slutade:
            result.append(Styrelsebyte(uppdrag=u, borjade=borjade, slutade=slutade))
    return result


def sammantraden_under(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> QuerySet[Sammantrade]:
    return forbund.sammantraden.filter(datum__range=(fran, till)).order_by("datum")


def paragrafordning(paragraf: str) -> tuple:
    """Sort key for a beslut paragraph: numerically (§ 5 before § 41), then the rest
    ("12 a" after "12")."""
    import re

    m = re.match(r"\s*(\d+)(.*)", paragraf or "")
    return (0, int(m.group(1)), m.group(2).strip()) if m else (1, 0, paragraf or "")


def beslut_i_ordning(beslut) -> list[Beslut]:
    """Decisions by meeting date, then paragraph number (numerically)."""
    return sorted(beslut, key=lambda b: (b.sammantrade.datum, paragrafordning(b.paragraf)))


def viktiga_beslut_under(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> QuerySet[Beslut]:
    """Decisions of a kind the årsredovisning names (everything but övrigt)."""
    return (
        Beslut.objects.filter(sammantrade__forbund=forbund, sammantrade__datum__range=(fran, till))
        .exclude(typ=Beslut.Typ.OVRIGT)
        .select_related("sammantrade")
        .order_by("sammantrade__datum", "paragraf")
    )


def revisorer_under(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> QuerySet[Revisor]:
    return (
        forbund.revisorer.filter(_aktiv_under(fran, till))
        .select_related("person")
        .prefetch_related("utsedd_av")
    )


def kansli_under(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> QuerySet[Kanslitjanst]:
    return forbund.kansli.filter(_aktiv_under(fran, till)).select_related("person")


def logg(*, forbund: Forbund, objekttyp: str = "", objekt_id: str = "") -> QuerySet[Logghandelse]:
    qs = forbund.logg.select_related("user")
    if objekttyp:
        qs = qs.filter(objekttyp=objekttyp)
    if objekt_id:
        qs = qs.filter(objekt_id=objekt_id)
    return qs


# --- Medlemsbidrag ------------------------------------------------------------------------

_TYPORDNING = {"fk": 0, "af": 1, "region": 2, "kommun": 3}


def medlemsbidrag_for_ar(*, forbund: Forbund, ar: int) -> list[tuple[Medlem, int]]:
    """Each paying member's contribution for the year in whole kronor (state, region(er),
    kommuner), as computed and stored; empty when the year has not been computed."""
    andelar = (
        Bidragsandel.objects.filter(
            bidragsar__forbund=forbund, bidragsar__ar=ar, belopp__isnull=False
        )
        .exclude(belopp=0)
        .select_related("medlem")
    )
    rader = [(a.medlem, a.belopp) for a in andelar]
    return sorted(rader, key=lambda r: (_TYPORDNING.get(r[0].typ, 9), r[0].namn))


# --- More for the reports -----------------------------------------------------------------


@dataclass(frozen=True)
class MedlemsStyrelse:
    medlem: Medlem
    ledamoter: list
    ersattare: list


def styrelse_per_medlem(*, forbund: Forbund, ar: int) -> list[MedlemsStyrelse]:
    """For the förvaltningsberättelse: each member of the year with the ledamöter and
    ersättare it appointed during the year (both sides of a mid-year change)."""
    fran, till = _ar(ar)
    uppdrag = list(styrelse_under(forbund=forbund, fran=fran, till=till))
    medlemmar_ar = sorted(
        medlemmar_under(forbund=forbund, fran=fran, till=till),
        key=lambda m: (_TYPORDNING.get(m.typ, 9), m.namn),
    )
    return [
        MedlemsStyrelse(
            medlem=m,
            ledamoter=[u for u in uppdrag if u.medlem_id == m.pk and u.typ == "ledamot"],
            ersattare=[u for u in uppdrag if u.medlem_id == m.pk and u.typ == "ersattare"],
        )
        for m in medlemmar_ar
    ]


def finansieringsbeslut_under(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> QuerySet[Beslut]:
    """Decisions to fund an insats taken in the period (amount and years on each)."""
    return viktiga_beslut_under(forbund=forbund, fran=fran, till=till).filter(
        typ=Beslut.Typ.FINANSIERING
    )


def ansvarsfrihet_for_ar(*, forbund: Forbund, ar: int):
    """Each member's revisionsberättelse and decision for the year (one row per member)."""
    from forbund.models import Ansvarsfrihet

    return Ansvarsfrihet.objects.filter(forbund=forbund, ar=ar).select_related("medlem")


def grupper_under(*, forbund: Forbund, fran: datetime.date, till: datetime.date):
    """Groups active in the period, with their members."""
    from forbund.models import Grupp

    return (
        Grupp.objects.filter(forbund=forbund)
        .filter(Q(from_datum__isnull=True) | Q(from_datum__lte=till))
        .filter(Q(tom_datum__isnull=True) | Q(tom_datum__gte=fran))
        .prefetch_related("medlemmar__person")
    )


def forbundsordning_pa_datum(*, forbund: Forbund, datum: datetime.date):
    """The förbundsordning in force on a day (the latest version valid from before it)."""
    return (
        forbund.forbundsordningar.filter(giltig_fran__lte=datum).order_by("-giltig_fran").first()
    )


from forbund.selectors.konto import (  # noqa: E402, F401 - re-exported
    MinSession,
    inbjudningar,
    mina_sessioner,
)

# The start page's checks and deadlines (they use the selectors above).
from forbund.selectors.kontroller import (  # noqa: E402, F401 - re-exported
    ANSVARSFRIHET_FRIST,
    Anmarkning,
    Tidsfrist,
    ansvarsfrihet_saknas,
    kontroller,
    overlappande_uppdrag,
    tidsfrister,
)
