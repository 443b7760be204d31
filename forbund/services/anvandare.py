"""The förbundschef manages who may use the förbund, and in which role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
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
def behorighet_create(
    *,
    user,
    forbund: Forbund,
    username: str,
    roll: str,
    ny: bool = False,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str = "",
) -> Behorighet:
    """Give an existing user (``ny=False``) or a new one a role in this förbund."""
    User = get_user_model()
    username = username.strip()
    if roll not in Roll.values:
        raise ValidationError({"roll": "Välj en roll."})
    befintlig = User.objects.filter(username=username).first()
    if ny:
        if befintlig is not None:
            raise ValidationError({"username": "Användarnamnet är upptaget."})
        if not password:
            raise ValidationError({"password": "Ange ett startlösenord."})
        konto = User(username=username, first_name=first_name, last_name=last_name, email=email)
        try:
            validate_password(password, konto)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        konto.set_password(password)
        try:
            konto.full_clean()
        except ValidationError as exc:
            raise ValidationError(
                {
                    k if k in ("username", "email") else "username": v
                    for k, v in exc.message_dict.items()
                }
            ) from exc
        konto.save()
    else:
        if befintlig is None:
            raise ValidationError({"username": "Det finns ingen användare med det namnet."})
        konto = befintlig
    if Behorighet.objects.filter(user=konto, forbund=forbund).exists():
        raise ValidationError({"username": "Användaren har redan en roll i förbundet."})
    beh = Behorighet(user=konto, forbund=forbund, roll=roll)
    beh.full_clean()
    beh.save()
    logga(
        user=user,
        forbund=forbund,
        obj=beh,
        handelse=Logghandelse.Handelse.SKAPAD,
        andringar={
            "användare": [None, konto.username],
            "roll": [None, roll],
            "nytt_konto": [None, ny],
        },
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
