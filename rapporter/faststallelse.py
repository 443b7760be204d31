"""Approval tied to the styrelse's decision: which decisions can approve a report, which
periods an approval locks, and what a rendered report says about its approval (draft
"UTKAST", or "Fastställd <date> § <n>" with the signature date from the decision)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from ekonomi.models import Period
from forbund.models import Beslut, Forbund, Sammantrade
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


# Meetings whose decisions are the styrelse's (a medlemssamråd approves no report).
STYRELSEMOTEN = [
    Sammantrade.Typ.STYRELSE,
    Sammantrade.Typ.EXTRA,
    Sammantrade.Typ.PER_CAPSULAM,
]


def _beslut_som_kan_faststalla(
    *, forbund: Forbund, typ: str, ar: int, till: datetime.date | None = None
):
    """The queryset behind :func:`beslut_att_valja`: the styrelse's decisions of the
    report's kind, met in year ``ar``−1 … ``ar``+1, for the year when the decision names
    one; an årsredovisning or delårsrapport only by a decision taken on or after the end
    of its period (``till``; without it 31 December, for a delårsrapport 1 January)."""
    qs = (
        Beslut.objects.filter(
            sammantrade__forbund=forbund,
            sammantrade__typ__in=STYRELSEMOTEN,
            typ__in=BESLUTSTYPER[typ],
            sammantrade__datum__year__gte=ar - 1,
            sammantrade__datum__year__lte=ar + 1,
        )
        .filter(Q(from_ar__isnull=True) | Q(from_ar__lte=ar))
        .filter(Q(tom_ar__isnull=True) | Q(tom_ar__gte=ar))
        .select_related("sammantrade")
    )
    if typ == Rapporttyp.ARSREDOVISNING:
        qs = qs.filter(sammantrade__datum__gte=till or datetime.date(ar, 12, 31))
    elif typ == Rapporttyp.DELARSRAPPORT:
        qs = qs.filter(sammantrade__datum__gte=till or datetime.date(ar, 1, 1))
    return qs


def beslut_att_valja(
    *, forbund: Forbund, typ: str, ar: int, till: datetime.date | None = None
) -> list[Beslut]:
    """Decisions that can approve the report: the styrelse's decisions of its kind, from
    the year before to the year after (an årsredovisning is approved in the spring after,
    never before 31 December), for the year when the decision names one; by date and
    paragraph (numerically). ``till``: the report date (a delårsrapport's period end)."""
    return beslut_i_ordning(_beslut_som_kan_faststalla(forbund=forbund, typ=typ, ar=ar, till=till))


def kontrollera_beslut(
    *, forbund: Forbund, typ: str, ar: int, till: datetime.date, beslut: Beslut
) -> None:
    """Server-side check of the decision chosen to approve a report: one of
    :func:`beslut_att_valja`, and for an årsredovisning or delårsrapport met on or after
    the report date ``till``. Raises ``ValidationError({"beslut": …})`` in Swedish."""
    from django.core.exceptions import ValidationError

    if beslut.sammantrade.forbund_id != forbund.pk:
        raise ValidationError({"beslut": "Beslutet hör inte till förbundet."})
    if typ != Rapporttyp.VERKSAMHETSPLAN and beslut.sammantrade.datum < till:
        raise ValidationError(
            {
                "beslut": (
                    f"Beslutet är fattat {beslut.sammantrade.datum.isoformat()}, före "
                    f"rapportens slutdatum {till.isoformat()}."
                )
            }
        )
    kan = _beslut_som_kan_faststalla(forbund=forbund, typ=typ, ar=ar, till=till)
    if not kan.filter(pk=beslut.pk).exists():
        raise ValidationError(
            {
                "beslut": (
                    f"Beslutet {beslut} kan inte fastställa rapporten: välj styrelsens beslut "
                    f"om {Rapporttyp(typ).label.lower()} {ar}, fattat mellan "
                    f"{ar - 1} och {ar + 1}."
                )
            }
        )


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
