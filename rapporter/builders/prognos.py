"""The delårsrapport's helårsprognos, line by line, saying how each line was forecast.

Rule (RKR R17 leaves the method to the förbund; the issue asks for decided amounts, not
12/8): member contributions are decided for the whole year, so their forecast is the
year's budget for the contribution account, else the decided contributions in the
contribution register (``forbund.Bidragsandel``); without either they are never
extrapolated (``bidrag_utan_beslut``: booked or last year's amount when last year is in
the books, else "Uppgift saknas"). The costs of an insats the styrelse granted funds
for the year (``insatser.BeviljadeMedel``) are forecast as the granted amount, on the line that
holds most of the insats's costs so far. Every other amount is the period extrapolated; a
line adjusted by hand (``Prognosjustering``) takes the adjusted amount. A year whose books
start after 1 January (a förbund's first räkenskapsår) is extrapolated over its own months,
not over twelve. Amounts in öre; ``None`` is a forecast that cannot be known."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from forbund import selectors as reg
from forbund.models import Forbund
from rapporter.builders.grund import placering
from rapporter.builders.medlemsbidrag import bidragskonton
from rapporter.builders.underlag import Underlag

UPPRAKNAT = "uppräknat till helår"
BUDGET = "enligt budget"
BESLUT = "enligt beslutade medlemsbidrag"
BEVILJAT = "enligt beviljade medel till insatser"
BESLUT_SAKNAS = "beslut saknas"
BOKFORT = f"bokfört belopp; {BESLUT_SAKNAS}"
FOREGAENDE_AR = f"föregående års belopp; {BESLUT_SAKNAS}"
OKAND = f"Uppgift saknas: {BESLUT_SAKNAS} och inget helt föregående år att jämföra med"


def bidrag_utan_beslut(bokfort: int, foregaende_ar: int) -> tuple[int | None, str]:
    """The forecast of a contribution account with neither a budget nor a decision:
    (amount, ledger sign; method). Contributions are decided for the whole year by the
    members (lag (2003:1210) om finansiell samordning inom rehabiliteringsområdet, 17 §,
    and the förbundsordning), not earned by the month; ``foregaende_ar`` is last year's
    full-year amount on the account (0 when the books hold no whole earlier year).

    - Last year known: booked at least last year's amount means the year is booked, the
      forecast is the booked amount ("bokfört belopp"); less, last year's amount
      ("föregående års belopp", the usual unchanged decision).
    - No whole earlier year (a first year, or books that start mid-year): ``None``,
      "Uppgift saknas". Neither 12/N nor the booked amount is a forecast here: the ledger
      cannot tell a year booked in advance (issue 13's 3 076 tkr in January, which 12/8
      made 1.5 times the decision) from contributions accrued by the month (seed 003
      invoices the year in January and defers a third to 2990, so the booked amount is
      8/12 of it). The line, the sums below it and the eget kapital forecast print "–",
      and the report lists the missing decision (fastställ asks for it).

    Each method says "beslut saknas"."""
    if foregaende_ar:
        if abs(bokfort) >= abs(foregaende_ar):
            return bokfort, BOKFORT
        return foregaende_ar, FOREGAENDE_AR
    return None, OKAND


def manader_i_perioden(till: datetime.date) -> Fraction:
    import calendar

    dagar = calendar.monthrange(till.year, till.month)[1]
    return Fraction(till.month - 1) + Fraction(till.day, dagar)


def manader_mellan(fran: datetime.date, till: datetime.date) -> Fraction:
    """Months from the day ``fran`` through ``till`` in the same year (whole months, and
    days as a fraction of their month): 1 July–31 August is 2."""
    fore = fran - datetime.timedelta(days=1)
    return manader_i_perioden(till) - (manader_i_perioden(fore) if fore.year == fran.year else 0)


def extrapolera(ore: int, till: datetime.date, start: datetime.date | None = None) -> int:
    """The period's figure extrapolated to the whole räkenskapsår, rounded half up to the
    öre: × 12 / months to ``till``, or for a year whose books begin on ``start`` (after 1
    January) × its months / the months from ``start`` to ``till`` (1 July–31 August of a
    year that starts 1 July: × 6/2, not 12/8)."""
    if start is None or start.month == start.day == 1:
        v = Fraction(ore) * 12 / manader_i_perioden(till)
    else:
        slut = datetime.date(start.year, 12, 31)
        v = Fraction(ore) * manader_mellan(start, slut) / manader_mellan(start, till)
    d = Decimal(v.numerator) / Decimal(v.denominator)
    return int(d.to_integral_value(ROUND_HALF_UP))


def beslutade_bidrag(*, forbund: Forbund, ar: int, u: Underlag) -> dict[int, int]:
    """Account id → decided contributions of the year (ledger sign: credit negative), from
    the contribution register, on the first revenue account of each paying member."""
    per_nummer = {info.nummer: k for k, info in u.konton.items()}
    ut: dict[int, int] = {}
    for medlem, kronor in reg.medlemsbidrag_for_ar(forbund=forbund, ar=ar):
        konton = [x.strip() for x in medlem.intaktskonton.split(",") if x.strip()]
        if konton and konton[0] in per_nummer:
            k = per_nummer[konton[0]]
            ut[k] = ut.get(k, 0) - int(kronor) * 100
    return ut


@dataclass(frozen=True)
class Radprognos:
    kod: str
    belopp: int | None  # presented öre; None: cannot be known ("Uppgift saknas")
    metod: str  # how the line was forecast
    bidrag: int | None = 0  # of which member contributions, presented öre


def beviljat_per_rad(
    u: Underlag, *, period: str, plats: dict[str, list[int]], beviljade: dict[int, int]
) -> tuple[dict[str, int], dict[str, int]]:
    """For the insatser with funds granted for the year: (line code → their costs booked
    in the period, which are not extrapolated; line code → the granted amounts, ledger
    sign). An insats's grant lands on the line holding most of its costs so far (the first
    such line on a tie); an insats with no costs booked yet keeps the extrapolation (0)."""
    rad_for = {k: kod for kod, ids in plats.items() for k in ids}
    ordning = list(plats)
    kostnad: dict[int, dict[str, int]] = {}
    for (k, o), v in u.per_objekt.get(period, {}).items():
        if o in beviljade and o in u.insatser and u.konton[k].typ == "K" and k in rad_for:
            per_rad = kostnad.setdefault(o, {})
            per_rad[rad_for[k]] = per_rad.get(rad_for[k], 0) + v
    bokfort: dict[str, int] = {}
    beviljat: dict[str, int] = {}
    for o, per_rad in kostnad.items():
        if not any(per_rad.values()):
            continue
        for kod, v in per_rad.items():
            bokfort[kod] = bokfort.get(kod, 0) + v
        storst = max(per_rad, key=lambda kod: (per_rad[kod], -ordning.index(kod)))
        beviljat[storst] = beviljat.get(storst, 0) + beviljade[o]
    return bokfort, beviljat


def prognos_per_rad(
    u: Underlag,
    *,
    period: str,
    till: datetime.date,
    budget: str,
    beslut: dict[int, int],
    justeringar: dict,
    beviljade: dict[int, int] | None = None,
    foregaende_ar: str | None = None,
    start: datetime.date | None = None,
) -> dict[str, Radprognos]:
    """Line code → forecast for every account line of the resultaträkning definition.
    ``beviljade``: insats object id → funds granted for the year (öre);
    ``foregaende_ar``: the ``u.saldon`` key of last year's full year, for contribution
    accounts without budget or decision (``bidrag_utan_beslut``); None when the books
    hold no whole earlier year. ``start``: the first day of the year's books when after 1
    January (``extrapolera``). A line with a contribution that cannot be forecast is
    ``None`` (with its method "Uppgift saknas: …")."""
    konton = {k: v for k, v in u.konton.items() if v.ar_resultatkonto}
    plats = placering(u.rr, konton)
    bidrag, _ = bidragskonton(u)
    utfall = u.saldon[period].total
    budget_konto = u.budget_konto.get(budget, {})
    bokfort, beviljat = beviljat_per_rad(u, period=period, plats=plats, beviljade=beviljade or {})
    ut: dict[str, Radprognos] = {}
    for rad in u.rr:
        if rad.typ != "konton":
            continue
        if rad.kod in justeringar:
            j = justeringar[rad.kod]
            ut[rad.kod] = Radprognos(rad.kod, j.belopp, f"justerad: {j.kommentar}")
            continue
        ovriga = sum(utfall.get(k, 0) for k in plats[rad.kod] if k not in bidrag)
        ovriga -= bokfort.get(rad.kod, 0)
        ledger = extrapolera(ovriga, till, start) if ovriga else 0
        uppraknat = UPPRAKNAT
        if start is not None and (start.month, start.day) != (1, 1):
            uppraknat = f"uppräknat till räkenskapsåret från {start.isoformat()}"
        metoder = {uppraknat} if ovriga else set()
        if rad.kod in beviljat:
            ledger += beviljat[rad.kod]
            metoder.add(BEVILJAT)
        bidrag_ledger: int | None = 0
        for k in plats[rad.kod]:
            if k not in bidrag:
                continue
            if k in budget_konto:
                b, m = budget_konto[k], BUDGET
            elif k in beslut:
                b, m = beslut[k], BESLUT
            elif utfall.get(k):
                fgar = u.saldon[foregaende_ar].total.get(k, 0) if foregaende_ar else 0
                b, m = bidrag_utan_beslut(utfall[k], fgar)
            else:
                continue
            bidrag_ledger = None if b is None or bidrag_ledger is None else bidrag_ledger + b
            metoder.add(m)
        metod = ", ".join(sorted(metoder)) if metoder else uppraknat
        if bidrag_ledger is None:
            ut[rad.kod] = Radprognos(rad.kod, None, OKAND, bidrag=None)
            continue
        ledger += bidrag_ledger
        ut[rad.kod] = Radprognos(rad.kod, rad.tecken * ledger, metod, bidrag=-bidrag_ledger)
    return ut
