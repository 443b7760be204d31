"""Verifikationer: create, post (gapless numbers), reverse.

Rows are given as ``(konto, belopp_ore, objekt, text)`` (objekt and text optional):
``konto`` a Konto of the förbund or its number, ``belopp_ore`` a signed int (debet > 0),
``objekt`` a list of Objekt of the förbund. Validation errors are keyed ``datum``,
``serie``, ``rader`` (the whole voucher) or ``rad_<i>_<konto|belopp|objekt>`` (row i,
from 0) so a form can show each next to its field.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ekonomi.models import Konto, Objekt, Rad, RadObjekt, Rakenskapsar, Serie, Verifikation
from ekonomi.services._common import ar_for_datum, kr_text, oppen_period
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse

RadIn = Sequence  # (konto, belopp_ore[, objekt[, text]])


def _rader(*, forbund: Forbund, rader: Iterable[RadIn]) -> list[tuple[Konto, int, list, str]]:
    rader = list(rader)
    fel: dict[str, str] = {}
    konton = {
        k.nummer: k
        for k in forbund.konton.filter(
            nummer__in=[str(r[0]) for r in rader if not isinstance(r[0], Konto)]
        )
    }
    ut = []
    for i, rad in enumerate(rader):
        konto, belopp = rad[0], rad[1]
        objekt = list(rad[2]) if len(rad) > 2 and rad[2] else []
        text = rad[3] if len(rad) > 3 and rad[3] else ""
        if not isinstance(konto, Konto):
            konto = konton.get(str(konto).strip())
            if konto is None:
                fel[f"rad_{i}_konto"] = f"Konto {rad[0]} finns inte i kontoplanen."
                continue
        if konto.forbund_id != forbund.pk:
            fel[f"rad_{i}_konto"] = f"Konto {konto.nummer} hör inte till förbundet."
            continue
        if not konto.aktiv:
            fel[f"rad_{i}_konto"] = f"Konto {konto.nummer} är inaktivt."
            continue
        if not isinstance(belopp, int) or isinstance(belopp, bool):
            fel[f"rad_{i}_belopp"] = "Beloppet måste anges i hela öre."
            continue
        if belopp == 0:
            fel[f"rad_{i}_belopp"] = "Raden saknar belopp."
            continue
        dims = set()
        for o in objekt:
            if not isinstance(o, Objekt) or o.dimension.forbund_id != forbund.pk:
                fel[f"rad_{i}_objekt"] = f"Objekt {o} hör inte till förbundet."
                break
            if o.dimension_id in dims:
                fel[f"rad_{i}_objekt"] = "Högst ett objekt per dimension och rad."
                break
            dims.add(o.dimension_id)
        ut.append((konto, belopp, objekt, text))
    if fel:
        raise ValidationError(fel)
    if len(ut) < 2:
        raise ValidationError({"rader": "En verifikation behöver minst två rader."})
    differens = sum(r[1] for r in ut)
    if differens != 0:
        raise ValidationError(
            {
                "rader": "Verifikationen balanserar inte: debet och kredit skiljer "
                f"{kr_text(abs(differens))} ({'debet' if differens > 0 else 'kredit'} "
                "är större)."
            }
        )
    return ut


def _serie(*, rakenskapsar: Rakenskapsar, kod: str, lock: bool) -> Serie:
    qs = Serie.objects.select_for_update() if lock else Serie.objects
    try:
        with transaction.atomic():
            serie, _ = qs.get_or_create(rakenskapsar=rakenskapsar, kod=kod)
    except IntegrityError:  # created by a concurrent transaction just now
        serie = qs.get(rakenskapsar=rakenskapsar, kod=kod)
    return serie


def _tilldela_nummer_och_bokfor(*, ver: Verifikation, user) -> Verifikation:
    # The row lock on the series serialises posting per series and year (PostgreSQL);
    # SQLite's IMMEDIATE transactions serialise all writers. The number is taken inside
    # the same transaction as the P → B update, so a rollback never leaves a gap.
    serie = Serie.objects.select_for_update().get(pk=ver.serie_id)
    serie.senaste_nummer += 1
    serie.save(update_fields=["senaste_nummer"])
    nu = timezone.now()
    Verifikation.objects.filter(pk=ver.pk, status=Verifikation.Status.PRELIMINAR).update(
        status=Verifikation.Status.BOKFORD,
        nummer=serie.senaste_nummer,
        bokford=nu,
        bokford_av=user,
    )
    ver.refresh_from_db()
    logga(
        user=user,
        forbund=ver.rakenskapsar.forbund,
        obj=ver,
        handelse=Logghandelse.Handelse.BOKFORD,
        beskrivning=f"Verifikation {ver.serie.kod} {ver.nummer} bokförd",
        andringar={"status": ["P", "B"], "nummer": [None, ver.nummer]},
    )
    return ver


def _skapa(
    *,
    forbund: Forbund,
    datum: datetime.date,
    text: str,
    rader: Iterable[RadIn],
    serie: str,
    user,
    bokfor: bool,
    rattar: Verifikation | None = None,
    sie_import=None,
) -> Verifikation:
    if not isinstance(datum, datetime.date):
        raise ValidationError({"datum": "Ange ett datum."})
    ar = ar_for_datum(forbund=forbund, datum=datum)
    if ar is None:
        raise ValidationError({"datum": f"{datum.isoformat()} ligger inte i något räkenskapsår."})
    oppen_period(rakenskapsar=ar, datum=datum)
    serie = (serie or "A").strip().upper()
    if not serie or len(serie) > 10:
        raise ValidationError({"serie": "Ange en serie (högst tio tecken)."})
    rader = _rader(forbund=forbund, rader=rader)
    s = _serie(rakenskapsar=ar, kod=serie, lock=False)
    ver = Verifikation(
        rakenskapsar=ar,
        serie=s,
        datum=datum,
        text=(text or "").strip()[:300],
        registrerad_av=user if user is not None and user.is_authenticated else None,
        rattar=rattar,
        sie_import=sie_import,
    )
    ver.full_clean(exclude=["registrerad_av"])
    ver.save()
    skapade = Rad.objects.bulk_create(
        [Rad(verifikation=ver, konto=k, belopp=b, text=t[:300]) for k, b, _, t in rader]
    )
    RadObjekt.objects.bulk_create(
        [
            RadObjekt(rad=rad, objekt=o)
            for rad, (_, _, objekt, _) in zip(skapade, rader, strict=True)
            for o in objekt
        ]
    )
    logga(
        user=user,
        forbund=forbund,
        obj=ver,
        handelse=Logghandelse.Handelse.SKAPAD,
        beskrivning=f"Verifikation {serie} {datum.isoformat()} {ver.text}",
        andringar={
            "rader": [
                None,
                [
                    {"konto": k.nummer, "belopp": b, "objekt": [o.kod for o in obj], "text": t}
                    for k, b, obj, t in rader
                ],
            ]
        },
    )
    if bokfor:
        _tilldela_nummer_och_bokfor(ver=ver, user=user)
    return ver


def verifikation_create(
    *,
    forbund: Forbund,
    datum: datetime.date,
    text: str,
    rader: Iterable[RadIn],
    serie: str = "A",
    user,
    bokfor: bool = True,
) -> Verifikation:
    """Validate and save a voucher; posted (with the next number) unless ``bokfor=False``."""
    with transaction.atomic(durable=True):
        return _skapa(
            forbund=forbund,
            datum=datum,
            text=text,
            rader=rader,
            serie=serie,
            user=user,
            bokfor=bokfor,
        )


def verifikation_bokfor(*, verifikation: Verifikation, user) -> Verifikation:
    """Post a draft: the period must still be open; it gets the next number."""
    with transaction.atomic(durable=True):
        ver = Verifikation.objects.select_for_update().get(pk=verifikation.pk)
        if ver.ar_bokford:
            raise ValidationError("Verifikationen är redan bokförd.")
        oppen_period(rakenskapsar=ver.rakenskapsar, datum=ver.datum)
        _rader(
            forbund=ver.rakenskapsar.forbund,
            rader=[
                (r.konto, r.belopp, list(r.objekt.select_related("dimension")), r.text)
                for r in ver.rader.select_related("konto")
            ],
        )
        return _tilldela_nummer_och_bokfor(ver=ver, user=user)


def verifikation_ta_bort_utkast(*, verifikation: Verifikation, user) -> None:
    """Delete a draft (a posted voucher can never be deleted)."""
    with transaction.atomic():
        if verifikation.ar_bokford:
            raise ValidationError("En bokförd verifikation kan inte tas bort; gör en rättelse.")
        logga(
            user=user,
            forbund=verifikation.rakenskapsar.forbund,
            obj=verifikation,
            handelse=Logghandelse.Handelse.BORTTAGEN,
        )
        verifikation.delete()


def verifikation_reverse(
    *, verifikation: Verifikation, user, datum: datetime.date | None = None, text: str = ""
) -> Verifikation:
    """A rättelseverifikation: the original's rows negated, in the same series, linked
    through ``rattar`` (the original lists it as ``rattelser``). A voucher can be
    reversed once."""
    datum = datum or timezone.localdate()
    with transaction.atomic(durable=True):
        original = Verifikation.objects.select_for_update().get(pk=verifikation.pk)
        if not original.ar_bokford:
            raise ValidationError("Bara en bokförd verifikation kan rättas.")
        if original.rattelser.exists():
            raise ValidationError(f"Verifikation {original} är redan rättad.")
        forbund = original.rakenskapsar.forbund
        rader = [
            (r.konto, -r.belopp, list(r.objekt.select_related("dimension")), r.text)
            for r in original.rader.select_related("konto")
        ]
        # An account that has been made inactive must still be reversible.
        for konto, *_ in rader:
            konto.aktiv = True
        ny = _skapa(
            forbund=forbund,
            datum=datum,
            text=(text or f"Rättelse av {original}: {original.text}")[:300],
            rader=rader,
            serie=original.serie.kod,
            user=user,
            bokfor=True,
            rattar=original,
        )
        logga(
            user=user,
            forbund=forbund,
            obj=original,
            handelse=Logghandelse.Handelse.RATTAD,
            beskrivning=f"Verifikation {original} rättad genom {ny}",
            andringar={"rattelse": [None, str(ny)]},
        )
    return ny
