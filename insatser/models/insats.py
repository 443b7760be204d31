from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from finsam.begransningar import FaltBegransningar
from forbund.models import Beslut, Forbund, Medlem, Person


class Insats(FaltBegransningar, models.Model):
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
        "processägare (annan organisation eller förvaltning)",
        max_length=200,
        blank=True,
        help_text="En organisation som inte är medlem, eller medlemmens förvaltning.",
    )
    start = models.DateField("processtid från", null=True, blank=True)
    slut = models.DateField("processtid till och med", null=True, blank=True)
    behovsgrupp = models.TextField("behovsgrupp", blank=True)
    malgrupp = models.TextField("målgrupp", blank=True)
    metod = models.TextField("metod/arbetssätt", blank=True)
    samverkande_parter = models.TextField("samverkande parter", blank=True)
    styrgrupp = models.ManyToManyField(
        Person, blank=True, related_name="styrgrupper", verbose_name="styrgrupp"
    )
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

    begransning_falt = {
        "insats_slut_efter_start": "slut",
    }

    class Meta:
        verbose_name = "insats"
        verbose_name_plural = "insatser"
        ordering = ["forbund", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slut__isnull=True) | Q(start__isnull=True) | Q(slut__gte=F("start")),
                name="insats_slut_efter_start",
                violation_error_message="Slutdatum kan inte vara före startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse(
            "insatser:insats-detail", kwargs={"orgnr": self.forbund.orgnr, "pk": self.pk}
        )

    @property
    def ar_individinriktad(self) -> bool:
        return self.typ == self.Typ.INDIVID

    @property
    def processagare_namn(self) -> str:
        delar = [str(self.processagare) if self.processagare_id else "", self.processagare_annan]
        return ", ".join(d for d in delar if d)

    @property
    def aktuell_status(self) -> "InsatsStatus | None":
        """The latest status; uses a prefetched ``statusar`` when there is one."""
        statusar = list(self.statusar.all())
        return max(statusar, key=lambda s: (s.datum, s.pk)) if statusar else None


class InsatsStatus(FaltBegransningar, models.Model):
    """Status over time: one row per change, the latest (by datum) is the current one."""

    class Status(models.TextChoices):
        ANSOKAN = "ansokan", "Ansökan"
        BEVILJAD = "beviljad", "Beviljad"
        PAGAENDE = "pagaende", "Pågående"
        AVSLUTAD = "avslutad", "Avslutad"
        IMPLEMENTERAD = "implementerad", "Implementerad"
        AVBRUTEN = "avbruten", "Avbruten"

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="statusar")
    status = models.CharField("status", max_length=20, choices=Status.choices)
    datum = models.DateField("från datum")
    kommentar = models.CharField("kommentar", max_length=300, blank=True)

    begransning_falt = {
        "en_status_per_dag": "status",
    }

    class Meta:
        verbose_name = "status"
        verbose_name_plural = "statusar"
        ordering = ["insats", "datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "status", "datum"],
                name="en_status_per_dag",
                violation_error_message="Insatsen har redan den statusen den dagen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.datum.isoformat()}"


class Mal(FaltBegransningar, models.Model):
    """A measurable goal: a computable measure compared with a target over a period."""

    class Matt(models.TextChoices):
        DELTAGARE = "deltagare", "Antal deltagare"
        NYA = "nya", "Antal nya deltagare"
        AVSLUTADE = "avslutade", "Antal avslutade"
        ARBETE_STUDIER = "arbete_studier", "Antal avslutade till arbete eller studier"
        ANDEL_ARBETE_STUDIER = (
            "andel_arbete_studier",
            "Andel avslutade till arbete eller studier (%)",
        )
        STRUKTUR = "struktur", "Antal deltagare i strukturinsatsens aktiviteter"

    class Jamforelse(models.TextChoices):
        MINST = "minst", "minst (≥)"
        HOGST = "hogst", "högst (≤)"

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="mal")
    beskrivning = models.CharField("mål", max_length=300)
    matt = models.CharField("mått", max_length=30, choices=Matt.choices)
    jamforelse = models.CharField(
        "jämförelse", max_length=10, choices=Jamforelse.choices, default=Jamforelse.MINST
    )
    malvarde = models.DecimalField("målvärde", max_digits=10, decimal_places=1)
    fran = models.DateField("period från")
    till = models.DateField("period till och med")

    begransning_falt = {
        "mal_till_efter_fran": "till",
        "mal_malvarde_positivt": "malvarde",
    }

    class Meta:
        verbose_name = "mål"
        verbose_name_plural = "mål"
        ordering = ["insats", "fran", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(till__gte=F("fran")),
                name="mal_till_efter_fran",
                violation_error_message="Målperiodens slut kan inte vara före dess början.",
            ),
            models.CheckConstraint(
                condition=Q(malvarde__gte=0),
                name="mal_malvarde_positivt",
                violation_error_message="Målvärdet kan inte vara negativt.",
            ),
        ]

    def __str__(self) -> str:
        return self.beskrivning


class BeviljadeMedel(FaltBegransningar, models.Model):
    """Money granted for one year, by a styrelse decision."""

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="medel")
    ar = models.PositiveSmallIntegerField("år")
    belopp = models.BigIntegerField("belopp (öre)")
    beslut = models.ForeignKey(
        Beslut, on_delete=models.PROTECT, related_name="beviljade_medel", verbose_name="beslut"
    )

    begransning_falt = {
        "medel_en_rad_per_ar": "ar",
        "medel_ej_negativt": "belopp",
    }

    class Meta:
        verbose_name = "beviljade medel"
        verbose_name_plural = "beviljade medel"
        ordering = ["insats", "ar"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "ar"],
                name="medel_en_rad_per_ar",
                violation_error_message="Insatsen har redan beviljade medel för det året.",
            ),
            models.CheckConstraint(
                condition=Q(belopp__gte=0),
                name="medel_ej_negativt",
                violation_error_message="Beloppet kan inte vara negativt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insats} {self.ar}"


def _utvardering_sokvag(instance: "Utvardering", filename: str) -> str:
    return f"utvarderingar/{instance.insats.forbund.orgnr}/{instance.insats_id}/{filename}"


class Utvardering(models.Model):
    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="utvarderingar")
    utforare = models.CharField("utvärderare", max_length=200)
    datum = models.DateField("datum")
    titel = models.CharField("titel", max_length=300, blank=True)
    # MEDIA_ROOT is not served by any URL: the file is handed out by views.utvardering_fil,
    # which checks the user's right in the förbund first.
    rapport = models.FileField("rapport", upload_to=_utvardering_sokvag, blank=True)

    class Meta:
        verbose_name = "utvärdering"
        verbose_name_plural = "utvärderingar"
        ordering = ["insats", "datum", "id"]

    def __str__(self) -> str:
        return self.titel or f"Utvärdering {self.datum.isoformat()}"
