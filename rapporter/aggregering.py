"""The one aggregation path of every statement.

``saldon`` runs ONE grouped query per (date interval) and returns per account: the total
of bokförda rows (balance at the end date for T/S accounts, the period's result for I/K
accounts) and the part booked on the year's IB voucher. ``saldon_per_objekt`` does the
same per dimension-6 object (insats). Query counts do not grow with the data: no Python
loop ever touches a ledger row.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Sum, Value, When

from ekonomi.models import Budgetrad, Dimension, Konto, Rad, Verifikation
from ekonomi.selectors import periodsaldon, periodsaldon_per_objekt
from forbund.models import Forbund
from insatser.models import ar_administrationsnamn

IB_SERIE = "IB"


@dataclass(frozen=True)
class Kontoinfo:
    id: int
    nummer: str
    namn: str
    typ: str

    @property
    def ar_resultatkonto(self) -> bool:
        return self.typ in ("I", "K")


@dataclass
class Saldon:
    """Öre per account id: ``total`` over the interval, ``ib`` the IB voucher's part."""

    total: dict[int, int] = field(default_factory=dict)
    ib: dict[int, int] = field(default_factory=dict)

    def rorelse(self, konto_id: int) -> int:
        return self.total.get(konto_id, 0) - self.ib.get(konto_id, 0)


def kontoplan(*, forbund: Forbund) -> dict[int, Kontoinfo]:
    return {
        k["id"]: Kontoinfo(**k)
        for k in Konto.objects.filter(forbund=forbund)
        .order_by("nummer")
        .values("id", "nummer", "namn", "typ")
    }


def _bokforda_rader(forbund: Forbund, fran: datetime.date, till: datetime.date):
    return Rad.objects.filter(
        verifikation__rakenskapsar__forbund=forbund,
        verifikation__status=Verifikation.Status.BOKFORD,
        verifikation__datum__gte=fran,
        verifikation__datum__lte=till,
    )


def saldon(*, forbund: Forbund, fran: datetime.date, till: datetime.date) -> Saldon:
    """Bokförda rows with datum in [fran, till], summed per account (one query).

    With ``fran`` = the year's first day, T/S accounts give the balance at ``till`` (the IB
    voucher is dated that day) and I/K accounts the result of the year to date. Whole
    months read the database-kept monthly balances (ekonomi.selectors.periodsaldon).
    """
    kept = periodsaldon(forbund=forbund, fran=fran, till=till)
    if kept is not None:
        return Saldon(total=kept[0], ib=kept[1])
    rows = (
        _bokforda_rader(forbund, fran, till)
        .values("konto_id")
        .order_by("konto_id")
        .annotate(
            total=Sum("belopp"),
            ib=Sum(
                Case(
                    When(verifikation__serie__kod=IB_SERIE, then="belopp"),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
        )
    )
    result = Saldon()
    for r in rows:
        result.total[r["konto_id"]] = int(r["total"] or 0)
        result.ib[r["konto_id"]] = int(r["ib"] or 0)
    return result


def saldon_per_objekt(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date, dimension: int = 6
) -> dict[tuple[int, int], int]:
    """Öre per (account id, object id) for objects in one dimension (one query)."""
    kept = periodsaldon_per_objekt(forbund=forbund, fran=fran, till=till, dimension=dimension)
    if kept is not None:
        return kept
    rows = (
        _bokforda_rader(forbund, fran, till)
        .filter(radobjekt__objekt__dimension__nummer=dimension)
        .values("konto_id", "radobjekt__objekt_id")
        .order_by("konto_id", "radobjekt__objekt_id")
        .annotate(total=Sum("belopp"))
    )
    return {(r["konto_id"], r["radobjekt__objekt_id"]): int(r["total"] or 0) for r in rows}


def budget(
    *, forbund: Forbund, ar: int, typ: str = "budget", version_id: int | None = None
) -> tuple[dict[int, int], dict[tuple[int, int], int], str]:
    """The year's budget of the latest version of ``typ``: öre per account and per
    (account, object); plus the version's name. Two queries."""
    from ekonomi.models import Budgetversion

    qs = Budgetversion.objects.filter(rakenskapsar__forbund=forbund, rakenskapsar__slut__year=ar)
    version = (
        qs.filter(pk=version_id).first()
        if version_id
        else qs.filter(typ=typ).order_by("-skapad", "-id").first()
    )
    if version is None:
        return {}, {}, ""
    rows = (
        Budgetrad.objects.filter(version=version)
        .values("konto_id", "objekt_id")
        .order_by("konto_id", "objekt_id")
        .annotate(total=Sum("belopp"))
    )
    per_konto: dict[int, int] = {}
    per_objekt: dict[tuple[int, int], int] = {}
    for r in rows:
        b = int(r["total"] or 0)
        per_konto[r["konto_id"]] = per_konto.get(r["konto_id"], 0) + b
        if r["objekt_id"] is not None:
            key = (r["konto_id"], r["objekt_id"])
            per_objekt[key] = per_objekt.get(key, 0) + b
    return per_konto, per_objekt, version.namn


def insatsobjekt(*, forbund: Forbund) -> dict[int, str]:
    """Dimension-6 objects that are insatser: object id → the insats's name (or the
    object's). An object counts when its role (``insatser.Objektroll``) is insats; without
    a role, when an insats is linked to it or its name does not say administration/kansli.
    One query."""
    rows = (
        Dimension.objects.filter(forbund=forbund, nummer=Dimension.PROJEKT)
        .values("objekt__id", "objekt__namn", "objekt__insats__namn", "objekt__roll__roll")
        .order_by("objekt__kod")
    )
    result = {}
    for r in rows:
        if r["objekt__id"] is None:
            continue
        roll = r["objekt__roll__roll"]
        if roll is None:
            ar_insats = r["objekt__insats__namn"] or not ar_administrationsnamn(r["objekt__namn"])
        else:
            ar_insats = roll == "insats"
        if ar_insats:
            result[r["objekt__id"]] = r["objekt__insats__namn"] or r["objekt__namn"]
    return result


def objektnamn(*, forbund: Forbund, dimensioner: list[int]) -> dict[int, str]:
    """Object id → its name, for the objects of the given dimensions (one query)."""
    from ekonomi.models import Objekt

    return {
        o["id"]: o["namn"] or o["kod"]
        for o in Objekt.objects.filter(
            dimension__forbund=forbund, dimension__nummer__in=dimensioner
        ).values("id", "kod", "namn")
    }
