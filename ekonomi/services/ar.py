"""Räkenskapsår and their monthly periods; locking and unlocking periods."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from ekonomi.models import Period, Rakenskapsar, Serie
from ekonomi.services._common import krav_ratt
from forbund.access import Ratt
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse


def _manader(start: datetime.date, slut: datetime.date):
    d = start
    while d <= slut:
        sista = datetime.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        yield d, min(sista, slut)
        d = sista + datetime.timedelta(days=1)


def rakenskapsar_skapa(
    *, forbund: Forbund, start: datetime.date, slut: datetime.date, user
) -> Rakenskapsar:
    """A calendar year (the förbund's first year may start later) with monthly periods
    and the manual series A."""
    if slut != datetime.date(start.year, 12, 31):
        raise ValidationError({"slut": "Räkenskapsåret är kalenderår: det slutar 31 december."})
    if start > slut:
        raise ValidationError({"start": "Första dagen måste ligga före sista dagen."})
    with transaction.atomic():
        if forbund.rakenskapsar.filter(start__lte=slut, slut__gte=start).exists():
            raise ValidationError({"start": f"Det finns redan ett räkenskapsår {start.year}."})
        if (
            start != datetime.date(start.year, 1, 1)
            and forbund.rakenskapsar.filter(slut__lt=start).exists()
        ):
            raise ValidationError(
                {"start": "Bara förbundets första räkenskapsår får börja efter 1 januari."}
            )
        ar = Rakenskapsar(forbund=forbund, start=start, slut=slut)
        ar.full_clean()
        ar.save()
        Period.objects.bulk_create(
            [Period(rakenskapsar=ar, start=a, slut=b) for a, b in _manader(start, slut)]
        )
        Serie.objects.create(rakenskapsar=ar, kod="A", namn="Manuella verifikationer")
        logga(
            user=user,
            forbund=forbund,
            obj=ar,
            handelse=Logghandelse.Handelse.SKAPAD,
            andringar={"start": [None, start], "slut": [None, slut]},
        )
    return ar


def _period_satt(*, period: Period, user, orsak: str, last: bool) -> Period:
    orsak = (orsak or "").strip()
    if not orsak:
        raise ValidationError({"orsak": "Skriv varför perioden låses eller låses upp."})
    ar = period.rakenskapsar
    krav_ratt(user=user, forbund=ar.forbund, ratt=Ratt.ADMINISTRERA)
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        if not last and ar.stangt:
            raise ValidationError(
                {"orsak": f"Bokslut är gjort för {ar}: dess perioder kan inte låsas upp."}
            )
        if period.last == last:
            return period
        period.last = last
        if last:
            period.save(update_fields=["last"])
            logga(
                user=user,
                forbund=ar.forbund,
                obj=period,
                handelse=Logghandelse.Handelse.LAST,
                beskrivning=f"Period {period} låst: {orsak}",
                andringar={"last": [False, True], "orsak": orsak},
            )
        else:
            # The database writes the 'upplast' audit row from these two fields in the
            # same UPDATE and clears them (migration 0011): an unlock is never unlogged.
            period.upplasningsorsak = orsak[:300]
            period.upplast_av = user if user is not None and user.is_authenticated else None
            period.save(update_fields=["last", "upplasningsorsak", "upplast_av"])
            period.upplasningsorsak, period.upplast_av = "", None
    return period


def period_las(*, period: Period, user, orsak: str) -> Period:
    """Lock a period (förbundschef only); logged with who and why."""
    return _period_satt(period=period, user=user, orsak=orsak, last=True)


def period_las_upp(*, period: Period, user, orsak: str) -> Period:
    """Unlock a period (förbundschef only, not after bokslut); logged with who and why."""
    return _period_satt(period=period, user=user, orsak=orsak, last=False)
