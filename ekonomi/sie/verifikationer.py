"""SIE import, part 2: vouchers, compared with what is already booked and inserted in bulk."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from ekonomi.models import (
    Rad,
    RadObjekt,
    Rakenskapsar,
    Serie,
    Verifikation,
)
from ekonomi.sie.infoga import infoga
from ekonomi.sie.parser import SieFel, Ver

IB_SERIE = "IB"
BATCH_VERIFIKATIONER = 2000
BATCH_RADER = 20000


def kr(ore: int) -> str:
    """Swedish money text for messages: ``-1 234,50``."""
    kronor, rest = divmod(abs(ore), 100)
    text = f"{kronor:,}".replace(",", " ") + f",{rest:02d}"
    return f"-{text}" if ore < 0 else text


def _vernamn(v: Ver) -> str:
    serie = v.serie or "(utan serie)"
    return f"{serie} {v.nummer}" if v.nummer is not None else f"{serie} (utan nummer)"


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
        last = self.last.get(ar.id)
        if last is None:
            last = self.last[ar.id] = list(
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
        s = self.serier.get((ar.id, kod))
        if s is None:
            s, _ = Serie.objects.get_or_create(rakenskapsar=ar, kod=kod)
            self.serier[(ar.id, kod)] = s
            hogsta = s.verifikationer.aggregate(m=Max("nummer"))["m"] or 0
            self.nasta_nummer[s.pk] = max(s.senaste_nummer, hogsta) + 1
        return s

    def flush(self) -> None:
        batch, self.batch, self.batch_rader = self.batch, [], 0
        if not batch:
            return
        self.skapa_saknade()
        poster = []
        for v, ar in batch:
            if not v.serie:
                self.s["standardserie_antal"] += 1
            poster.append((v, ar, self.serie(ar, v.serie or self.standardserie)))
        befintliga = self._befintliga(poster)
        # Numbered vouchers first: an unnumbered one takes the next number after them.
        poster.sort(key=lambda p: p[0].nummer is None)
        nya = []
        redan = []
        sedda: set = set()
        for v, ar, serie in poster:
            if v.nummer is None:
                if self.redan_importerad:
                    self.s["verifikationer_redan"] += 1
                    continue
                self.bekraftat(v)
                v.nummer = self.nasta_nummer[serie.id]
            nyckel = (serie.id, v.nummer)
            if nyckel in sedda:
                raise SieFel(v.rad, f"verifikation {_vernamn(v)} förekommer två gånger i filen")
            sedda.add(nyckel)
            if v.nummer >= self.nasta_nummer[serie.id]:
                self.nasta_nummer[serie.id] = v.nummer + 1
            if nyckel in befintliga:
                redan.append((v, befintliga[nyckel]))
                continue
            nya.append((v, ar, serie))
        if redan:
            self._jamfor(redan)
            self.s["verifikationer_redan"] += len(redan)
        if nya:
            self._infoga(nya)

    def bekraftat(self, v: Ver) -> None:
        """``#FLAGGA 1``: the exporting program marked the file as already read. Vouchers
        without a number would get new numbers each time, so they are booked only when the
        user has confirmed (form checkbox, ``import_sie --bekrafta``)."""
        flagga = self.fil.flagga
        if flagga is None or flagga[0] != "1" or self.bekrafta:
            return
        if self.provkor:
            if "flagga" not in self.s:
                self.s["flagga"] = "1 (kräver bekräftelse)"
                self.varna(
                    "#FLAGGA 1: vid den riktiga inläsningen måste verifikationerna utan nummer "
                    "bekräftas",
                    flagga[1],
                )
            return
        raise SieFel(
            flagga[1],
            "#FLAGGA 1: filen är markerad som redan inläst, och dess verifikationer utan "
            f"nummer (den första på rad {v.rad}) skulle bokföras en gång till om så är fallet; "
            "kontrollera att de inte redan finns och bekräfta inläsningen",
        )

    def _befintliga(self, poster) -> dict:
        numrerade = [(s.id, v.nummer) for v, _ar, s in poster if v.nummer is not None]
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
        """Insert vouchers (preliminary), rows and row objects in bulk
        (``ekonomi.sie.infoga``)."""
        ops = connection.ops
        nu = ops.adapt_datetimefield_value(timezone.now())
        user_id = self.user.pk if self.user else None
        imp_id = self.imp.pk
        ver_ids = infoga(
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
                    ar.id,
                    serie.id,
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
            # Only this import's new (preliminary) vouchers above the last id it read.
            aterfinn=(
                "sie_import_id = %s AND status = 'P' AND id > %s",
                [imp_id, self.senaste_ver_id],
            ),
        )
        # Ids looked up once per batch (``.id``: ``.pk`` is a property, a call per use); a row's
        # object ids once per distinct object list (the parser shares equal lists).
        konto_id = {nr: k.pk for nr, k in self.konton.items()}
        objekt_id = {nyckel: o.pk for nyckel, o in self.objekt.items()}
        objekt_ids: dict[tuple, list[int]] = {}
        rader = []
        append = rader.append
        med_objekt = []  # (index in rader, object ids)
        for vid, (v, _ar, _s) in zip(ver_ids, nya, strict=True):
            for t in v.rader:
                if t.objekt:
                    ids = objekt_ids.get(t.objekt)
                    if ids is None:
                        ids = [objekt_id[n] for n in dict.fromkeys(t.objekt)]
                        objekt_ids[t.objekt] = ids
                    med_objekt.append((len(rader), ids))
                append((vid, konto_id[t.konto], t.belopp, t.text[:300]))
        if ver_ids:
            self.senaste_ver_id = ver_ids[-1]
        # The vouchers are brand new and uncommitted: no one else can have rows in them.
        rad_ids = infoga(
            Rad,
            ["verifikation_id", "konto_id", "belopp", "text"],
            rader,
            aterfinn=("verifikation_id = ANY(%s)", [ver_ids]),
        )
        ro = [(rad_ids[i], oid) for i, ids in med_objekt for oid in ids]
        if ro:
            infoga(RadObjekt, ["rad_id", "objekt_id"], ro, returnera=False)
        self.s["verifikationer_nya"] += len(ver_ids)
        self.s["rader_nya"] += len(rader)
        for _v, _ar, serie in nya:
            self.rorda_serier[serie.id] = serie
