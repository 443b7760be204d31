"""SIE export (types 1–4) of one räkenskapsår, streamed as CP437 bytes.

``sie_exportera(*, forbund, ar, typ=4, idag=None)`` yields chunks of bytes: ``#FORMAT PC8``
(IBM code page 437; a character it lacks becomes ``?``), identity and year, the whole
chart with ``#KTYP`` on every account, dimensions and objects (types 3–4), ``#IB/#UB/#RES``
from the bokförda vouchers (IB = the year's IB voucher, see the ledger conventions),
``#OIB/#OUB`` per object (types 3–4), ``#PSALDO`` per month (types 2–3; per object too
in type 3), ``#PBUDGET`` from the year's latest budget version
(a whole-year budget row is split over the months, exactly), the vouchers except the IB
voucher (type 4) and a ``#KSUMMA`` checksum over everything after the opening one.

Memory stays flat: vouchers are read in slices of ``SKIVA`` vouchers with their rows and
objects, and output leaves in chunks of about 64 kB.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from ekonomi.models import (
    Budgetrad,
    Budgetversion,
    Dimension,
    Konto,
    Objekt,
    Rad,
    RadObjekt,
    Rakenskapsar,
    Verifikation,
)
from ekonomi.sie.exportskrivare import (
    Skrivare,
    belopp,
    cp437_text,
    sie_citat,
    sie_datum,
    sie_lista,
)
from ekonomi.sie.verifikationer import IB_SERIE
from finsam.money import fordela
from forbund.models import Forbund

PROGRAM = ("Finsam", "1.0")
SKIVA = 5000


def sie_exportera(
    *, forbund: Forbund, ar: Rakenskapsar, typ: int = 4, idag: datetime.date | None = None
) -> Iterator[bytes]:
    if typ not in (1, 2, 3, 4):
        raise ValueError("SIE-typ ska vara 1, 2, 3 eller 4.")
    if ar.forbund_id != forbund.pk:
        raise ValueError("Räkenskapsåret hör inte till förbundet.")
    idag = idag or timezone.localdate()
    s = Skrivare()
    s.post("#FLAGGA", "0", raa=(0,))
    s.skriv("#KSUMMA")
    s.summera = True
    s.post("#FORMAT", "PC8", raa=(0,))
    s.post("#SIETYP", str(typ), raa=(0,))
    s.post("#PROGRAM", *PROGRAM)
    s.post("#GEN", sie_datum(idag), raa=(0,))
    s.post("#FNAMN", forbund.namn)
    s.post("#ORGNR", forbund.orgnr, raa=(0,))
    s.post("#RAR", "0", sie_datum(ar.start), sie_datum(ar.slut), raa=(0, 1, 2))

    konton = list(Konto.objects.filter(forbund=forbund).order_by("nummer"))
    for k in konton:
        s.post("#KONTO", k.nummer, k.namn, raa=(0,))
        s.post("#KTYP", k.nummer, k.typ, raa=(0, 1))
    if typ >= 3:
        for d in Dimension.objects.filter(forbund=forbund).order_by("nummer"):
            if d.overordnad_id:
                s.post("#UNDERDIM", str(d.nummer), d.namn, str(d.overordnad.nummer), raa=(0, 2))
            else:
                s.post("#DIM", str(d.nummer), d.namn, raa=(0,))
        for dim, kod, namn in (
            Objekt.objects.filter(dimension__forbund=forbund)
            .order_by("dimension__nummer", "kod")
            .values_list("dimension__nummer", "kod", "namn")
        ):
            s.post("#OBJEKT", str(dim), kod, namn, raa=(0,))
    if (chunk := s.tom()) is not None:
        yield chunk

    yield from _saldon(s, ar, konton, typ)
    yield from _budget(s, ar)
    if typ == 4:
        yield from _verifikationer(s, ar)
    summa = s.ksumma()
    s.summera = False
    s.skriv(f"#KSUMMA {summa}")
    yield s.rest()


def _saldon(s: Skrivare, ar: Rakenskapsar, konton: list[Konto], typ: int) -> Iterator[bytes]:
    bokforda = Rad.objects.filter(
        verifikation__rakenskapsar=ar, verifikation__status=Verifikation.Status.BOKFORD
    )
    ib_rader = bokforda.filter(verifikation__serie__kod=IB_SERIE)
    andra = bokforda.exclude(verifikation__serie__kod=IB_SERIE)

    def per_konto(qs):
        return dict(
            qs.values_list("konto__nummer")
            .annotate(s=Sum("belopp"))
            .values_list("konto__nummer", "s")
        )

    ib, forandring = per_konto(ib_rader), per_konto(andra)
    for k in konton:
        if k.ar_balanskonto and ib.get(k.nummer):
            s.post("#IB", "0", k.nummer, belopp(ib[k.nummer]), raa=(0, 1, 2))
    for k in konton:
        if k.ar_balanskonto:
            ub = (ib.get(k.nummer) or 0) + (forandring.get(k.nummer) or 0)
            if ub or k.nummer in ib or k.nummer in forandring:
                s.post("#UB", "0", k.nummer, belopp(ub), raa=(0, 1, 2))
    if typ >= 3:

        def per_objekt(qs):
            return {
                (k, d, o): summa
                for k, d, o, summa in RadObjekt.objects.filter(rad__in=qs)
                .values_list("rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod")
                .annotate(summa=Sum("rad__belopp"))
                .values_list(
                    "rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod", "summa"
                )
            }

        oib, oforandring = per_objekt(ib_rader), per_objekt(andra)
        for (k, d, o), summa in sorted(oib.items()):
            s.post("#OIB", "0", k, [str(d), o], belopp(summa), raa=(0, 1, 3))
        for nyckel in sorted(set(oib) | set(oforandring)):
            k, d, o = nyckel
            summa = (oib.get(nyckel) or 0) + (oforandring.get(nyckel) or 0)
            s.post("#OUB", "0", k, [str(d), o], belopp(summa), raa=(0, 1, 3))
    for k in konton:
        if not k.ar_balanskonto and k.nummer in forandring:
            s.post("#RES", "0", k.nummer, belopp(forandring[k.nummer]), raa=(0, 1, 2))
    if typ in (2, 3):
        _psaldo(s, andra, typ)
    if (chunk := s.tom()) is not None:
        yield chunk


def _psaldo(s: Skrivare, andra, typ: int) -> None:
    """``#PSALDO`` per account and month: the month's change (SIE 4B), without the IB
    voucher; typ 3 also per object (the part of the account's change with that object)."""
    manad = {"y": ExtractYear("verifikation__datum"), "m": ExtractMonth("verifikation__datum")}
    rader = (
        andra.annotate(**manad)
        .values_list("konto__nummer", "y", "m")
        .annotate(summa=Sum("belopp"))
        .values_list("konto__nummer", "y", "m", "summa")
    )
    per_konto = {(k, y, m): summa for k, y, m, summa in rader}
    objekt: dict[tuple[str, int, int], list] = defaultdict(list)
    if typ == 3:
        manad = {"y": ExtractYear("rad__verifikation__datum")}
        manad["m"] = ExtractMonth("rad__verifikation__datum")
        for k, d, o, y, m, summa in (
            RadObjekt.objects.filter(rad__in=andra)
            .annotate(**manad)
            .values_list(
                "rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod", "y", "m"
            )
            .annotate(summa=Sum("rad__belopp"))
            .values_list(
                "rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod", "y", "m", "summa"
            )
        ):
            if summa:
                objekt[(k, y, m)].append((d, o, summa))
    for k, y, m in sorted(k for k, summa in per_konto.items() if summa or k in objekt):
        period = f"{y}{m:02d}"
        summa = per_konto[(k, y, m)]
        s.post("#PSALDO", "0", period, k, [], belopp(summa), raa=(0, 1, 2, 4))
        for d, o, del_ in sorted(objekt.get((k, y, m), [])):
            s.post("#PSALDO", "0", period, k, [str(d), o], belopp(del_), raa=(0, 1, 2, 4))


def _budget(s: Skrivare, ar: Rakenskapsar) -> Iterator[bytes]:
    version = (
        ar.budgetversioner.filter(typ=Budgetversion.Typ.BUDGET).order_by("-skapad", "-pk").first()
    )
    if version is None:
        return
    # The year's months in order, (year, month): an 18-month year has some months twice.
    manader, d = [], ar.start.replace(day=1)
    while d <= ar.slut:
        manader.append((d.year, d.month))
        d = datetime.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    per_manad: dict[tuple, int] = defaultdict(int)
    for konto, dim, kod, manad, ar_, summa in Budgetrad.objects.filter(
        version=version
    ).values_list(
        "konto__nummer", "objekt__dimension__nummer", "objekt__kod", "manad", "ar", "belopp"
    ):
        objekt = (dim, kod) if dim is not None else (0, "")
        if manad is None:
            for period, del_ in zip(manader, fordela(summa, [1] * len(manader)), strict=True):
                per_manad[(konto, objekt, period)] += del_
        else:
            period = (ar_ or Budgetrad.manadens_ar(ar, manad), manad)
            per_manad[(konto, objekt, period)] += summa
    for (konto, objekt, (ar_, manad)), summa in sorted(per_manad.items()):
        lista = [str(objekt[0]), objekt[1]] if objekt[0] else []
        s.post("#PBUDGET", "0", f"{ar_}{manad:02d}", konto, lista, belopp(summa), raa=(0, 1, 2, 4))
        if (chunk := s.tom()) is not None:
            yield chunk


def _verifikationer(s: Skrivare, ar: Rakenskapsar) -> Iterator[bytes]:
    """Series by series (alphabetical), three streams in the same order (number, row)
    merged as they are read: vouchers, their rows and the rows' objects. Accounts and
    objects are looked up in memory (the chart is small), so the big queries join only
    what they sort on. Memory stays flat whatever the year's size (server-side cursors
    on PostgreSQL, chunked fetches on SQLite)."""
    konton = dict(Konto.objects.filter(forbund=ar.forbund_id).values_list("id", "nummer"))
    objekt_kod = {
        pk: (str(dim), cp437_text(kod))
        for pk, dim, kod in Objekt.objects.filter(dimension__forbund=ar.forbund_id).values_list(
            "id", "dimension__nummer", "kod"
        )
    }
    for serie_id, kod in ar.serier.exclude(kod=IB_SERIE).order_by("kod").values_list("id", "kod"):
        yield from _serie(s, serie_id, cp437_text(kod), konton, objekt_kod)


def _serie(s: Skrivare, serie_id: int, serie: str, konton: dict, objekt_kod: dict):
    bokford = Verifikation.Status.BOKFORD
    vers = (
        Verifikation.objects.filter(serie_id=serie_id, status=bokford)
        .order_by("nummer")
        .values_list("id", "nummer", "datum", "text", "bokford")
    )
    rader = (
        Rad.objects.filter(verifikation__serie_id=serie_id, verifikation__status=bokford)
        .order_by("verifikation__nummer", "id")
        .values_list("verifikation_id", "id", "konto_id", "belopp", "text")
    )
    objekt = (
        RadObjekt.objects.filter(
            rad__verifikation__serie_id=serie_id, rad__verifikation__status=bokford
        )
        .order_by("rad__verifikation__nummer", "rad_id")
        .values_list("rad_id", "objekt_id")
    )
    rad_strom = rader.iterator(chunk_size=SKIVA)
    obj_strom = objekt.iterator(chunk_size=SKIVA)
    nasta_rad = next(rad_strom, None)
    nasta_obj = next(obj_strom, None)
    regdatum_cache: dict = {}
    for vid, nummer, datum, text, bokford in vers.iterator(chunk_size=SKIVA):
        regdatum = regdatum_cache.get(bokford)
        if regdatum is None:
            regdatum = sie_datum(timezone.localtime(bokford).date()) if bokford else ""
            if len(regdatum_cache) > 1000:
                regdatum_cache.clear()
            regdatum_cache[bokford] = regdatum
        dag = sie_datum(datum)
        text = cp437_text(text)
        s.rad(
            f"#VER {sie_citat(serie)} {nummer} {dag} {sie_citat(text)} {regdatum}".rstrip(),
            f"#VER{serie}{nummer}{dag}{text}{regdatum}",
        )
        s.skriv("{")
        while nasta_rad is not None and nasta_rad[0] == vid:
            _vid, rid, konto_id, summa, rtext = nasta_rad
            rtext = cp437_text(rtext)
            konto = konton[konto_id]
            lista = []
            if nasta_obj is not None and nasta_obj[0] == rid:
                par = []
                while nasta_obj is not None and nasta_obj[0] == rid:
                    par.append(objekt_kod[nasta_obj[1]])
                    nasta_obj = next(obj_strom, None)
                for dim, kod in sorted(par, key=lambda p: (int(p[0]), p[1])):
                    lista.extend((dim, kod))
            b = belopp(summa)
            if lista:
                s.rad(
                    f'#TRANS {konto} {sie_lista(lista)} {b} "" {sie_citat(rtext)}',
                    f"#TRANS{konto}{''.join(lista)}{b}{rtext}",
                )
            else:
                s.rad(f'#TRANS {konto} {{}} {b} "" {sie_citat(rtext)}', f"#TRANS{konto}{b}{rtext}")
            nasta_rad = next(rad_strom, None)
        s.skriv("}")
        if (chunk := s.tom()) is not None:
            yield chunk
