from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from finsam.begransningar import FaltBegransningar
from forbund.validators import validera_orgnr


class Roll(models.TextChoices):
    KANSLI = "kansli", "Kansli"
    FORBUNDSCHEF = "forbundschef", "Förbundschef"
    STYRELSE = "styrelse", "Styrelse"
    REVISOR = "revisor", "Revisor"


class Forbund(models.Model):
    namn = models.CharField("namn", max_length=200)
    orgnr = models.CharField(
        "organisationsnummer", max_length=11, unique=True, validators=[validera_orgnr]
    )
    sate = models.CharField("säte", max_length=100, blank=True)
    bildat = models.DateField("bildat", null=True, blank=True)
    delarsrapport_kravs = models.BooleanField(
        "förbundsordningen kräver delårsrapport", default=True
    )
    # The delårsrapport's period ends with this month (LKBR: at least half, at most eight
    # months); it is due within two months of that.
    delarsrapport_manad = models.PositiveSmallIntegerField(
        "delårsperiodens sista månad",
        default=8,
        validators=[MinValueValidator(6), MaxValueValidator(8)],
        help_text="6 = januari–juni, 8 = januari–augusti.",
    )

    class Meta:
        verbose_name = "förbund"
        verbose_name_plural = "förbund"
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse("forbund:start", kwargs={"orgnr": self.orgnr})


class Behorighet(FaltBegransningar, models.Model):
    """A user's one role in one förbund."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="behorigheter"
    )
    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="behorigheter")
    roll = models.CharField("roll", max_length=20, choices=Roll.choices)

    begransning_falt = {
        "en_roll_per_forbund": "user",
        "behorighet_roll": "roll",
    }

    class Meta:
        verbose_name = "behörighet"
        verbose_name_plural = "behörigheter"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "forbund"],
                name="en_roll_per_forbund",
                violation_error_message="Användaren har redan en roll i förbundet.",
            ),
            models.CheckConstraint(
                condition=Q(roll__in=["kansli", "forbundschef", "styrelse", "revisor"]),
                name="behorighet_roll",
                violation_error_message=(
                    "Välj rollen kansli, förbundschef, styrelse eller revisor."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_roll_display()} i {self.forbund}"


class Logghandelse(models.Model):
    """Append-only audit trail: who changed what, when, written in the same transaction."""

    class Handelse(models.TextChoices):
        SKAPAD = "skapad", "Skapad"
        ANDRAD = "andrad", "Ändrad"
        BORTTAGEN = "borttagen", "Borttagen"
        BOKFORD = "bokford", "Bokförd"
        RATTAD = "rattad", "Rättad"
        LAST = "last", "Låst"
        UPPLAST = "upplast", "Upplåst"
        IMPORTERAD = "importerad", "Importerad"
        FASTSTALLD = "faststalld", "Fastställd"
        VISAD = "visad", "Visad"
        OVRIGT = "ovrigt", "Övrigt"

    forbund = models.ForeignKey(
        Forbund, on_delete=models.PROTECT, null=True, blank=True, related_name="logg"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    tidpunkt = models.DateTimeField(auto_now_add=True, db_index=True)
    handelse = models.CharField(max_length=20, choices=Handelse.choices)
    objekttyp = models.CharField(max_length=100)
    objekt_id = models.CharField(max_length=64, blank=True)
    beskrivning = models.CharField(max_length=300, blank=True)
    andringar = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "logghändelse"
        verbose_name_plural = "logghändelser"
        ordering = ["-tidpunkt", "-id"]
        indexes = [models.Index(fields=["forbund", "objekttyp", "objekt_id"])]

    def __str__(self) -> str:
        return f"{self.tidpunkt:%Y-%m-%d %H:%M} {self.get_handelse_display()} {self.beskrivning}"


class Medlem(FaltBegransningar, models.Model):
    class Typ(models.TextChoices):
        FORSAKRINGSKASSAN = "fk", "Försäkringskassan"
        ARBETSFORMEDLINGEN = "af", "Arbetsförmedlingen"
        REGION = "region", "Region"
        KOMMUN = "kommun", "Kommun"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="medlemmar")
    namn = models.CharField("namn", max_length=200)
    typ = models.CharField("typ", max_length=10, choices=Typ.choices)
    from_datum = models.DateField("medlem från", null=True, blank=True)
    tom_datum = models.DateField("medlem till och med", null=True, blank=True)
    # Revenue account(s) the member's contributions are booked on, e.g. "3511" or "3511,3512".
    intaktskonton = models.CharField("intäktskonto/-konton", max_length=100, blank=True)

    begransning_falt = {
        "medlem_typ_enligt_lag": "typ",
        "medlem_slut_efter_start": "tom_datum",
    }

    class Meta:
        verbose_name = "medlem"
        verbose_name_plural = "medlemmar"
        ordering = ["forbund", "typ", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(typ__in=["fk", "af", "region", "kommun"]),
                name="medlem_typ_enligt_lag",
                violation_error_message=(
                    "En medlem är Försäkringskassan, Arbetsförmedlingen, "
                    "en region eller en kommun."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tom_datum__isnull=True)
                | Q(from_datum__isnull=True)
                | Q(tom_datum__gte=F("from_datum")),
                name="medlem_slut_efter_start",
                violation_error_message=(
                    "Medlemskapets slutdatum kan inte vara före dess startdatum."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:medlem-detail", kwargs={"orgnr": self.forbund.orgnr, "medlem": self.pk}
        )


class Person(models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="personer")
    namn = models.CharField("namn", max_length=200)
    titel = models.CharField("titel", max_length=200, blank=True)
    parti = models.CharField("parti", max_length=50, blank=True)
    epost = models.EmailField("e-post", blank=True)

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:person-detail", kwargs={"orgnr": self.forbund.orgnr, "person": self.pk}
        )


class Styrelseuppdrag(FaltBegransningar, models.Model):
    """A mandate: a person as ledamot or ersättare appointed by a member, from–to."""

    class Typ(models.TextChoices):
        LEDAMOT = "ledamot", "Ledamot"
        ERSATTARE = "ersattare", "Ersättare"

    class Presidium(models.TextChoices):
        ORDFORANDE = "ordforande", "Ordförande"
        VICE1 = "vice1", "1:e vice ordförande"
        VICE2 = "vice2", "2:e vice ordförande"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="uppdrag")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="uppdrag")
    medlem = models.ForeignKey(Medlem, on_delete=models.PROTECT, related_name="uppdrag")
    typ = models.CharField("uppdrag", max_length=10, choices=Typ.choices)
    presidium = models.CharField(
        "presidieroll", max_length=10, choices=Presidium.choices, blank=True
    )
    from_datum = models.DateField("från")
    tom_datum = models.DateField("till och med", null=True, blank=True)

    begransning_falt = {
        "uppdrag_slut_efter_start": "tom_datum",
    }

    class Meta:
        verbose_name = "styrelseuppdrag"
        verbose_name_plural = "styrelseuppdrag"
        ordering = ["medlem__typ", "medlem__namn", "typ", "from_datum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tom_datum__isnull=True) | Q(tom_datum__gte=F("from_datum")),
                name="uppdrag_slut_efter_start",
                violation_error_message="Uppdragets slutdatum kan inte vara före dess startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_typ_display()}, {self.medlem})"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:uppdrag-detail", kwargs={"orgnr": self.forbund.orgnr, "uppdrag": self.pk}
        )


class Revisor(FaltBegransningar, models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="revisorer")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="revisorsuppdrag")
    utsedd_av = models.ManyToManyField(Medlem, verbose_name="utsedd av", blank=True)
    firma = models.CharField("revisionsbyrå", max_length=200, blank=True)
    auktoriserad = models.BooleanField("auktoriserad revisor", default=False)
    from_datum = models.DateField("från")
    tom_datum = models.DateField("till och med", null=True, blank=True)

    begransning_falt = {
        "revisor_slut_efter_start": "tom_datum",
    }

    class Meta:
        verbose_name = "revisor"
        verbose_name_plural = "revisorer"
        ordering = ["from_datum", "person__namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tom_datum__isnull=True) | Q(tom_datum__gte=F("from_datum")),
                name="revisor_slut_efter_start",
                violation_error_message="Uppdragets slutdatum kan inte vara före dess startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:revisor-detail", kwargs={"orgnr": self.forbund.orgnr, "revisor": self.pk}
        )


class Kanslitjanst(FaltBegransningar, models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="kansli")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="tjanster")
    roll = models.CharField("roll", max_length=100)  # förbundschef, sekreterare, ...
    arbetsgivare = models.CharField("arbetsgivare", max_length=200, blank=True)
    tjanstgoringsgrad = models.PositiveSmallIntegerField("tjänstgöringsgrad (%)", default=100)
    from_datum = models.DateField("från")
    tom_datum = models.DateField("till och med", null=True, blank=True)

    begransning_falt = {
        "tjanstgoringsgrad_procent": "tjanstgoringsgrad",
    }

    class Meta:
        verbose_name = "kanslitjänst"
        verbose_name_plural = "kanslitjänster"
        ordering = ["from_datum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tjanstgoringsgrad__gte=1) & Q(tjanstgoringsgrad__lte=100),
                name="tjanstgoringsgrad_procent",
                violation_error_message="Tjänstgöringsgraden anges i procent, från 1 till 100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.roll}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:kansli-detail", kwargs={"orgnr": self.forbund.orgnr, "kansli": self.pk}
        )


class Sammantrade(models.Model):
    class Typ(models.TextChoices):
        STYRELSE = "styrelse", "Styrelsesammanträde"
        EXTRA = "extra", "Extra sammanträde"
        PER_CAPSULAM = "capsulam", "Per capsulam"
        MEDLEMSSAMRAD = "medlemssamrad", "Medlemssamråd"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="sammantraden")
    datum = models.DateField("datum")
    typ = models.CharField("typ", max_length=20, choices=Typ.choices, default=Typ.STYRELSE)
    protokollnummer = models.CharField("protokollnummer", max_length=30, blank=True)
    narvarande = models.ManyToManyField(Person, verbose_name="närvarande", blank=True)

    class Meta:
        verbose_name = "sammanträde"
        verbose_name_plural = "sammanträden"
        ordering = ["-datum"]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.datum.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:sammantrade-detail",
            kwargs={"orgnr": self.forbund.orgnr, "sammantrade": self.pk},
        )


class Beslut(models.Model):
    class Typ(models.TextChoices):
        BUDGET = "budget", "Budget"
        VERKSAMHETSPLAN = "verksamhetsplan", "Verksamhetsplan"
        FINANSIERING = "finansiering", "Finansiering av insats"
        DELARSRAPPORT = "delarsrapport", "Delårsrapport"
        ARSREDOVISNING = "arsredovisning", "Årsredovisning"
        DELEGATIONSORDNING = "delegationsordning", "Delegationsordning"
        OVRIGT = "ovrigt", "Övrigt"

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.CASCADE, related_name="beslut")
    paragraf = models.CharField("paragraf", max_length=20)
    rubrik = models.CharField("rubrik", max_length=300)
    text = models.TextField("beslutstext", blank=True)
    typ = models.CharField("typ", max_length=20, choices=Typ.choices, default=Typ.OVRIGT)
    belopp = models.DecimalField(
        "belopp (kr)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    from_ar = models.PositiveSmallIntegerField("från år", null=True, blank=True)
    tom_ar = models.PositiveSmallIntegerField("till och med år", null=True, blank=True)

    class Meta:
        verbose_name = "beslut"
        verbose_name_plural = "beslut"
        ordering = ["sammantrade__datum", "paragraf"]

    def __str__(self) -> str:
        return f"§ {self.paragraf} {self.rubrik}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:beslut-detail",
            kwargs={"orgnr": self.sammantrade.forbund.orgnr, "beslut": self.pk},
        )
