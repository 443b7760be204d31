"""Budget versions and their rows."""

from django.db import models
from django.db.models import Q

from finsam.begransningar import FaltBegransningar

from .ar import Rakenskapsar
from .kontoplan import Konto, Objekt


class Budgetversion(FaltBegransningar, models.Model):
    class Typ(models.TextChoices):
        BUDGET = "budget", "Budget"
        REVIDERAD = "reviderad", "Reviderad budget"
        PROGNOS = "prognos", "Prognos"

    rakenskapsar = models.ForeignKey(
        Rakenskapsar, on_delete=models.PROTECT, related_name="budgetversioner"
    )
    typ = models.CharField("typ", max_length=10, choices=Typ.choices, default=Typ.BUDGET)
    namn = models.CharField("namn", max_length=100)
    skapad = models.DateTimeField(auto_now_add=True)

    begransning_falt = {
        "unikt_budgetnamn": "namn",
    }

    class Meta:
        verbose_name = "budgetversion"
        verbose_name_plural = "budgetversioner"
        ordering = ["rakenskapsar", "skapad"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakenskapsar", "namn"],
                name="unikt_budgetnamn",
                violation_error_message=(
                    "Det finns redan en budgetversion med det namnet för året."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.namn} {self.rakenskapsar}"


class Budgetrad(FaltBegransningar, models.Model):
    """Budget per account × object; ``manad`` 1–12 for a monthly split, null for the year.

    ``ar`` is the calendar year of that month, so a räkenskapsår longer than 12 months
    (a first year of 18, say) keeps August of both years apart. Null with a month means the
    month's first occurrence in the räkenskapsår (see ``period``)."""

    version = models.ForeignKey(Budgetversion, on_delete=models.CASCADE, related_name="rader")
    konto = models.ForeignKey(Konto, on_delete=models.PROTECT, related_name="budgetrader")
    objekt = models.ForeignKey(
        Objekt, on_delete=models.PROTECT, null=True, blank=True, related_name="budgetrader"
    )
    manad = models.PositiveSmallIntegerField("månad", null=True, blank=True)
    ar = models.PositiveSmallIntegerField("månadens år", null=True, blank=True)
    belopp = models.BigIntegerField("belopp (öre)")

    begransning_falt = {
        "budget_manad_1_12": "manad",
        "budget_ar_med_manad": "ar",
    }

    class Meta:
        verbose_name = "budgetrad"
        verbose_name_plural = "budgetrader"
        constraints = [
            models.CheckConstraint(
                condition=Q(manad__isnull=True) | (Q(manad__gte=1) & Q(manad__lte=12)),
                name="budget_manad_1_12",
                violation_error_message="Månaden anges med 1–12.",
            ),
            models.CheckConstraint(
                condition=Q(ar__isnull=True) | Q(manad__isnull=False),
                name="budget_ar_med_manad",
                violation_error_message="Året anges bara tillsammans med en månad.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.konto.nummer} {self.belopp}"

    @staticmethod
    def manadens_ar(rakenskapsar: "Rakenskapsar", manad: int) -> int:
        """The calendar year of month ``manad`` (1–12) at its first occurrence in the year."""
        start = rakenskapsar.start
        return start.year if manad >= start.month else start.year + 1

    def period(self, rakenskapsar: "Rakenskapsar") -> tuple[int, int] | None:
        """(year, month) of a monthly row, None for a yearly one."""
        if self.manad is None:
            return None
        return (self.ar or self.manadens_ar(rakenskapsar, self.manad), self.manad)
