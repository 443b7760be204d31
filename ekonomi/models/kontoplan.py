"""The chart of accounts: report lines, accounts, dimensions and their objects."""

from django.db import models
from django.db.models import Q

from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund


class Rapportrad(models.TextChoices):
    """The line of the resultaträkning (rr_) or balansräkning (br_) an account belongs to.

    The kassaflödesanalys (indirect method) follows from the balance lines: ``br_kassa``
    is likvida medel, changes in ``br_fordringar`` and ``br_kortfristiga`` are the
    working-capital lines, ``br_anlaggning`` investering, ``br_langfristiga`` finansiering
    (see ``KASSAFLODE``).
    """

    RR_MEDLEMSBIDRAG = "rr_medlemsbidrag", "RR: Medlemsinsatser"
    RR_OVRIGA_INTAKTER = "rr_ovriga_intakter", "RR: Övriga verksamhetsintäkter"
    RR_LAMNADE_BIDRAG = "rr_lamnade_bidrag", "RR: Externa kostnader – lämnade bidrag"
    RR_EXTERNA = "rr_externa", "RR: Externa kostnader – övriga"
    RR_PERSONAL = "rr_personal", "RR: Personalkostnader"
    RR_AVSKRIVNINGAR = "rr_avskrivningar", "RR: Avskrivningar"
    RR_FIN_INTAKTER = "rr_fin_intakter", "RR: Finansiella intäkter"
    RR_FIN_KOSTNADER = "rr_fin_kostnader", "RR: Finansiella kostnader"
    RR_EXTRAORDINARA = "rr_extraordinara", "RR: Extraordinära poster"
    BR_ANLAGGNING = "br_anlaggning", "BR: Anläggningstillgångar"
    BR_FORDRINGAR = "br_fordringar", "BR: Kortfristiga fordringar"
    BR_PLACERINGAR = "br_placeringar", "BR: Kortfristiga placeringar"
    BR_KASSA = "br_kassa", "BR: Kassa och bank"
    BR_EGET_KAPITAL = "br_eget_kapital", "BR: Eget kapital"
    BR_AVSATTNINGAR = "br_avsattningar", "BR: Avsättningar"
    BR_LANGFRISTIGA = "br_langfristiga", "BR: Långfristiga skulder"
    BR_KORTFRISTIGA = "br_kortfristiga", "BR: Kortfristiga skulder"


KASSAFLODE = {
    Rapportrad.BR_FORDRINGAR: "Förändring av kortfristiga fordringar",
    Rapportrad.BR_KORTFRISTIGA: "Förändring av kortfristiga skulder",
    Rapportrad.BR_AVSATTNINGAR: "Förändring av avsättningar",
    Rapportrad.BR_ANLAGGNING: "Investeringsverksamhet",
    Rapportrad.BR_LANGFRISTIGA: "Finansieringsverksamhet",
    Rapportrad.BR_PLACERINGAR: "Likvida medel",
    Rapportrad.BR_KASSA: "Likvida medel",
}


class Konto(FaltBegransningar, models.Model):
    class Typ(models.TextChoices):
        TILLGANG = "T", "Tillgång"
        SKULD = "S", "Skuld / eget kapital"
        INTAKT = "I", "Intäkt"
        KOSTNAD = "K", "Kostnad"

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="konton")
    nummer = models.CharField("kontonummer", max_length=10)
    namn = models.CharField("kontonamn", max_length=200)
    typ = models.CharField("kontotyp", max_length=1, choices=Typ.choices)
    aktiv = models.BooleanField("aktivt", default=True)
    rapportrad = models.CharField(
        "rad i resultat-/balansräkningen", max_length=30, choices=Rapportrad.choices, blank=True
    )

    begransning_falt = {
        "unikt_kontonummer": "nummer",
        "konto_typ": "typ",
    }

    class Meta:
        verbose_name = "konto"
        verbose_name_plural = "konton"
        ordering = ["forbund", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "nummer"],
                name="unikt_kontonummer",
                violation_error_message="Kontonumret finns redan i kontoplanen.",
            ),
            models.CheckConstraint(
                condition=Q(typ__in=["T", "S", "I", "K"]),
                name="konto_typ",
                violation_error_message=(
                    "Kontotypen är T (tillgång), S (skuld), I (intäkt) eller K (kostnad)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.namn}"

    @property
    def ar_balanskonto(self) -> bool:
        return self.typ in (self.Typ.TILLGANG, self.Typ.SKULD)


class Dimension(FaltBegransningar, models.Model):
    """SIE dimensions: 1 Kostnadsställe, 6 Projekt (= insats), and free ones."""

    KOSTNADSSTALLE = 1
    PROJEKT = 6

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="dimensioner")
    nummer = models.PositiveIntegerField("dimensionsnummer")
    namn = models.CharField("namn", max_length=100)
    overordnad = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="underdimensioner"
    )

    begransning_falt = {
        "unik_dimension": "nummer",
    }

    class Meta:
        verbose_name = "dimension"
        verbose_name_plural = "dimensioner"
        ordering = ["forbund", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "nummer"],
                name="unik_dimension",
                violation_error_message="Dimensionen finns redan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.namn}"


class Objekt(FaltBegransningar, models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="objekt")
    kod = models.CharField("objektkod", max_length=50)
    namn = models.CharField("namn", max_length=200)
    aktiv = models.BooleanField("aktivt", default=True)

    begransning_falt = {
        "unik_objektkod": "kod",
    }

    class Meta:
        verbose_name = "objekt"
        verbose_name_plural = "objekt"
        ordering = ["dimension", "kod"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "kod"],
                name="unik_objektkod",
                violation_error_message="Objektkoden finns redan i dimensionen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kod} {self.namn}"
