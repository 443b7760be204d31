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
from dataclasses import dataclass, field

from django.db.models import Sum

from ekonomi.models import Konto, Rad, RadObjekt, Rakenskapsar, Verifikation
from ekonomi.sie.parser import (
    Post,
    SieFel,
    tolka_belopp,
    tolka_datum,
    tolka_konto,
    tolka_objektlista,
)
from ekonomi.sie.verifikationer import IB_SERIE, kr

SALDO_SERIE = "SALDO"
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


class SaldofilMixin:
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
