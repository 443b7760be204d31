from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from forbund.models import Forbund, Medlem


class Insats(models.Model):
    class Typ(models.TextChoices):
        INDIVID = "individ", "Individinriktad"
        STRUKTUR = "struktur", "Strukturövergripande"
        FORSTUDIE = "forstudie", "Förstudie"
        UTVARDERING = "utvardering", "Utvärdering"
        KOMPETENS = "kompetens", "Kompetensinsats"

    class Finansiering(models.TextChoices):
        HEL = "hel", "Helfinansiering"
        DEL = "del", "Delfinansiering"
        SAM = "sam", "Samfinansiering"
        IMPLEMENTERING = "implementering", "Implementeringsfinansiering"
        FORSTUDIE = "forstudie", "Förstudie"

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="insatser")
    namn = models.CharField("namn", max_length=200)
    typ = models.CharField("typ av insats", max_length=20, choices=Typ.choices)
    finansieringsform = models.CharField(
        "finansieringsform", max_length=20, choices=Finansiering.choices, blank=True
    )
    processagare = models.ForeignKey(
        Medlem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agda_insatser",
        verbose_name="processägare (medlem)",
    )
    processagare_annan = models.CharField(
        "processägare (annan organisation)", max_length=200, blank=True
    )
    start = models.DateField("processtid från", null=True, blank=True)
    slut = models.DateField("processtid till och med", null=True, blank=True)
    behovsgrupp = models.TextField("behovsgrupp", blank=True)
    malgrupp = models.TextField("målgrupp", blank=True)
    metod = models.TextField("metod/arbetssätt", blank=True)
    # The insats's object in the ledger (SIE dimension 6), so utfall and budget per insats
    # come from the books.
    objekt = models.OneToOneField(
        "ekonomi.Objekt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="insats",
        verbose_name="objekt i bokföringen",
    )

    class Meta:
        verbose_name = "insats"
        verbose_name_plural = "insatser"
        ordering = ["forbund", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slut__isnull=True) | Q(start__isnull=True) | Q(slut__gte=F("start")),
                name="insats_slut_efter_start",
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse(
            "insatser:insats-detail", kwargs={"orgnr": self.forbund.orgnr, "pk": self.pk}
        )
