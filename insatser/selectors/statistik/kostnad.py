"""An insats's cost from the ledger (utfall) and its budget, in öre."""

import datetime

from django.db.models import Sum

from ekonomi.models import Budgetrad, Budgetversion, Konto, Rad, RadObjekt, Verifikation
from forbund.models import Forbund
from insatser.models import Insats


def insatsobjekt(*, forbund: Forbund, insats: Insats | None) -> list[int]:
    """The ledger objects whose costs count: the insats's own, or for the förbund total
    those of the individinriktade insatser only (the total sits beside participant
    counts, so a strukturövergripande insats's cost would inflate the cost per
    participant)."""
    if insats is not None:
        return [insats.objekt_id] if insats.objekt_id else []
    return list(
        forbund.insatser.filter(objekt__isnull=False, typ=Insats.Typ.INDIVID).values_list(
            "objekt_id", flat=True
        )
    )


def utfall_ore(
    *, forbund: Forbund, insats: Insats | None, fran: datetime.date, till: datetime.date
) -> int:
    """Cost of the insats (or all insatser) in the period: bokförda rows on K accounts
    carrying the insats's object, in öre (debet positive, so a cost is positive)."""
    objekt = insatsobjekt(forbund=forbund, insats=insats)
    if not objekt:
        return 0
    summa = Rad.objects.filter(
        pk__in=RadObjekt.objects.filter(objekt_id__in=objekt).values("rad_id"),
        verifikation__rakenskapsar__forbund=forbund,
        verifikation__status=Verifikation.Status.BOKFORD,
        verifikation__datum__gte=fran,
        verifikation__datum__lte=till,
        konto__typ=Konto.Typ.KOSTNAD,
    ).aggregate(s=Sum("belopp"))["s"]
    return int(summa or 0)


def budget_ore(*, forbund: Forbund, insats: Insats, ar: int) -> int | None:
    """The year's budget (latest version of type budget) on K accounts for the insats's
    object; None when there is no budget for the year."""
    if not insats.objekt_id:
        return None
    version = (
        Budgetversion.objects.filter(
            rakenskapsar__forbund=forbund,
            rakenskapsar__slut__year=ar,
            typ=Budgetversion.Typ.BUDGET,
        )
        .order_by("-skapad", "-pk")
        .first()
    )
    if version is None:
        return None
    summa = Budgetrad.objects.filter(
        version=version, objekt_id=insats.objekt_id, konto__typ=Konto.Typ.KOSTNAD
    ).aggregate(s=Sum("belopp"))["s"]
    return int(summa or 0)
