"""The insatser's checks on the förbund's start page (registered with
``forbund.selectors.kontroller.EXTRA_KONTROLLER`` in ``InsatserConfig.ready``: the
förbund app sits below insatser and does not import it)."""

import datetime

from django.db.models import Count, F, Q

from forbund.models import Forbund
from forbund.selectors.kontroller import Anmarkning
from insatser.models import Insats


def oppna_efter_slut(*, forbund: Forbund, today: datetime.date) -> list[tuple[Insats, int]]:
    """Insatser that ended before ``today`` with participations still open after the
    end (no end date, or one after the insats's), and how many (felregistreringar left
    out). Statistics count such rows as ended with the insats."""
    oppna = Q(deltaganden__slut__isnull=True) | Q(deltaganden__slut__gt=F("slut"))
    qs = (
        forbund.insatser.filter(slut__isnull=False, slut__lt=today)
        .annotate(
            oppna=Count(
                "deltaganden",
                filter=oppna
                & (
                    Q(deltaganden__avslutsorsak__isnull=True)
                    | Q(deltaganden__avslutsorsak__raknas=True)
                ),
            )
        )
        .filter(oppna__gt=0)
        .order_by("slut", "namn")
    )
    return [(insats, insats.oppna) for insats in qs]


def kontroller(*, forbund: Forbund, today: datetime.date) -> list[Anmarkning]:
    """One warning per insats with participants open after its end."""
    return [
        Anmarkning(
            rubrik=f"Öppna deltagare i avslutad insats {insats.namn}",
            text=(
                f"{antal} deltagare är inte avslutade "
                f"fast insatsen slutade {insats.slut.isoformat()}. Statistiken räknar dem "
                "som avslutade med insatsen; ange slutdatum och avslutsorsak."
            ),
        )
        for insats, antal in oppna_efter_slut(forbund=forbund, today=today)
    ]
