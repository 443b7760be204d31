"""Participant statistics for one insats or the whole förbund over any period, goal
fulfilment, and cost per participant with utfall from the ledger.

Period terms (for [fran, till]):
- aktuella vid start: started before ``fran`` and not ended before ``fran``;
- nya: started within the period; avslutade: ended within the period;
- pågående vid slut: started on or before ``till`` and not ended by ``till``;
- totalt (deltagare under perioden) = aktuella vid start + nya.

Cost per participant = the period's booked cost (K accounts) of the insats, or for the
förbund of its individinriktade insatser only, divided by ``totalt``: the registered
participations active in the period. Anonymous counts (no written consent, counted per
year and kön) are shown beside it and left out of the divisor: they are not dated within
the year, and a cost over a sum that includes a suppressed count would give that count
back. The demo 2013: 10 827 137 kr (published Not 3 less HIT-processen, a
kompetensinsats) over 117 participations is 92 540 kr; issue 15's "about 90 226" divided
the same cost by 120, a count the demo has not held (117 registered, 10 anonymous).

``publicering`` and ``skyddad`` (suppression, secondary suppression and rounding) are
described in ``insatser.selectors.skydd``.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum

from ekonomi.models import Budgetrad, Budgetversion, Konto, Rad, RadObjekt, Verifikation
from forbund.models import Forbund
from insatser.models import AnonymaDeltagare, Deltagande, Insats, Mal, Strukturaktivitet
from insatser.models.deltagare import Aldersgrupp, Forsorjning, Kon
from insatser.selectors.skydd import Andel, Raknare, Tal, avrunda_antal, skydda

__all__ = ["Andel", "Raknare", "Tal", "avrunda_antal", "skydda"]  # re-exported


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
    # The one assessment printed everywhere (table, chart, måluppfyllelse section):
    # Uppfyllt / Delvis uppfyllt / Ej uppfyllt / Kan inte bedömas (see ``bedom``).
    bedomning: str = ""
    matt_till: datetime.date | None = None  # measured up to (≤ the goal's own end)

    def __post_init__(self):
        if not self.bedomning:  # built by hand (tests, charts): judged as a finished goal
            text = bedom(self.mal, self.utfall, self.utfall_text, avslutat=True)
            object.__setattr__(self, "bedomning", text)

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
    skyddad: bool = False  # rounded as well as suppressed (roles without participant rights)
    mal: list[Maluppfyllelse] = field(default_factory=list)


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


KAN_INTE_BEDOMAS = "Kan inte bedömas"
# Counts only grow as the measured window grows; a share may go either way.
_VAXANDE = {
    Mal.Matt.DELTAGARE,
    Mal.Matt.NYA,
    Mal.Matt.AVSLUTADE,
    Mal.Matt.ARBETE_STUDIER,
    Mal.Matt.STRUKTUR,
}


def bedom(mal: Mal, utfall: Decimal | None, utfall_text: str, *, avslutat: bool) -> str:
    """Uppfyllt / Delvis uppfyllt / Ej uppfyllt / Kan inte bedömas for an outcome.

    Not assessable when there is no outcome or it is suppressed in print (a small cell
    "<n", "–", ".."): a hidden figure is never judged in words or in a chart label.
    Before the goal's period has ended (``avslutat`` False, e.g. a delårsrapport) only a
    count can be judged, since it can only grow: "minst" reached is Uppfyllt, "högst"
    exceeded is Ej uppfyllt; anything else is "Kan inte bedömas (målperioden slutar …)".
    "Delvis" when a finished goal's outcome reaches at least half the target (the
    förbund's own rule of thumb; the seeds assess in words)."""
    if utfall is None or not utfall_text or utfall_text.startswith(("<", "–", "..")):
        return KAN_INTE_BEDOMAS
    if mal.jamforelse == Mal.Jamforelse.MINST:
        uppfyllt = utfall >= mal.malvarde
    else:
        uppfyllt = utfall <= mal.malvarde
    if not avslutat:
        if mal.matt in _VAXANDE and mal.jamforelse == Mal.Jamforelse.MINST and uppfyllt:
            return "Uppfyllt"
        if mal.matt in _VAXANDE and mal.jamforelse == Mal.Jamforelse.HOGST and not uppfyllt:
            return "Ej uppfyllt"
        return f"{KAN_INTE_BEDOMAS} (målperioden slutar {mal.till:%Y-%m-%d})"
    if uppfyllt:
        return "Uppfyllt"
    if mal.jamforelse == Mal.Jamforelse.MINST and mal.malvarde and utfall * 2 >= mal.malvarde:
        return "Delvis uppfyllt"
    return "Ej uppfyllt"


def _malvarde(
    mal: Mal, *, forbund: Forbund, raknare: Raknare, data=None, till: datetime.date | None = None
) -> tuple[Decimal | None, str]:
    """The goal's outcome over [mal.fran, min(mal.till, till)]. Anonymous participants are
    registered per year: when ``till`` cuts the goal's period inside a year, that year's
    anonymous count (known only for the whole year) is left out."""
    insats = mal.insats
    fran = mal.fran
    slut = mal.till
    anonyma_till = slut
    if till is not None and till < mal.till:
        slut = anonyma_till = till
        if (till.month, till.day) != (12, 31):
            anonyma_till = datetime.date(till.year - 1, 12, 31)
    if mal.matt == Mal.Matt.STRUKTUR:
        if data is not None:
            n = sum(a.antal for a in data.struktur_under(insats, fran, slut))
        else:
            n = (
                Strukturaktivitet.objects.filter(
                    insats=insats, datum__gte=fran, datum__lte=slut
                ).aggregate(s=Sum("antal"))["s"]
                or 0
            )
        tal = raknare.tal(n)
        return Decimal(tal.antal), str(tal)
    if data is not None:
        rader = data.deltaganden_under(insats, fran, slut)
    else:
        rader = list(deltaganden_under(forbund=forbund, insats=insats, fran=fran, till=slut))
    r = _rakna(rader, fran, slut)
    if mal.matt == Mal.Matt.ANDEL_ARBETE_STUDIER:
        andel = raknare.andel(len(r["arbete_studier"]), len(r["avslutade"]))
        return Andel(andel.taljare, andel.namnare).procent, str(andel)
    if mal.matt == Mal.Matt.DELTAGARE:
        n = len(rader)
        if anonyma_till >= fran and data is not None:
            n += data.anonyma_under(insats, fran, anonyma_till)
        elif anonyma_till >= fran:
            n += anonyma_under(forbund=forbund, insats=insats, fran=fran, till=anonyma_till)
    else:  # NYA, AVSLUTADE, ARBETE_STUDIER share their key with _rakna's result
        n = len(r[mal.matt])
    tal = raknare.tal(n)
    # Protected output: the goal is judged on the rounded figure, never the exact one.
    return Decimal(tal.antal if raknare.skyddad else n), str(tal)


def maluppfyllelse(
    *,
    insats: Insats,
    publicering: bool = False,
    grans: int | None = None,
    skyddad: bool = False,
    data=None,
    fran: datetime.date | None = None,
    till: datetime.date | None = None,
) -> list[Maluppfyllelse]:
    """Each goal measured over its own period, cut at ``till`` (a report's period end:
    nothing dated after it counts, so a delårsrapport never states an outcome measured
    later, and an approved report stays as it was when later events are registered).
    With ``fran``/``till`` only the goals whose period overlaps [fran, till] are listed.
    ``uppfyllt`` is the plain comparison; ``bedomning`` the assessment to print (see
    :func:`bedom`). ``data``: a ``forhamtning.Forhamtat`` holding the insats's rows (no
    query then)."""
    raknare = Raknare(publicering, grans or settings.FINSAM_SMA_CELLER, skyddad=skyddad)
    resultat = []
    for mal in insats.mal.all():
        if (till is not None and mal.fran > till) or (fran is not None and mal.till < fran):
            continue
        utfall, text = _malvarde(
            mal, forbund=insats.forbund, raknare=raknare, data=data, till=till
        )
        if utfall is None:
            uppfyllt = False
        elif mal.jamforelse == Mal.Jamforelse.MINST:
            uppfyllt = utfall >= mal.malvarde
        else:
            uppfyllt = utfall <= mal.malvarde
        avslutat = till is None or mal.till <= till
        resultat.append(
            Maluppfyllelse(
                mal=mal,
                utfall=utfall,
                utfall_text=text,
                uppfyllt=uppfyllt and bedom(mal, utfall, text, avslutat=avslutat) == "Uppfyllt",
                bedomning=bedom(mal, utfall, text, avslutat=avslutat),
                matt_till=mal.till if avslutat else till,
            )
        )
    return resultat


def deltagarstatistik(
    *,
    forbund: Forbund,
    fran: datetime.date,
    till: datetime.date,
    insats: Insats | None = None,
    publicering: bool = False,
    grans: int | None = None,
    skyddad: bool = False,
    data=None,
    utfall_per_objekt: dict[int, int] | None = None,
) -> Deltagarstatistik:
    """Participant statistics for [fran, till] (one insats or all).

    ``publicering`` suppresses counts under ``grans`` (default FINSAM_SMA_CELLER);
    ``skyddad`` also rounds (module docstring). Money in öre. ``data``: a
    ``forhamtning.Forhamtat`` holding the insats's rows, so statistics for many insatser
    take a fixed number of queries (needs ``insats``). ``utfall_per_objekt``: the
    period's cost per ledger object (öre, as ``Underlag.kostnad_per_objekt`` gives it from
    the grouped query a report already made), so the cost needs no scan of the rows."""
    grans = grans or settings.FINSAM_SMA_CELLER
    raknare = Raknare(publicering, grans, skyddad=skyddad)
    if data is not None:
        rader = data.deltaganden_under(insats, fran, till)
    else:
        rader = list(deltaganden_under(forbund=forbund, insats=insats, fran=fran, till=till))
    r = _rakna(rader, fran, till)
    avslutade = r["avslutade"]

    # Every count under a key, so that secondary suppression can work across tables.
    antal: dict[tuple, int] = {
        ("totalt",): len(rader),
        ("aktuella",): len(r["aktuella"]),
        ("nya",): len(r["nya"]),
        ("avslutade",): len(avslutade),
        ("pagaende",): len(r["pagaende"]),
        ("arbete_studier",): len(r["arbete_studier"]),
    }
    orsaker: dict[int, tuple[int, str, bool]] = {}
    for d in avslutade:
        o = d.avslutsorsak
        orsaker[o.pk] = (o.ordning, o.namn, o.arbete_studier)
        antal[("orsak", o.pk)] = antal.get(("orsak", o.pk), 0) + 1
    kon = Counter(d.kon for d in rader)
    alder = Counter(d.aldersgrupp for d in rader)
    remitterande = Counter(d.remitterande.namn if d.remitterande else "" for d in rader)
    fors_start = Counter(d.forsorjning_start for d in avslutade)
    fors_slut = Counter(d.forsorjning_slut or Forsorjning.OKAND for d in avslutade)
    for namn, varden in [
        ("kon", kon),
        ("alder", alder),
        ("rem", remitterande),
        ("fstart", fors_start),
        ("fslut", fors_slut),
    ]:
        antal.update({(namn, k): n for k, n in varden.items()})

    def nycklar(namn: str, varden) -> list[tuple]:
        return [(namn, k) for k in varden]

    as_orsaker = [("orsak", pk) for pk, (_, _, as_) in orsaker.items() if as_]
    tal = skydda(
        antal,
        raknare,
        grupper=[
            (("totalt",), [("aktuella",), ("nya",)]),
            (("totalt",), [("avslutade",), ("pagaende",)]),
            (("totalt",), nycklar("kon", kon)),
            (("totalt",), nycklar("alder", alder)),
            (("totalt",), nycklar("rem", remitterande)),
            (("avslutade",), [("orsak", pk) for pk in orsaker]),
            (("arbete_studier",), as_orsaker),
            (
                ("avslutade",),
                [
                    ("arbete_studier",),
                    *(k for k in antal if k[0] == "orsak" and k not in as_orsaker),
                ],
            ),
            (("avslutade",), nycklar("fstart", fors_start)),
            (("avslutade",), nycklar("fslut", fors_slut)),
        ],
    )

    per_orsak = [
        Rad_(etikett=namn, tal=tal[("orsak", pk)], arbete_studier=as_)
        for pk, (_, namn, as_) in sorted(orsaker.items(), key=lambda t: (t[1][0], t[1][1]))
    ]
    per_rem = [
        Rad_(etikett=namn or "Uppgift saknas", tal=tal[("rem", namn)])
        for namn in sorted(remitterande, key=lambda n: (n == "", n))
    ]
    forsorjning = [
        ForsorjningRad(
            etikett=label,
            vid_start=tal.get(("fstart", value), Tal(0)),
            vid_slut=tal.get(("fslut", value), Tal(0)),
        )
        for value, label in Forsorjning.choices
        if fors_start.get(value, 0) or fors_slut.get(value, 0)
    ]

    def fordelning(namn: str, ordning) -> list[Rad_]:
        return [
            Rad_(etikett=etikett, tal=tal[(namn, kod)])
            for kod, etikett in ordning
            if (namn, kod) in tal
        ]

    if data is not None:
        utfall = data.utfall_ore(insats)
        anonyma = data.anonyma_under(insats, fran, till)
    elif utfall_per_objekt is not None:
        objekt = _insatsobjekt(forbund=forbund, insats=insats)
        utfall = sum(utfall_per_objekt.get(o, 0) for o in objekt)
        anonyma = anonyma_under(forbund=forbund, insats=insats, fran=fran, till=till)
    else:
        utfall = utfall_ore(forbund=forbund, insats=insats, fran=fran, till=till)
        anonyma = anonyma_under(forbund=forbund, insats=insats, fran=fran, till=till)
    n_as = len(r["arbete_studier"])
    totalt = tal[("totalt",)]
    return Deltagarstatistik(
        fran=fran,
        till=till,
        publicering=raknare.publicering,
        grans=grans,
        totalt=totalt,
        aktuella_vid_start=tal[("aktuella",)],
        nya=tal[("nya",)],
        avslutade=tal[("avslutade",)],
        pagaende_vid_slut=tal[("pagaende",)],
        anonyma=raknare.tal(anonyma),
        arbete_studier=tal[("arbete_studier",)],
        andel_arbete_studier=(
            Andel(n_as, len(avslutade), dold=True)
            if tal[("arbete_studier",)].dold or tal[("avslutade",)].dold
            else raknare.andel(n_as, len(avslutade))
        ),
        per_avslutsorsak=per_orsak,
        per_kon=fordelning("kon", Kon.choices),
        per_aldersgrupp=fordelning("alder", [*Aldersgrupp.choices, ("", "Uppgift saknas")]),
        per_remitterande=per_rem,
        forsorjning=forsorjning,
        utfall_ore=utfall,
        kostnad_per_deltagare_ore=(
            None if totalt.dold else raknare.per_deltagare(utfall, len(rader))
        ),
        kostnad_per_arbete_studier_ore=(
            None if tal[("arbete_studier",)].dold else raknare.per_deltagare(utfall, n_as)
        ),
        skyddad=skyddad,
        mal=(
            maluppfyllelse(
                insats=insats,
                publicering=publicering,
                grans=grans,
                skyddad=skyddad,
                data=data,
                fran=fran,
                till=till,
            )
            if insats is not None
            else []
        ),
    )
