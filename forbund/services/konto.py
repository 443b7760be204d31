"""Accounts: invitations by e-mail, start passwords, the user's own sessions.

An existing account is linked to a förbund only by its holder accepting an invitation
while logged in as themselves (``inbjudan_acceptera``) or by the systemadministratör
(``behorighet_create``). The förbundschef gives an e-mail address and a role and always
gets the same answer, so nothing tells whether an account exists.

Links are signed with Django's ``signing`` (the installation's SECRET_KEY, a salt of
their own); the invitation row makes them one-time and time-limited.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from forbund.audit import logga
from forbund.models import (
    Behorighet,
    Forbund,
    Inbjudan,
    Inloggning,
    Logghandelse,
    Roll,
    Startlosenord,
)

logger = logging.getLogger("finsam.security")

_SALT = "forbund.inbjudan"


class OgiltigInbjudan(Exception):
    """The link cannot be used; ``str(exc)`` says why, in Swedish, for the page."""


def inbjudan_token(inbjudan: Inbjudan) -> str:
    """The signed token of the invitation's link (URL-safe)."""
    return signing.dumps({"i": inbjudan.pk}, salt=_SALT)


def inbjudan_lank(inbjudan: Inbjudan, *, bas_url: str) -> str:
    """The absolute link in the mail; ``bas_url`` like ``https://finsam.example.se``."""
    path = reverse("inbjudan", kwargs={"token": inbjudan_token(inbjudan)})
    return bas_url.rstrip("/") + path


def _giltighet() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.FINSAM_INBJUDAN_GILTIG_SEKUNDER)


def _skicka(*, till: str, amne: str, mall: str, sammanhang: dict) -> None:
    send_mail(
        subject=amne,
        message=render_to_string(mall, sammanhang),
        from_email=None,
        recipient_list=[till],
    )


def inbjudan_create(
    *,
    user,
    forbund: Forbund,
    epost: str,
    roll: str,
    bas_url: str,
    now: datetime.datetime | None = None,
) -> Inbjudan:
    """Invite ``epost`` to ``roll`` in ``forbund`` and mail the link.

    The answer is the same whether an account with that address exists or not. An earlier
    invitation to the same address in the same förbund that is still waiting is withdrawn,
    so only the newest link works. The mail is handed to the mail server after the rows
    are committed (no database lock held while SMTP talks); if the server refuses, the new
    invitation is withdrawn again and ValidationError says so at the address field.
    Raises ValidationError on a bad role or address.
    """
    now = now or timezone.now()
    if roll not in Roll.values:
        raise ValidationError({"roll": "Välj en roll."})
    epost = BaseUserManager.normalize_email((epost or "").strip())
    with transaction.atomic():
        inbjudan = Inbjudan(
            forbund=forbund,
            epost=epost,
            roll=roll,
            skapad=now,
            skapad_av=user if getattr(user, "is_authenticated", False) else None,
            giltig_till=now + _giltighet(),
        )
        inbjudan.full_clean()
        forbund.inbjudningar.filter(
            epost__iexact=epost, accepterad__isnull=True, aterkallad__isnull=True
        ).update(aterkallad=now)
        inbjudan.save()
        logga(
            user=user,
            forbund=forbund,
            obj=inbjudan,
            handelse=Logghandelse.Handelse.SKAPAD,
            beskrivning=f"Inbjudan till {epost}",
            andringar={"e-post": [None, epost], "roll": [None, roll]},
        )
    try:
        _skicka(
            till=epost,
            amne=f"Inbjudan till Finsam – {forbund.namn}",
            mall="forbund/mail/inbjudan.txt",
            sammanhang={
                "forbund": forbund,
                "roll": inbjudan.get_roll_display(),
                "lank": inbjudan_lank(inbjudan, bas_url=bas_url),
                "giltig_till": timezone.localtime(inbjudan.giltig_till),
                "fran": (user.get_full_name() or user.username) if user else "Finsam",
            },
        )
    except (smtplib.SMTPException, OSError) as exc:
        logger.error("Inbjudan %s kunde inte skickas: %s", inbjudan.pk, exc)
        Inbjudan.objects.filter(pk=inbjudan.pk).update(aterkallad=timezone.now())
        raise ValidationError(
            {"epost": "E-postmeddelandet kunde inte skickas just nu. Försök igen om en stund."}
        ) from exc
    return inbjudan


def inbjudan_hamta(*, token: str, now: datetime.datetime | None = None) -> Inbjudan:
    """The invitation behind a link, or OgiltigInbjudan saying why it cannot be used
    (tampered, withdrawn, already used, expired)."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=_SALT, max_age=_giltighet())
    except signing.SignatureExpired as exc:
        raise OgiltigInbjudan("Länken har gått ut. Be om en ny inbjudan.") from exc
    except signing.BadSignature as exc:
        raise OgiltigInbjudan(
            "Länken är inte giltig. Kontrollera att hela länken kom med."
        ) from exc
    inbjudan = (
        Inbjudan.objects.select_related("forbund").filter(pk=data.get("i")).first()
        if isinstance(data, dict)
        else None
    )
    if inbjudan is None:
        raise OgiltigInbjudan("Inbjudan finns inte längre.")
    status = inbjudan.status(now)
    if status == "accepterad":
        raise OgiltigInbjudan("Länken har redan använts. Logga in som vanligt.")
    if status == "aterkallad":
        raise OgiltigInbjudan("Inbjudan har återkallats.")
    if status == "utgangen":
        raise OgiltigInbjudan("Länken har gått ut. Be om en ny inbjudan.")
    return inbjudan


def _las(token: str, now: datetime.datetime) -> Inbjudan:
    """The invitation, row-locked: two tabs accepting the same link cannot both succeed."""
    inbjudan = inbjudan_hamta(token=token, now=now)
    inbjudan = Inbjudan.objects.select_for_update().select_related("forbund").get(pk=inbjudan.pk)
    if inbjudan.status(now) != "vantar":
        raise OgiltigInbjudan("Länken har redan använts. Logga in som vanligt.")
    return inbjudan


def _koppla(inbjudan: Inbjudan, konto, now: datetime.datetime) -> Behorighet:
    if Behorighet.objects.filter(user=konto, forbund=inbjudan.forbund).exists():
        raise ValidationError(f"Du har redan en roll i {inbjudan.forbund}.")
    beh = Behorighet(user=konto, forbund=inbjudan.forbund, roll=inbjudan.roll)
    beh.full_clean()
    beh.save()
    inbjudan.accepterad = now
    inbjudan.accepterad_av = konto
    inbjudan.save(update_fields=["accepterad", "accepterad_av"])
    logga(
        user=konto,
        forbund=inbjudan.forbund,
        obj=beh,
        handelse=Logghandelse.Handelse.SKAPAD,
        beskrivning=f"{konto.username} accepterade inbjudan till {inbjudan.epost}",
        andringar={"användare": [None, konto.username], "roll": [None, inbjudan.roll]},
    )
    return beh


@transaction.atomic
def inbjudan_acceptera(*, token: str, user, now: datetime.datetime | None = None) -> Behorighet:
    """The logged-in account holder links their own account to the invitation's förbund.
    Raises OgiltigInbjudan for an unusable link, ValidationError when the account already
    has a role there."""
    now = now or timezone.now()
    return _koppla(_las(token, now), user, now)


@transaction.atomic
def inbjudan_acceptera_nytt_konto(
    *,
    token: str,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    now: datetime.datetime | None = None,
):
    """A new account, with the password its holder chose, and the invitation's role.
    The e-mail address is the invited one. Raises OgiltigInbjudan or ValidationError with
    field errors (username taken or invalid, weak password)."""
    now = now or timezone.now()
    inbjudan = _las(token, now)
    User = get_user_model()
    username = username.strip()
    konto = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=inbjudan.epost,
    )
    fel = {}
    try:
        konto.full_clean(exclude=["password"])
    except ValidationError as exc:
        fel.update(exc.message_dict)
    if User.objects.filter(username__iexact=username).exists():
        fel["username"] = ["Användarnamnet är upptaget. Välj ett annat."]
    try:
        validate_password(password, konto)
    except ValidationError as exc:
        fel["password1"] = exc.messages
    if fel:
        raise ValidationError(fel)
    konto.set_password(password)
    konto.save()
    _koppla(inbjudan, konto, now)
    return konto


@transaction.atomic
def inbjudan_aterkalla(*, user, inbjudan: Inbjudan, now: datetime.datetime | None = None):
    """Withdraw a waiting invitation: its link stops working."""
    now = now or timezone.now()
    if inbjudan.status(now) != "vantar":
        raise ValidationError("Inbjudan väntar inte längre och kan inte återkallas.")
    inbjudan.aterkallad = now
    inbjudan.save(update_fields=["aterkallad"])
    logga(
        user=user,
        forbund=inbjudan.forbund,
        obj=inbjudan,
        handelse=Logghandelse.Handelse.ANDRAD,
        beskrivning=f"Inbjudan till {inbjudan.epost} återkallad",
        andringar={"återkallad": [None, now]},
    )
    return inbjudan


# --- Start passwords ---------------------------------------------------------------------


@transaction.atomic
def startlosenord_satt(*, user, konto, password: str):
    """Someone else (the systemadministratör) sets ``konto``'s password; the holder must
    change it at the next login. The account's sessions end (the password hash changes).
    PermissionDenied for anyone but a superuser; ValidationError {"password": ...} for a
    weak password."""
    if not getattr(user, "is_superuser", False):
        raise PermissionDenied("Bara systemadministratören sätter startlösenord.")
    try:
        validate_password(password, konto)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    konto.set_password(password)
    konto.save(update_fields=["password"])
    Startlosenord.objects.update_or_create(
        user=konto, defaults={"satt": timezone.now(), "satt_av": user}
    )
    logga(
        user=user,
        forbund=None,
        obj=konto,
        handelse=Logghandelse.Handelse.OVRIGT,
        objekttyp="auth.User",
        beskrivning=f"Startlösenord satt för {konto.username}",
    )
    logger.info("Startlösenord satt för användare %s av %s", konto.pk, getattr(user, "pk", None))
    return konto


def maste_byta_losenord(konto) -> bool:
    return Startlosenord.objects.filter(user=konto).exists()


def startlosenord_bytt(*, konto) -> None:
    """The holder has chosen their own password (change or reset)."""
    Startlosenord.objects.filter(user=konto).delete()


# --- Sessions ---------------------------------------------------------------------------


def inloggning_registrera(*, user, session_key: str, gammal_nyckel: str | None, ip, webblasare):
    """Index a session of ``user`` (new login, or a key Django rotated)."""
    if gammal_nyckel:
        rad = Inloggning.objects.filter(session_key=gammal_nyckel, user=user).first()
        if rad is not None:
            rad.session_key = session_key
            rad.save(update_fields=["session_key"])
            return rad
    rad, _ = Inloggning.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "ip": ip, "webblasare": (webblasare or "")[:300]},
    )
    return rad


def session_avsluta(*, user, inloggning: Inloggning) -> None:
    """End one of the user's own sessions (logs that browser out)."""
    if inloggning.user_id != user.pk:
        raise ValidationError("Sessionen är inte din.")
    Session.objects.filter(session_key=inloggning.session_key).delete()
    inloggning.delete()
    logger.info("Användare %s avslutade en annan session", user.pk)


def sessioner_avsluta_andra(*, user, nuvarande_nyckel: str | None) -> int:
    """End every session of the user but the current one; returns how many ended."""
    rader = Inloggning.objects.filter(user=user).exclude(session_key=nuvarande_nyckel or "")
    nycklar = list(rader.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=nycklar).delete()
    rader.delete()
    logger.info("Användare %s avslutade %s andra sessioner", user.pk, len(nycklar))
    return len(nycklar)


@transaction.atomic
def tvafaktor_aterstall(*, user, konto) -> int:
    """The systemadministratör removes every second-factor device of ``konto`` (a lost
    phone): the holder enrols a new one at the next login, after the password. The
    account's sessions end too. Returns how many devices were removed."""
    from django_otp import devices_for_user

    if not getattr(user, "is_superuser", False):
        raise PermissionDenied("Bara systemadministratören återställer tvåfaktorinloggning.")
    enheter = list(devices_for_user(konto, confirmed=None))
    for enhet in enheter:
        enhet.delete()
    sessioner_avsluta_andra(user=konto, nuvarande_nyckel=None)
    logga(
        user=user,
        forbund=None,
        obj=konto,
        handelse=Logghandelse.Handelse.OVRIGT,
        objekttyp="auth.User",
        beskrivning=f"Tvåfaktorinloggning återställd för {konto.username}",
        andringar={"enheter": [len(enheter), 0]},
    )
    logger.warning("Tvåfaktor återställd för användare %s av %s", konto.pk, user.pk)
    return len(enheter)
