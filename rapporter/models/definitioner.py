"""Report definitions: which accounts land on which line of a förbund's resultaträkning,
balansräkning, kassaflödesanalys and driftredovisning."""

from django.db import models

from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund


class Rapportdefinition(FaltBegransningar, models.Model):
    class Typ(models.TextChoices):
        RESULTATRAKNING = "rr", "Resultaträkning"
        BALANSRAKNING = "br", "Balansräkning"
        KASSAFLODE = "kf", "Kassaflödesanalys"
        DRIFT = "dr", "Driftredovisning"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="rapportdef")
    typ = models.CharField("typ", max_length=2, choices=Typ.choices)
    namn = models.CharField("namn", max_length=100)

    begransning_falt = {
        "en_definition_per_typ": "typ",
    }

    class Meta:
        verbose_name = "rapportdefinition"
        verbose_name_plural = "rapportdefinitioner"
        ordering = ["forbund", "typ"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "typ"],
                name="en_definition_per_typ",
                violation_error_message="Förbundet har redan en definition av den rapporttypen.",
            ),
        ]

    def __str__(self) -> str:
        return self.namn


class Rapportrad(FaltBegransningar, models.Model):
    class Typ(models.TextChoices):
        RUBRIK = "rubrik", "Rubrik (inga belopp)"
        KONTON = "konton", "Summa av konton"
        SUMMA = "summa", "Delsumma av andra rader"
        RESULTAT = "resultat", "Årets resultat (beräknat)"
        LIKVIDA_IB = "likvida_ib", "Likvida medel vid periodens början"
        LIKVIDA_UB = "likvida_ub", "Likvida medel vid periodens slut"

    class Not(models.TextChoices):
        INGEN = "", "Ingen not"
        PER_KONTO = "konto", "Not per konto"
        PER_MEDLEM = "medlem", "Not per medlem"
        PER_INSATS = "insats", "Not per insats"
        PER_OBJEKT = "objekt", "Not per objekt i en dimension"

    definition = models.ForeignKey(
        Rapportdefinition, on_delete=models.CASCADE, related_name="rader"
    )
    ordning = models.PositiveIntegerField("ordning")
    kod = models.SlugField("kod", max_length=20)
    rubrik = models.CharField("rubrik", max_length=200)
    typ = models.CharField("radtyp", max_length=10, choices=Typ.choices)
    konton = models.CharField(
        "kontointervall",
        max_length=200,
        blank=True,
        help_text="Kontonummer eller början av kontonummer, t.ex. ”30-39” eller ”84, 8590”.",
    )
    kontotyp = models.CharField(
        "kontotyper",
        max_length=4,
        blank=True,
        help_text="Tomt = alla, annars t.ex. ”IK” eller ”T”.",
    )
    formel = models.CharField(
        "delsumma av", max_length=200, blank=True, help_text="Radkoder med tecken, t.ex. ”VI+VK”."
    )
    tecken = models.SmallIntegerField(
        "tecken", default=-1, choices=[(1, "+ (debet positivt)"), (-1, "− (kredit positivt)")]
    )
    # In a driftredovisning ``not_typ`` says how the line is specified: one row per
    # account ("konto") or per insats ("insats"); without it the line is one row.
    not_typ = models.CharField("not", max_length=10, choices=Not.choices, blank=True)
    not_dimension = models.PositiveSmallIntegerField(
        "dimension för noten",
        null=True,
        blank=True,
        help_text="För en not per objekt: dimensionens nummer, t.ex. en motpartsdimension "
        "(leverantörer, fordringsägare).",
    )

    begransning_falt = {
        "unik_radkod": "kod",
    }

    class Meta:
        verbose_name = "rapportrad"
        verbose_name_plural = "rapportrader"
        ordering = ["definition", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "kod"],
                name="unik_radkod",
                violation_error_message="Radkoden finns redan i definitionen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kod} {self.rubrik}"
