"""SIE balance files, part 2: what the SALDO series must hold per period (see
``ekonomi.sie.saldofil``)."""

from __future__ import annotations

from collections import defaultdict

from ekonomi.models import Konto, Rakenskapsar
from ekonomi.sie.parser import SieFel
from ekonomi.sie.saldofil.poster import Nyckel, Period, Saldoar, _perioder, _ptext
from ekonomi.sie.verifikationer import kr


class MalMixin:
    def _mal(
        self, ar: Rakenskapsar, data: Saldoar, sista: Period, justering: dict
    ) -> dict[Period, dict[Nyckel, int]]:
        """What the SALDO series must hold per period after the import (see the module)."""
        perioder = set(_perioder(ar))
        mal: dict[Period, dict[Nyckel, int]] = defaultdict(lambda: defaultdict(int))
        per_konto: dict[str, int] = defaultdict(int)
        per_objekt: dict[tuple, int] = defaultdict(int)
        forsta_rad: dict[Period, int] = {}
        for p, poster in sorted(data.psaldo.items()):
            if p not in perioder:
                rad = min(r for _b, r in poster.values())
                raise SieFel(rad, f"#PSALDO för period {_ptext(p)} ligger utanför {ar}")
            forsta_rad[p] = min(r for _b, r in poster.values())
            konton: dict[str, dict] = defaultdict(dict)
            for (konto, objekt), (belopp, _rad) in poster.items():
                konton[konto][objekt] = belopp
            for konto, rader in konton.items():
                total = rader.get(())
                objektrader = {o: b for o, b in rader.items() if o}
                if total is None:
                    # No row for the whole account: the object rows of one dimension set
                    # (the first) make its total.
                    dims = tuple(d for d, _k in min(objektrader))
                    total = sum(
                        b for o, b in objektrader.items() if tuple(d for d, _k in o) == dims
                    )
                for objekt, belopp in objektrader.items():
                    mal[p][(konto, objekt)] += belopp
                    for dim, kod in objekt:
                        per_objekt[(konto, dim, kod)] += belopp
                mal[p][(konto, ())] += total - sum(objektrader.values())
                per_konto[konto] += total
        typer = {nr: k.typ for nr, k in self.konton.items()}
        resultat = 0
        balans = 0
        for konto in sorted(set(data.ub) | set(data.res)):
            balanskonto = typer.get(konto) in (Konto.Typ.TILLGANG, Konto.Typ.SKULD)
            if balanskonto and konto in data.ub:
                onskat = data.ub[konto][0] - data.ib.get(konto, [0])[0]
                rad, vad = data.ub[konto][1], "#UB − #IB"
                balans += onskat
            elif not balanskonto and konto in data.res:
                onskat = data.res[konto][0]
                rad, vad = data.res[konto][1], "#RES"
                resultat += onskat
            else:
                continue
            if konto not in per_konto:
                if onskat:
                    mal[sista][(konto, ())] += onskat
                    if data.psaldo:
                        self.varna(
                            f"konto {konto} saknar #PSALDO; årets rörelse {kr(onskat)} förs "
                            f"på perioden {_ptext(sista)}",
                            rad,
                        )
            elif per_konto[konto] != onskat:
                raise SieFel(
                    rad,
                    f"konto {konto}: #PSALDO summerar till {kr(per_konto[konto])} men {vad} "
                    f"är {kr(onskat)}",
                )
        for (konto, dim, kod), (oub, rad) in sorted(data.oub.items()):
            onskat = oub - data.oib.get((konto, dim, kod), [0])[0]
            rest = onskat - per_objekt.get((konto, dim, kod), 0)
            if rest and (konto, dim, kod) in per_objekt:
                raise SieFel(
                    rad,
                    f"konto {konto} objekt {dim}/{kod}: #PSALDO summerar till "
                    f"{kr(per_objekt[(konto, dim, kod)])} men #OUB − #OIB är {kr(onskat)}",
                )
            if rest:
                mal[sista][(konto, ((dim, kod),))] += rest
                mal[sista][(konto, ())] -= rest
        self._balansera(ar, mal, forsta_rad, data, resultat, balans, justering)
        return {p: {k: b for k, b in rader.items() if b} for p, rader in mal.items()}

    def _balansera(self, ar, mal, forsta_rad, data, resultat, balans, justering) -> None:
        obalans = {p: sum(r.values()) for p, r in mal.items() if sum(r.values())}
        if not obalans:
            return
        d = sum(obalans.values())
        forsta_ub = min([r for _b, r in data.ub.values()] or [None], key=lambda r: r or 0)
        if d and d == resultat and balans == 0 and len(obalans) == 1:
            # Exported after the closing: the result is already inside the balance
            # accounts' #UB. Finsam moves it to eget kapital at the next year's IB.
            (p,) = obalans
            konto = self.konto_for_overfort_resultat(forsta_ub)
            mal[p][(konto, ())] -= d
            justering[konto] = justering.get(konto, 0) - d
            self.varna(
                f"filens #UB för {ar} innehåller redan årets resultat {kr(-d)} (bokslut gjort); "
                f"i Finsam förs resultatet till eget kapital i nästa års ingående balans, så "
                f"{kr(-d)} förs tillbaka på konto {konto}",
                forsta_ub,
            )
            return
        p = min(obalans)
        raise SieFel(
            forsta_rad.get(p, forsta_ub),
            f"saldona för {_ptext(p)} summerar till {kr(obalans[p])}, inte 0; en saldofil "
            "måste ha saldon för alla konton med rörelse",
        )
