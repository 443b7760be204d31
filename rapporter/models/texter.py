"""What a förbund writes and chooses in its reports: narrative sections, the sections'
order and headings, and forecast overrides."""

from django.db import models

from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund
from rapporter.models.rapport import Rapporttyp


class Berattelseavsnitt(FaltBegransningar, models.Model):
    """The narrative text of one section of a report (one per förbund, report kind, year
    and section key, see :mod:`rapporter.struktur`), stored as sanitised HTML."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="berattelser")
    rapport = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    nyckel = models.SlugField("avsnitt", max_length=40)
    text = models.TextField("text", blank=True)

    begransning_falt = {
        "ett_avsnitt_per_nyckel": "nyckel",
    }

    class Meta:
        verbose_name = "berättelseavsnitt"
        verbose_name_plural = "berättelseavsnitt"
        ordering = ["forbund", "ar", "rapport", "nyckel"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "rapport", "ar", "nyckel"],
                name="ett_avsnitt_per_nyckel",
                violation_error_message="Avsnittet finns redan för året.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nyckel} {self.ar}"


class Avsnittsval(FaltBegransningar, models.Model):
    """A förbund's choice for one section of a report kind, for every year: its place,
    its own heading, hidden or not; or a section of its own (``egen``, narrative only)."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="avsnittsval")
    rapport = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    nyckel = models.SlugField("avsnitt", max_length=40)
    ordning = models.PositiveIntegerField("ordning")
    rubrik = models.CharField("egen rubrik", max_length=200, blank=True)
    dold = models.BooleanField("dölj avsnittet", default=False)
    egen = models.BooleanField("eget avsnitt", default=False)

    begransning_falt = {
        "ett_val_per_avsnitt": "nyckel",
    }

    class Meta:
        verbose_name = "avsnittsval"
        verbose_name_plural = "avsnittsval"
        ordering = ["forbund", "rapport", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "rapport", "nyckel"],
                name="ett_val_per_avsnitt",
                violation_error_message="Avsnittet finns redan i rapporten.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rubrik or self.nyckel} ({self.get_rapport_display()})"


class Prognosjustering(FaltBegransningar, models.Model):
    """The helårsprognos of one resultaträkning line, set by hand (presented sign, öre)."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="prognoser")
    ar = models.PositiveSmallIntegerField("år")
    radkod = models.SlugField("radkod", max_length=20)
    belopp = models.BigIntegerField("prognos (öre, som i rapporten)")
    kommentar = models.CharField("kommentar", max_length=300)

    begransning_falt = {
        "en_prognos_per_rad": "radkod",
    }

    class Meta:
        verbose_name = "prognosjustering"
        verbose_name_plural = "prognosjusteringar"
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "ar", "radkod"],
                name="en_prognos_per_rad",
                violation_error_message="Det finns redan en prognosjustering för raden det året.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.radkod} {self.ar}"
