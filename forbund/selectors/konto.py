"""Reads about accounts: the user's own logged-in sessions, the förbund's invitations."""

import datetime
from dataclasses import dataclass

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from forbund.models import Forbund, Inbjudan, Inloggning


@dataclass(frozen=True)
class MinSession:
    inloggning: Inloggning
    inloggad: datetime.datetime  # aware, local time
    senast_aktiv: datetime.datetime | None
    nuvarande: bool


def _tid(sekunder) -> datetime.datetime | None:
    if not isinstance(sekunder, int | float):
        return None
    return timezone.localtime(datetime.datetime.fromtimestamp(sekunder, tz=datetime.UTC))


def mina_sessioner(*, user, nuvarande_nyckel: str | None) -> list[MinSession]:
    """The user's sessions that still log someone in: not expired, not ended, and made
    with the current password (a password change ends the others). Index rows whose
    session is gone are removed on the way. Two queries."""
    from finsam.middleware import SESSION_INLOGGAD, SESSION_SENAST_AKTIV

    rader = list(Inloggning.objects.filter(user=user))
    sessioner = {
        s.session_key: s
        for s in Session.objects.filter(
            session_key__in=[r.session_key for r in rader], expire_date__gt=timezone.now()
        )
    }
    hash_nu = user.get_session_auth_hash()
    resultat, doda = [], []
    for rad in rader:
        session = sessioner.get(rad.session_key)
        data = session.get_decoded() if session is not None else {}
        if (
            str(data.get("_auth_user_id")) != str(user.pk)
            or data.get("_auth_user_hash") != hash_nu
        ):
            doda.append(rad.pk)
            continue
        resultat.append(
            MinSession(
                inloggning=rad,
                inloggad=_tid(data.get(SESSION_INLOGGAD)) or timezone.localtime(rad.skapad),
                senast_aktiv=_tid(data.get(SESSION_SENAST_AKTIV)),
                nuvarande=rad.session_key == nuvarande_nyckel,
            )
        )
    if doda:
        Inloggning.objects.filter(pk__in=doda).delete()
    return sorted(resultat, key=lambda s: (not s.nuvarande, -s.inloggad.timestamp()))


def inbjudningar(*, forbund: Forbund) -> QuerySet[Inbjudan]:
    """The förbund's invitations, newest first (the list shows their status)."""
    return forbund.inbjudningar.select_related("skapad_av", "accepterad_av")
