"""Read use-cases for insatser. ``insatser_rapport`` is what the årsredovisning and the
delårsrapport show about each insats (rendered by ``insatser/_rapport_insatser.html``)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from forbund.models import Forbund
from insatser.models import Insats


@dataclass(frozen=True)
class InsatsRapport:
    insats: Insats


def insatser_under(*, forbund: Forbund, fran: datetime.date, till: datetime.date):
    """Insatser whose processtid overlaps [fran, till] (open ends count as ongoing)."""
    return (
        forbund.insatser.filter(
            (Q(start__isnull=True) | Q(start__lte=till))
            & (Q(slut__isnull=True) | Q(slut__gte=fran))
        )
        .select_related("processagare")
        .order_by("namn")
    )


def insatser_rapport(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> list[InsatsRapport]:
    return [InsatsRapport(insats=i) for i in insatser_under(forbund=forbund, fran=fran, till=till)]
