"""SIE import, part 4: balance-only files (SIE typ 1, 2 and 3) — no ``#VER`` by definition.

The service is ``ekonomi.sie.importer.sie_importera``; this part runs when a file of typ
1–3 (or without ``#SIETYP``) has no vouchers. Decisions:

- The books get the file's movement as **saldoverifikationer** in the year's series
  ``SALDO`` (``Serie.saldofil``), bokförda like any other voucher (the ledger's triggers
  check each one): typ 1 one voucher for the year, dated the last day (or ``#OMFATTN``);
  typ 2/3 one voucher per period from ``#PSALDO`` (the period's change, SIE 4B), dated the
  period's last day, with the ``#PSALDO`` rows' objects (typ 3). Each object row is a row of
  its own and the account's remainder a row without object, so every object's and the
  account's total hold together. ``#OUB − #OIB`` not covered by object rows goes to the
  last voucher.
- Accounts with ``#UB``/``#RES`` but no ``#PSALDO`` get their year's movement in the last
  voucher (with a warning). An account whose ``#PSALDO`` sum differs from ``#UB − #IB``
  (``#RES``), a period whose balances do not sum to zero, or a period outside the year
  refuses the file, naming the line.
- A file exported after the year's closing has the year's result inside its ``#UB``
  (balance accounts sum to zero while ``#RES`` sums to the result). In Finsam the result
  reaches eget kapital at the next year's IB, so the closing is taken back on the eget
  kapital account (2010) with a warning; every other account holds the file's figures.
- A later balance file of the same year (next month's export) is compared period by
  period with what the ``SALDO`` series holds: new periods get their voucher, a changed
  period a difference voucher; nothing posted changes. The summary lists both. A year that
  has ordinary vouchers (not only IB and saldon) refuses a balance file.
- ``#IB -1``/``#UB -1``/``#RES -1`` (and ``#PSALDO -1``) give the previous year the same
  way when Finsam has no detailed books for it, so a report's prior-year column holds;
  when it has, they are compared and a difference is warned about.
- ``#IB 0`` missing: the opening balance is taken from ``#UB -1`` (SIE 4B allows either),
  for every file type.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from ekonomi.models import Rad, RadObjekt, Rakenskapsar, Verifikation
from ekonomi.sie.parser import SieFel
from ekonomi.sie.saldofil.bevis import BevisMixin
from ekonomi.sie.saldofil.mal import MalMixin
from ekonomi.sie.saldofil.poster import (
    SALDO_ETIKETTER,
    LasMixin,
    Nyckel,
    Period,
    Saldoar,
    _manadsslut,
    _ptext,
)
from ekonomi.sie.verifikationer import IB_SERIE, kr

SALDO_SERIE = "SALDO"

__all__ = ["SALDO_ETIKETTER", "SALDO_SERIE", "SaldofilMixin"]


class SaldofilMixin(LasMixin, MalMixin, BevisMixin):
    # --- the balance file ----------------------------------------------------------------

    def ar_saldofil(self) -> bool:
        s = self.s
        if s["verifikationer_nya"] or s["verifikationer_redan"] or s["tomma_hoppade"]:
            return False
        return self.fil.sietyp.strip() in ("", "1", "2", "3")

    def saldofil(self) -> None:
        """Movement vouchers for year 0 (and year −1) of a balance-only file."""
        if not self.ar_saldofil():
            return
        ar0, ar1, omfattn = self._las_saldoposter()
        fil = self.fil
        ar0.ib, ar0.ub, ar0.res, ar0.oib, ar0.oub = fil.ib, fil.ub, fil.res, fil.oib, fil.oub
        self.saldo_data = {0: ar0, -1: ar1}
        if ar0.tomt and ar1.tomt:
            return
        self.s["saldofil"] = f"ja, SIE typ {fil.sietyp.strip() or 1}"
        if self.ar is None:
            raise SieFel(None, "saldofilen saknar #RAR 0 (räkenskapsåret saldona gäller)")
        if omfattn is not None and not self.ar.start <= omfattn <= self.ar.slut:
            self.varna(f"#OMFATTN {omfattn} ligger utanför räkenskapsåret och används inte")
            omfattn = None
        if not ar0.tomt:
            self._ar_saldon(self.ar, ar0, omfattn, self.ub_justering, foregaende=False)
        if not ar1.tomt:
            self._foregaende_ar(ar1)

    def _foregaende_ar(self, data: Saldoar) -> None:
        if data.rar:
            start, slut, _rad = data.rar
        else:  # #RAR -1 missing: the twelve months before year 0
            slut = self.ar.start - datetime.timedelta(days=1)
            start = (slut + datetime.timedelta(days=1)).replace(day=1)
            start = start.replace(year=start.year - 1)
        ar = Rakenskapsar.objects.filter(forbund=self.forbund, start=start).first()
        if ar is None:
            krock = Rakenskapsar.objects.filter(
                forbund=self.forbund, start__lte=slut, slut__gte=start
            ).first()
            if krock is not None:
                self.varna(f"föregående års saldon hoppas över: {start}–{slut} överlappar {krock}")
                return
            ar = self._skapa_ar(start, slut)
        elif ar.slut != slut:
            self.varna(f"föregående års saldon hoppas över: {ar} slutar {ar.slut}, inte {slut}")
            return
        if self._har_verifikationer(ar):
            self._jamfor_foregaende(ar, data)
            return
        justering: dict[str, int] = {}
        self._ib_verifikation(ar, data, justering)
        if ar.stangt:
            self.varna(f"föregående års saldon läggs inte till: {ar} är stängt")
            return
        self._ar_saldon(ar, data, None, justering, foregaende=True)
        self.saldo_justering_fg = (ar, justering)
        self.s["saldofil_foregaende_ar"] = str(ar)

    @staticmethod
    def _har_verifikationer(ar: Rakenskapsar) -> bool:
        """Ordinary vouchers (not the IB, not saldon) in the year."""
        return (
            Verifikation.objects.filter(rakenskapsar=ar)
            .exclude(serie__kod=IB_SERIE)
            .exclude(serie__saldofil=True)
            .exists()
        )

    def _jamfor_foregaende(self, ar: Rakenskapsar, data: Saldoar) -> None:
        summor = self._summor(ar)
        poster = [(k, b, r, "ub", True) for k, (b, r) in sorted(data.ub.items())]
        poster += [(k, b, r, "res", False) for k, (b, r) in sorted(data.res.items())]
        for konto, belopp, rad, vad, balans in poster:
            k = self.konton.get(konto)
            if k is None or k.ar_balanskonto != balans:
                continue
            i_finsam = summor[vad].get(konto) or 0
            if i_finsam != belopp:
                self.varna(
                    f"konto {konto}: filen anger {kr(belopp)} för {ar} men Finsams bokföring "
                    f"ger {kr(i_finsam)}; föregående år ändras inte",
                    rad,
                )

    # --- the IB of the previous year ---------------------------------------------------

    def _ib_verifikation(self, ar: Rakenskapsar, data: Saldoar, justering: dict) -> None:
        befintlig = Verifikation.objects.filter(rakenskapsar=ar, serie__kod=IB_SERIE)
        for konto, (_b, rad) in data.ib.items():
            self.konto(konto, rad)
        for (_k, dim, kod), (_b, rad) in data.oib.items():
            self.objekt_for(dim, kod, rad)
        self.skapa_saknade()
        mal: dict[Nyckel, int] = defaultdict(int)
        for konto, (belopp, rad) in data.ib.items():
            if not self.konton[konto].ar_balanskonto:
                self.varna(f"#IB -1 för resultatkontot {konto} hoppas över", rad)
                continue
            mal[(konto, ())] += belopp
        for (konto, dim, kod), (belopp, _rad) in data.oib.items():
            if self.konton[konto].ar_balanskonto:
                mal[(konto, ((dim, kod),))] += belopp
                mal[(konto, ())] -= belopp
        diff = sum(mal.values())
        if diff:
            forsta = min(r for _b, r in data.ib.values())
            konto = self.konto_for_overfort_resultat(forsta)
            mal[(konto, ())] -= diff
            justering[konto] = justering.get(konto, 0) - diff
            self.varna(
                f"de ingående balanserna för {ar} summerar till {kr(diff)}; {kr(-diff)} förs på "
                f"konto {konto}",
                forsta,
            )
        if befintlig.exists():
            finns = self._saldorader(befintlig)
            if {k: b for k, b in mal.items() if b} != finns.get("alla", {}):
                self.varna(f"filens #IB -1 skiljer sig från Finsams ingående balans för {ar}")
            return
        if any(mal.values()):
            self._skapa_ver(ar, IB_SERIE, ar.start, "Ingående balans", mal)

    # --- one year's movement -----------------------------------------------------------

    def _ar_saldon(
        self,
        ar: Rakenskapsar,
        data: Saldoar,
        omfattn: datetime.date | None,
        justering: dict,
        *,
        foregaende: bool,
    ) -> None:
        if self._har_verifikationer(ar):
            forsta = min(
                [r for _b, r in (*data.ub.values(), *data.res.values())] or [None],
                key=lambda r: r or 0,
            )
            raise SieFel(
                forsta,
                f"räkenskapsåret {ar} har redan verifikationer; en saldofil kan bara läggas "
                "till ett år som bara har saldon",
            )
        for konto, (_b, rad) in (*data.ub.items(), *data.res.items()):
            self.konto(konto, rad)
        for poster in data.psaldo.values():
            for (konto, objekt), (_b, rad) in poster.items():
                self.konto(konto, rad)
                for dim, kod in objekt:
                    self.objekt_for(dim, kod, rad)
        for (_k, dim, kod), (_b, rad) in data.oub.items():
            self.objekt_for(dim, kod, rad)
        self.skapa_saknade()
        sista = (omfattn.year, omfattn.month) if omfattn else (ar.slut.year, ar.slut.month)
        mal = self._mal(ar, data, sista, justering)
        finns = self._saldorader(
            Verifikation.objects.filter(
                rakenskapsar=ar, serie__saldofil=True, status=Verifikation.Status.BOKFORD
            )
        )
        senare = [p for p, rader in finns.items() if p != "alla" and p > sista and rader]
        if omfattn and senare:
            raise SieFel(
                None,
                f"Finsam har redan saldon för {ar} till och med {_ptext(max(senare))} men filen "
                f"omfattar bara till och med {omfattn}; importera en nyare fil",
            )
        typ = self.fil.sietyp.strip() or "1"
        nya, andrade = [], []
        for p in sorted(set(mal) | {p for p in finns if p != "alla"}):
            fore = finns.get(p, {})
            ny = mal.get(p, {})
            diff = {k: ny.get(k, 0) - fore.get(k, 0) for k in set(ny) | set(fore)}
            diff = {k: b for k, b in diff.items() if b}
            if not diff:
                continue
            self._kontrollera_period(ar, p, data)
            datum = min(_manadsslut(p), ar.slut)
            if omfattn and p == sista:
                datum = omfattn
            if fore:
                text = f"Ändrat saldo {_ptext(p)} enligt ny saldofil (SIE typ {typ})"
                andrade.append(_ptext(p))
            elif typ == "1":
                text = f"Årets rörelse enligt saldofil (SIE typ {typ})"
                nya.append(_ptext(p))
            else:
                text = f"Saldo {_ptext(p)} enligt saldofil (SIE typ {typ})"
                nya.append(_ptext(p))
            self._skapa_ver(ar, SALDO_SERIE, datum, text, diff)
        prefix = "saldofil_foregaende_" if foregaende else "saldofil_"
        self.s[prefix + "perioder_nya"] = ", ".join(nya) or "inga"
        self.s[prefix + "perioder_andrade"] = ", ".join(andrade) or "inga"
        self.s["saldoverifikationer_nya"] += len(nya) + len(andrade)

    def _kontrollera_period(self, ar: Rakenskapsar, p: Period, data: Saldoar) -> None:
        rad = min(
            [r for _b, r in data.psaldo.get(p, {}).values()]
            + [r for _b, r in (*data.ub.values(), *data.res.values())]
            or [None],
            key=lambda r: r or 0,
        )
        if ar.stangt:
            raise SieFel(rad, f"räkenskapsåret {ar} är stängt (bokslut gjort)")
        slut = min(_manadsslut(p), ar.slut)
        if ar.perioder.filter(last=True, start__lte=slut, slut__gte=slut).exists():
            raise SieFel(rad, f"perioden {_ptext(p)} är låst")

    # --- reading and writing saldoverifikationer ----------------------------------------

    @staticmethod
    def _saldorader(vers) -> dict:
        """Rows of the given vouchers per period: {period: {Nyckel: öre}}, and "alla"."""
        objekt: dict[int, list] = defaultdict(list)
        for rad_id, dim, kod in RadObjekt.objects.filter(rad__verifikation__in=vers).values_list(
            "rad_id", "objekt__dimension__nummer", "objekt__kod"
        ):
            objekt[rad_id].append((dim, kod))
        ut: dict = defaultdict(lambda: defaultdict(int))
        for rad_id, datum, konto, belopp in Rad.objects.filter(verifikation__in=vers).values_list(
            "id", "verifikation__datum", "konto__nummer", "belopp"
        ):
            nyckel = (konto, tuple(sorted(objekt.get(rad_id, ()))))
            ut[(datum.year, datum.month)][nyckel] += belopp
            ut["alla"][nyckel] += belopp
        return {p: {k: b for k, b in r.items() if b} for p, r in ut.items()}

    def _skapa_ver(
        self, ar: Rakenskapsar, kod: str, datum: datetime.date, text: str, rader: dict
    ) -> Verifikation:
        """A preliminary voucher of this import (posted with the others at the end)."""
        serie = self.serie(ar, kod)
        if kod == SALDO_SERIE and not serie.saldofil:
            serie.saldofil = True
            serie.namn = serie.namn or "Saldon från SIE-saldofil"
            serie.save(update_fields=["saldofil", "namn"])
        ver = Verifikation.objects.create(
            rakenskapsar=ar,
            serie=serie,
            nummer=self.nasta_nummer[serie.pk],
            datum=datum,
            text=text,
            registrerad_av=self.user,
            sie_import=self.imp,
        )
        self.nasta_nummer[serie.pk] += 1
        self.rorda_serier[serie.pk] = serie
        ordning = sorted(rader.items(), key=lambda kv: (kv[0][0], kv[0][1]))
        objs = Rad.objects.bulk_create(
            [Rad(verifikation=ver, konto=self.konton[k], belopp=b) for (k, _o), b in ordning]
        )
        RadObjekt.objects.bulk_create(
            [
                RadObjekt(rad=r, objekt=self.objekt[o])
                for r, ((_k, objekt), _b) in zip(objs, ordning, strict=True)
                for o in objekt
            ]
        )
        self.s["saldorader"] += len(objs)
        return ver
