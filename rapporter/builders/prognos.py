"""The delårsrapport's helårsprognos, line by line, saying how each line was forecast.

Rule (RKR R17 leaves the method to the förbund; the issue asks for decided amounts, not
12/8): member contributions are decided for the whole year, so their forecast is the
year's budget for the contribution account, else the decided contributions in the
contribution register (``forbund.Bidragsandel``), and only without either the period
extrapolated to twelve months; every other account is the period extrapolated; a line
adjusted by hand (``Prognosjustering``) takes the adjusted amount. Amounts in öre."""

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


def manader_i_perioden(till: datetime.date) -> Fraction:
    import calendar

    dagar = calendar.monthrange(till.year, till.month)[1]
    return Fraction(till.month - 1) + Fraction(till.day, dagar)


def extrapolera(ore: int, till: datetime.date) -> int:
    """The period's figure extrapolated to twelve months, rounded half up to the öre."""
    v = Fraction(ore) * 12 / manader_i_perioden(till)
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
    belopp: int  # presented öre
    metod: str  # how the line was forecast
    bidrag: int = 0  # of which member contributions, presented öre


def prognos_per_rad(
    u: Underlag,
    *,
    period: str,
    till: datetime.date,
    budget: str,
    beslut: dict[int, int],
    justeringar: dict,
) -> dict[str, Radprognos]:
    """Line code → forecast for every account line of the resultaträkning definition."""
    konton = {k: v for k, v in u.konton.items() if v.ar_resultatkonto}
    plats = placering(u.rr, konton)
    bidrag, _ = bidragskonton(u)
    utfall = u.saldon[period].total
    budget_konto = u.budget_konto.get(budget, {})
    ut: dict[str, Radprognos] = {}
    for rad in u.rr:
        if rad.typ != "konton":
            continue
        if rad.kod in justeringar:
            j = justeringar[rad.kod]
            ut[rad.kod] = Radprognos(rad.kod, j.belopp, f"justerad: {j.kommentar}")
            continue
        ovriga = sum(utfall.get(k, 0) for k in plats[rad.kod] if k not in bidrag)
        ledger = extrapolera(ovriga, till) if ovriga else 0
        metoder = {UPPRAKNAT} if ovriga else set()
        bidrag_ledger = 0
        for k in plats[rad.kod]:
            if k not in bidrag:
                continue
            if k in budget_konto:
                b, m = budget_konto[k], BUDGET
            elif k in beslut:
                b, m = beslut[k], BESLUT
            elif utfall.get(k):
                b, m = extrapolera(utfall[k], till), UPPRAKNAT
            else:
                continue
            bidrag_ledger += b
            metoder.add(m)
        ledger += bidrag_ledger
        metod = ", ".join(sorted(metoder)) if metoder else UPPRAKNAT
        ut[rad.kod] = Radprognos(rad.kod, rad.tecken * ledger, metod, bidrag=-bidrag_ledger)
    return ut
