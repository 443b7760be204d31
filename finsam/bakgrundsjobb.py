"""The shared shape of a job a background task runs while a page polls it (issue 16.4):
status, progress in percent with the current step, the error text, who ordered it and
when. ``rapporter.Pdfbestallning`` and ``ekonomi.Sieinlasning`` build on it."""

from django.conf import settings
from django.db import models


class Bakgrundsjobb(models.Model):
    """Abstract: the fields and progress of one background job. A subclass adds what the
    job works on and its own ``Meta`` (subclassing ``Bakgrundsjobb.Meta`` keeps the
    ordering, newest first)."""

    class Status(models.TextChoices):
        VANTAR = "vantar", "I kö"
        PAGAR = "pagar", "Pågår"
        KLAR = "klar", "Klar"
        FEL = "fel", "Misslyckades"

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VANTAR)
    procent = models.PositiveSmallIntegerField("klart (%)", default=0)
    steg = models.CharField("steg", max_length=100, blank=True)
    fel = models.TextField("fel", blank=True)
    skapad = models.DateTimeField("beställd", auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-skapad", "-id"]

    @property
    def pagar(self) -> bool:
        """Queued or running: the page keeps polling."""
        return self.status in (self.Status.VANTAR, self.Status.PAGAR)

    def framsteg_spara(self, procent: int, steg: str, **andra) -> None:
        """Record progress (``procent`` 0–100, ``steg`` a short Swedish label) and any other
        fields given (``status=``, ``fel=``, ...) on the row, saving only those fields."""
        for namn, varde in {"procent": procent, "steg": steg, **andra}.items():
            setattr(self, namn, varde)
        self.save(update_fields=["procent", "steg", *andra])
