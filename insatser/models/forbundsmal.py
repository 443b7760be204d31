"""The förbund's own goals (issue 14.3): inriktningsmål and resultatmål set in the
verksamhetsplan for a year, and their follow-up per report period.

Why in ``insatser``: the goals are plan data of the förbund's verksamhet, set beside the
insatser and granted funds the plan lists, and followed up beside the insatser's own goals
(:class:`insatser.models.Mal`). Their assessment depends on the participant protection
rules (:mod:`insatser.selectors.skydd`: an outcome that is a suppressed participant count
"kan inte bedömas"), which live in this app; ``forbund`` may not import them (apps depend
downward: rapporter → insatser → forbund). ``rapporter`` only prints them.

Seed 000 follows its verksamhetsplan's development goals ("Utveckling av förbundet",
"Stödja den strukturella samverkan", "Kvalitetssäkra finansierade insatser") in its
måluppfyllelse chapter; seed 002 sets inriktningar and measurable goals in the plan."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund


class Forbundsmal(FaltBegransningar, models.Model):
    """One goal of the förbund for räkenskapsår ``ar``: an inriktningsmål, or a resultatmål
    (optionally under an inriktningsmål of the same year). The target is a number with a
    unit (``malvarde`` + ``enhet``), a text (``maltext``), or both. ``deltagarantal``: the
    outcome is a count of participants, so a small outcome is suppressed in print."""

    class Slag(models.TextChoices):
        INRIKTNING = "inriktning", "Inriktningsmål"
        RESULTAT = "resultat", "Resultatmål"

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="forbundsmal")
    ar = models.PositiveSmallIntegerField("år")
    slag = models.CharField("slag av mål", max_length=20, choices=Slag.choices)
    overordnat = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resultatmal",
        verbose_name="under inriktningsmålet",
    )
    text = models.CharField("mål", max_length=500)
    matt = models.CharField(
        "mätetal / indikator",
        max_length=300,
        blank=True,
        help_text="Hur målet mäts, t.ex. ”antal chefer på inspirationsdagen”.",
    )
    malvarde = models.DecimalField(
        "målvärde", max_digits=12, decimal_places=2, null=True, blank=True
    )
    enhet = models.CharField("enhet", max_length=30, blank=True, help_text="t.ex. st, %, kr")
    maltext = models.CharField(
        "målvärde i text",
        max_length=300,
        blank=True,
        help_text="När målet inte är ett tal, t.ex. ”genomförd under året”.",
    )
    deltagarantal = models.BooleanField(
        "utfallet är ett antal deltagare",
        default=False,
        help_text="Små antal visas då inte i rapporterna, och målet kan då inte bedömas.",
    )
    ordning = models.PositiveSmallIntegerField("ordning", default=0)

    begransning_falt = {
        "forbundsmal_unikt_per_ar": "text",
        "forbundsmal_inriktning_overst": "overordnat",
        "forbundsmal_malvarde_ej_negativt": "malvarde",
        "forbundsmal_enhet_kraver_malvarde": "malvarde",
        "forbundsmal_ar_rimligt": "ar",
    }

    class Meta:
        verbose_name = "förbundsmål"
        verbose_name_plural = "förbundsmål"
        ordering = ["forbund", "ar", "ordning", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "ar", "text"],
                name="forbundsmal_unikt_per_ar",
                violation_error_message="Förbundet har redan det målet för året.",
            ),
            models.CheckConstraint(
                condition=Q(slag="resultat") | Q(overordnat__isnull=True),
                name="forbundsmal_inriktning_overst",
                violation_error_message="Ett inriktningsmål kan inte ligga under ett annat mål.",
            ),
            models.CheckConstraint(
                condition=Q(malvarde__isnull=True) | Q(malvarde__gte=0),
                name="forbundsmal_malvarde_ej_negativt",
                violation_error_message="Målvärdet kan inte vara negativt.",
            ),
            models.CheckConstraint(
                condition=Q(enhet="") | Q(malvarde__isnull=False),
                name="forbundsmal_enhet_kraver_malvarde",
                violation_error_message="Ange målvärdet som ett tal när enheten är angiven.",
            ),
            models.CheckConstraint(
                condition=Q(ar__gte=2004) & Q(ar__lte=2100),
                name="forbundsmal_ar_rimligt",
                violation_error_message="Året ska ligga mellan 2004 och 2100.",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse(
            "insatser:forbundsmal-list", kwargs={"orgnr": self.forbund.orgnr, "ar": self.ar}
        )

    @property
    def malvarde_text(self) -> str:
        """The target as printed (a no-break space before the unit): ``"11 st"``,
        ``"30 %"``, the text target, both joined with "; ", or "" when neither is set."""
        delar = []
        if self.malvarde is not None:
            delar.append("\u00a0".join(x for x in (tal_text(self.malvarde), self.enhet) if x))
        if self.maltext:
            delar.append(self.maltext)
        return "; ".join(delar)


class Malutfall(FaltBegransningar, models.Model):
    """The follow-up of one goal per report period: ``till`` is the period's last day
    (31 December for the årsredovisning, the delårsrapport's date). The outcome is a
    number (in the goal's unit), a text, or both; the assessment is the förbund's own."""

    class Bedomning(models.TextChoices):
        UPPFYLLT = "uppfyllt", "Uppfyllt"
        DELVIS = "delvis", "Delvis uppfyllt"
        EJ = "ej", "Ej uppfyllt"
        KAN_INTE = "kan_inte", "Kan inte bedömas"

    mal = models.ForeignKey(
        Forbundsmal, on_delete=models.CASCADE, related_name="utfall", verbose_name="mål"
    )
    till = models.DateField("uppföljning per")
    utfall = models.DecimalField("utfall", max_digits=12, decimal_places=2, null=True, blank=True)
    utfall_text = models.CharField("utfall i text", max_length=500, blank=True)
    bedomning = models.CharField("bedömning", max_length=20, choices=Bedomning.choices)
    kommentar = models.TextField("kommentar", blank=True)

    begransning_falt = {
        "malutfall_en_per_period": "till",
        "malutfall_ej_negativt": "utfall",
    }

    class Meta:
        verbose_name = "uppföljning av förbundsmål"
        verbose_name_plural = "uppföljningar av förbundsmål"
        ordering = ["mal", "till"]
        constraints = [
            models.UniqueConstraint(
                fields=["mal", "till"],
                name="malutfall_en_per_period",
                violation_error_message="Målet är redan uppföljt per det datumet.",
            ),
            models.CheckConstraint(
                condition=Q(utfall__isnull=True) | Q(utfall__gte=0),
                name="malutfall_ej_negativt",
                violation_error_message="Utfallet kan inte vara negativt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mal} {self.till.isoformat()}"


def tal_text(v) -> str:
    """A Decimal as printed in Swedish: no trailing zeros, decimal comma, thin-space
    thousands (``Decimal("1500.50")`` → ``"1 500,5"``)."""
    text = f"{v.normalize():f}"
    heltal, _, decimaler = text.partition(".")
    tecken = "-" if heltal.startswith("-") else ""
    heltal = heltal.lstrip("-")
    grupper = []
    while heltal:
        grupper.insert(0, heltal[-3:])
        heltal = heltal[:-3]
    ut = tecken + "\u00a0".join(grupper or ["0"])
    return f"{ut},{decimaler}" if decimaler else ut
