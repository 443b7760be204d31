"""Participant statistics for one insats or the whole förbund over any period, goal
fulfilment, and cost per participant with utfall from the ledger.

Period terms (for [fran, till]):
- aktuella vid start: started before ``fran`` and not ended before ``fran``;
- nya: started within the period; avslutade: ended within the period;
- pågående vid slut: started on or before ``till`` and not ended by ``till``;
- totalt (deltagare under perioden) = aktuella vid start + nya.

With ``publicering=True`` every count 0 < n < settings.FINSAM_SMA_CELLER is suppressed
("<5"), and so is every share whose numerator or denominator is suppressed.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum

from ekonomi.models import Budgetrad, Budgetversion, Konto, Rad, RadObjekt, Verifikation
from finsam.money import avrunda
from forbund.models import Forbund
from insatser.models import AnonymaDeltagare, Deltagande, Insats, Mal, Strukturaktivitet
from insatser.models.deltagare import Aldersgrupp, Forsorjning, Kon


@dataclass(frozen=True)
class Tal:
    """A count, possibly suppressed for publication."""

    antal: int
    grans: int | None = None  # set when suppressed: shown as "<grans"

    @property
    def dold(self) -> bool:
        return self.grans is not None

    def __str__(self) -> str:
        return f"<{self.grans}" if self.dold else str(self.antal)


@dataclass(frozen=True)
class Andel:
    taljare: int
    namnare: int
    dold: bool = False

    @property
    def procent(self) -> Decimal | None:
        if self.dold or not self.namnare:
            return None
        return avrunda(Decimal(self.taljare) * 100 / Decimal(self.namnare), Decimal("0.1"))

    def __str__(self) -> str:
        if self.dold:
            return "–"
        p = self.procent
        return "–" if p is None else f"{p}".replace(".", ",") + "\u00a0%"


@dataclass(frozen=True)
class Rad_:
    etikett: str
    tal: Tal
    arbete_studier: bool = False


@dataclass(frozen=True)
class ForsorjningRad:
    etikett: str
    vid_start: Tal
    vid_slut: Tal


@dataclass(frozen=True)
class Maluppfyllelse:
    mal: Mal
    utfall: Decimal | None  # the measure's value (count or percent), unsuppressed
    utfall_text: str  # what may be shown (suppressed when publishing)
    uppfyllt: bool

    @property
    def malvarde_text(self) -> str:
        v = self.mal.malvarde
        text = f"{v.normalize():f}".replace(".", ",")
        if self.mal.matt == Mal.Matt.ANDEL_ARBETE_STUDIER:
            text += "\u00a0%"
        return f"{self.mal.get_jamforelse_display().split()[0]} {text}"


@dataclass(frozen=True)
class Deltagarstatistik:
    fran: datetime.date
    till: datetime.date
    publicering: bool
    grans: int
    totalt: Tal
    aktuella_vid_start: Tal
    nya: Tal
    avslutade: Tal
    pagaende_vid_slut: Tal
    anonyma: Tal
    arbete_studier: Tal
    andel_arbete_studier: Andel
    per_avslutsorsak: list[Rad_]
    per_kon: list[Rad_]
    per_aldersgrupp: list[Rad_]
    per_remitterande: list[Rad_]
    forsorjning: list[ForsorjningRad]
    utfall_ore: int
    kostnad_per_deltagare_ore: int | None
    kostnad_per_arbete_studier_ore: int | None
    mal: list[Maluppfyllelse] = field(default_factory=list)


class _Raknare:
    def __init__(self, publicering: bool, grans: int):
        self.publicering = publicering
        self.grans = grans

    def tal(self, n: int) -> Tal:
        if self.publicering and 0 < n < self.grans:
            return Tal(antal=n, grans=self.grans)
        return Tal(antal=n)

    def andel(self, taljare: int, namnare: int) -> Andel:
        dold = self.tal(taljare).dold or self.tal(namnare).dold
        return Andel(taljare=taljare, namnare=namnare, dold=dold)


def _deltaganden(*, forbund: Forbund, insats: Insats | None):
    qs = Deltagande.objects.filter(insats__forbund=forbund)
    if insats is not None:
        qs = qs.filter(insats=insats)
    return qs


def deltaganden_under(
    *, forbund: Forbund, insats: Insats | None, fran: datetime.date, till: datetime.date
):
    """Participations active at some time in [fran, till] (felregistreringar left out).
    A participation still open after its insats ended counts as ended with the insats
    (``slut_senast``): the förbund total and the per-insats table follow the same rule,
    and the start page flags such rows (``insatser.selectors.kontroller``)."""
    return (
        _deltaganden(forbund=forbund, insats=insats)
        .filter(Q(start__lte=till) & (Q(slut__isnull=True) | Q(slut__gte=fran)))
        .filter(Q(insats__slut__isnull=True) | Q(insats__slut__gte=fran))
        .exclude(avslutsorsak__raknas=False)
        .select_related("avslutsorsak", "remitterande", "insats")
    )


def slut_senast(d: Deltagande) -> datetime.date | None:
    """The day a participation ends at the latest: its own end, or its insats's end when
    that is earlier (or the participation was never closed)."""
    insatsslut = d.insats.slut
    if insatsslut is not None and (d.slut is None or d.slut > insatsslut):
        return insatsslut
    return d.slut


def anonyma_under(
    *, forbund: Forbund, insats: Insats | None, fran: datetime.date, till: datetime.date
) -> int:
    qs = AnonymaDeltagare.objects.filter(
        insats__forbund=forbund, ar__gte=fran.year, ar__lte=till.year
    )
    if insats is not None:
        qs = qs.filter(insats=insats)
    return qs.aggregate(s=Sum("antal"))["s"] or 0


def _insatsobjekt(*, forbund: Forbund, insats: Insats | None) -> list[int]:
    """The ledger objects whose costs count: the insats's own, or for the förbund total
    those of the individinriktade insatser only (the total sits beside participant
    counts, so a strukturövergripande insats's cost would inflate the cost per
    participant)."""
    if insats is not None:
        return [insats.objekt_id] if insats.objekt_id else []
    return list(
        forbund.insatser.filter(objekt__isnull=False, typ=Insats.Typ.INDIVID).values_list(
            "objekt_id", flat=True
        )
    )


def utfall_ore(
    *, forbund: Forbund, insats: Insats | None, fran: datetime.date, till: datetime.date
) -> int:
    """Cost of the insats (or all insatser) in the period: bokförda rows on K accounts
    carrying the insats's object, in öre (debet positive, so a cost is positive)."""
    objekt = _insatsobjekt(forbund=forbund, insats=insats)
    if not objekt:
        return 0
    summa = Rad.objects.filter(
        pk__in=RadObjekt.objects.filter(objekt_id__in=objekt).values("rad_id"),
        verifikation__rakenskapsar__forbund=forbund,
        verifikation__status=Verifikation.Status.BOKFORD,
        verifikation__datum__gte=fran,
        verifikation__datum__lte=till,
        konto__typ=Konto.Typ.KOSTNAD,
    ).aggregate(s=Sum("belopp"))["s"]
    return int(summa or 0)


def budget_ore(*, forbund: Forbund, insats: Insats, ar: int) -> int | None:
    """The year's budget (latest version of type budget) on K accounts for the insats's
    object; None when there is no budget for the year."""
    if not insats.objekt_id:
        return None
    version = (
        Budgetversion.objects.filter(
            rakenskapsar__forbund=forbund,
            rakenskapsar__slut__year=ar,
            typ=Budgetversion.Typ.BUDGET,
        )
        .order_by("-skapad", "-pk")
        .first()
    )
    if version is None:
        return None
    summa = Budgetrad.objects.filter(
        version=version, objekt_id=insats.objekt_id, konto__typ=Konto.Typ.KOSTNAD
    ).aggregate(s=Sum("belopp"))["s"]
    return int(summa or 0)


def _per_deltagare(ore: int, antal: int) -> int | None:
    if not antal:
        return None
    return int(avrunda(Decimal(ore) / Decimal(antal), Decimal(1)))


def _rakna(rader: list[Deltagande], fran: datetime.date, till: datetime.date) -> dict:
    aktuella = [d for d in rader if d.start < fran]
    nya = [d for d in rader if fran <= d.start <= till]
    avslutade = [d for d in rader if d.slut is not None and fran <= d.slut <= till]
    pagaende = [d for d in rader if (slut := slut_senast(d)) is None or slut > till]
    till_as = [d for d in avslutade if d.avslutsorsak.arbete_studier]
    return {
        "totalt": rader,
        "aktuella": aktuella,
        "nya": nya,
        "avslutade": avslutade,
        "pagaende": pagaende,
        "arbete_studier": till_as,
    }


def _malvarde(mal: Mal, *, forbund: Forbund, raknare: _Raknare) -> tuple[Decimal | None, str]:
    insats = mal.insats
    if mal.matt == Mal.Matt.STRUKTUR:
        n = (
            Strukturaktivitet.objects.filter(
                insats=insats, datum__gte=mal.fran, datum__lte=mal.till
            ).aggregate(s=Sum("antal"))["s"]
            or 0
        )
        return Decimal(n), str(raknare.tal(n))
    rader = list(deltaganden_under(forbund=forbund, insats=insats, fran=mal.fran, till=mal.till))
    r = _rakna(rader, mal.fran, mal.till)
    if mal.matt == Mal.Matt.ANDEL_ARBETE_STUDIER:
        andel = raknare.andel(len(r["arbete_studier"]), len(r["avslutade"]))
        return Andel(andel.taljare, andel.namnare).procent, str(andel)
    if mal.matt == Mal.Matt.DELTAGARE:
        n = len(rader) + anonyma_under(
            forbund=forbund, insats=insats, fran=mal.fran, till=mal.till
        )
    else:  # NYA, AVSLUTADE, ARBETE_STUDIER share their key with _rakna's result
        n = len(r[mal.matt])
    return Decimal(n), str(raknare.tal(n))


def maluppfyllelse(
    *, insats: Insats, publicering: bool = False, grans: int | None = None
) -> list[Maluppfyllelse]:
    """Each goal measured over its own period: met or not, with the figure."""
    raknare = _Raknare(publicering, grans or settings.FINSAM_SMA_CELLER)
    resultat = []
    for mal in insats.mal.all():
        utfall, text = _malvarde(mal, forbund=insats.forbund, raknare=raknare)
        if utfall is None:
            uppfyllt = False
        elif mal.jamforelse == Mal.Jamforelse.MINST:
            uppfyllt = utfall >= mal.malvarde
        else:
            uppfyllt = utfall <= mal.malvarde
        resultat.append(
            Maluppfyllelse(mal=mal, utfall=utfall, utfall_text=text, uppfyllt=uppfyllt)
        )
    return resultat


def _fordelning(varden: Counter, ordning: list[tuple[str, str]], raknare: _Raknare) -> list[Rad_]:
    return [
        Rad_(etikett=etikett, tal=raknare.tal(varden.get(kod, 0)))
        for kod, etikett in ordning
        if varden.get(kod, 0)
    ]


def deltagarstatistik(
    *,
    forbund: Forbund,
    fran: datetime.date,
    till: datetime.date,
    insats: Insats | None = None,
    publicering: bool = False,
    grans: int | None = None,
) -> Deltagarstatistik:
    grans = grans or settings.FINSAM_SMA_CELLER
    raknare = _Raknare(publicering, grans)
    rader = list(deltaganden_under(forbund=forbund, insats=insats, fran=fran, till=till))
    r = _rakna(rader, fran, till)
    avslutade = r["avslutade"]

    orsaker: dict[int, tuple[str, bool, int, int]] = {}
    for d in avslutade:
        o = d.avslutsorsak
        _, _, _, n = orsaker.get(o.pk, (o.namn, o.arbete_studier, o.ordning, 0))
        orsaker[o.pk] = (o.namn, o.arbete_studier, o.ordning, n + 1)
    per_orsak = [
        Rad_(etikett=namn, tal=raknare.tal(n), arbete_studier=as_)
        for namn, as_, _, n in sorted(orsaker.values(), key=lambda t: (t[2], t[0]))
    ]

    remitterande = Counter(d.remitterande.namn if d.remitterande else "" for d in rader)
    per_rem = [
        Rad_(etikett=namn or "Uppgift saknas", tal=raknare.tal(n))
        for namn, n in sorted(remitterande.items(), key=lambda t: (t[0] == "", t[0]))
    ]

    fors_start = Counter(d.forsorjning_start for d in avslutade)
    fors_slut = Counter(d.forsorjning_slut or Forsorjning.OKAND for d in avslutade)
    forsorjning = [
        ForsorjningRad(
            etikett=label,
            vid_start=raknare.tal(fors_start.get(value, 0)),
            vid_slut=raknare.tal(fors_slut.get(value, 0)),
        )
        for value, label in Forsorjning.choices
        if fors_start.get(value, 0) or fors_slut.get(value, 0)
    ]

    utfall = utfall_ore(forbund=forbund, insats=insats, fran=fran, till=till)
    n_as = len(r["arbete_studier"])
    return Deltagarstatistik(
        fran=fran,
        till=till,
        publicering=publicering,
        grans=grans,
        totalt=raknare.tal(len(rader)),
        aktuella_vid_start=raknare.tal(len(r["aktuella"])),
        nya=raknare.tal(len(r["nya"])),
        avslutade=raknare.tal(len(avslutade)),
        pagaende_vid_slut=raknare.tal(len(r["pagaende"])),
        anonyma=raknare.tal(anonyma_under(forbund=forbund, insats=insats, fran=fran, till=till)),
        arbete_studier=raknare.tal(n_as),
        andel_arbete_studier=raknare.andel(n_as, len(avslutade)),
        per_avslutsorsak=per_orsak,
        per_kon=_fordelning(Counter(d.kon for d in rader), Kon.choices, raknare),
        per_aldersgrupp=_fordelning(
            Counter(d.aldersgrupp for d in rader),
            [*Aldersgrupp.choices, ("", "Uppgift saknas")],
            raknare,
        ),
        per_remitterande=per_rem,
        forsorjning=forsorjning,
        utfall_ore=utfall,
        # Cost / a suppressed count would give the count back: suppressed too.
        kostnad_per_deltagare_ore=(
            None if raknare.tal(len(rader)).dold else _per_deltagare(utfall, len(rader))
        ),
        kostnad_per_arbete_studier_ore=(
            None if raknare.tal(n_as).dold else _per_deltagare(utfall, n_as)
        ),
        mal=(
            maluppfyllelse(insats=insats, publicering=publicering, grans=grans)
            if insats is not None
            else []
        ),
    )


@dataclass(frozen=True)
class InsatsOversikt:
    insats: Insats
    statistik: Deltagarstatistik | None  # None for insatser without participants
    strukturdeltagare: int
    utfall_ore: int


def insatser_oversikt(
    *,
    forbund: Forbund,
    fran: datetime.date,
    till: datetime.date,
    publicering: bool = False,
) -> list[InsatsOversikt]:
    """One row per insats active in the period: what it reached and what it cost."""
    rader = []
    insatser = forbund.insatser.filter(
        (Q(start__isnull=True) | Q(start__lte=till)) & (Q(slut__isnull=True) | Q(slut__gte=fran))
    ).select_related("objekt")
    for insats in insatser.order_by("namn"):
        stat = (
            deltagarstatistik(
                forbund=forbund, insats=insats, fran=fran, till=till, publicering=publicering
            )
            if insats.ar_individinriktad
            else None
        )
        struktur = (
            insats.strukturaktiviteter.filter(datum__gte=fran, datum__lte=till).aggregate(
                s=Sum("antal")
            )["s"]
            or 0
        )
        rader.append(
            InsatsOversikt(
                insats=insats,
                statistik=stat,
                strukturdeltagare=struktur,
                utfall_ore=(
                    stat.utfall_ore
                    if stat
                    else utfall_ore(forbund=forbund, insats=insats, fran=fran, till=till)
                ),
            )
        )
    return rader
