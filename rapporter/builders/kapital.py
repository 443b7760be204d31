"""Eget kapital, the recommended ceiling (kapitaltak) and the key figures of the
förvaltningsberättelse's economy section. Amounts in öre."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rapporter.builders.medlemsbidrag import medlemsbidrag
from rapporter.builders.underlag import Underlag
from rapporter.definitioner import EGET_KAPITAL, matchar, tolka_intervall


def eget_kapital(u: Underlag, period: str) -> int:
    """Presented eget kapital at the period's end: EK accounts plus the computed result."""
    ek = tolka_intervall(EGET_KAPITAL)
    s = u.saldon[period]
    return -sum(
        v
        for k, v in s.total.items()
        if not u.konton[k].ar_resultatkonto and matchar(u.konton[k].nummer, ek)
    ) + u.arets_resultat(s)


def ingaende_eget_kapital(u: Underlag, period: str) -> int:
    ek = tolka_intervall(EGET_KAPITAL)
    s = u.saldon[period]
    return -sum(
        v
        for k, v in s.ib.items()
        if not u.konton[k].ar_resultatkonto and matchar(u.konton[k].nummer, ek)
    )


def eget_kapital_direkt(u: Underlag, period: str) -> int:
    """Presented amounts booked straight to eget kapital accounts during the period
    (contributions to eget kapital, capital from a predecessor), the IB voucher excluded."""
    ek = tolka_intervall(EGET_KAPITAL)
    s = u.saldon[period]
    return -sum(
        s.rorelse(k)
        for k in s.total
        if not u.konton[k].ar_resultatkonto and matchar(u.konton[k].nummer, ek)
    )


@dataclass
class Kapitaltak:
    bidrag: int
    eget_kapital: int
    procent: Decimal
    tak: int

    @property
    def marginal(self) -> int:
        return self.tak - self.eget_kapital

    @property
    def overskridet(self) -> bool:
        return self.eget_kapital > self.tak

    @property
    def over_taket(self) -> int:
        """How much the eget kapital exceeds the ceiling (0 when it does not)."""
        return max(0, self.eget_kapital - self.tak)

    @property
    def andel(self) -> Decimal | None:
        if not self.bidrag:
            return None
        return (Decimal(self.eget_kapital) * 100 / self.bidrag).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )


def kapitaltak(*, trappa: list, bidrag: int, eget_kapital: int) -> Kapitaltak:
    """The recommended ceiling: the first step whose limit (kr) covers the contributions."""
    procent = Decimal(0)
    for grans, pct in trappa:
        procent = Decimal(str(pct))
        if grans is None or bidrag <= int(grans) * 100:
            break
    tak = int((Decimal(bidrag) * procent / 100).to_integral_value(ROUND_HALF_UP))
    return Kapitaltak(bidrag=bidrag, eget_kapital=eget_kapital, procent=procent, tak=tak)


@dataclass
class Ekonomi:
    resultat: int
    resultat_budget: int | None
    kostnader: int
    administration: int
    insatser: int
    tak: Kapitaltak

    def _pct(self, del_: int) -> Decimal | None:
        if not self.kostnader:
            return None
        return (Decimal(del_) * 100 / self.kostnader).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def administration_procent(self) -> Decimal | None:
        return self._pct(self.administration)

    @property
    def insatser_procent(self) -> Decimal | None:
        return self._pct(self.insatser)


def ekonomi_for(u: Underlag, period: str, budget: str | None) -> Ekonomi:
    s = u.saldon[period]
    kostnader = sum(v for k, v in s.total.items() if u.konton[k].typ == "K")
    insatser = sum(
        v
        for (k, o), v in u.per_objekt.get(period, {}).items()
        if o in u.insatser and u.konton[k].typ == "K"
    )
    resultat_budget = None
    if budget and u.budget_konto.get(budget):
        resultat_budget = -sum(
            v for k, v in u.budget_konto[budget].items() if u.konton[k].ar_resultatkonto
        )
    return Ekonomi(
        resultat=u.arets_resultat(s),
        resultat_budget=resultat_budget,
        kostnader=kostnader,
        administration=kostnader - insatser,
        insatser=insatser,
        tak=kapitaltak(
            trappa=u.installning.kapitaltak or [],
            bidrag=medlemsbidrag(u, s.total),
            eget_kapital=eget_kapital(u, period),
        ),
    )
