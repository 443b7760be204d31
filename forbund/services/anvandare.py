"""The förbundschef manages who may use the förbund, and in which role (new people come
by invitation, ``forbund.services.konto``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from forbund.audit import logga
from forbund.models import Behorighet, Forbund, Logghandelse, Roll


def _sista_forbundschef(behorighet: Behorighet) -> bool:
    return (
        behorighet.roll == Roll.FORBUNDSCHEF
        and not behorighet.forbund.behorigheter.filter(roll=Roll.FORBUNDSCHEF)
        .exclude(pk=behorighet.pk)
        .exists()
    )


@transaction.atomic
def behorighet_create(*, user, forbund: Forbund, konto, roll: str) -> Behorighet:
    """Give an existing account a role in this förbund directly.

    Only the systemadministratör may (``user.is_superuser``, else PermissionDenied): a
    förbundschef invites by e-mail instead (``inbjudan_create``), and the account holder
    accepts, so a förbundschef can neither attach another förbund's account nor learn
    that it exists.
    """
    if not getattr(user, "is_superuser", False):
        raise PermissionDenied("Bara systemadministratören kopplar befintliga konton.")
    if roll not in Roll.values:
        raise ValidationError({"roll": "Välj en roll."})
    if Behorighet.objects.filter(user=konto, forbund=forbund).exists():
        raise ValidationError({"forbund": "Användaren har redan en roll i förbundet."})
    beh = Behorighet(user=konto, forbund=forbund, roll=roll)
    beh.full_clean()
    beh.save()
    logga(
        user=user,
        forbund=forbund,
        obj=beh,
        handelse=Logghandelse.Handelse.SKAPAD,
        andringar={"användare": [None, konto.username], "roll": [None, roll]},
    )
    return beh


@transaction.atomic
def behorighet_update(*, user, behorighet: Behorighet, roll: str) -> Behorighet:
    if roll not in Roll.values:
        raise ValidationError({"roll": "Välj en roll."})
    if roll != behorighet.roll and _sista_forbundschef(behorighet):
        raise ValidationError({"roll": "Förbundet måste ha minst en förbundschef."})
    fore = behorighet.roll
    behorighet.roll = roll
    behorighet.full_clean()
    behorighet.save()
    logga(
        user=user,
        forbund=behorighet.forbund,
        obj=behorighet,
        handelse=Logghandelse.Handelse.ANDRAD,
        andringar={"roll": [fore, roll]} if fore != roll else {},
    )
    return behorighet


@transaction.atomic
def behorighet_delete(*, user, behorighet: Behorighet) -> None:
    """Remove the membership (the user account stays: it may belong to other förbund)."""
    if _sista_forbundschef(behorighet):
        raise ValidationError("Förbundet måste ha minst en förbundschef.")
    if behorighet.user_id == getattr(user, "pk", None):
        raise ValidationError("Du kan inte ta bort din egen behörighet.")
    logga(
        user=user,
        forbund=behorighet.forbund,
        obj=behorighet,
        handelse=Logghandelse.Handelse.BORTTAGEN,
        andringar={"användare": [behorighet.user.username, None], "roll": [behorighet.roll, None]},
    )
    behorighet.delete()
