"""Read use-cases of the förbund register. The reports (årsredovisning, delårsrapport)
read the organisation through these functions only."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from forbund.models import (
    Beslut,
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
