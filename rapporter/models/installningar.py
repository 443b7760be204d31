"""A förbund's report settings: units, principles, kapitaltak, logotyp."""

from django.db import models

from forbund.models import Forbund

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
