"""Approval tied to the styrelse's decision: which decisions can approve a report, which
periods an approval locks, and what a rendered report says about its approval (draft
"UTKAST", or "Fastställd <date> § <n>" with the signature date from the decision)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from ekonomi.models import Period
from forbund.models import Beslut, Forbund
from forbund.selectors import beslut_i_ordning
from rapporter.models import Rapport, Rapporttyp

# The decision kinds that can approve each report (a plan is often decided as the budget).
BESLUTSTYPER = {
    Rapporttyp.ARSREDOVISNING: [Beslut.Typ.ARSREDOVISNING],
    Rapporttyp.DELARSRAPPORT: [Beslut.Typ.DELARSRAPPORT],
    Rapporttyp.VERKSAMHETSPLAN: [Beslut.Typ.VERKSAMHETSPLAN, Beslut.Typ.BUDGET],
}


@dataclass(frozen=True)
class Faststallelse:
    """How a report was approved: ``datum`` is the decision's meeting date (the signature
    date), else the day of approval; ``beslut`` the styrelse decision, if linked."""

    datum: datetime.date
    beslut: Beslut | None = None

    @property
    def text(self) -> str:
        """ "Fastställd av styrelsen 2014-03-21, § 5" (or without the paragraph)."""
        ut = f"Fastställd av styrelsen {self.datum.isoformat()}"
        return ut + (f", § {self.beslut.paragraf}" if self.beslut else "")


def faststallelse_for(rapport: Rapport) -> Faststallelse:
    """The approval of a stored, fastställd report."""
    if rapport.beslut_id:
        return Faststallelse(datum=rapport.beslut.sammantrade.datum, beslut=rapport.beslut)
    return Faststallelse(datum=rapport.faststalld.date())


def beslut_att_valja(*, forbund: Forbund, typ: str, ar: int) -> list[Beslut]:
    """Decisions that can approve the report: of its kind, from the report year or the
    year after (an årsredovisning is approved in the spring after), for the year when the
    decision names one; by date and paragraph (numerically)."""
    qs = (
        Beslut.objects.filter(
            sammantrade__forbund=forbund,
            typ__in=BESLUTSTYPER[typ],
            sammantrade__datum__year__gte=ar - 1,
            sammantrade__datum__year__lte=ar + 1,
        )
        .filter(Q(from_ar__isnull=True) | Q(from_ar__lte=ar))
        .filter(Q(tom_ar__isnull=True) | Q(tom_ar__gte=ar))
        .select_related("sammantrade")
    )
    return beslut_i_ordning(qs)


def perioder_som_lases(*, forbund: Forbund, typ: str, till: datetime.date) -> list[Period]:
    """The open periods an approval locks (none for a verksamhetsplan)."""
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        return []
    return list(
        Period.objects.filter(rakenskapsar__forbund=forbund, slut__lte=till, last=False)
        .select_related("rakenskapsar")
        .order_by("start")
    )


def rapportdatum(typ: str, ar: int, till: datetime.date | None) -> datetime.date | None:
    """The date a report is kept under: 31 December, 1 January for a plan, else ``till``."""
    if typ == Rapporttyp.ARSREDOVISNING:
        return datetime.date(ar, 12, 31)
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        return datetime.date(ar, 1, 1)
    return till
