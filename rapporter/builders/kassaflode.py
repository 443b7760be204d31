"""The kassaflödesanalys (indirect method), laid out by the förbund's editable definition
(``Rapportdefinition.Typ.KASSAFLODE``, default ``definitioner.STANDARD_KF``). A pure
function of an ``Underlag``: no queries here."""

from dataclasses import dataclass
from decimal import Decimal

from rapporter import aggregering as agg
from rapporter.builders.grund import Tabell, Tabellrad, summor_stammer, tolka_formel
from rapporter.builders.rakningar import Kol
from rapporter.builders.underlag import Underlag
from rapporter.definitioner import (
    OgiltigtIntervall,
    kassaflode_placering,
    matchar,
    tolka_intervall,
)
from rapporter.models import Rapportrad

R = Rapportrad.Typ


@dataclass(frozen=True)
class Kassaflodesavstamning:
    kassaflode: int
    forandring_likvida: int

    @property
    def stammer(self) -> bool:
        return self.kassaflode == self.forandring_likvida


def _likvida(u: Underlag) -> list[tuple[str, str]]:
    try:
        return tolka_intervall(u.installning.likvida_konton or "19")
    except OgiltigtIntervall:
        return [("19", "19")]


def _kolumn(
    u: Underlag, saldon: agg.Saldon, plats: dict[int, list[Rapportrad]], likvida
) -> tuple[dict[str, int], int, int]:
    """Line code → presented öre for one period; plus the change and the opening balance
    of likvida medel (ledger sign)."""
    konto_summa: dict[str, int] = {}
    delta = ib = 0
    for konto_id in saldon.total:
        konto = u.konton[konto_id]
        if not konto.ar_resultatkonto and matchar(konto.nummer, likvida):
            delta += saldon.rorelse(konto_id)
            ib += saldon.ib.get(konto_id, 0)
            continue
        # Result accounts count with the period's amount, balance accounts with the
        # change during the period (the IB voucher excluded).
        belopp = saldon.rorelse(konto_id)
        for rad in plats.get(konto_id, []):
            konto_summa[rad.kod] = konto_summa.get(rad.kod, 0) + rad.tecken * belopp
    return konto_summa, delta, ib


def kassaflodesanalys(
    u: Underlag, kolumner: list[Kol], *, resultat_visat: list[Decimal | None] | None = None
) -> tuple[Tabell, list[Kassaflodesavstamning]]:
    """Every line of the definition for each column. With a definition that passes
    ``definitioner.kontrollera_kassaflode`` the year's kassaflöde (the last subtotal)
    equals the change in likvida medel to the öre; the reconciliation says whether it
    does. A line of accounts that is zero in every column is left out.

    ``resultat_visat``: the resultaträkning's printed årets resultat per column; when sums
    follow the printed figures the årets-resultat line prints it, so the statements agree
    (the table then says when its opening and closing likvida medel, printed as in the
    balansräkning, differ from the printed kassaflöde by rounding)."""
    likvida = _likvida(u)
    plats = {k: kassaflode_placering(u.kf, info, likvida) for k, info in u.konton.items()}
    enhet = u.enhet
    n = len(kolumner)
    data = [_kolumn(u, u.saldon[k.period], plats, likvida) for k in kolumner]
    varden: dict[str, list[int]] = {}
    visade: dict[str, list[Decimal]] = {}
    rader: list[Tabellrad] = []
    summor: dict[str, list[tuple[int, str]]] = {}
    for rad in u.kf:
        if rad.typ == R.RUBRIK:
            rader.append(Tabellrad(rad.kod, rad.rubrik, "rubrik", [None] * n, [None] * n))
            continue
        if rad.typ == R.SUMMA:
            delar = tolka_formel(rad.formel)
            summor[rad.kod] = delar
            belopp = [sum(t * varden.get(k, [0] * n)[i] for t, k in delar) for i in range(n)]
            tryckt = [
                sum((t * visade.get(k, [Decimal(0)] * n)[i] for t, k in delar), Decimal(0))
                for i in range(n)
            ]
            visat = tryckt if u.summera_avrundade else [enhet.visa(b) for b in belopp]
            typ = "summa"
        else:
            if rad.typ == R.RESULTAT:
                belopp = [rad.tecken * u.arets_resultat(u.saldon[k.period]) for k in kolumner]
            elif rad.typ == R.LIKVIDA_IB:
                belopp = [rad.tecken * ib for _, _, ib in data]
            elif rad.typ == R.LIKVIDA_UB:
                belopp = [rad.tecken * (ib + delta) for _, delta, ib in data]
            else:
                belopp = [d.get(rad.kod, 0) for d, _, _ in data]
            visat = [enhet.visa(b) for b in belopp]
            if rad.typ == R.RESULTAT and u.summera_avrundade and resultat_visat:
                visat = [
                    rad.tecken * v if v is not None else visat[i]
                    for i, v in enumerate(resultat_visat[:n])
                ] + visat[len(resultat_visat) :]
            typ = "post"
        varden[rad.kod] = belopp
        visade[rad.kod] = visat
        if rad.typ == R.KONTON and not any(belopp):
            continue
        rader.append(Tabellrad(rad.kod, rad.rubrik, typ, belopp, visat))
    ub = next((r.kod for r in u.kf if r.typ == R.LIKVIDA_UB), None)
    ib = next((r.kod for r in u.kf if r.typ == R.LIKVIDA_IB), None)
    sista = next((r.kod for r in reversed(u.kf) if r.typ == R.SUMMA), None)
    if ub and ib and sista:
        summor[ub] = [(1, ib), (1, sista)]
    tabell = Tabell(
        "Kassaflödesanalys", [k.namn for k in kolumner], rader, enhet, nyckel="kassaflodesanalys"
    )
    tabell.avrundningsdifferens = not summor_stammer(tabell, summor)
    kassaflode = varden.get(sista, [0] * n) if sista else [0] * n
    avstamning = [Kassaflodesavstamning(kassaflode[i], data[i][1]) for i in range(n)]
    return tabell, avstamning
