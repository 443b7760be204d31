"""SIE import, part 3: the IB voucher, the budget and the final proof against the file."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum

from ekonomi.models import (
    Budgetrad,
    Budgetversion,
    Konto,
    Kontosaldo,
    Objektsaldo,
    Rad,
    RadObjekt,
    Verifikation,
)
from ekonomi.sie.parser import SieFel
from ekonomi.sie.verifikationer import IB_SERIE, kr
from forbund.audit import logga
from forbund.models import Logghandelse


class SaldoMixin:
    # --- opening balances ------------------------------------------------------------------

    def ingaende_balans(self) -> None:
        fil, ar = self.fil, self.ar
        if not fil.ib:
            return
        if ar is None:
            self.varna("#IB utan #RAR 0 hoppas över")
            return
        ib = {k: b for k, b in fil.ib.items() if b[0]}
        forsta_rad = min((b[1] for b in fil.ib.values()), default=None)
        befintlig = Verifikation.objects.filter(
            rakenskapsar=ar, serie__kod=IB_SERIE, status=Verifikation.Status.BOKFORD
        )
        if befintlig.exists():
            i_finsam = dict(
                Rad.objects.filter(verifikation__in=befintlig)
                .values_list("konto__nummer")
                .annotate(s=Sum("belopp"))
                .values_list("konto__nummer", "s")
            )
            for konto in sorted(set(ib) | {k for k, s in i_finsam.items() if s}):
                fran_fil, rad = ib.get(konto, [0, forsta_rad])
                if fran_fil != (i_finsam.get(konto) or 0):
                    raise SieFel(
                        rad,
                        f"ingående balans för konto {konto} är {kr(fran_fil)} i filen men "
                        f"{kr(i_finsam.get(konto) or 0)} i Finsams IB-verifikation",
                    )
            return
        for konto, (_b, rad) in ib.items():
            self.konto(konto, rad)
        oib = defaultdict(list)
        for (konto, dim, kod), (belopp, rad) in fil.oib.items():
            if belopp:
                oib[konto].append((dim, kod, belopp, rad))
                self.objekt_for(dim, kod, rad)
        self.skapa_saknade()
        rader = []  # (konto, belopp, objekt|None)
        for konto, (belopp, rad) in sorted(ib.items()):
            if not self.konton[konto].ar_balanskonto:
                self.varna(f"#IB för resultatkontot {konto} hoppas över", rad)
                continue
            delar = oib.get(konto, [])
            if len({d for d, _k, _b, _r in delar}) == 1:
                for dim, kod, del_belopp, _r in delar:
                    rader.append((konto, del_belopp, (dim, kod)))
                    belopp -= del_belopp
            elif delar:
                self.varna(f"#OIB för konto {konto} i flera dimensioner fördelas inte", rad)
            if belopp:
                rader.append((konto, belopp, None))
        if not rader:
            return
        diff = sum(r[1] for r in rader)
        if diff:
            # Exports made before the previous year was closed carry that year's result
            # (and any earlier unclosed ones) outside eget kapital, so the balances sum to
            # minus those results. The difference belongs in eget kapital: carry it to the
            # account that receives årets resultat at bokslut, and say so.
            konto = self.konto_for_overfort_resultat(forsta_rad)
            rader.append((konto, -diff, None))
            self.ub_justering[konto] = self.ub_justering.get(konto, 0) - diff
            self.varna(
                f"de ingående balanserna summerar till {kr(diff)} (tidigare års resultat som "
                f"inte förts över till eget kapital); {kr(-diff)} förs på konto {konto}",
                forsta_rad,
            )
        serie = self.serie(ar, IB_SERIE)
        ver = Verifikation.objects.create(
            rakenskapsar=ar,
            serie=serie,
            nummer=self.nasta_nummer[serie.pk],
            datum=ar.start,
            text="Ingående balans",
            registrerad_av=self.user,
            sie_import=self.imp,
        )
        self.nasta_nummer[serie.pk] += 1
        self.rorda_serier[serie.pk] = serie
        objs = Rad.objects.bulk_create(
            [Rad(verifikation=ver, konto=self.konton[k], belopp=b) for k, b, _o in rader]
        )
        RadObjekt.objects.bulk_create(
            [
                RadObjekt(rad=r, objekt=self.objekt[o])
                for r, (_k, _b, o) in zip(objs, rader, strict=True)
                if o is not None
            ]
        )
        self.s["ib_rader"] = len(rader)

    def konto_for_overfort_resultat(self, rad) -> str:
        from ekonomi.services import EGET_KAPITAL_KONTO

        nr = EGET_KAPITAL_KONTO
        konto = self.konton.get(nr)
        if konto is None:
            self._skapa_konton(
                [
                    Konto(
                        forbund=self.forbund,
                        nummer=nr,
                        namn="Eget kapital, balanserat resultat",
                        typ=Konto.Typ.SKULD,
                    )
                ]
            )
        elif konto.typ != Konto.Typ.SKULD:
            raise SieFel(
                rad,
                f"de ingående balanserna summerar inte till noll, och konto {nr} som ska ta "
                "emot tidigare års resultat är inte ett eget kapital-konto",
            )
        return nr

    # --- budget ----------------------------------------------------------------------------

    def budget(self) -> None:
        """``#PBUDGET`` rows become a budget version (a new one only when they differ from
        every earlier SIE budget of the year). Periods keep their year and month."""
        fil, ar = self.fil, self.ar
        rader = {k: v for k, v in fil.budget.items() if v[0]}
        if not rader:
            return
        if ar is None:
            self.varna("#PBUDGET utan #RAR 0 hoppas över")
            return
        for (konto, obj, (ar_, manad)), (_b, rad) in list(rader.items()):
            if (
                not (ar.start.year, ar.start.month)
                <= (ar_, manad)
                <= (ar.slut.year, ar.slut.month)
            ):
                self.varna(f"#PBUDGET för period {ar_:04d}{manad:02d} ligger utanför {ar}", rad)
                del rader[(konto, obj, (ar_, manad))]
                continue
            self.konto(konto, rad)
            if obj is not None:
                self.objekt_for(obj[0], obj[1], rad)
        if not rader:
            return
        self.skapa_saknade()
        # One key type for every row — (konto, (dim, kod), (år, månad), öre), with (0, "")
        # for no object — so rows with and without an object compare and sort.
        onskat = sorted(
            (konto, obj or (0, ""), period, b[0]) for (konto, obj, period), b in rader.items()
        )
        bas = f"SIE-budget {ar}"
        namn = bas
        n = 1
        versioner = {v.namn: v for v in ar.budgetversioner.filter(namn__startswith=bas)}
        for v in versioner.values():
            befintligt = sorted(
                (
                    k,
                    (d, o) if d is not None else (0, ""),
                    (a or Budgetrad.manadens_ar(ar, m), m) if m is not None else (0, 0),
                    b,
                )
                for k, d, o, m, a, b in v.rader.values_list(
                    "konto__nummer",
                    "objekt__dimension__nummer",
                    "objekt__kod",
                    "manad",
                    "ar",
                    "belopp",
                )
            )
            if befintligt == onskat:
                self.s["budget_oforandrad"] = 1
                return
        while namn in versioner:
            n += 1
            namn = f"{bas} ({n})"
        version = Budgetversion(rakenskapsar=ar, typ=Budgetversion.Typ.BUDGET, namn=namn)
        version.full_clean()
        version.save()
        Budgetrad.objects.bulk_create(
            [
                Budgetrad(
                    version=version,
                    konto=self.konton[konto],
                    objekt=self.objekt[obj] if obj is not None else None,
                    manad=manad,
                    ar=ar_,
                    belopp=b[0],
                )
                for (konto, obj, (ar_, manad)), b in rader.items()
            ]
        )
        logga(
            user=self.user,
            forbund=self.forbund,
            obj=version,
            handelse=Logghandelse.Handelse.SKAPAD,
            beskrivning=f"{version} (SIE-import)",
        )
        self.s["budgetrader"] = len(rader)

    # --- the proof -------------------------------------------------------------------------

    def kontrollera(self) -> None:
        """IB + vouchers = #UB, vouchers = #RES, #OIB + vouchers = #OUB, per the file."""
        fil, ar = self.fil, self.ar
        if ar is None or not (fil.ub or fil.res or fil.oub):
            return
        # The database's monthly balances (migration 0013: kept by the posting statement,
        # always equal to a fresh sum of the rows): a year is 12 × accounts rows, so the
        # proof costs the same however many rows the file had.
        ib: dict[str, int] = defaultdict(int)
        andra: dict[str, int] = defaultdict(int)
        for konto, belopp, varav_ib in Kontosaldo.objects.filter(rakenskapsar=ar).values_list(
            "konto__nummer", "belopp", "ib"
        ):
            ib[konto] += varav_ib
            andra[konto] += belopp - varav_ib
        fel = []
        typer = dict(Konto.objects.filter(forbund=self.forbund).values_list("nummer", "typ"))
        kontrollerade = 0
        for konto, (ub, rad) in fil.ub.items():
            if typer.get(konto) not in (Konto.Typ.TILLGANG, Konto.Typ.SKULD):
                continue
            kontrollerade += 1
            faktiskt = (ib.get(konto) or 0) + (andra.get(konto) or 0)
            # The file's #UB predates a result carried to eget kapital (see ingaende_balans
            # and ekonomi.sie.saldofil).
            ub += self.ub_justering.get(konto, 0)
            if faktiskt != ub:
                fel.append(
                    (
                        rad,
                        f"konto {konto}: #UB {kr(ub)}",
                        faktiskt - ub,
                        "IB + verifikationer",
                        faktiskt,
                    )
                )
        for konto, (res, rad) in fil.res.items():
            if typer.get(konto) not in (Konto.Typ.INTAKT, Konto.Typ.KOSTNAD):
                continue
            kontrollerade += 1
            faktiskt = andra.get(konto) or 0
            if faktiskt != res:
                fel.append(
                    (
                        rad,
                        f"konto {konto}: #RES {kr(res)}",
                        faktiskt - res,
                        "verifikationerna",
                        faktiskt,
                    )
                )
        if fil.oub:
            # Objektsaldo holds every series; the IB voucher's part (a few rows) comes off.
            per_objekt: dict[tuple, int] = defaultdict(int)
            for k, d, o, belopp in Objektsaldo.objects.filter(rakenskapsar=ar).values_list(
                "konto__nummer", "objekt__dimension__nummer", "objekt__kod", "belopp"
            ):
                per_objekt[(k, d, o)] += belopp
            for k, d, o, belopp in RadObjekt.objects.filter(
                rad__verifikation__rakenskapsar=ar,
                rad__verifikation__status=Verifikation.Status.BOKFORD,
                rad__verifikation__serie__kod=IB_SERIE,
            ).values_list(
                "rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod", "rad__belopp"
            ):
                per_objekt[(k, d, o)] -= belopp
            for nyckel, (oub, rad) in fil.oub.items():
                kontrollerade += 1
                faktiskt = fil.oib.get(nyckel, [0])[0] + (per_objekt.get(nyckel) or 0)
                if faktiskt != oub:
                    konto, dim, kod = nyckel
                    fel.append(
                        (
                            rad,
                            f"konto {konto} objekt {dim}/{kod}: #OUB {kr(oub)}",
                            faktiskt - oub,
                            "#OIB + verifikationer",
                            faktiskt,
                        )
                    )
        self.s["kontrollerade_saldon"] = kontrollerade
        if fel:
            fel.sort(key=lambda f: f[0] or 0)
            rad, vad, diff, kalla, faktiskt = fel[0]
            mer = f"; ytterligare {len(fel) - 1} avvikelser" if len(fel) > 1 else ""
            raise SieFel(
                rad,
                f"{vad} men {kalla} ger {kr(faktiskt)} (differens {kr(diff)}){mer}",
            )
