"""SIE balance files, part 1: the records a balance file needs, read when the file turns
out to have no vouchers (see ``ekonomi.sie.saldofil``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ekonomi.models import Rakenskapsar
from ekonomi.sie.parser import (
    Post,
    SieFel,
    tolka_belopp,
    tolka_datum,
    tolka_konto,
    tolka_objektlista,
)

SALDO_ETIKETTER = frozenset(("#RAR", "#IB", "#UB", "#RES", "#OIB", "#OUB", "#PSALDO", "#OMFATTN"))

Nyckel = tuple[str, tuple[tuple[int, str], ...]]  # (konto, ((dim, kod), ...)) sorted
Period = tuple[int, int]  # (year, month)


@dataclass
class Saldoar:
    """One year of a balance file (öre, debet-positive; each value ``[öre, rad]``)."""

    rar: tuple[datetime.date, datetime.date, int] | None = None
    ib: dict[str, list] = field(default_factory=dict)
    ub: dict[str, list] = field(default_factory=dict)
    res: dict[str, list] = field(default_factory=dict)
    oib: dict[tuple, list] = field(default_factory=dict)  # (konto, dim, kod)
    oub: dict[tuple, list] = field(default_factory=dict)
    psaldo: dict[Period, dict[Nyckel, list]] = field(default_factory=dict)

    @property
    def tomt(self) -> bool:
        return not (self.ib or self.ub or self.res or self.psaldo)


def _manadsslut(p: Period) -> datetime.date:
    ar, m = p
    return datetime.date(ar + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)


def _perioder(ar: Rakenskapsar) -> list[Period]:
    ut, d = [], ar.start
    while d <= ar.slut:
        ut.append((d.year, d.month))
        d = datetime.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return ut


def _ptext(p: Period) -> str:
    return f"{p[0]}-{p[1]:02d}"


class LasMixin:
    # --- records (raw until we know the file is a balance file) --------------------------

    def saldopost(self, p: Post) -> None:
        """Keep the records a balance file needs beyond year 0's IB/UB/RES/OIB/OUB."""
        e, f = p.etikett, p.falt
        if e == "#OMFATTN" or e == "#PSALDO" or (f and f[0] == "-1"):
            self.saldoposter.append(p)

    def _las_saldoposter(self) -> tuple[Saldoar, Saldoar, datetime.date | None]:
        ar0, ar1 = Saldoar(), Saldoar()
        omfattn = None
        for p in self.saldoposter:
            e, f, rad = p.etikett, p.falt, p.rad
            if e == "#OMFATTN":
                if f and isinstance(f[0], str) and f[0]:
                    omfattn = tolka_datum(f[0], rad, "datum i #OMFATTN")
                continue
            if not f or f[0] not in ("0", "-1"):
                continue
            mal = ar0 if f[0] == "0" else ar1
            if e == "#RAR":
                if len(f) >= 3 and f[1] and f[2]:
                    start = tolka_datum(f[1], rad, "startdatum")
                    slut = tolka_datum(f[2], rad, "slutdatum")
                    if slut <= start:
                        raise SieFel(rad, "räkenskapsåret slutar före det börjar")
                    mal.rar = (start, slut, rad)
            elif e in ("#IB", "#UB", "#RES"):
                if len(f) < 3:
                    raise SieFel(rad, f"{e} ska ha år, konto och belopp")
                lista = {"#IB": mal.ib, "#UB": mal.ub, "#RES": mal.res}[e]
                lista[tolka_konto(f[1], rad)] = [tolka_belopp(f[2], rad), rad]
            elif e in ("#OIB", "#OUB"):
                if len(f) < 4 or not isinstance(f[2], list):
                    raise SieFel(rad, f"{e} ska ha år, konto, objekt och belopp")
                objekt = tolka_objektlista(f[2], rad)
                if len(objekt) == 1:
                    lista = mal.oib if e == "#OIB" else mal.oub
                    lista[(tolka_konto(f[1], rad), *objekt[0])] = [tolka_belopp(f[3], rad), rad]
            elif e == "#PSALDO":
                self._psaldo(mal, f, rad)
        return ar0, ar1, omfattn

    def _psaldo(self, mal: Saldoar, f: list, rad: int) -> None:
        # #PSALDO årsnr period konto {objektlista} saldo [kvantitet]
        if len(f) < 4:
            raise SieFel(rad, "#PSALDO ska ha år, period, konto, objektlista och belopp")
        period = f[1] if isinstance(f[1], str) else ""
        if len(period) != 6 or not period.isdigit() or not 1 <= int(period[4:]) <= 12:
            raise SieFel(rad, f"ogiltig period ”{period}” (ska vara ÅÅÅÅMM)")
        konto = tolka_konto(f[2], rad)
        objekt: tuple = ()
        i = 3
        if isinstance(f[3], list):
            objekt = tuple(sorted(set(tolka_objektlista(f[3], rad))))
            i = 4
        if len(f) <= i or not isinstance(f[i], str):
            raise SieFel(rad, "#PSALDO saknar belopp")
        poster = mal.psaldo.setdefault((int(period[:4]), int(period[4:])), {})
        if (konto, objekt) in poster:
            raise SieFel(
                rad,
                f"#PSALDO för konto {konto} period {period} finns redan på rad "
                f"{poster[(konto, objekt)][1]}",
            )
        poster[(konto, objekt)] = [tolka_belopp(f[i], rad), rad]

    # --- the opening balance from #UB -1 -----------------------------------------------

    def ib_fran_foregaende_ub(self) -> None:
        """No ``#IB 0``: the opening balance is the previous year's ``#UB -1``."""
        if self.fil.ib:
            return
        ub1 = {}
        for p in self.saldoposter:
            if p.etikett == "#UB" and p.falt[:1] == ["-1"] and len(p.falt) >= 3:
                ub1[tolka_konto(p.falt[1], p.rad)] = [tolka_belopp(p.falt[2], p.rad), p.rad]
        if ub1:
            self.fil.ib = ub1
            self.varna(
                "filen saknar #IB 0; ingående balans tas från föregående års #UB -1",
                min(r for _b, r in ub1.values()),
            )
