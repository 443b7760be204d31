"""Fastställda reports, the register facts a report may go without, and the background
orders of report PDFs."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from finsam.bakgrundsjobb import Bakgrundsjobb
from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund


class Rapporttyp(models.TextChoices):
    ARSREDOVISNING = "arsredovisning", "Årsredovisning"
    DELARSRAPPORT = "delarsrapport", "Delårsrapport"
    VERKSAMHETSPLAN = "verksamhetsplan", "Verksamhetsplan med budget"


class Rapport(FaltBegransningar, models.Model):
    """A fastställd report: the stored PDF, its checksum and the fingerprint of its figures."""

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        FASTSTALLD = "faststalld", "Fastställd"

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="rapporter")
    typ = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    till = models.DateField("till och med")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UTKAST)
    faststalld = models.DateTimeField("fastställd", null=True, blank=True)
    faststalld_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf = models.FileField("PDF", upload_to="rapporter/", blank=True)
    sha256 = models.CharField("SHA-256 (PDF)", max_length=64, blank=True)
    fingeravtryck = models.CharField("fingeravtryck (siffror)", max_length=64, blank=True)
    beslut = models.ForeignKey(
        "forbund.Beslut",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="styrelsens beslut",
    )

    begransning_falt = {
        "en_faststalld_per_rapport": "till",
    }

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporter"
        ordering = ["forbund", "-ar", "typ"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "typ", "till"],
                condition=Q(status="faststalld"),
                name="en_faststalld_per_rapport",
                violation_error_message="Rapporten för den perioden är redan fastställd.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.ar} ({self.get_status_display()})"


class Uppgiftsundantag(FaltBegransningar, models.Model):
    """A register fact a report lacks, marked "ej tillämpligt" with a reason (e.g. no
    sammanträden in a förbund's first weeks), so fastställ may proceed without it."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="undantag")
    rapport = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    nyckel = models.CharField("uppgift", max_length=20)
    motivering = models.CharField("motivering", max_length=300)
    markerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    markerad = models.DateTimeField("markerad", auto_now_add=True)

    begransning_falt = {"ett_undantag_per_uppgift": "nyckel"}

    class Meta:
        verbose_name = "uppgift som ej är tillämplig"
        verbose_name_plural = "uppgifter som ej är tillämpliga"
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "rapport", "ar", "nyckel"],
                name="ett_undantag_per_uppgift",
                violation_error_message="Uppgiften är redan markerad som ej tillämplig.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rapport_display()} {self.ar}: {self.nyckel} ej tillämplig"


class Pdfbestallning(Bakgrundsjobb):
    """A report's PDF, rendered by a background task (issue 16.4): the page shows
    ``procent`` and ``steg`` while it runs and serves the stored file when it is done.
    A draft's PDF is stored on the order; an approval's (``rapport`` set) is rendered once
    into the fastställd ``Rapport`` and never again. Status, progress, error and orderer
    are ``finsam.bakgrundsjobb.Bakgrundsjobb``'s."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+")
    typ = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    till = models.DateField("till och med", null=True, blank=True)
    enhet = models.CharField("enhet", max_length=8, blank=True)
    pdf = models.FileField("PDF", upload_to="utkast/", blank=True)
    # An approval's order: the fastställd report whose PDF the task renders (once, into
    # ``Rapport.pdf``) and the HTML frozen at the approval, so the PDF shows exactly what
    # was approved even when texts change while it waits in the queue.
    rapport = models.OneToOneField(
        Rapport, on_delete=models.CASCADE, null=True, blank=True, related_name="bestallning"
    )
    html = models.TextField("HTML vid fastställelsen", blank=True)

    class Meta(Bakgrundsjobb.Meta):
        verbose_name = "PDF-beställning"
        verbose_name_plural = "PDF-beställningar"

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.ar} ({self.get_status_display()})"

    @property
    def skyddad(self) -> bool:
        """A draft ordered by a role without participant rights in the förbund (one
        query): its participant figures are protected and rounded, as on screen (issue
        17.3). An approval's order (``rapport`` set) is exact."""
        from forbund.access import Ratt, har_ratt
        from forbund.models import Behorighet

        if self.rapport_id:
            return False
        roll = (
            Behorighet.objects.filter(user_id=self.skapad_av_id, forbund_id=self.forbund_id)
            .values_list("roll", flat=True)
            .first()
        )
        return not har_ratt(roll, Ratt.DELTAGARE)

    def clean(self):
        """A draft delårsrapport ordered by a role without participant rights covers
        1 January to a month's last day only, as on screen (issue 17.3): PDFs a day apart
        would single out a participant by difference."""
        import datetime

        from django.core.exceptions import ValidationError

        super().clean()
        if self.typ != Rapporttyp.DELARSRAPPORT or self.till is None or self.rapport_id:
            return
        if (self.till + datetime.timedelta(days=1)).day == 1:
            return
        if self.skyddad:
            raise ValidationError(
                {"till": "Din roll kan ta ut delårsrapporten per en månads sista dag."}
            )
