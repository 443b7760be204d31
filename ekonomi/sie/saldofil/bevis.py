"""SIE balance files, part 3: after posting, the books prove the file's period and
previous-year balances (see ``ekonomi.sie.saldofil``)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum

from ekonomi.models import Rad, Rakenskapsar, Verifikation
from ekonomi.sie.parser import SieFel
from ekonomi.sie.saldofil.poster import Period, Saldoar, _perioder, _ptext
from ekonomi.sie.verifikationer import IB_SERIE, kr


class BevisMixin:
    @staticmethod
    def _summor(ar: Rakenskapsar) -> dict[str, dict[str, int]]:
        rader = Rad.objects.filter(
            verifikation__rakenskapsar=ar, verifikation__status=Verifikation.Status.BOKFORD
        )
        per_konto = (
            rader.values_list("konto__nummer")
            .annotate(s=Sum("belopp"))
            .values_list("konto__nummer", "s")
        )
        andra = (
            rader.exclude(verifikation__serie__kod=IB_SERIE)
            .values_list("konto__nummer")
            .annotate(s=Sum("belopp"))
            .values_list("konto__nummer", "s")
        )
        return {"ub": dict(per_konto), "res": dict(andra)}

    # --- the proof of the periods ------------------------------------------------------

    def kontrollera_saldofil(self) -> None:
        """After posting: every ``#PSALDO`` period's running total, and the previous
        year's ``#UB``/``#RES``, hold in the books (bokförda vouchers only)."""
        data = getattr(self, "saldo_data", None)
        if not data:
            return
        if self.ar is not None and data[0].psaldo:
            self._bevisa_perioder(self.ar, data[0], self.ub_justering)
        fg = getattr(self, "saldo_justering_fg", None)
        if fg is not None:
            ar, justering = fg
            summor = self._summor(ar)
            for konto, (ub, rad) in data[-1].ub.items():
                if self.konton[konto].ar_balanskonto:
                    self._lika(rad, konto, ub + justering.get(konto, 0), summor["ub"], "#UB -1")
            for konto, (res, rad) in data[-1].res.items():
                if not self.konton[konto].ar_balanskonto:
                    self._lika(rad, konto, res, summor["res"], "#RES -1")
            if data[-1].psaldo:
                self._bevisa_perioder(ar, data[-1], justering)

    @staticmethod
    def _lika(rad, konto: str, vantat: int, summor: dict, vad: str) -> None:
        faktiskt = summor.get(konto) or 0
        if faktiskt != vantat:
            raise SieFel(
                rad, f"konto {konto}: {vad} {kr(vantat)} men bokföringen ger {kr(faktiskt)}"
            )

    def _bevisa_perioder(self, ar: Rakenskapsar, data: Saldoar, justering: dict) -> None:
        rader = (
            Rad.objects.filter(
                verifikation__rakenskapsar=ar, verifikation__status=Verifikation.Status.BOKFORD
            )
            .exclude(verifikation__serie__kod=IB_SERIE)
            .values_list("konto__nummer", "verifikation__datum", "belopp")
        )
        per_period: dict[tuple[str, Period], int] = defaultdict(int)
        for konto, datum, belopp in rader:
            per_period[(konto, (datum.year, datum.month))] += belopp
        fil: dict[tuple[str, Period], list] = {}
        for p, poster in data.psaldo.items():
            konton: dict[str, list] = {}
            for (konto, objekt), (belopp, rad) in poster.items():
                if not objekt:
                    konton[konto] = [belopp, rad]
            for konto, varde in konton.items():
                fil[(konto, p)] = varde
        perioder = _perioder(ar)
        for konto in sorted({k for k, _p in fil}):
            if konto in justering:
                continue  # its closing was taken back (warned about)
            bok = fil_summa = 0
            for p in perioder:
                bok += per_period.get((konto, p), 0)
                if (konto, p) not in fil:
                    continue
                belopp, rad = fil[(konto, p)]
                fil_summa += belopp
                if bok != fil_summa:
                    raise SieFel(
                        rad,
                        f"konto {konto} period {_ptext(p)}: #PSALDO ger {kr(fil_summa)} hittills "
                        f"men bokföringen {kr(bok)}",
                    )
