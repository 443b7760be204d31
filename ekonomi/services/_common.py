"""Helpers shared by the ledger services."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from ekonomi.models import Period, Rakenskapsar
from finsam.templatetags.svenska import formatera
from forbund.access import Ratt, har_ratt
from forbund.models import Behorighet, Forbund


def kr_text(ore: int) -> str:
    """Öre as a Swedish kronor text for messages: 123450 → "1 234,50 kr"."""
    return f"{formatera(Decimal(ore) / 100, 2)} kr"


def ar_for_datum(*, forbund: Forbund, datum: datetime.date) -> Rakenskapsar | None:
    return forbund.rakenskapsar.filter(start__lte=datum, slut__gte=datum).first()


def oppen_period(*, rakenskapsar: Rakenskapsar, datum: datetime.date, falt: str = "datum"):
    """The period of ``datum``, or a ValidationError when it is missing or locked."""
    period = Period.objects.filter(
        rakenskapsar=rakenskapsar, start__lte=datum, slut__gte=datum
    ).first()
    if period is None:
        raise ValidationError({falt: f"Det finns ingen period för {datum.isoformat()}."})
    if period.last or rakenskapsar.stangt:
        raise ValidationError(
            {falt: f"Perioden {period} är låst: inget kan bokföras med datum {datum.isoformat()}."}
        )
    return period


def krav_ratt(*, user, forbund: Forbund, ratt: Ratt) -> None:
    """Services re-check the role, so a caller that forgot the view check cannot bypass it."""
    roll = (
        Behorighet.objects.filter(user=user, forbund=forbund)
        .values_list("roll", flat=True)
        .first()
        if user is not None and user.is_authenticated
        else None
    )
    if not har_ratt(roll, ratt):
        raise ValidationError("Din roll i förbundet ger inte behörighet till detta.")
