from django.db import models

from finsam.begransningar import FaltBegransningar

# Without a role set in the onboarding, an object named like this is administration, not
# an insats (so the SIE import creates no insats for it and reports do not sum it under
# "Summa insatser").
ADMINISTRATIONSORD = ("administration", "kansli")


def ar_administrationsnamn(namn: str) -> bool:
    """Whether an object's name says administration/kansli (case-insensitive)."""
    namn = (namn or "").lower()
    return any(ord_ in namn for ord_ in ADMINISTRATIONSORD)


class Objektroll(FaltBegransningar, models.Model):
    """What an object of the ledger (any dimension) stands for in the reports: an insats
    (summed under "Summa insatser"), administration/kansli, or something else. Set in the
    onboarding after an SIE import; an object without a role falls back to the rule in
    ``rapporter.aggregering.insatsobjekt``."""

    class Roll(models.TextChoices):
        INSATS = "insats", "Insats"
        ADMINISTRATION = "administration", "Administration/kansli"
        OVRIGT = "ovrigt", "Övrigt"

    objekt = models.OneToOneField(
        "ekonomi.Objekt", on_delete=models.CASCADE, related_name="roll", verbose_name="objekt"
    )
    roll = models.CharField("används för", max_length=20, choices=Roll.choices)

    begransning_falt = {"objektroll_roll": "roll"}

    class Meta:
        verbose_name = "objektets roll"
        verbose_name_plural = "objektens roller"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(roll__in=["insats", "administration", "ovrigt"]),
                name="objektroll_roll",
                violation_error_message="Välj insats, administration/kansli eller övrigt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objekt}: {self.get_roll_display()}"
