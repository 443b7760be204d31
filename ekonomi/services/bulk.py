"""A bulk path for many vouchers at once (generated data, benchmarks): the same
invariants as ``verifikation_create`` — open periods, balanced vouchers, gapless numbers
per series — with a handful of statements instead of several per voucher. The database
triggers still check every voucher when it is posted."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ekonomi.models import Period, Rad, RadObjekt, Rakenskapsar, Serie, Verifikation
from forbund.audit import logga
from forbund.models import Logghandelse

# (datum, text, [(konto_id, belopp_ore, [objekt_id, ...]), ...])
BulkVer = tuple[datetime.date, str, list[tuple[int, int, list[int]]]]


def verifikationer_bulk_skapa(
    *, rakenskapsar: Rakenskapsar, serie: str, verifikationer: list[BulkVer], user=None
) -> int:
    """Create and post many vouchers in one series; returns how many."""
    perioder = list(Period.objects.filter(rakenskapsar=rakenskapsar))
    konton = set(rakenskapsar.forbund.konton.filter(aktiv=True).values_list("pk", flat=True))
    for nr, (datum, _, rader) in enumerate(verifikationer, start=1):
        period = next((p for p in perioder if p.start <= datum <= p.slut), None)
        if period is None or period.last:
            raise ValidationError(f"Verifikation {nr}: {datum} ligger inte i en öppen period.")
        if len(rader) < 2 or sum(b for _, b, _ in rader) != 0:
            raise ValidationError(f"Verifikation {nr} balanserar inte.")
        if any(k not in konton for k, _, _ in rader):
            raise ValidationError(f"Verifikation {nr} har ett okänt eller inaktivt konto.")
    with transaction.atomic():
        s, _ = Serie.objects.select_for_update().get_or_create(
            rakenskapsar=rakenskapsar, kod=serie
        )
        user = user if user is not None and user.is_authenticated else None
        vers = Verifikation.objects.bulk_create(
            [
                Verifikation(
                    rakenskapsar=rakenskapsar, serie=s, datum=d, text=t[:300], registrerad_av=user
                )
                for d, t, _ in verifikationer
            ],
            batch_size=2000,
        )
        rader = [
            (Rad(verifikation=v, konto_id=k, belopp=b), obj)
            for v, (_, _, rr) in zip(vers, verifikationer, strict=True)
            for k, b, obj in rr
        ]
        skapade = Rad.objects.bulk_create([r for r, _ in rader], batch_size=5000)
        RadObjekt.objects.bulk_create(
            [
                RadObjekt(rad=r, objekt_id=o)
                for r, (_, obj) in zip(skapade, rader, strict=True)
                for o in obj
            ],
            batch_size=5000,
        )
        # Numbers follow the ids. Ids from one bulk insert are normally consecutive, and
        # then one UPDATE numbers them all; if a concurrent insert interleaved, number
        # them one by one. Either way the numbers are gapless and in insert order.
        ids = sorted(v.pk for v in vers)
        antal = len(ids)
        nu = timezone.now()
        bokford = {"status": Verifikation.Status.BOKFORD, "bokford": nu, "bokford_av": user}
        if ids[-1] - ids[0] + 1 == antal:
            Verifikation.objects.filter(pk__gte=ids[0], pk__lte=ids[-1]).update(
                nummer=F("id") + (s.senaste_nummer + 1 - ids[0]), **bokford
            )
        else:  # pragma: no cover - needs a concurrent insert between the ids
            for i, pk in enumerate(ids, start=s.senaste_nummer + 1):
                Verifikation.objects.filter(pk=pk).update(nummer=i, **bokford)
        s.senaste_nummer += antal
        s.save(update_fields=["senaste_nummer"])
        logga(
            user=user,
            forbund=rakenskapsar.forbund,
            handelse=Logghandelse.Handelse.IMPORTERAD,
            objekttyp="ekonomi.Verifikation",
            beskrivning=f"{antal} verifikationer i serie {serie} {rakenskapsar}",
        )
    return antal
