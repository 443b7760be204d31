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


# --- Kontroller och tidsfrister på startsidan ---------------------------------------------

# Fullmäktige decide on ansvarsfrihet for year N by the end of June N+1 (configurable here,
# the förbundsordning may say otherwise).
ANSVARSFRIHET_FRIST = (6, 30)


@dataclass(frozen=True)
class Anmarkning:
    rubrik: str
    text: str


@dataclass(frozen=True)
class Tidsfrist:
    rubrik: str
    frist: datetime.date
    klar: bool
    status: str  # "klar", "kommande", "forsenad"
    text: str = ""

    @property
    def status_text(self) -> str:
        return {"klar": "Klar", "kommande": "Kommande", "forsenad": "Försenad"}[self.status]


def _manadsslut(ar: int, manad: int) -> datetime.date:
    ar += (manad - 1) // 12
    manad = (manad - 1) % 12 + 1
    if manad == 12:
        return datetime.date(ar, 12, 31)
    return datetime.date(ar, manad + 1, 1) - datetime.timedelta(days=1)


def _period(u) -> str:
    return f"{u.from_datum.isoformat()}–{u.tom_datum.isoformat() if u.tom_datum else ''}"


def _overlapp(a, b) -> bool:
    slut = datetime.date.max
    return a.from_datum <= (b.tom_datum or slut) and b.from_datum <= (a.tom_datum or slut)


def overlappande_uppdrag(*, forbund: Forbund) -> list[tuple[Styrelseuppdrag, Styrelseuppdrag]]:
    """Pairs of mandates that overlap: same person and kind, or the same presidium role."""
    uppdrag = list(forbund.uppdrag.select_related("person", "medlem").order_by("from_datum", "pk"))
    par = []
    for i, a in enumerate(uppdrag):
        for b in uppdrag[i + 1 :]:
            samma = (a.person_id == b.person_id and a.typ == b.typ) or (
                a.presidium and a.presidium == b.presidium
            )
            if samma and _overlapp(a, b):
                par.append((a, b))
    return par


def ansvarsfrihet_saknas(
    *, forbund: Forbund, today: datetime.date
) -> list[tuple[int, list[Medlem]]]:
    """Years (up to last year) where some member of that year has not decided on
    ansvarsfrihet. Checked from the first year with a recorded decision, or the year the
    förbund was formed."""
    from forbund.models import Ansvarsfrihet

    forsta = Ansvarsfrihet.objects.filter(forbund=forbund).order_by("ar").first()
    start = forsta.ar if forsta else (forbund.bildat.year if forbund.bildat else None)
    if start is None:
        return []
    beslutade = set(
        Ansvarsfrihet.objects.filter(forbund=forbund)
        .exclude(beslut="")
        .values_list("ar", "medlem_id")
    )
    saknas = []
    for ar in range(start, today.year):
        fran, till = _ar(ar)
        utan = [
            m
            for m in medlemmar_under(forbund=forbund, fran=fran, till=till)
            if (ar, m.pk) not in beslutade
        ]
        if utan:
            saknas.append((ar, utan))
    return saknas


def _sammanfoga(saknas: list[tuple[int, list[Medlem]]]) -> list[tuple[int, int, list[Medlem]]]:
    """Consecutive years missing the same members become one line (2013–2025), so an old
    förbund's start page is not a wall of warnings."""
    rader: list[tuple[int, int, list[Medlem]]] = []
    for ar, utan in saknas:
        if (
            rader
            and rader[-1][1] == ar - 1
            and [m.pk for m in rader[-1][2]] == [m.pk for m in utan]
        ):
            rader[-1] = (rader[-1][0], ar, utan)
        else:
            rader.append((ar, ar, utan))
    return rader


def kontroller(*, forbund: Forbund, today: datetime.date) -> list[Anmarkning]:
    """What the förbundschef should look at: members without a ledamot or an ersättare
    today (Finsam-lagen requires both), overlapping mandates, years without ansvarsfrihet
    decided by every member (once the decision is due)."""
    result = []
    idag = list(styrelse_pa_datum(forbund=forbund, datum=today))
    for medlem in medlemmar_under(forbund=forbund, fran=today, till=today):
        egna = [u for u in idag if u.medlem_id == medlem.pk]
        for typ, namn in (
            (Styrelseuppdrag.Typ.LEDAMOT, "ledamot"),
            (Styrelseuppdrag.Typ.ERSATTARE, "ersättare"),
        ):
            if not any(u.typ == typ for u in egna):
                result.append(
                    Anmarkning(
                        rubrik=f"{medlem} saknar {namn}",
                        text=f"Ingen {namn} utsedd av {medlem} den {today.isoformat()}.",
                    )
                )
    for a, b in overlappande_uppdrag(forbund=forbund):
        if a.person_id == b.person_id and a.typ == b.typ:
            text = f"{a.person} har två uppdrag som {a.get_typ_display().lower()} samtidigt"
        else:
            text = (
                f"{a.person} och {b.person} är båda {a.get_presidium_display().lower()} samtidigt"
            )
        result.append(
            Anmarkning(
                rubrik="Överlappande uppdrag",
                text=f"{text}: {_period(a)} och {_period(b)}.",
            )
        )
    forfallna = [
        (ar, utan)
        for ar, utan in ansvarsfrihet_saknas(forbund=forbund, today=today)
        if today > datetime.date(ar + 1, *ANSVARSFRIHET_FRIST)
    ]
    for fran_ar, till_ar, utan in _sammanfoga(forfallna):
        ar_text = str(fran_ar) if fran_ar == till_ar else f"{fran_ar}–{till_ar}"
        result.append(
            Anmarkning(
                rubrik=f"Ansvarsfrihet {ar_text} inte beslutad av alla medlemmar",
                text="Saknas för " + ", ".join(str(m) for m in utan) + ".",
            )
        )
    return result


def _beslutat(forbund: Forbund, typ: str, ar: int, beslutsar: int) -> bool:
    """A decision of this kind for year ``ar`` (or, without a year on it, taken in
    ``beslutsar``)."""
    return (
        Beslut.objects.filter(sammantrade__forbund=forbund, typ=typ)
        .filter(Q(from_ar=ar) | Q(from_ar__isnull=True, sammantrade__datum__year=beslutsar))
        .exists()
    )


def _status(klar: bool, frist: datetime.date, today: datetime.date) -> str:
    return "klar" if klar else ("kommande" if today <= frist else "forsenad")


def tidsfrister(*, forbund: Forbund, today: datetime.date) -> list[Tidsfrist]:
    """The start page's deadlines around ``today``: next year's budget (30 November),
    last year's årsredovisning (three months after year end), this year's delårsrapport
    (two months after its period end) when required, and missing ansvarsfrihet."""
    ar = today.year
    frister = []
    frist = datetime.date(ar, 11, 30)
    klar = _beslutat(forbund, Beslut.Typ.BUDGET, ar + 1, ar)
    frister.append(
        Tidsfrist(f"Budget {ar + 1} fastställd", frist, klar, _status(klar, frist, today))
    )
    frist = _manadsslut(ar - 1, 12 + 3)
    klar = _beslutat(forbund, Beslut.Typ.ARSREDOVISNING, ar - 1, ar)
    frister.append(
        Tidsfrist(f"Årsredovisning {ar - 1} upprättad", frist, klar, _status(klar, frist, today))
    )
    if forbund.delarsrapport_kravs:
        periodslut = _manadsslut(ar, forbund.delarsrapport_manad)
        frist = _manadsslut(ar, forbund.delarsrapport_manad + 2)
        klar = _beslutat(forbund, Beslut.Typ.DELARSRAPPORT, ar, ar)
        frister.append(
            Tidsfrist(
                f"Delårsrapport {ar} (till och med {periodslut.isoformat()})",
                frist,
                klar,
                _status(klar, frist, today),
            )
        )
    for fran_ar, till_ar, utan in _sammanfoga(ansvarsfrihet_saknas(forbund=forbund, today=today)):
        frist = datetime.date(till_ar + 1, *ANSVARSFRIHET_FRIST)
        ar_text = str(fran_ar) if fran_ar == till_ar else f"{fran_ar}–{till_ar}"
        frister.append(
            Tidsfrist(
                f"Ansvarsfrihet {ar_text}",
                datetime.date(fran_ar + 1, *ANSVARSFRIHET_FRIST),
                False,
                _status(False, frist, today),
                text="Beslut saknas från " + ", ".join(str(m) for m in utan) + ".",
            )
        )
    return sorted(frister, key=lambda t: t.frist)


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
