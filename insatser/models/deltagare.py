"""Participants of individinriktade insatser, their outcomes, and the counts kept where no
individual record may be kept (no written consent, protected identity, consent withdrawn).

No personnummer is ever stored: a participant is known by a local pseudonymous code.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund, Medlem
from insatser.models.insats import Insats
from insatser.validators import validera_deltagarkod


class Kon(models.TextChoices):
    KVINNA = "K", "Kvinna"
    MAN = "M", "Man"
    ANNAT = "A", "Annat/uppgift saknas"


class Aldersgrupp(models.TextChoices):
    U16_19 = "16-19", "16–19 år"
    U20_24 = "20-24", "20–24 år"
    U25_29 = "25-29", "25–29 år"
    V30_39 = "30-39", "30–39 år"
    V40_49 = "40-49", "40–49 år"
    V50_59 = "50-59", "50–59 år"
    V60_64 = "60-64", "60–64 år"
    OVER64 = "65-", "65 år och äldre"

    @classmethod
    def for_alder(cls, alder: int) -> "Aldersgrupp | None":
        if alder < 16:
            return None
        for grupp in cls:
            lag, _, hog = grupp.value.partition("-")
            if int(lag) <= alder and (not hog or alder <= int(hog)):
                return grupp
        return None  # pragma: no cover - the last band is open


class Forsorjning(models.TextChoices):
    """SCB's groups of försörjning (DOMAIN.md §3)."""

    OHALSA = "ohalsa", "Ohälsa (sjukpenning, sjuk- och aktivitetsersättning)"
    ARBETSMARKNAD = "arbetsmarknad", "Arbetsmarknadsstöd (a-kassa, aktivitetsstöd m.m.)"
    BISTAND = "bistand", "Ekonomiskt bistånd"
    LON = "lon", "Lön"
    STUDIEMEDEL = "studiemedel", "Studiemedel"
    INGEN = "ingen", "Ingen ersättning"
    OKAND = "okand", "Uppgift saknas"


class Utbildningsniva(models.TextChoices):
    FORGYMNASIAL = "forgymnasial", "Förgymnasial"
    GYMNASIAL = "gymnasial", "Gymnasial"
    EFTERGYMNASIAL = "eftergymnasial", "Eftergymnasial"
    OKAND = "okand", "Uppgift saknas"


class TidOffentligForsorjning(models.TextChoices):
    UNDER_1 = "0-1", "Under 1 år"
    AR_1_2 = "1-2", "1–2 år"
    AR_3_5 = "3-5", "3–5 år"
    OVER_5 = "5-", "Mer än 5 år"
    OKAND = "okand", "Uppgift saknas"


class Sysselsattning(models.TextChoices):
    ARBETE = "arbete", "Arbete"
    STUDIER = "studier", "Studier"
    ARBETSSOKANDE = "arbetssokande", "Aktivt arbetssökande"
    REHABILITERING = "rehabilitering", "Fortsatt rehabilitering"
    INGEN = "ingen", "Ingen sysselsättning"
    OKAND = "okand", "Uppgift saknas"


class Avslutsorsak(FaltBegransningar, models.Model):
    """Editable code table. Rows without förbund are shared by all (seeded by migration
    0003); a förbund may add its own codes."""

    forbund = models.ForeignKey(
        Forbund,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="avslutsorsaker",
        help_text="Tomt = gemensam kod för alla förbund.",
    )
    kod = models.CharField("kod", max_length=30)
    namn = models.CharField("benämning", max_length=200)
    arbete_studier = models.BooleanField(
        "räknas som arbete eller studier",
        default=False,
        help_text="Räknas in i andelen avslutade till arbete eller studier.",
    )
    aktiv = models.BooleanField("aktiv", default=True)
    # A felregistrering ends a participation that should never have been there: it is
    # kept (the trail stays whole) but left out of every statistic.
    raknas = models.BooleanField(
        "räknas i statistiken",
        default=True,
        help_text="Nej för t.ex. felregistrering: deltagandet räknas inte alls.",
    )
    ordning = models.PositiveSmallIntegerField("ordning", default=100)

    begransning_falt = {
        "unik_avslutsorsak_per_forbund": "kod",
        "unik_gemensam_avslutsorsak": "kod",
    }

    class Meta:
        verbose_name = "avslutsorsak"
        verbose_name_plural = "avslutsorsaker"
        ordering = ["ordning", "kod"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "kod"],
                name="unik_avslutsorsak_per_forbund",
                violation_error_message="Det finns redan en avslutsorsak med den koden.",
            ),
            models.UniqueConstraint(
                fields=["kod"],
                condition=Q(forbund__isnull=True),
                name="unik_gemensam_avslutsorsak",
                violation_error_message="Det finns redan en gemensam avslutsorsak med den koden.",
            ),
        ]

    def __str__(self) -> str:
        return self.namn


class Deltagande(FaltBegransningar, models.Model):
    """One person's participation in one insats, under a local pseudonymous code."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="deltaganden")
    kod = models.CharField(
        "deltagarkod",
        max_length=30,
        help_text="Lokal kod (pseudonym). Aldrig personnummer.",
        validators=[validera_deltagarkod],
    )
    kon = models.CharField("kön", max_length=1, choices=Kon.choices)
    fodelsear = models.PositiveSmallIntegerField("födelseår", null=True, blank=True)
    aldersgrupp = models.CharField(
        "åldersgrupp", max_length=5, choices=Aldersgrupp.choices, blank=True
    )
    remitterande = models.ForeignKey(
        Medlem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remitterade",
        verbose_name="remitterande part",
    )
    start = models.DateField("startdatum")
    forsorjning_start = models.CharField(
        "försörjning vid start",
        max_length=20,
        choices=Forsorjning.choices,
        default=Forsorjning.OKAND,
    )
    utbildningsniva = models.CharField(
        "utbildningsnivå",
        max_length=20,
        choices=Utbildningsniva.choices,
        default=Utbildningsniva.OKAND,
    )
    tid_offentlig_forsorjning = models.CharField(
        "tid i offentlig försörjning",
        max_length=10,
        choices=TidOffentligForsorjning.choices,
        default=TidOffentligForsorjning.OKAND,
    )
    slut = models.DateField("slutdatum", null=True, blank=True)
    avslutsorsak = models.ForeignKey(
        Avslutsorsak,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deltaganden",
        verbose_name="avslutsorsak",
    )
    sysselsattning_slut = models.CharField(
        "sysselsättning vid avslut", max_length=20, choices=Sysselsattning.choices, blank=True
    )
    forsorjning_slut = models.CharField(
        "försörjning vid avslut", max_length=20, choices=Forsorjning.choices, blank=True
    )
    # An individual record exists only with written consent; without it (or when it is
    # withdrawn) the participant is an anonymous count (AnonymaDeltagare).
    samtycke_datum = models.DateField("skriftligt samtycke lämnat")

    begransning_falt = {
        "unik_deltagarkod_per_insats": "kod",
        "deltagande_slut_efter_start": "slut",
        "deltagande_avslutsorsak_kraver_slut": "slut",
    }

    class Meta:
        verbose_name = "deltagande"
        verbose_name_plural = "deltaganden"
        ordering = ["insats", "start", "kod"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "kod"],
                name="unik_deltagarkod_per_insats",
                violation_error_message="Deltagarkoden finns redan i insatsen.",
            ),
            models.CheckConstraint(
                condition=Q(slut__isnull=True) | Q(slut__gte=F("start")),
                name="deltagande_slut_efter_start",
                violation_error_message="Slutdatum kan inte vara före startdatum.",
            ),
            models.CheckConstraint(
                condition=Q(avslutsorsak__isnull=True) | Q(slut__isnull=False),
                name="deltagande_avslutsorsak_kraver_slut",
                violation_error_message="Ange slutdatum när en avslutsorsak är vald.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kod} i {self.insats}"

    def get_absolute_url(self) -> str:
        return reverse(
            "insatser:deltagare-update",
            kwargs={"orgnr": self.insats.forbund.orgnr, "deltagande": self.pk},
        )

    @property
    def samtycke_text(self) -> str:
        return f"Skriftligt samtycke {self.samtycke_datum.isoformat()}"


class AnonymaDeltagare(FaltBegransningar, models.Model):
    """Participants known only as a count per year and kön."""

    class Skal(models.TextChoices):
        UTAN_SAMTYCKE = "utan_samtycke", "Utan skriftligt samtycke"
        SKYDDAD = "skyddad", "Skyddad identitet"
        ATERTAGET = "atertaget", "Samtycke återtaget"

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="anonyma")
    ar = models.PositiveSmallIntegerField("år")
    kon = models.CharField("kön", max_length=1, choices=Kon.choices)
    skal = models.CharField("skäl", max_length=20, choices=Skal.choices)
    antal = models.PositiveIntegerField("antal")

    begransning_falt = {
        "en_anonym_rad_per_ar_kon_skal": "ar",
    }

    class Meta:
        verbose_name = "anonyma deltagare"
        verbose_name_plural = "anonyma deltagare"
        ordering = ["insats", "ar", "kon", "skal"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "ar", "kon", "skal"],
                name="en_anonym_rad_per_ar_kon_skal",
                violation_error_message="Det finns redan en rad för det året, könet och skälet.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insats} {self.ar} {self.get_kon_display()}: {self.antal}"


class Strukturaktivitet(models.Model):
    """Counts for strukturövergripande work: 105 chefer at an inspirationsdag."""

    insats = models.ForeignKey(
        Insats, on_delete=models.CASCADE, related_name="strukturaktiviteter"
    )
    datum = models.DateField("datum")
    namn = models.CharField("aktivitet", max_length=200)
    kategori = models.CharField(
        "deltagarkategori", max_length=100, blank=True, help_text="t.ex. chefer, handläggare"
    )
    antal = models.PositiveIntegerField("antal deltagare")

    class Meta:
        verbose_name = "strukturaktivitet"
        verbose_name_plural = "strukturaktiviteter"
        ordering = ["insats", "datum", "id"]

    def __str__(self) -> str:
        return f"{self.namn} {self.datum.isoformat()}"
