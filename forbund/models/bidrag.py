"""Medlemsbidrag per year: the state allocation and the keys (``Bidragsar``), and each
member's basis and share (``Bidragsandel``); the split is ``forbund.services.bidrag``."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from finsam.begransningar import FaltBegransningar
from forbund.models.organisation import Forbund, Medlem


class Bidragsar(FaltBegransningar, models.Model):
    """The member contributions of one year: the state allocation S and the keys.

    Finsam-lagen 5 §: the state pays ½ (S), the region(s) ¼ (S/2), the kommuner together ¼
    (S/2). How the kommuner (and several regions) share their quarter is a key per year.
    """

    class Nyckel(models.TextChoices):
        BEFOLKNING = "befolkning", "Befolkning 16–64 år"
        FORSORJNING = "forsorjning", "Försörjningsmått"
        VIKTAD = "viktad", "Viktad: befolkning och försörjningsmått"
        FAST = "fast", "Fasta andelar"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="bidragsar")
    ar = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(2004), MaxValueValidator(2100)]
    )
    statlig_tilldelning = models.BigIntegerField(
        "statlig tilldelning (kr)", validators=[MinValueValidator(0)]
    )
    nyckel_kommuner = models.CharField(
        "nyckel för kommunernas fjärdedel", max_length=20, choices=Nyckel.choices
    )
    nyckel_regioner = models.CharField(
        "nyckel för regionernas fjärdedel",
        max_length=20,
        choices=Nyckel.choices,
        default=Nyckel.BEFOLKNING,
        help_text="Används bara när flera regioner är medlemmar.",
    )
    vikt_befolkning = models.DecimalField(
        "andel befolkning i viktad nyckel (%)",
        max_digits=5,
        decimal_places=2,
        default=25,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Resten viktas efter försörjningsmått (t.ex. 25 % / 75 %).",
    )
    beraknat = models.DateTimeField("beräknat", null=True, blank=True)

    begransning_falt = {
        "ett_bidragsar_per_ar": "ar",
        "tilldelning_ej_negativ": "statlig_tilldelning",
    }

    class Meta:
        verbose_name = "medlemsbidrag för ett år"
        verbose_name_plural = "medlemsbidrag per år"
        ordering = ["-ar"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "ar"],
                name="ett_bidragsar_per_ar",
                violation_error_message="Medlemsbidrag för det året finns redan.",
            ),
            models.CheckConstraint(
                condition=Q(statlig_tilldelning__gte=0),
                name="tilldelning_ej_negativ",
                violation_error_message="Den statliga tilldelningen kan inte vara negativ.",
            ),
        ]

    def __str__(self) -> str:
        return f"Medlemsbidrag {self.ar}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:bidrag-detail", kwargs={"orgnr": self.forbund.orgnr, "bidragsar": self.pk}
        )

    @property
    def totalt(self) -> int:
        return 2 * self.statlig_tilldelning


class Bidragsandel(FaltBegransningar, models.Model):
    """One member's basis (population, försörjningsmått, fixed share) and its computed
    contribution in whole kronor."""

    bidragsar = models.ForeignKey(Bidragsar, on_delete=models.CASCADE, related_name="andelar")
    medlem = models.ForeignKey(Medlem, on_delete=models.PROTECT, related_name="bidragsandelar")
    befolkning = models.PositiveIntegerField("befolkning 16–64 år", null=True, blank=True)
    forsorjningsmatt = models.DecimalField(
        "försörjningsmått",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fast_andel = models.DecimalField(
        "fast andel",
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Procent eller belopp: andelarna räknas om till sin summa.",
    )
    belopp = models.BigIntegerField("bidrag (kr)", null=True, blank=True)
    verifikation = models.ForeignKey(
        "ekonomi.Verifikation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="fordringsverifikation",
    )

    begransning_falt = {
        "en_andel_per_medlem": "medlem",
    }

    class Meta:
        verbose_name = "medlemsbidrag"
        verbose_name_plural = "medlemsbidrag"
        ordering = ["bidragsar", "medlem__namn"]
        constraints = [
            models.UniqueConstraint(
                fields=["bidragsar", "medlem"],
                name="en_andel_per_medlem",
                violation_error_message="Medlemmen har redan en andel det året.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medlem}: {self.belopp}"
