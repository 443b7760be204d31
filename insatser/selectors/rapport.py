"""``insatser_rapport`` is what the årsredovisning and the delårsrapport show about each
insats (rendered by ``insatser/_rapport_insatser.html``): published figures, so small
cells are suppressed."""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from forbund.models import Forbund
from insatser.models import Insats, InsatsStatus, Mal, Strukturaktivitet, Utvardering
from insatser.selectors.diagram import Diagram, diagram_for, diagram_mal
from insatser.selectors.forhamtning import Forhamtat, forhamta
from insatser.selectors.statistik import (
    Deltagarstatistik,
    Maluppfyllelse,
    deltagarstatistik,
    maluppfyllelse,
)


@dataclass(frozen=True)
class InsatsRapport:
    insats: Insats
    status: InsatsStatus | None = None
    statistik: Deltagarstatistik | None = None  # individinriktade insatser only
    mal: list[Maluppfyllelse] = field(default_factory=list)
    strukturaktiviteter: list[Strukturaktivitet] = field(default_factory=list)
    utfall_ore: int = 0
    diagram: list[Diagram] = field(default_factory=list)
    utvarderingar: list = field(default_factory=list)  # registered up to the period's end
    resultat_text: str = ""  # the report's sanitised HTML for this insats and year
    utvardering_text: str = ""


def insats_list(*, forbund: Forbund) -> QuerySet[Insats]:
    """The förbund's insatser, each annotated with ``senaste_status``."""
    senaste = InsatsStatus.objects.filter(insats=OuterRef("pk")).order_by("-datum", "-id")
    return (
        forbund.insatser.select_related("processagare", "objekt")
        .annotate(senaste_status=Subquery(senaste.values("status")[:1]))
        .order_by("namn")
    )


def _relationer() -> dict[str, QuerySet]:
    """What ``insatser_under`` prefetches: each insats's rows in the models' own order. The
    förbund's and the insats's names, first in that order, are the same for all of one
    insats's rows, and sorting on them cost more than the prefetch query itself."""
    return {
        "statusar": InsatsStatus.objects.order_by("datum", "id"),
        "mal": Mal.objects.order_by("fran", "id"),
        "utvarderingar": Utvardering.objects.order_by("datum", "id"),
    }


def insatser_under(*, forbund: Forbund, fran: datetime.date, till: datetime.date):
    """Insatser whose processtid overlaps [fran, till] (open ends count as ongoing)."""
    return (
        forbund.insatser.filter(
            (Q(start__isnull=True) | Q(start__lte=till))
            & (Q(slut__isnull=True) | Q(slut__gte=fran))
        )
        # An object mapped to administration/övrigt in the onboarding is no insats.
        .exclude(objekt__roll__roll__in=["administration", "ovrigt"])
        .select_related("processagare", "objekt")
        .prefetch_related(*(Prefetch(n, queryset=qs) for n, qs in _relationer().items()))
        .order_by("namn")
    )


def rapportdata(
    *,
    forbund: Forbund,
    fran: datetime.date,
    till: datetime.date,
    utfall_per_objekt: dict[int, int] | None = None,
    hela_forbundet: bool = False,
) -> tuple[list[Insats], Forhamtat]:
    """The insatser active in [fran, till] (``insatser_under``) and their rows
    (``forhamta``); with ``hela_forbundet`` the participations and anonymous counts of the
    whole förbund too, so a report's förbund total (``deltagarstatistik(insats=None,
    data=…)``) and its insats sections share the same queries.

    The goals, statuses and evaluations ``insatser_under`` prefetches come as lists in
    ``Forhamtat.rader`` instead (the same three queries, none without insatser, each row
    with its insats set): the prefetch built a filtered queryset per insats and relation,
    which cost more than the queries. So the returned insatser's ``insats.mal.all()`` etc.
    query; the report reads ``data.rader(insats, "mal")``."""
    insatser = list(insatser_under(forbund=forbund, fran=fran, till=till).prefetch_related(None))
    per_id = {i.pk: i for i in insatser}
    relationer: dict[str, dict[int, list]] = {}
    for namn, qs in _relationer().items() if insatser else ():
        rader: dict[int, list] = {}
        relationer[namn] = rader
        satt_insats = qs.model.insats.field.set_cached_value
        for r in qs.filter(insats_id__in=list(per_id)):
            satt_insats(r, per_id[r.insats_id])
            rader.setdefault(r.insats_id, []).append(r)
    data = forhamta(
        forbund=forbund,
        insatser=insatser,
        fran=fran,
        till=till,
        utfall=utfall_per_objekt,
        hela_forbundet=hela_forbundet,
        relationer=relationer,
    )
    return insatser, data


def insatser_rapport(
    *,
    forbund: Forbund,
    fran: datetime.date,
    till: datetime.date,
    utfall_per_objekt: dict[int, int] | None = None,
    forhamtat: tuple[list[Insats], Forhamtat] | None = None,
    skyddad: bool = False,
) -> list[InsatsRapport]:
    """One ``InsatsRapport`` per insats active in [fran, till], with a fixed number of
    queries whatever the number of insatser. ``utfall_per_objekt``: öre per ledger object
    id (K accounts, the period) when the caller has already aggregated the ledger.
    ``forhamtat``: what ``rapportdata`` loaded (then no queries here). ``skyddad``: the
    participant figures and goals protected as for a role without participant rights
    (suppression, secondary suppression and rounding; ``insatser.selectors.skydd``)."""
    if forhamtat is None:
        forhamtat = rapportdata(
            forbund=forbund, fran=fran, till=till, utfall_per_objekt=utfall_per_objekt
        )
    insatser, data = forhamtat
    rapport = []
    for insats in insatser:
        prefix = f"i{insats.pk}-"
        statusar = [s for s in data.rader(insats, "statusar") if s.datum <= till]
        status = statusar[-1] if statusar else None
        if insats.ar_individinriktad:
            stat = deltagarstatistik(
                forbund=forbund,
                insats=insats,
                fran=fran,
                till=till,
                publicering=True,
                skyddad=skyddad,
                data=data,
            )
            mal, diagram, utfall = stat.mal, diagram_for(stat, prefix), stat.utfall_ore
        else:
            stat = None
            mal = maluppfyllelse(
                insats=insats, publicering=True, skyddad=skyddad, data=data, fran=fran, till=till
            )
            diagram = [diagram_mal(mal, prefix)] if mal else []
            diagram = [d for d in diagram if not d.tomt]
            utfall = data.utfall_ore(insats)
        rapport.append(
            InsatsRapport(
                insats=insats,
                status=status,
                statistik=stat,
                mal=mal,
                strukturaktiviteter=data.struktur_under(insats, fran, till),
                utfall_ore=utfall,
                diagram=diagram,
                utvarderingar=[u for u in data.rader(insats, "utvarderingar") if u.datum <= till],
            )
        )
    return rapport


def beviljade_medel_for_ar(*, forbund: Forbund, ar: int) -> list:
    """The funds granted to the förbund's insatser for year ``ar`` (BeviljadeMedel, öre),
    with the insats and the styrelse decision, by insats name."""
    from insatser.models import BeviljadeMedel

    return list(
        BeviljadeMedel.objects.filter(insats__forbund=forbund, ar=ar)
        .select_related("insats", "beslut__sammantrade")
        .order_by("insats__namn")
    )


def beviljade_medel_per_objekt(*, forbund: Forbund, ar: int) -> dict[int, int]:
    """Ledger object id (the insats's dimension-6 object) → the funds the styrelse granted
    the insats for year ``ar`` (öre). Insatser without an object are left out. One query."""
    from insatser.models import BeviljadeMedel

    return {
        r["insats__objekt_id"]: r["belopp"]
        for r in BeviljadeMedel.objects.filter(
            insats__forbund=forbund, ar=ar, insats__objekt__isnull=False
        ).values("insats__objekt_id", "belopp")
    }
