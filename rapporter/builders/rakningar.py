"""The statements: resultaträkning and balansräkning (the kassaflödesanalys is in
``kassaflode``, the driftredovisning in ``drift``). Pure functions of an ``Underlag``."""

from dataclasses import dataclass
from decimal import Decimal

from rapporter.builders.grund import Kolumn, Tabell, Tabellrad, bygg_tabell
from rapporter.builders.underlag import Underlag
from rapporter.models import Rapportrad


@dataclass(frozen=True)
class Kol:
    """A statement column: a label and the name of a period (or budget) in the Underlag."""

    namn: str
    period: str = ""
    budget: str = ""
    fasta: tuple = ()  # ((radkod, presented öre), ...) overrides (prognos)


def _kolumn(u: Underlag, kol: Kol, resultat_visat: dict | None = None) -> Kolumn:
    if kol.budget:
        per_konto = u.budget_konto.get(kol.budget, {})
        resultat = -sum(v for k, v in per_konto.items() if u.konton[k].ar_resultatkonto)
    else:
        saldon = u.saldon[kol.period]
        per_konto = saldon.total
        resultat = u.arets_resultat(saldon)
    return Kolumn(
        namn=kol.namn,
        per_konto=per_konto,
        arets_resultat=resultat,
        arets_resultat_visat=(resultat_visat or {}).get(kol.period),
        fasta=dict(kol.fasta),
    )


def resultatrakning(
    u: Underlag,
    kolumner: list[Kol],
    *,
    avvikelse: tuple[int, int] | None = None,
    titel: str = "Resultaträkning",
) -> Tabell:
    """``avvikelse=(i, j)`` appends column i − j (utfall − budget)."""
    tabell = bygg_tabell(
        titel=titel,
        rader=u.rr,
        konton={k: v for k, v in u.konton.items() if v.ar_resultatkonto},
        kolumner=[_kolumn(u, k) for k in kolumner],
        enhet=u.enhet,
        summera_avrundade=u.summera_avrundade,
        nyckel="resultatrakning",
    )
    if avvikelse is not None:
        i, j = avvikelse
        tabell.kolumner.append("Avvikelse")
        for rad in tabell.rader:
            if rad.belopp[i] is None:
                rad.belopp.append(None)
                rad.visat.append(None)
            else:
                rad.belopp.append(rad.belopp[i] - rad.belopp[j])
                rad.visat.append(rad.visat[i] - rad.visat[j])
    return tabell


def har_resultat(u: Underlag, period: str) -> bool:
    """Whether the period has any amount on a result account (a column of its result
    means something)."""
    return any(v and u.konton[k].ar_resultatkonto for k, v in u.saldon[period].total.items())


def tom_resultatcell(tabell: Tabell, kolumn: int) -> None:
    """Blank (printed "–") the årets-resultat line of one balance-sheet column whose result
    is not known (a previous year known only from this year's IB voucher, where that
    result already sits inside eget kapital)."""
    for rad in tabell.rader:
        if rad.typ == Rapportrad.Typ.RESULTAT:
            rad.belopp[kolumn] = None
            rad.visat[kolumn] = None


def arets_resultat_rad(rr: Tabell) -> Tabellrad:
    """The resultaträkning's bottom line: its last subtotal, or (a definition without
    subtotals) the sum of its account lines."""
    summor = [r for r in rr.rader if r.typ == Rapportrad.Typ.SUMMA]
    if summor:
        return summor[-1]
    konton = [r for r in rr.rader if r.typ == Rapportrad.Typ.KONTON]
    n = len(rr.kolumner)
    okand = [any(r.belopp[i] is None and r.visat[i] is None for r in konton) for i in range(n)]
    return Tabellrad(
        "AR",
        "Årets resultat",
        "summa",
        [None if okand[i] else sum(r.belopp[i] or 0 for r in konton) for i in range(n)],
        [
            None if okand[i] else sum((r.visat[i] or Decimal(0) for r in konton), Decimal(0))
            for i in range(n)
        ],
    )


def balansrakning(
    u: Underlag, kolumner: list[Kol], *, rr: Tabell | None = None, rr_kolumner: list[int] = ()
) -> Tabell:
    """Balances at the columns' end dates. With ``rr`` the årets-resultat line prints the
    resultaträkning's figure (matters when sums follow the printed figures)."""
    resultat_visat = {}
    if rr is not None:
        slut = arets_resultat_rad(rr)
        for kol, i in zip(kolumner, rr_kolumner, strict=False):
            resultat_visat[kol.period] = slut.visat[i]
    return bygg_tabell(
        titel="Balansräkning",
        rader=u.br,
        konton={k: v for k, v in u.konton.items() if not v.ar_resultatkonto},
        kolumner=[_kolumn(u, k, resultat_visat) for k in kolumner],
        enhet=u.enhet,
        summera_avrundade=u.summera_avrundade,
        nyckel="balansrakning",
    )
