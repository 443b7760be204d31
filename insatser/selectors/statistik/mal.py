"""Goal fulfilment of an insats: each goal measured over its own period and assessed in
words (``bedom``)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from forbund.models import Forbund
from insatser.models import Insats, Mal, Strukturaktivitet
from insatser.selectors.skydd import Andel, Raknare
from insatser.selectors.statistik.perioden import anonyma_under, deltaganden_under, rakna_perioden


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
    r = rakna_perioden(rader, fran, slut)
    if mal.matt == Mal.Matt.ANDEL_ARBETE_STUDIER:
        andel = raknare.andel(len(r["arbete_studier"]), len(r["avslutade"]))
        return Andel(andel.taljare, andel.namnare).procent, str(andel)
    if mal.matt == Mal.Matt.DELTAGARE:
        n = len(rader)
        if anonyma_till >= fran and data is not None:
            n += data.anonyma_under(insats, fran, anonyma_till)
        elif anonyma_till >= fran:
            n += anonyma_under(forbund=forbund, insats=insats, fran=fran, till=anonyma_till)
    else:  # NYA, AVSLUTADE, ARBETE_STUDIER share their key with rakna_perioden's result
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
    for mal in insats.mal.all() if data is None else data.rader(insats, "mal"):
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
