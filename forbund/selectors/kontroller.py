"""What the förbundschef sees on the start page: checks of the register against
Finsam-lagen and the deadlines of the year."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from forbund.models import Beslut, Forbund, Medlem, Styrelseuppdrag
from forbund.selectors import _ar, medlemmar_under, styrelse_pa_datum

# Checks that apps above forbund add (insatser: participants open after their insats
# ended), each ``(*, forbund, today) -> list[Anmarkning]``, registered in AppConfig.ready.
EXTRA_KONTROLLER: list = []

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
    # One query for all years: the membership rule of medlemmar_under, applied per year.
    alla = list(forbund.medlemmar.all())
    saknas = []
    for ar in range(start, today.year):
        fran, till = _ar(ar)
        utan = [
            m
            for m in alla
            if (m.from_datum is None or m.from_datum <= till)
            and (m.tom_datum is None or m.tom_datum >= fran)
            and (ar, m.pk) not in beslutade
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
    for extra in EXTRA_KONTROLLER:
        result.extend(extra(forbund=forbund, today=today))
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
