"""The one aggregation path of every statement.

``saldon`` runs ONE grouped query per (date interval) and returns per account: the total
of bokförda rows (balance at the end date for T/S accounts, the period's result for I/K
accounts) and the part booked on the year's IB voucher. ``saldon_per_objekt`` does the
same per dimension-6 object (insats). Query counts do not grow with the data: no Python
loop ever touches a ledger row.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, F, IntegerField, Sum, Value, When

from ekonomi.models import Budgetrad, Dimension, Konto, Rad, Verifikation
from ekonomi.selectors import hela_manader, periodsaldon, periodsaldon_per_objekt
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
    return insatsobjekt_och_individ(forbund=forbund)[0]


def insatsobjekt_och_individ(*, forbund: Forbund) -> tuple[dict[int, str], list[int]]:
    """``insatsobjekt`` and, from the same query, the objects linked to an
    individinriktad insats (whose costs make the förbund's cost per participant; an
    insats's object is always in the förbund's dimension 6, ``insatser.services``)."""
    from insatser.models import Insats

    rows = (
        Dimension.objects.filter(forbund=forbund, nummer=Dimension.PROJEKT)
        .values(
            "objekt__id",
            "objekt__namn",
            "objekt__insats__namn",
            "objekt__insats__typ",
            "objekt__roll__roll",
        )
        .order_by("objekt__kod")
    )
    result = {}
    individ = []
    for r in rows:
        if r["objekt__id"] is None:
            continue
        if r["objekt__insats__typ"] == Insats.Typ.INDIVID:
            individ.append(r["objekt__id"])
        roll = r["objekt__roll__roll"]
        if roll is None:
            ar_insats = r["objekt__insats__namn"] or not ar_administrationsnamn(r["objekt__namn"])
        else:
            ar_insats = roll == "insats"
        if ar_insats:
            result[r["objekt__id"]] = r["objekt__insats__namn"] or r["objekt__namn"]
    return result, individ


def objektnamn(*, forbund: Forbund, dimensioner: list[int]) -> dict[int, str]:
    """Object id → its name, for the objects of the given dimensions (one query)."""
    from ekonomi.models import Objekt

    return {
        o["id"]: o["namn"] or o["kod"]
        for o in Objekt.objects.filter(
            dimension__forbund=forbund, dimension__nummer__in=dimensioner
        ).values("id", "kod", "namn")
    }


def _perioder_sql(perioder: list[tuple[datetime.date, datetime.date]], *kolumner: str):
    """``SUM(CASE WHEN s.manad BETWEEN fran AND till THEN … END)`` per period: first a
    count of balance rows (an account with a row counts even at zero), then one sum per
    column; and the parameters in order."""
    delar, param = [], []
    for fran, till in perioder:
        for kol in ("1", *(f"s.{k}" for k in kolumner)):
            delar.append(f"SUM(CASE WHEN s.manad BETWEEN %s AND %s THEN {kol} ELSE 0 END)")
            param += [fran, till]
    return ", ".join(delar), param


def _spann(perioder) -> tuple[datetime.date, datetime.date]:
    return min(f for f, _ in perioder), max(t for _, t in perioder)


def kontoplan_och_saldon(
    *, forbund: Forbund, perioder: dict[str, tuple[datetime.date, datetime.date]]
) -> tuple[dict[int, Kontoinfo], dict[str, Saldon]]:
    """The förbund's accounts (``kontoplan``) and ``saldon`` for every period, in ONE
    query when the periods are whole months: the database-kept monthly balances
    (``ekonomi_kontosaldo``) of the years the periods touch, found through the year key,
    summed per period with a conditional sum. A period that is not whole months is summed
    from the rows (``saldon``, one query more each). Same figures as ``saldon``."""
    hela = {n: p for n, p in perioder.items() if hela_manader(*p)}
    if not hela:
        konton = kontoplan(forbund=forbund)
        return konton, {
            n: saldon(forbund=forbund, fran=f, till=t) for n, (f, t) in perioder.items()
        }
    namn = list(hela)
    summor, param = _perioder_sql([hela[n] for n in namn], "belopp", "ib")
    borjan, slut = _spann(hela.values())
    sql = f"""
        SELECT k.id, k.nummer, k.namn, k.typ, {summor}
        FROM ekonomi_konto k
        LEFT JOIN (
            ekonomi_kontosaldo s JOIN ekonomi_rakenskapsar a
            ON a.id = s.rakenskapsar_id AND a.forbund_id = %s AND a.start <= %s AND a.slut >= %s
        ) ON s.konto_id = k.id AND s.manad BETWEEN %s AND %s
        WHERE k.forbund_id = %s
        GROUP BY k.id, k.nummer, k.namn, k.typ
        ORDER BY k.nummer
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*param, forbund.pk, slut, borjan, borjan, slut, forbund.pk])
        rader = cursor.fetchall()
    konton = {r[0]: Kontoinfo(id=r[0], nummer=r[1], namn=r[2], typ=r[3]) for r in rader}
    ut = {n: Saldon() for n in namn}
    for r in rader:
        for i, n in enumerate(namn):
            antal, total, ib = r[4 + 3 * i : 7 + 3 * i]
            if antal:
                ut[n].total[r[0]] = int(total)
                ut[n].ib[r[0]] = int(ib)
    for n, (f, t) in perioder.items():
        if n not in hela:
            ut[n] = saldon(forbund=forbund, fran=f, till=t)
    return konton, {n: ut[n] for n in perioder}


def saldon_per_objekt_perioder(
    *,
    forbund: Forbund,
    perioder: dict[str, tuple[datetime.date, datetime.date]],
    dimension: int = 6,
) -> dict[str, dict[tuple[int, int], int]]:
    """``saldon_per_objekt`` for several periods: ONE query over the kept per-object
    monthly balances (``ekonomi_objektsaldo``) when the periods are whole months; a period
    that is not is summed from the rows (one query more each)."""
    hela = {n: p for n, p in perioder.items() if hela_manader(*p)}
    ut: dict[str, dict[tuple[int, int], int]] = {n: {} for n in hela}
    if hela:
        namn = list(hela)
        summor, param = _perioder_sql([hela[n] for n in namn], "belopp")
        borjan, slut = _spann(hela.values())
        sql = f"""
            SELECT s.konto_id, s.objekt_id, {summor}
            FROM ekonomi_objektsaldo s
            JOIN ekonomi_rakenskapsar a
                ON a.id = s.rakenskapsar_id AND a.forbund_id = %s AND a.start <= %s
                AND a.slut >= %s
            JOIN ekonomi_objekt o ON o.id = s.objekt_id
            JOIN ekonomi_dimension d ON d.id = o.dimension_id AND d.nummer = %s
            WHERE s.manad BETWEEN %s AND %s
            GROUP BY s.konto_id, s.objekt_id
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*param, forbund.pk, slut, borjan, dimension, borjan, slut])
            for r in cursor.fetchall():
                for i, n in enumerate(namn):
                    if r[2 + 2 * i]:
                        ut[n][(r[0], r[1])] = int(r[3 + 2 * i])
    for n, (f, t) in perioder.items():
        if n not in hela:
            ut[n] = saldon_per_objekt(forbund=forbund, fran=f, till=t, dimension=dimension)
    return {n: ut[n] for n in perioder}


def budgetar(
    *, forbund: Forbund, onskade: dict[str, tuple[int, str]]
) -> dict[str, tuple[dict[int, int], dict[tuple[int, int], int], str]]:
    """``budget`` for several (year, type) at once in ONE query: name → (öre per account,
    öre per (account, object), the version's name) of the latest version (``skapad``, then
    id) of each type and year; empty dicts and "" where there is none."""
    from ekonomi.models import Budgetversion

    ut = {n: ({}, {}, "") for n in onskade}
    if not onskade:
        return ut
    rows = (
        Budgetversion.objects.filter(
            rakenskapsar__forbund=forbund,
            rakenskapsar__slut__year__in={ar for ar, _ in onskade.values()},
        )
        .values("id", "typ", "namn", "skapad", "rakenskapsar__slut", "rader__konto_id")
        .annotate(objekt_id=F("rader__objekt_id"), total=Sum("rader__belopp"))
        .order_by()
    )
    versioner: dict[int, tuple] = {}
    rader: dict[int, list] = {}
    for r in rows:
        versioner[r["id"]] = (r["rakenskapsar__slut"].year, r["typ"], r["skapad"], r["namn"])
        if r["rader__konto_id"] is not None:
            rader.setdefault(r["id"], []).append(r)
    senaste: dict[tuple[int, str], int] = {}
    for vid, (ar, typ, skapad, _) in versioner.items():
        nu = senaste.get((ar, typ))
        if nu is None or (skapad, vid) > (versioner[nu][2], nu):
            senaste[(ar, typ)] = vid
    for n, (ar, typ) in onskade.items():
        vid = senaste.get((ar, typ))
        if vid is None:
            continue
        per_konto: dict[int, int] = {}
        per_objekt: dict[tuple[int, int], int] = {}
        for r in rader.get(vid, []):
            b = int(r["total"] or 0)
            per_konto[r["rader__konto_id"]] = per_konto.get(r["rader__konto_id"], 0) + b
            if r["objekt_id"] is not None:
                key = (r["rader__konto_id"], r["objekt_id"])
                per_objekt[key] = per_objekt.get(key, 0) + b
        ut[n] = (per_konto, per_objekt, versioner[vid][3])
    return ut
