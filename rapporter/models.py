"""Report definitions (which accounts land on which line), per-förbund report settings,
edited narrative, forecast overrides and fastställda reports.

Every figure in a report comes from the ledger through ``rapporter.aggregering``; the
models here only say how to group and present it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

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


ENHETER = [("tkr1", "tkr med en decimal"), ("tkr0", "hela tkr"), ("kr", "kronor")]


def standard_kapitaltak() -> list:
    # Nationella rådet 2013-10-02: the first step (≤ 7 mkr → 20 %) is given in DOMAIN.md;
    # the further steps are the commonly quoted ones and are editable per förbund.
    return [[7_000_000, 20], [15_000_000, 15], [None, 10]]


class Rapportinstallning(models.Model):
    class Jamforelse(models.TextChoices):
        ARSSKIFTE = "arsskifte", "Föregående årsskifte"
        SAMMA_DATUM = "samma_datum", "Samma datum föregående år"

    forbund = models.OneToOneField(
        Forbund, on_delete=models.CASCADE, related_name="rapportinstallning"
    )
    enhet_rakningar = models.CharField(
        "enhet i räkningarna", max_length=4, choices=ENHETER, default="tkr1"
    )
    enhet_noter = models.CharField(
        "enhet i noterna", max_length=4, choices=ENHETER, default="tkr1"
    )
    summera_avrundade = models.BooleanField(
        "delsummor av avrundade belopp",
        default=False,
        help_text="Summorna räknas av de avrundade raderna så att tabellerna går jämnt ut.",
    )
    redovisningsprinciper = models.TextField(
        "redovisningsprinciper",
        blank=True,
        default=(
            "Årsredovisningen har upprättats enligt lagen (2018:597) om kommunal bokföring "
            "och redovisning och Rådet för kommunal redovisnings rekommendationer."
        ),
    )
    ansvarsforbindelser = models.CharField(
        "ansvarsförbindelser", max_length=300, blank=True, default=""
    )
    ansvarsforbindelser_belopp = models.BigIntegerField(
        "ansvarsförbindelser (öre)", null=True, blank=True
    )
    revisionskonton = models.CharField(
        "revisionskonton", max_length=100, blank=True, help_text="Konton för revisionskostnad."
    )
    likvida_konton = models.CharField("likvida medel (konton)", max_length=100, default="19")
    kapitaltak = models.JSONField(
        "kapitaltak (trappsteg)",
        default=standard_kapitaltak,
        help_text="[[bidrag upp till kr, högst procent], ..., [null, procent]]",
    )
    logotyp = models.BinaryField(
        "logotyp (PNG, omkodad)",
        blank=True,
        null=True,
        editable=False,
        help_text="Förbundets logotyp på rapporternas omslag; kontrollerad och omkodad.",
    )
    insatsstatistik_i_bilaga = models.BooleanField(
        "statistik per insats i en bilaga",
        default=False,
        help_text="Deltagartabeller, mål och diagram per insats samlas i en bilaga sist i "
        "årsredovisningen och delårsrapporten; avsnittet Insatser behåller texterna.",
    )
    delar_br_jamforelse = models.CharField(
        "delårets balansräkning jämförs med",
        max_length=12,
        choices=Jamforelse.choices,
        default=Jamforelse.ARSSKIFTE,
    )

    class Meta:
        verbose_name = "rapportinställning"
        verbose_name_plural = "rapportinställningar"

    def __str__(self) -> str:
        return f"Rapportinställningar {self.forbund}"

    @property
    def logotyp_data_uri(self) -> str:
        """The logo as a ``data:image/png;base64,…`` URI (screen and PDF: no fetch)."""
        if not self.logotyp:
            return ""
        import base64

        return "data:image/png;base64," + base64.b64encode(bytes(self.logotyp)).decode()


class Rapporttyp(models.TextChoices):
    ARSREDOVISNING = "arsredovisning", "Årsredovisning"
    DELARSRAPPORT = "delarsrapport", "Delårsrapport"
    VERKSAMHETSPLAN = "verksamhetsplan", "Verksamhetsplan med budget"


class Berattelseavsnitt(FaltBegransningar, models.Model):
    """The narrative text of one section of a report (one per förbund, report kind, year
    and section key, see :mod:`rapporter.struktur`), stored as sanitised HTML."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="berattelser")
    rapport = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    nyckel = models.SlugField("avsnitt", max_length=40)
    text = models.TextField("text", blank=True)

    begransning_falt = {
        "ett_avsnitt_per_nyckel": "nyckel",
    }

    class Meta:
        verbose_name = "berättelseavsnitt"
        verbose_name_plural = "berättelseavsnitt"
        ordering = ["forbund", "ar", "rapport", "nyckel"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "rapport", "ar", "nyckel"],
                name="ett_avsnitt_per_nyckel",
                violation_error_message="Avsnittet finns redan för året.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nyckel} {self.ar}"


class Avsnittsval(FaltBegransningar, models.Model):
    """A förbund's choice for one section of a report kind, for every year: its place,
    its own heading, hidden or not; or a section of its own (``egen``, narrative only)."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="avsnittsval")
    rapport = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    nyckel = models.SlugField("avsnitt", max_length=40)
    ordning = models.PositiveIntegerField("ordning")
    rubrik = models.CharField("egen rubrik", max_length=200, blank=True)
    dold = models.BooleanField("dölj avsnittet", default=False)
    egen = models.BooleanField("eget avsnitt", default=False)

    begransning_falt = {
        "ett_val_per_avsnitt": "nyckel",
    }

    class Meta:
        verbose_name = "avsnittsval"
        verbose_name_plural = "avsnittsval"
        ordering = ["forbund", "rapport", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "rapport", "nyckel"],
                name="ett_val_per_avsnitt",
                violation_error_message="Avsnittet finns redan i rapporten.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rubrik or self.nyckel} ({self.get_rapport_display()})"


class Prognosjustering(FaltBegransningar, models.Model):
    """The helårsprognos of one resultaträkning line, set by hand (presented sign, öre)."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="prognoser")
    ar = models.PositiveSmallIntegerField("år")
    radkod = models.SlugField("radkod", max_length=20)
    belopp = models.BigIntegerField("prognos (öre, som i rapporten)")
    kommentar = models.CharField("kommentar", max_length=300)

    begransning_falt = {
        "en_prognos_per_rad": "radkod",
    }

    class Meta:
        verbose_name = "prognosjustering"
        verbose_name_plural = "prognosjusteringar"
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "ar", "radkod"],
                name="en_prognos_per_rad",
                violation_error_message="Det finns redan en prognosjustering för raden det året.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.radkod} {self.ar}"


class Rapport(FaltBegransningar, models.Model):
    """A fastställd report: the stored PDF, its checksum and the fingerprint of its figures."""

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        FASTSTALLD = "faststalld", "Fastställd"

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="rapporter")
    typ = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    till = models.DateField("till och med")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UTKAST)
    faststalld = models.DateTimeField("fastställd", null=True, blank=True)
    faststalld_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf = models.FileField("PDF", upload_to="rapporter/", blank=True)
    sha256 = models.CharField("SHA-256 (PDF)", max_length=64, blank=True)
    fingeravtryck = models.CharField("fingeravtryck (siffror)", max_length=64, blank=True)
    beslut = models.ForeignKey(
        "forbund.Beslut",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="styrelsens beslut",
    )

    begransning_falt = {
        "en_faststalld_per_rapport": "till",
    }

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporter"
        ordering = ["forbund", "-ar", "typ"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "typ", "till"],
                condition=Q(status="faststalld"),
                name="en_faststalld_per_rapport",
                violation_error_message="Rapporten för den perioden är redan fastställd.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.ar} ({self.get_status_display()})"


class Uppgiftsundantag(FaltBegransningar, models.Model):
    """A register fact a report lacks, marked "ej tillämpligt" with a reason (e.g. no
    sammanträden in a förbund's first weeks), so fastställ may proceed without it."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="undantag")
    rapport = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    nyckel = models.CharField("uppgift", max_length=20)
    motivering = models.CharField("motivering", max_length=300)
    markerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    markerad = models.DateTimeField("markerad", auto_now_add=True)

    begransning_falt = {"ett_undantag_per_uppgift": "nyckel"}

    class Meta:
        verbose_name = "uppgift som ej är tillämplig"
        verbose_name_plural = "uppgifter som ej är tillämpliga"
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "rapport", "ar", "nyckel"],
                name="ett_undantag_per_uppgift",
                violation_error_message="Uppgiften är redan markerad som ej tillämplig.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rapport_display()} {self.ar}: {self.nyckel} ej tillämplig"


class Pdfbestallning(models.Model):
    """A report's PDF, rendered by a background task (issue 16.4): the page shows
    ``procent`` and ``steg`` while it runs and serves the stored file when it is done.
    A draft's PDF is stored on the order; an approval's (``rapport`` set) is rendered once
    into the fastställd ``Rapport`` and never again."""

    class Status(models.TextChoices):
        VANTAR = "vantar", "I kö"
        PAGAR = "pagar", "Pågår"
        KLAR = "klar", "Klar"
        FEL = "fel", "Misslyckades"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+")
    typ = models.CharField("rapport", max_length=20, choices=Rapporttyp.choices)
    ar = models.PositiveSmallIntegerField("år")
    till = models.DateField("till och med", null=True, blank=True)
    enhet = models.CharField("enhet", max_length=8, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VANTAR)
    procent = models.PositiveSmallIntegerField("klart (%)", default=0)
    steg = models.CharField("steg", max_length=100, blank=True)
    fel = models.TextField("fel", blank=True)
    pdf = models.FileField("PDF", upload_to="utkast/", blank=True)
    # An approval's order: the fastställd report whose PDF the task renders (once, into
    # ``Rapport.pdf``) and the HTML frozen at the approval, so the PDF shows exactly what
    # was approved even when texts change while it waits in the queue.
    rapport = models.OneToOneField(
        Rapport, on_delete=models.CASCADE, null=True, blank=True, related_name="bestallning"
    )
    html = models.TextField("HTML vid fastställelsen", blank=True)
    skapad = models.DateTimeField("beställd", auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "PDF-beställning"
        verbose_name_plural = "PDF-beställningar"
        ordering = ["-skapad", "-id"]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.ar} ({self.get_status_display()})"

    @property
    def pagar(self) -> bool:
        return self.status in (self.Status.VANTAR, self.Status.PAGAR)
