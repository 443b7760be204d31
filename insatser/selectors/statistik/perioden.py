"""The participations of a period and their counts (the period terms are in the
package docstring, ``insatser.selectors.statistik``)."""

import datetime

from django.db.models import Q, Sum

from forbund.models import Forbund
from insatser.models import AnonymaDeltagare, Deltagande, Insats


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


def rakna_perioden(rader: list[Deltagande], fran: datetime.date, till: datetime.date) -> dict:
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
