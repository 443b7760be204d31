"""Accounts around the förbund: invitations by e-mail, start passwords that must be
changed, and the per-user index of logged-in sessions (sessions live in the database)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from finsam.begransningar import FaltBegransningar
from forbund.models.organisation import Forbund, Roll


class Inbjudan(FaltBegransningar, models.Model):
    """An invitation to a role in a förbund, sent by e-mail as a signed one-time link.

    Whoever follows the link either creates a new account (choosing a password) or, logged
    in as themselves, links their existing account. Nobody else links an existing account
    to a förbund (except the systemadministratör), so a förbundschef never learns whether
    an account exists.
    """

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="inbjudningar")
    epost = models.EmailField("e-postadress")
    roll = models.CharField("roll", max_length=20, choices=Roll.choices)
    skapad = models.DateTimeField("skickad", default=timezone.now)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    giltig_till = models.DateTimeField("giltig till")
    accepterad = models.DateTimeField("accepterad", null=True, blank=True)
    accepterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aterkallad = models.DateTimeField("återkallad", null=True, blank=True)

    class Meta:
        verbose_name = "inbjudan"
        verbose_name_plural = "inbjudningar"
        ordering = ["-skapad", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(roll__in=["kansli", "forbundschef", "styrelse", "revisor"]),
                name="inbjudan_roll",
                violation_error_message="Välj en av rollerna kansli, förbundschef, styrelse "
                "eller revisor.",
            ),
        ]

    begransning_falt = {"inbjudan_roll": "roll"}

    def __str__(self) -> str:
        return f"Inbjudan till {self.epost} ({self.get_roll_display()}) i {self.forbund}"

    def status(self, now=None) -> str:
        """ "accepterad", "aterkallad", "utgangen" or "vantar"."""
        now = now or timezone.now()
        if self.accepterad:
            return "accepterad"
        if self.aterkallad:
            return "aterkallad"
        if now > self.giltig_till:
            return "utgangen"
        return "vantar"

    def status_text(self) -> str:
        return {
            "accepterad": "Accepterad",
            "aterkallad": "Återkallad",
            "utgangen": "Har gått ut",
            "vantar": "Väntar",
        }[self.status()]


class Startlosenord(models.Model):
    """The user's password was set by someone else: it must be changed at the next login
    (``finsam.middleware.StartlosenordMiddleware``). Deleted when the user sets their own."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="startlosenord",
    )
    satt = models.DateTimeField(default=timezone.now)
    satt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "startlösenord"
        verbose_name_plural = "startlösenord"

    def __str__(self) -> str:
        return f"Startlösenord för {self.user}"


class Inloggning(models.Model):
    """One logged-in session of a user: Django's session table has no user column, so the
    user's sessions are found through this index (kept by
    ``forbund.middleware.SessionIndexMiddleware``). Rows whose session is gone are dropped
    when the list is read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inloggningar"
    )
    session_key = models.CharField(max_length=40, unique=True)
    skapad = models.DateTimeField("inloggad", default=timezone.now)
    ip = models.GenericIPAddressField("IP-adress", null=True, blank=True)
    webblasare = models.CharField("webbläsare", max_length=300, blank=True)

    class Meta:
        verbose_name = "inloggning"
        verbose_name_plural = "inloggningar"
        ordering = ["-skapad", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.skapad:%Y-%m-%d %H:%M}"


class Paminnelse(FaltBegransningar, models.Model):
    """A deadline reminder mailed to a förbund's förbundschefer: one row per deadline and
    step (30, 7 and 1 days before, then once when overdue), so the daily command never
    sends the same reminder twice."""

    class Steg(models.TextChoices):
        TRETTIO = "30", "30 dagar kvar"
        SJU = "7", "7 dagar kvar"
        EN = "1", "1 dag kvar"
        FORSENAD = "forsenad", "Försenad"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="paminnelser")
    rubrik = models.CharField("tidsfrist", max_length=200)
    frist = models.DateField("datum")
    steg = models.CharField(max_length=10, choices=Steg.choices)
    skickad = models.DateTimeField(default=timezone.now)
    mottagare = models.TextField(blank=True)

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        ordering = ["-skickad", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "rubrik", "frist", "steg"],
                name="en_paminnelse_per_steg",
                violation_error_message="Påminnelsen för den här fristen och dagen är redan "
                "skickad.",
            ),
        ]

    # Written by the reminder command only, never through a form: a whole-object rule.
    begransning_falt = {"en_paminnelse_per_steg": None}

    def __str__(self) -> str:
        return f"{self.rubrik} ({self.get_steg_display()})"
