"""Räkenskapsår and its monthly periods (locking, unlocking with a logged reason)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund


class Rakenskapsar(FaltBegransningar, models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="rakenskapsar")
    start = models.DateField("första dag")
    slut = models.DateField("sista dag")
    stangt = models.BooleanField("bokslut gjort", default=False)

    begransning_falt = {
        "ett_ar_per_start": "start",
        "ar_slut_efter_start": "slut",
    }

    class Meta:
        verbose_name = "räkenskapsår"
        verbose_name_plural = "räkenskapsår"
        ordering = ["forbund", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "start"],
                name="ett_ar_per_start",
                violation_error_message="Det finns redan ett räkenskapsår som börjar den dagen.",
            ),
            models.CheckConstraint(
                condition=Q(slut__gt=F("start")),
                name="ar_slut_efter_start",
                violation_error_message=(
                    "Räkenskapsårets sista dag måste vara efter dess första dag."
                ),
            ),
        ]

    def __str__(self) -> str:
        return (
            str(self.slut.year)
            if self.start.year == self.slut.year
            else (f"{self.start.isoformat()}–{self.slut.isoformat()}")
        )

    @property
    def ar(self) -> int:
        return self.slut.year


class Period(FaltBegransningar, models.Model):
    rakenskapsar = models.ForeignKey(
        Rakenskapsar, on_delete=models.CASCADE, related_name="perioder"
    )
    start = models.DateField()
    slut = models.DateField()
    last = models.BooleanField("låst", default=False)
    # Unlocking goes through the database (migration 0011): the UPDATE that sets ``last``
    # false must carry a reason (and who); a trigger writes the audit row from them in the
    # same statement and clears both, so no unlock is ever unlogged, even in raw SQL.
    upplasningsorsak = models.CharField(
        "orsak till upplåsning", max_length=300, blank=True, default="", db_default=""
    )
    upplast_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    begransning_falt = {
        "en_period_per_start": "start",
    }

    class Meta:
        verbose_name = "period"
        verbose_name_plural = "perioder"
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakenskapsar", "start"],
                name="en_period_per_start",
                violation_error_message="Det finns redan en period som börjar den dagen.",
            ),
        ]

    def __str__(self) -> str:
        return self.start.strftime("%Y-%m")
