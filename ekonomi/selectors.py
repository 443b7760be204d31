"""Read use-cases of the ledger. Only bokförda vouchers count; sums are integer öre, so
they are exact on SQLite and PostgreSQL alike. Every selector runs a fixed number of
queries whatever the number of rows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, FilteredRelation, IntegerField, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from ekonomi.models import (
    Konto,
    Kontosaldo,
    Objekt,
    Objektsaldo,
    Rad,
    Rakenskapsar,
    Verifikation,
)
from forbund.arbetsar import giltigt_ar
from forbund.models import Forbund

IB_SERIE = "IB"
B = Verifikation.Status.BOKFORD


def rakenskapsar_for(*, forbund: Forbund, ar: int | str | None) -> Rakenskapsar | None:
    """The year ending in ``ar`` (default: the latest)."""
    qs = forbund.rakenskapsar.all()
    if ar:
        # Outside the supported years (negative, 20 digits, not a number) there is no year
        # (a year lookup on such a number overflows in the database layer).
        ar = giltigt_ar(ar)
        return qs.filter(slut__year=ar).first() if ar else None
    return qs.order_by("-start").first()


def rakenskapsar_valt(*, forbund: Forbund, valt: str | None, arbetsar: int) -> Rakenskapsar | None:
    """The year asked for in ``valt`` (``?ar=``); without one, the working year's, else
    the latest."""
    if valt:
        return rakenskapsar_for(forbund=forbund, ar=valt)
    return rakenskapsar_for(forbund=forbund, ar=arbetsar) or rakenskapsar_for(
        forbund=forbund, ar=None
    )


def hela_manader(fran: datetime.date, till: datetime.date) -> bool:
    """True when [fran, till] is whole calendar months (first day … last day)."""
    return fran.day == 1 and (till + datetime.timedelta(days=1)).day == 1 and fran <= till


def periodsaldon(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> tuple[dict[int, int], dict[int, int]] | None:
    """Öre per account id of the bokförda rows dated ``fran``–``till``: ``(total, ib)``
    where ``ib`` is the IB-series part. Read from the monthly balances the database keeps
    at posting (``Kontosaldo``), one query over at most (months × accounts) rows, so the
    cost does not grow with the number of rows or years. ``None`` when the interval is not
    whole months (the caller then sums the rows)."""
    if not hela_manader(fran, till):
        return None
    rows = (
        Kontosaldo.objects.filter(rakenskapsar__forbund=forbund, manad__gte=fran, manad__lte=till)
        .values("konto_id")
        .order_by("konto_id")
        .annotate(total=Sum("belopp"), ib_del=Sum("ib"))
    )
    total: dict[int, int] = {}
    ib: dict[int, int] = {}
    for r in rows:
        total[r["konto_id"]] = int(r["total"])
        ib[r["konto_id"]] = int(r["ib_del"])
    return total, ib


def periodsaldon_per_objekt(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date, dimension: int = 6
) -> dict[tuple[int, int], int] | None:
    """Öre per (account id, object id) of ``dimension`` for bokförda rows dated
    ``fran``–``till``, from the database-kept ``Objektsaldo`` (one query); ``None`` when
    the interval is not whole months."""
    if not hela_manader(fran, till):
        return None
    rows = (
        Objektsaldo.objects.filter(
            rakenskapsar__forbund=forbund,
            manad__gte=fran,
            manad__lte=till,
            objekt__dimension__nummer=dimension,
        )
        .values("konto_id", "objekt_id")
        .order_by("konto_id", "objekt_id")
        .annotate(total=Sum("belopp"))
    )
    return {(r["konto_id"], r["objekt_id"]): int(r["total"]) for r in rows}


def periodsaldon_avviker(*, rakenskapsar: Rakenskapsar) -> list[str]:
    """Compare the kept monthly balances of a year with a fresh sum of its bokförda rows;
    one text per difference (empty: they agree to the öre). Four queries."""
    from django.db.models.functions import TruncMonth

    def fardiga(qs, *nycklar):
        return {tuple(r[n] for n in nycklar): tuple(r[k] for k in ("s", "i")) for r in qs}

    rader = bokforda_rader(rakenskapsar=rakenskapsar).annotate(m=TruncMonth("verifikation__datum"))
    ib = _sum(Q(verifikation__serie__kod=IB_SERIE))
    farsk = fardiga(
        rader.values("m", "konto_id").annotate(s=Sum("belopp"), i=ib).order_by(),
        "m",
        "konto_id",
    )
    kept = fardiga(
        Kontosaldo.objects.filter(rakenskapsar=rakenskapsar)
        .values("manad", "konto_id")
        .annotate(s=Sum("belopp"), i=Sum("ib"))
        .order_by(),
        "manad",
        "konto_id",
    )
    farsk_obj = {
        (r["m"], r["konto_id"], r["radobjekt__objekt_id"]): r["s"]
        for r in rader.filter(radobjekt__isnull=False)
        .values("m", "konto_id", "radobjekt__objekt_id")
        .annotate(s=Sum("belopp"))
        .order_by()
    }
    kept_obj = {
        (r["manad"], r["konto_id"], r["objekt_id"]): r["belopp"]
        for r in Objektsaldo.objects.filter(rakenskapsar=rakenskapsar).values(
            "manad", "konto_id", "objekt_id", "belopp"
        )
    }
    fel = []
    for namn, a, b in (("konto", farsk, kept), ("objekt", farsk_obj, kept_obj)):
        for nyckel in sorted(set(a) | set(b), key=str):
            if a.get(nyckel) != b.get(nyckel):
                fel.append(f"{namn} {nyckel}: raderna {a.get(nyckel)}, saldot {b.get(nyckel)}")
    return fel


def bokforda_rader(*, rakenskapsar: Rakenskapsar):
    return Rad.objects.filter(verifikation__rakenskapsar=rakenskapsar, verifikation__status=B)


def bokforda_rader_konto(*, rakenskapsar: Rakenskapsar, konto: Konto):
    """One account's bokförda rows of one year. Besides the year condition the rows are
    bounded by the year's first and last voucher id, so the database reads them as one
    range of the (konto, verifikation) index (``rad_konto_ver``): the year's rows of the
    account, not its rows of every year nor every voucher of the year (issue 16.2). The
    bounds only narrow the scan; the year condition decides which rows count."""
    from django.db.models import Max, Min

    ar = Verifikation.objects.filter(rakenskapsar=rakenskapsar).order_by().values("rakenskapsar")
    return bokforda_rader(rakenskapsar=rakenskapsar).filter(
        konto=konto,
        verifikation_id__gte=Subquery(ar.annotate(m=Min("id")).values("m")),
        verifikation_id__lte=Subquery(ar.annotate(m=Max("id")).values("m")),
    )


def _sum(filter_: Q):
    return Coalesce(Sum("belopp", filter=filter_), Value(0))


@dataclass
class Saldo:
    konto: Konto
    ib: int = 0
    forandring: int = 0
    objekt: Objekt | None = None

    @property
    def ub(self) -> int:
        return self.ib + self.forandring


@dataclass
class Saldobalans:
    rakenskapsar: Rakenskapsar
    fran: datetime.date
    till: datetime.date
    rader: list[Saldo] = field(default_factory=list)
    dimension: int | None = None

    @property
    def summa_ib(self) -> int:
        return sum(r.ib for r in self.rader)

    @property
    def summa_forandring(self) -> int:
        return sum(r.forandring for r in self.rader)

    @property
    def summa_ub(self) -> int:
        return sum(r.ub for r in self.rader)

    @property
    def arets_resultat(self) -> int:
        """Debet-positive: a surplus is negative."""
        return sum(r.ub for r in self.rader if not r.konto.ar_balanskonto)


def saldobalans(
    *,
    rakenskapsar: Rakenskapsar,
    fran: datetime.date | None = None,
    till: datetime.date | None = None,
    dimension: int | None = None,
    alla_konton: bool = False,
) -> Saldobalans:
    """IB, change and UB per account (and per object of ``dimension``) for the period
    ``fran``–``till`` of the year. IB = the IB-series voucher plus everything before
    ``fran``; change = the other bokförda vouchers in the period. Three queries; whole
    months without ``dimension`` read the database-kept monthly balances, not the rows."""
    fran = max(fran or rakenskapsar.start, rakenskapsar.start)
    till = min(till or rakenskapsar.slut, rakenskapsar.slut)
    ib_villkor = Q(verifikation__serie__kod=IB_SERIE) | Q(verifikation__datum__lt=fran)
    qs = bokforda_rader(rakenskapsar=rakenskapsar).filter(verifikation__datum__lte=till)
    grupp = ["konto_id"]
    objekt: dict[int, Objekt] = {}
    if dimension is None and hela_manader(fran, till):
        # Whole months: the database-kept monthly balances give the same öre (IB = the
        # IB part of every month plus all months before ``fran``).
        fore = Q(manad__lt=fran)
        utan_ib = F("belopp") - F("ib")
        qs = Kontosaldo.objects.filter(rakenskapsar=rakenskapsar, manad__lte=till)
        summor = (
            qs.values("konto_id")
            .annotate(
                ib_s=Sum("ib") + Coalesce(Sum(utan_ib, filter=fore), Value(0)),
                andr=Coalesce(Sum(utan_ib, filter=~fore), Value(0)),
            )
            .order_by()
        )
        summor = [{"konto_id": s["konto_id"], "ib": s["ib_s"], "andr": s["andr"]} for s in summor]
    elif dimension is not None:
        # One join with the rows' objects of that dimension (a row carries at most one
        # object per dimension), not a subquery per row: the year's rows are read once.
        objekt = {
            o.pk: o
            for o in Objekt.objects.filter(
                dimension__forbund=rakenskapsar.forbund_id, dimension__nummer=dimension
            )
        }
        ids = list(objekt)
        if ids:
            villkor = Q(radobjekt__objekt_id__in=ids)
            qs = qs.annotate(
                dimobj=FilteredRelation("radobjekt", condition=villkor),
                obj=F("dimobj__objekt_id"),
            )
        else:  # no objects in the dimension: every row is without one
            qs = qs.annotate(obj=Value(None, output_field=IntegerField()))
        grupp.append("obj")
    if not (dimension is None and hela_manader(fran, till)):
        summor = qs.values(*grupp).annotate(ib=_sum(ib_villkor), andr=_sum(~ib_villkor)).order_by()
    konton = {k.pk: k for k in rakenskapsar.forbund.konton.all()}
    rader = [
        Saldo(
            konto=konton[s["konto_id"]],
            ib=s["ib"],
            forandring=s["andr"],
            objekt=objekt.get(s.get("obj")),
        )
        for s in summor
    ]
    if alla_konton:
        med = {r.konto.pk for r in rader}
        rader += [Saldo(konto=k) for k in konton.values() if k.pk not in med and k.aktiv]
    rader.sort(key=lambda r: (r.konto.nummer, r.objekt.kod if r.objekt else ""))
    return Saldobalans(
        rakenskapsar=rakenskapsar, fran=fran, till=till, rader=rader, dimension=dimension
    )


def ub_per_konto(*, rakenskapsar: Rakenskapsar) -> dict[str, int]:
    """UB of every balance account (T/S) at the year's end, by account number."""
    rows = (
        bokforda_rader(rakenskapsar=rakenskapsar)
        .filter(konto__typ__in=["T", "S"])
        .values("konto__nummer")
        .annotate(s=Sum("belopp"))
        .order_by()
    )
    return {r["konto__nummer"]: r["s"] for r in rows}


def ib_per_konto(*, rakenskapsar: Rakenskapsar) -> dict[str, int]:
    rows = (
        bokforda_rader(rakenskapsar=rakenskapsar)
        .filter(verifikation__serie__kod=IB_SERIE)
        .values("konto__nummer")
        .annotate(s=Sum("belopp"))
        .order_by()
    )
    return {r["konto__nummer"]: r["s"] for r in rows}


def arets_resultat(*, rakenskapsar: Rakenskapsar, till: datetime.date | None = None) -> int:
    """Sum of the I/K accounts (debet-positive: a surplus is negative)."""
    qs = bokforda_rader(rakenskapsar=rakenskapsar).filter(konto__typ__in=["I", "K"])
    if till:
        qs = qs.filter(verifikation__datum__lte=till)
    return qs.aggregate(s=Coalesce(Sum("belopp"), Value(0)))["s"]


@dataclass
class Huvudbok:
    konto: Konto
    rakenskapsar: Rakenskapsar
    ib: int
    ingaende_sida: int  # balance before the first row of the page
    sida: object  # Paginator page of Rad, each with .saldo
    ub: int


def huvudbok(
    *, konto: Konto, rakenskapsar: Rakenskapsar, sida: int | str | None = 1, per_sida=100
):
    """IB, the account's rows (page by page) with running balance, and UB. Five queries
    per page whatever the number of rows."""
    from django.core.paginator import Paginator

    bas = bokforda_rader_konto(rakenskapsar=rakenskapsar, konto=konto)
    summor = bas.aggregate(
        ib=_sum(Q(verifikation__serie__kod=IB_SERIE)), ub=Coalesce(Sum("belopp"), Value(0))
    )
    rader = (
        bas.exclude(verifikation__serie__kod=IB_SERIE)
        .select_related("verifikation__serie")
        .order_by("verifikation__datum", "verifikation__serie__kod", "verifikation__nummer", "id")
    )
    page = Paginator(rader, per_sida).get_page(sida)
    fore = summor["ib"]
    if page.start_index() > 1:
        forsta = page.start_index() - 1
        fore += rader[:forsta].aggregate(s=Coalesce(Sum("belopp"), Value(0)))["s"] if forsta else 0
    saldo = fore
    for rad in page.object_list:
        saldo += rad.belopp
        rad.saldo = saldo
        rad.debet, rad.kredit = max(rad.belopp, 0), max(-rad.belopp, 0)
    return Huvudbok(
        konto=konto,
        rakenskapsar=rakenskapsar,
        ib=summor["ib"],
        ingaende_sida=fore,
        sida=page,
        ub=summor["ub"],
    )


def saldofil_ar(
    *, forbund: Forbund, fran: datetime.date, till: datetime.date
) -> list[Rakenskapsar]:
    """The räkenskapsår overlapping ``fran``–``till`` whose books hold balances only: they
    have bokförda vouchers in a series made from a balance-only SIE file (typ 1–3,
    ``Serie.saldofil``), so per period or year there are totals but no verifikation
    detail. One query; reports, huvudbok and saldobalans say so next to their figures."""
    return list(
        forbund.rakenskapsar.filter(
            start__lte=till,
            slut__gte=fran,
            serier__saldofil=True,
            serier__verifikationer__status=B,
        )
        .distinct()
        .order_by("start")
    )
