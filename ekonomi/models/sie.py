"""Records of SIE imports (a finished import, a queued background upload)."""

from django.conf import settings
from django.db import models

from finsam.bakgrundsjobb import Bakgrundsjobb
from forbund.models import Forbund


class SieImport(models.Model):
    class Status(models.TextChoices):
        KLAR = "klar", "Importerad"
        TORRKORNING = "torr", "Provkörning"
        NEKAD = "nekad", "Nekad"

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="sie_importer")
    filnamn = models.CharField("fil", max_length=255)
    sha256 = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    tidpunkt = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    sammanfattning = models.JSONField(default=dict, blank=True)
    varningar = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "SIE-import"
        verbose_name_plural = "SIE-importer"
        ordering = ["-tidpunkt"]

    def __str__(self) -> str:
        return f"{self.filnamn} ({self.tidpunkt:%Y-%m-%d %H:%M})"


class Sieinlasning(Bakgrundsjobb):
    """A large SIE file imported by a background task (issue 16.4): the upload is stored,
    ``ekonomi.sie.tasks.importera_sie`` imports it, and the page shows ``procent`` and
    ``steg`` while it runs, then the import's summary (``sie_import``) or the refusal
    (``fel``, naming the file line like the synchronous import). Status, progress, error,
    who and when come from ``finsam.bakgrundsjobb.Bakgrundsjobb``."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+")
    fil = models.FileField("fil", upload_to="sie/", blank=True)  # removed when done
    filnamn = models.CharField("filnamn", max_length=255)
    standardserie = models.CharField("standardserie", max_length=50)
    bekrafta = models.BooleanField("#FLAGGA 1 bekräftad", default=False)
    sie_import = models.ForeignKey(
        SieImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(Bakgrundsjobb.Meta):
        verbose_name = "SIE-inläsning i bakgrunden"
        verbose_name_plural = "SIE-inläsningar i bakgrunden"

    def __str__(self) -> str:
        return f"{self.filnamn} ({self.get_status_display()})"
