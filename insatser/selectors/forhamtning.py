"""What the reports read about a set of insatser, loaded with a fixed number of queries
(issue 16.1): participations, anonymous counts, strukturaktiviteter and costs for all the
insatser at once, then filtered per insats and period in Python with exactly the rules of
``statistik.deltaganden_under``, ``anonyma_under`` and ``utfall_ore``.

Without it the årsredovisning made four to six queries per insats. The participations
are read as plain rows (``DeltagandeRad``), not model instances: a report reads about a
thousand of them and building a model instance per row cost more than the query.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q, Sum

from ekonomi.models import Konto, Rad, Verifikation
from forbund.models import Forbund
from insatser.models import AnonymaDeltagare, Deltagande, Insats, Strukturaktivitet


class Orsak(NamedTuple):
    """What the statistics read of an Avslutsorsak."""

    pk: int
    ordning: int
    namn: str
    arbete_studier: bool


class Remitterande(NamedTuple):
    """What the statistics read of the referring Medlem."""

    pk: int
    namn: str


class DeltagandeRad(NamedTuple):
    """A participation with the fields the period rules and statistics read
    (``rakna_perioden``, ``slut_senast``, ``deltagarstatistik``), attribute for attribute
    as on ``Deltagande``; ``insats`` is the report's Insats (its ``slut`` is read)."""

    pk: int
    insats_id: int
    kon: str
    aldersgrupp: str
    start: datetime.date
    slut: datetime.date | None
    forsorjning_start: str
    forsorjning_slut: str
    avslutsorsak: Orsak | None
    remitterande: Remitterande | None
    insats: Insats


# Deltagande's fields read into a DeltagandeRad, then the joined ones.
_FALT = ("id", "insats_id", "kon", "aldersgrupp", "start", "slut", "forsorjning_start")
_FALT += ("forsorjning_slut", "avslutsorsak_id", "avslutsorsak__ordning", "avslutsorsak__namn")
_FALT += ("avslutsorsak__arbete_studier", "remitterande_id", "remitterande__namn")
_FALT += ("insats__slut",)


@dataclass
class Forhamtat:
    """Participations (felregistreringar left out), anonymous counts per year and
    strukturaktiviteter per insats id; ``utfall`` öre per ledger object id (bokförda
    rows on K accounts in the report period, debet positive)."""

    deltaganden: dict[int, list[DeltagandeRad]] = field(default_factory=dict)
    anonyma: dict[int, dict[int, int]] = field(default_factory=dict)
    struktur: dict[int, list[Strukturaktivitet]] = field(default_factory=dict)
    utfall: dict[int, int] = field(default_factory=dict)
    # Loaded for every insats of the förbund (``hela_forbundet``): then ``insats=None``
    # asks for the förbund total, and ``alla`` holds every participation in query order.
    hela_forbundet: bool = False
    alla: list[DeltagandeRad] = field(default_factory=list)
    # Each insats's goals, statuses and evaluations when the caller loaded them as lists
    # (``rapportdata``): relation name -> insats id -> rows; else ``insats.<name>.all()``.
    relationer: dict[str, dict[int, list]] = field(default_factory=dict)

    def rader(self, insats: Insats, namn: str) -> list:
        """The insats's ``mal``, ``statusar`` or ``utvarderingar`` in the model's order."""
        per_insats = self.relationer.get(namn)
        if per_insats is None:
            return list(getattr(insats, namn).all())
        return per_insats.get(insats.pk, [])

    def deltaganden_under(
        self, insats: Insats | None, fran: datetime.date, till: datetime.date
    ) -> list[DeltagandeRad]:
        """Active at some time in [fran, till]: start ≤ till and (no end or end ≥ fran),
        in an insats that had not ended before ``fran`` (as ``deltaganden_under``).
        ``insats=None``: the whole förbund (needs ``hela_forbundet``)."""
        if insats is None:
            if not self.hela_forbundet:
                raise ValueError("Deltagandena är inte hämtade för hela förbundet.")
            return [
                d
                for d in self.alla
                if d.start <= till
                and (d.slut is None or d.slut >= fran)
                and (d.insats.slut is None or d.insats.slut >= fran)
            ]
        if insats.slut is not None and insats.slut < fran:
            return []
        return [
            d
            for d in self.deltaganden.get(insats.pk, [])
            if d.start <= till and (d.slut is None or d.slut >= fran)
        ]

    def anonyma_under(
        self, insats: Insats | None, fran: datetime.date, till: datetime.date
    ) -> int:
        """Anonymous counts of the years ``fran``–``till`` (``insats=None``: the förbund's,
        needs ``hela_forbundet``)."""
        if insats is None:
            if not self.hela_forbundet:
                raise ValueError("De anonyma deltagarna är inte hämtade för hela förbundet.")
            per_ar = [n for a in self.anonyma.values() for n in a.items()]
        else:
            per_ar = list(self.anonyma.get(insats.pk, {}).items())
        return sum(n for ar, n in per_ar if fran.year <= ar <= till.year)

    def struktur_under(
        self, insats: Insats, fran: datetime.date, till: datetime.date
    ) -> list[Strukturaktivitet]:
        return [a for a in self.struktur.get(insats.pk, []) if fran <= a.datum <= till]

    def utfall_ore(self, insats: Insats) -> int:
        return self.utfall.get(insats.objekt_id, 0) if insats.objekt_id else 0


def forhamta(
    *,
    forbund: Forbund,
    insatser: list[Insats],
    fran: datetime.date,
    till: datetime.date,
    utfall: dict[int, int] | None = None,
    hela_forbundet: bool = False,
    relationer: dict[str, dict[int, list]] | None = None,
) -> Forhamtat:
    """Load everything for ``insatser`` over [fran, till] and their goals' own periods
    (``insats.mal`` prefetched, or the goals in ``relationer``): three queries, four when
    ``utfall`` (öre per object id, as ``utfall_per_objekt`` gives it) is not passed in.
    ``hela_forbundet``: the participations and anonymous counts of every insats of the
    förbund (the same two queries), so the förbund total needs no queries of its own.
    ``relationer``: the
    insatser's goals, statuses and evaluations already loaded as lists (``Forhamtat``)."""
    ids = [i.pk for i in insatser]
    per_id = {i.pk: i for i in insatser}
    data = Forhamtat(hela_forbundet=hela_forbundet, relationer=relationer or {})
    if not ids and not hela_forbundet:
        return data
    borjan, slut = fran, till
    for insats in insatser:
        for mal in data.rader(insats, "mal"):
            borjan, slut = min(borjan, mal.fran), max(slut, mal.till)
    vilka = Q(insats__forbund=forbund) if hela_forbundet else Q(insats_id__in=ids)
    # The förbund's name is left out of Deltagande's default ordering: all rows are of one
    # förbund, and sorting on the name cost the server more than the rest of the query.
    rader = (
        Deltagande.objects.filter(vilka)
        .filter(Q(start__lte=slut) & (Q(slut__isnull=True) | Q(slut__gte=borjan)))
        .exclude(avslutsorsak__raknas=False)
        .order_by("insats__namn", "start", "kod")
        .values_list(*_FALT)
    )
    ovriga: dict[int, Insats] = {}
    orsaker: dict[int, Orsak] = {}
    remitterande: dict[int, Remitterande] = {}
    for pk, insats_id, kon, alder, start, d_slut, f_start, f_slut, *ovrigt in rader:
        o_id, o_ordning, o_namn, o_as, r_id, r_namn, insats_slut = ovrigt
        insats = per_id.get(insats_id)
        if insats is None:
            # An insats outside the report's list (the förbund total only): what the
            # rules read of it is its end (``slut_senast``), carried by the same query.
            insats = ovriga.get(insats_id)
            if insats is None:
                insats = Insats(id=insats_id, forbund_id=forbund.pk, slut=insats_slut)
                ovriga[insats_id] = insats
        orsak = rem = None
        if o_id is not None and (orsak := orsaker.get(o_id)) is None:
            orsak = orsaker[o_id] = Orsak(o_id, o_ordning, o_namn, o_as)
        if r_id is not None and (rem := remitterande.get(r_id)) is None:
            rem = remitterande[r_id] = Remitterande(r_id, r_namn)
        d = DeltagandeRad(
            pk, insats_id, kon, alder, start, d_slut, f_start, f_slut, orsak, rem, insats
        )
        data.deltaganden.setdefault(insats_id, []).append(d)
        data.alla.append(d)
    anonyma: dict[int, dict[int, int]] = defaultdict(dict)
    for r in (
        AnonymaDeltagare.objects.filter(vilka)
        .values("insats_id", "ar")
        .order_by("insats_id", "ar")
        .annotate(s=Sum("antal"))
    ):
        anonyma[r["insats_id"]][r["ar"]] = int(r["s"] or 0)
    data.anonyma = dict(anonyma)
    for a in (
        Strukturaktivitet.objects.filter(
            insats_id__in=ids, datum__gte=borjan, datum__lte=slut
        ).order_by("datum", "id")  # each insats's rows in the model's order
        if ids
        else []
    ):
        data.struktur.setdefault(a.insats_id, []).append(a)
    objekt = [i.objekt_id for i in insatser if i.objekt_id]
    data.utfall = (
        utfall
        if utfall is not None
        else utfall_per_objekt(forbund=forbund, objekt=objekt, fran=fran, till=till)
    )
    return data


def utfall_per_objekt(
    *, forbund: Forbund, objekt: list[int], fran: datetime.date, till: datetime.date
) -> dict[int, int]:
    """Öre per object id: bokförda rows on K accounts carrying the object, datum in
    [fran, till] (one grouped query; the per-insats ``utfall_ore`` for many at once)."""
    if not objekt:
        return {}
    rows = (
        Rad.objects.filter(
            radobjekt__objekt_id__in=objekt,
            verifikation__rakenskapsar__forbund=forbund,
            verifikation__status=Verifikation.Status.BOKFORD,
            verifikation__datum__gte=fran,
            verifikation__datum__lte=till,
            konto__typ=Konto.Typ.KOSTNAD,
        )
        .values("radobjekt__objekt_id")
        .order_by("radobjekt__objekt_id")
        .annotate(s=Sum("belopp"))
    )
    return {r["radobjekt__objekt_id"]: int(r["s"] or 0) for r in rows}
