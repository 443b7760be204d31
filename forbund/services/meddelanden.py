"""Mail to a förbund's people: deadline reminders to the förbundschefer (a daily
command), and notices to the förbund's users (a report approved)."""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from forbund.models import Behorighet, Forbund, Paminnelse, Roll
from forbund.selectors.kontroller import Tidsfrist, tidsfrister

logger = logging.getLogger("finsam")

# Remind this many days before a deadline, then once when it has passed.
STEG = ((Paminnelse.Steg.EN, 1), (Paminnelse.Steg.SJU, 7), (Paminnelse.Steg.TRETTIO, 30))


def paminnelsesteg(frist: datetime.date, today: datetime.date) -> str | None:
    """The reminder step a deadline is at on ``today``: "forsenad" once passed, else the
    smallest of 1/7/30 days that covers the days left, None when more than 30 remain."""
    kvar = (frist - today).days
    if kvar < 0:
        return Paminnelse.Steg.FORSENAD
    for steg, dagar in STEG:
        if kvar <= dagar:
            return steg
    return None


@dataclass(frozen=True)
class Utskick:
    forbund: Forbund
    mottagare: list[str]
    frister: list[tuple[Tidsfrist, str]]  # (deadline, step)


def _adresser(forbund: Forbund, roller: tuple[str, ...], utom_id: int | None = None) -> list[str]:
    qs = Behorighet.objects.filter(forbund=forbund, roll__in=roller, user__is_active=True)
    if utom_id is not None:
        qs = qs.exclude(user_id=utom_id)
    return sorted({e for e in qs.values_list("user__email", flat=True) if e})


def paminnelser_skicka(*, today: datetime.date, bas_url: str) -> list[Utskick]:
    """Mail each förbund's förbundschefer the deadlines (``tidsfrister`` as of ``today``)
    not yet met that reached a new step: 30, 7 or 1 days left, or passed. One mail per
    förbund per run. Each (deadline, step) is recorded before the mail is handed to the
    mail server (no database lock held during SMTP), so a second run the same day — or any
    later day at the same step — sends nothing; if the server refuses, the rows are removed
    again and the error propagates, so the next run tries again. A förbund without a
    förbundschef with an e-mail address is skipped (logged), also not recorded. Returns
    what was sent."""
    skickat = []
    for forbund in Forbund.objects.order_by("namn"):
        aktuella = []
        for t in tidsfrister(forbund=forbund, today=today):
            steg = paminnelsesteg(t.frist, today) if not t.klar else None
            if steg is not None:
                aktuella.append((t, steg))
        if not aktuella:
            continue
        redan = set(
            Paminnelse.objects.filter(forbund=forbund).values_list("rubrik", "frist", "steg")
        )
        nya = [(t, s) for t, s in aktuella if (t.rubrik, t.frist, s) not in redan]
        if not nya:
            continue
        mottagare = _adresser(forbund, (Roll.FORBUNDSCHEF,))
        if not mottagare:
            logger.warning(
                "Påminnelse om tidsfrister: %s har ingen förbundschef med e-post", forbund
            )
            continue
        with transaction.atomic():
            rader = [
                Paminnelse.objects.create(
                    forbund=forbund,
                    rubrik=t.rubrik,
                    frist=t.frist,
                    steg=steg,
                    mottagare=", ".join(mottagare),
                )
                for t, steg in nya
            ]
        try:
            send_mail(
                subject=f"Tidsfrister i Finsam – {forbund.namn}",
                message=render_to_string(
                    "forbund/mail/paminnelse.txt",
                    {
                        "forbund": forbund,
                        "frister": nya,
                        "today": today,
                        "lank": bas_url.rstrip("/") + forbund.get_absolute_url(),
                    },
                ),
                from_email=None,
                recipient_list=mottagare,
            )
        except (smtplib.SMTPException, OSError):
            # Not sent: forget the rows so that the next run tries again.
            Paminnelse.objects.filter(pk__in=[r.pk for r in rader]).delete()
            raise
        skickat.append(Utskick(forbund=forbund, mottagare=mottagare, frister=nya))
    return skickat


def forbund_meddela(
    *, forbund: Forbund, amne: str, text: str, utom_user_id: int | None = None
) -> list[str]:
    """Mail a notice to everyone with a role in the förbund who has an e-mail address
    (except ``utom_user_id``, e.g. who caused it). Returns the addresses. Apps above
    forbund call this from ``transaction.on_commit`` so nothing is sent for a rollback."""
    mottagare = _adresser(forbund, tuple(Roll.values), utom_id=utom_user_id)
    if mottagare:
        send_mail(subject=amne, message=text, from_email=None, recipient_list=mottagare)
    return mottagare
