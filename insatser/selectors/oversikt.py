"""The förbund's insatser side by side for a period: reached, results and cost."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, Sum

from forbund.models import Forbund
from insatser.models import Insats
from insatser.selectors.statistik import Deltagarstatistik, deltagarstatistik, utfall_ore


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
    skyddad: bool = False,
) -> list[InsatsOversikt]:
    """One row per insats active in the period: what it reached and what it cost."""
    rader = []
    insatser = forbund.insatser.filter(
        (Q(start__isnull=True) | Q(start__lte=till)) & (Q(slut__isnull=True) | Q(slut__gte=fran))
    ).select_related("objekt")
    for insats in insatser.order_by("namn"):
        stat = (
            deltagarstatistik(
                forbund=forbund,
                insats=insats,
                fran=fran,
                till=till,
                publicering=publicering,
                skyddad=skyddad,
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
