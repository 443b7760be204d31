"""SIE import, part 2: vouchers in bulk, the IB voucher, the budget and the final proof."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import Max, Sum
from django.utils import timezone

from ekonomi.models import (
    Budgetrad,
    Budgetversion,
    Konto,
    Rad,
    RadObjekt,
    Rakenskapsar,
    Serie,
    Verifikation,
)
from ekonomi.sie.parser import SieFel, Ver
from forbund.audit import logga
from forbund.models import Logghandelse

IB_SERIE = "IB"
BATCH_VERIFIKATIONER = 2000
BATCH_RADER = 20000


def kr(ore: int) -> str:
    """Swedish money text for messages: ``-1 234,50``."""
    kronor, rest = divmod(abs(ore), 100)
    text = f"{kronor:,}".replace(",", " ") + f",{rest:02d}"
    return f"-{text}" if ore < 0 else text


def _infoga(modell, kolumner: list[str], rader: list[tuple], *, returnera: bool = True):
    """Insert plain rows fast; returns their new ids in order when ``returnera``.

    PostgreSQL: ids are drawn from the table's sequence first, then the rows go in with
    COPY (the triggers still run for every row). SQLite: multi-row INSERT ... RETURNING
    in slices below its parameter limit.
    """
    if not rader:
        return []
    qn = connection.ops.quote_name
    tabell = qn(modell._meta.db_table)
    cols = ", ".join(qn(k) for k in kolumner)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids: list[int] = []
            if returnera:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [modell._meta.db_table, len(rader)],
                )
                ids = [r[0] for r in cursor.fetchall()]
                kolumnlista = f"{qn('id')}, {cols}"
                rader = [(i, *rad) for i, rad in zip(ids, rader, strict=True)]
            else:
                kolumnlista = cols
            with cursor.cursor.copy(f"COPY {tabell} ({kolumnlista}) FROM STDIN") as copy:
                for rad in rader:
                    copy.write_row(rad)
            return ids
        ids = []
        per_skiva = max(1, 30000 // len(kolumner))
        platshallare = "(" + ", ".join(["%s"] * len(kolumner)) + ")"
        for i in range(0, len(rader), per_skiva):
            skiva = rader[i : i + per_skiva]
            sql = f"INSERT INTO {tabell} ({cols}) VALUES " + ", ".join([platshallare] * len(skiva))
            params = [x for rad in skiva for x in rad]
            if returnera:
                cursor.execute(sql + f" RETURNING {qn('id')}", params)
                # ids are allocated in VALUES order; sorting guards against any
                # RETURNING order (SQLite calls it arbitrary).
                ids.extend(sorted(r[0] for r in cursor.fetchall()))
            else:
                cursor.execute(sql, params)
    return ids


def _vernamn(v: Ver) -> str:
    return f"{v.serie} {v.nummer}" if v.nummer is not None else f"{v.serie} (utan nummer)"


class VerifikationMixin:
    # --- one voucher at a time, inserted in batches ----------------------------------------

    def ver(self, v: Ver) -> None:
        if not self.forberedd:
            self.forbered()
        if not v.rader:
            self.s["tomma_hoppade"] += 1
            self.varna(f"verifikation {_vernamn(v)} saknar rader och hoppas över", v.rad)
            return
        diff = 0
        for t in v.rader:
            diff += t.belopp
        if diff:
            raise SieFel(
                v.rad, f"verifikation {_vernamn(v)} balanserar inte (differens {kr(abs(diff))})"
            )
        ar = self.ar_for(v.datum, v.rad)
        if ar.stangt:
            raise SieFel(v.rad, f"räkenskapsåret {ar} är stängt (bokslut gjort)")
        last = self.last.get(ar.pk)
        if last is None:
            last = self.last[ar.pk] = list(
                ar.perioder.filter(last=True).values_list("start", "slut")
            )
        for start, slut in last:
            if start <= v.datum <= slut:
                raise SieFel(v.rad, f"perioden {start:%Y-%m} är låst")
        for t in v.rader:
            if t.konto not in self.konton:
                self.konto(t.konto, t.rad)
            for nyckel in t.objekt:
                if nyckel not in self.objekt:
                    self.objekt_for(nyckel[0], nyckel[1], t.rad)
        self.batch.append((v, ar))
        self.batch_rader += len(v.rader)
        if len(self.batch) >= BATCH_VERIFIKATIONER or self.batch_rader >= BATCH_RADER:
            self.flush()

    def serie(self, ar: Rakenskapsar, kod: str) -> Serie:
        s = self.serier.get((ar.pk, kod))
        if s is None:
            s, _ = Serie.objects.get_or_create(rakenskapsar=ar, kod=kod)
            self.serier[(ar.pk, kod)] = s
            hogsta = s.verifikationer.aggregate(m=Max("nummer"))["m"] or 0
            self.nasta_nummer[s.pk] = max(s.senaste_nummer, hogsta) + 1
        return s

    def flush(self) -> None:
        batch, self.batch, self.batch_rader = self.batch, [], 0
        if not batch:
            return
        self.skapa_saknade()
        poster = [(v, ar, self.serie(ar, v.serie)) for v, ar in batch]
        befintliga = self._befintliga(poster)
        nya = []
        redan = []
        sedda: set = set()
        for v, ar, serie in poster:
            if v.nummer is None:
                if self.redan_importerad:
                    self.s["verifikationer_redan"] += 1
                    continue
                v.nummer = self.nasta_nummer[serie.pk]
            nyckel = (serie.pk, v.nummer)
            if nyckel in sedda:
                raise SieFel(v.rad, f"verifikation {_vernamn(v)} förekommer två gånger i filen")
            sedda.add(nyckel)
            if v.nummer >= self.nasta_nummer[serie.pk]:
                self.nasta_nummer[serie.pk] = v.nummer + 1
            if nyckel in befintliga:
                redan.append((v, befintliga[nyckel]))
                continue
            nya.append((v, ar, serie))
        if redan:
            self._jamfor(redan)
            self.s["verifikationer_redan"] += len(redan)
        if nya:
            self._infoga(nya)

    def _befintliga(self, poster) -> dict:
        numrerade = [(s.pk, v.nummer) for v, _ar, s in poster if v.nummer is not None]
        if not numrerade:
            return {}
        serier = {s for s, _n in numrerade}
        nummer = [n for _s, n in numrerade]
        rader = Verifikation.objects.filter(
            serie_id__in=serier, nummer__gte=min(nummer), nummer__lte=max(nummer)
        ).values_list("serie_id", "nummer", "id", "datum", "text", "sie_import_id")
        nycklar = set(numrerade)
        return {(r[0], r[1]): r[2:] for r in rader if (r[0], r[1]) in nycklar}

    def _jamfor(self, par: list) -> None:
        """Compare already bokförda vouchers with the file's (one query per batch)."""
        for v, (_pk, _datum, _text, sie_import_id) in par:
            if sie_import_id == self.imp.pk:
                raise SieFel(v.rad, f"verifikation {_vernamn(v)} förekommer två gånger i filen")
        ids = [b[0] for _v, b in par]
        objekt = defaultdict(list)
        for rad_id, dim, kod in RadObjekt.objects.filter(rad__verifikation_id__in=ids).values_list(
            "rad_id", "objekt__dimension__nummer", "objekt__kod"
        ):
            objekt[rad_id].append((dim, kod))
        i_finsam = defaultdict(list)
        for rad_id, vid, konto, belopp in Rad.objects.filter(verifikation_id__in=ids).values_list(
            "id", "verifikation_id", "konto__nummer", "belopp"
        ):
            i_finsam[vid].append((konto, belopp, tuple(sorted(objekt.get(rad_id, ())))))
        for v, (pk, datum, text, _i) in par:
            skillnader = []
            if datum != v.datum:
                skillnader.append(f"datum {datum} → {v.datum}")
            if (text or "") != (v.text or ""):
                skillnader.append("text")
            i_filen = sorted((t.konto, t.belopp, tuple(sorted(set(t.objekt)))) for t in v.rader)
            if sorted(i_finsam.get(pk, [])) != i_filen:
                skillnader.append("rader")
            if skillnader:
                raise SieFel(
                    v.rad,
                    f"verifikation {_vernamn(v)} är redan bokförd men har ändrats i filen "
                    f"({', '.join(skillnader)}); en bokförd verifikation ändras aldrig — "
                    "rätta med en ny verifikation",
                )

    def _infoga(self, nya) -> None:
        """Insert vouchers (preliminary), rows and row objects with multi-row INSERTs.

        The ORM's bulk_create spends most of its time building model instances; these
        are plain rows, so they go straight to the database (ids come back through
        RETURNING on both SQLite and PostgreSQL, as bulk_create's do).
        """
        ops = connection.ops
        nu = ops.adapt_datetimefield_value(timezone.now())
        user_id = self.user.pk if self.user else None
        imp_id = self.imp.pk
        ver_ids = _infoga(
            Verifikation,
            [
                "rakenskapsar_id",
                "serie_id",
                "nummer",
                "datum",
                "text",
                "status",
                "registrerad",
                "registrerad_av_id",
                "sie_import_id",
            ],
            [
                (
                    ar.pk,
                    serie.pk,
                    v.nummer,
                    ops.adapt_datefield_value(v.datum),
                    v.text,
                    "P",
                    nu,
                    user_id,
                    imp_id,
                )
                for v, ar, serie in nya
            ],
        )
        konton = self.konton
        rader = []
        trans = []
        for vid, (v, _ar, _s) in zip(ver_ids, nya, strict=True):
            for t in v.rader:
                rader.append((vid, konton[t.konto].pk, t.belopp, t.text[:300]))
                trans.append(t)
        rad_ids = _infoga(Rad, ["verifikation_id", "konto_id", "belopp", "text"], rader)
        objekt = self.objekt
        ro = [
            (rad_id, objekt[nyckel].pk)
            for rad_id, t in zip(rad_ids, trans, strict=True)
            if t.objekt
            for nyckel in dict.fromkeys(t.objekt)
        ]
        if ro:
            _infoga(RadObjekt, ["rad_id", "objekt_id"], ro, returnera=False)
        self.s["verifikationer_nya"] += len(ver_ids)
        self.s["rader_nya"] += len(rader)
        for _v, _ar, serie in nya:
            self.rorda_serier[serie.pk] = serie

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
            raise SieFel(
                forsta_rad,
                f"de ingående balanserna summerar inte till noll (differens {kr(diff)})",
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

    # --- budget ----------------------------------------------------------------------------

    def budget(self) -> None:
        fil, ar = self.fil, self.ar
        rader = {k: v for k, v in fil.budget.items() if v[0]}
        if not rader:
            return
        if ar is None:
            self.varna("#PBUDGET utan #RAR 0 hoppas över")
            return
        for (konto, obj, _m), (_b, rad) in rader.items():
            self.konto(konto, rad)
            if obj is not None:
                self.objekt_for(obj[0], obj[1], rad)
        self.skapa_saknade()
        onskat = sorted(
            (konto, obj or ("", ""), manad, b[0]) for (konto, obj, manad), b in rader.items()
        )
        bas = f"SIE-budget {ar}"
        namn = bas
        n = 1
        versioner = {v.namn: v for v in ar.budgetversioner.filter(namn__startswith=bas)}
        for v in versioner.values():
            befintligt = sorted(
                (k, (d, o) if d is not None else ("", ""), m, b)
                for k, d, o, m, b in v.rader.values_list(
                    "konto__nummer", "objekt__dimension__nummer", "objekt__kod", "manad", "belopp"
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
                    belopp=b[0],
                )
                for (konto, obj, manad), b in rader.items()
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
        bokforda = Rad.objects.filter(
            verifikation__rakenskapsar=ar, verifikation__status=Verifikation.Status.BOKFORD
        )
        ib = dict(
            bokforda.filter(verifikation__serie__kod=IB_SERIE)
            .values_list("konto__nummer")
            .annotate(s=Sum("belopp"))
            .values_list("konto__nummer", "s")
        )
        andra = dict(
            bokforda.exclude(verifikation__serie__kod=IB_SERIE)
            .values_list("konto__nummer")
            .annotate(s=Sum("belopp"))
            .values_list("konto__nummer", "s")
        )
        fel = []
        typer = dict(Konto.objects.filter(forbund=self.forbund).values_list("nummer", "typ"))
        kontrollerade = 0
        for konto, (ub, rad) in fil.ub.items():
            if typer.get(konto) not in (Konto.Typ.TILLGANG, Konto.Typ.SKULD):
                continue
            kontrollerade += 1
            faktiskt = (ib.get(konto) or 0) + (andra.get(konto) or 0)
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
            per_objekt = {
                (k, d, o): s
                for k, d, o, s in RadObjekt.objects.filter(
                    rad__verifikation__rakenskapsar=ar,
                    rad__verifikation__status=Verifikation.Status.BOKFORD,
                )
                .exclude(rad__verifikation__serie__kod=IB_SERIE)
                .values_list("rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod")
                .annotate(s=Sum("rad__belopp"))
                .values_list("rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod", "s")
            }
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
            fel.sort(key=lambda f: f[0])
            rad, vad, diff, kalla, faktiskt = fel[0]
            mer = f"; ytterligare {len(fel) - 1} avvikelser" if len(fel) > 1 else ""
            raise SieFel(
                rad,
                f"{vad} men {kalla} ger {kr(faktiskt)} (differens {kr(diff)}){mer}",
            )
