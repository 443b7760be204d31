"""Vouchers: series, verifikationer, their rows and row objects (the ledger proper;
see the package docstring for what the database enforces)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from finsam.begransningar import FaltBegransningar

from .ar import Rakenskapsar
from .kontoplan import Konto, Objekt
from .sie import SieImport


class Serie(FaltBegransningar, models.Model):
    """A voucher series in one year; ``senaste_nummer`` is the last number handed out."""

    rakenskapsar = models.ForeignKey(Rakenskapsar, on_delete=models.PROTECT, related_name="serier")
    kod = models.CharField("serie", max_length=50)
    namn = models.CharField("namn", max_length=100, blank=True)
    senaste_nummer = models.PositiveIntegerField(default=0)
    # The series of the movement vouchers made from balance-only SIE files (typ 1–3): they
    # carry the file's balances per period or year, not the underlying verifikationer.
    # (On the series, not the voucher: adding a column to the voucher table rebuilds it on
    # SQLite and would drop the ledger's triggers.)
    saldofil = models.BooleanField("från saldofil", default=False)

    begransning_falt = {
        "unik_serie_per_ar": "kod",
    }

    class Meta:
        verbose_name = "verifikationsserie"
        verbose_name_plural = "verifikationsserier"
        ordering = ["rakenskapsar", "kod"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakenskapsar", "kod"],
                name="unik_serie_per_ar",
                violation_error_message="Serien finns redan för räkenskapsåret.",
            ),
        ]

    def __str__(self) -> str:
        return self.kod


class Verifikation(FaltBegransningar, models.Model):
    class Status(models.TextChoices):
        PRELIMINAR = "P", "Preliminär"
        BOKFORD = "B", "Bokförd"

    # No single-column indexes on rakenskapsar and serie: the (rakenskapsar, datum) index
    # and the unique (serie, nummer) serve every lookup by either, and each index is one
    # more to write for every voucher inserted and again when it is posted (issue 16.3).
    rakenskapsar = models.ForeignKey(
        Rakenskapsar, on_delete=models.PROTECT, related_name="verifikationer", db_index=False
    )
    serie = models.ForeignKey(
        Serie, on_delete=models.PROTECT, related_name="verifikationer", db_index=False
    )
    nummer = models.PositiveIntegerField("nummer", null=True, blank=True)
    datum = models.DateField("bokföringsdatum")
    text = models.CharField("text", max_length=300, blank=True)
    status = models.CharField(max_length=1, choices=Status.choices, default=Status.PRELIMINAR)
    registrerad = models.DateTimeField("registrerad", auto_now_add=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    bokford = models.DateTimeField("bokförd", null=True, blank=True)
    bokford_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A rättelseverifikation points at the voucher it reverses; the original shows its
    # corrections through the reverse relation, so it never has to change.
    rattar = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rattelser",
        verbose_name="rättar",
    )
    sie_import = models.ForeignKey(
        SieImport, on_delete=models.PROTECT, null=True, blank=True, related_name="verifikationer"
    )

    begransning_falt = {
        "unikt_vernummer_per_serie": "nummer",
        "bokford_har_nummer": None,
        "ver_status": "status",
        "en_rattelse_per_ver": "rattar",
    }

    class Meta:
        verbose_name = "verifikation"
        verbose_name_plural = "verifikationer"
        ordering = ["rakenskapsar", "serie__kod", "nummer", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["serie", "nummer"],
                name="unikt_vernummer_per_serie",
                violation_error_message="Verifikationsnumret finns redan i serien.",
            ),
            models.CheckConstraint(
                condition=Q(status="P") | Q(nummer__isnull=False),
                name="bokford_har_nummer",
                violation_error_message="En bokförd verifikation måste ha ett nummer.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["P", "B"]),
                name="ver_status",
                violation_error_message="Status är preliminär eller bokförd.",
            ),
            # A voucher is reversed at most once.
            models.UniqueConstraint(
                fields=["rattar"],
                condition=Q(rattar__isnull=False),
                name="en_rattelse_per_ver",
                violation_error_message="Verifikationen är redan rättad.",
            ),
        ]
        indexes = [models.Index(fields=["rakenskapsar", "datum"])]

    def __str__(self) -> str:
        nummer = self.nummer if self.nummer is not None else "(prel.)"
        return f"{self.serie.kod} {nummer}"

    @property
    def ar_bokford(self) -> bool:
        return self.status == self.Status.BOKFORD


class Rad(models.Model):
    # Looked up through the (verifikation, konto) index below; a single-column index too
    # would only cost writes (issue 16.3). No FOREIGN KEY constraints on PostgreSQL: its
    # row-by-row RI checks were the import's largest cost; set-based triggers (migration
    # 0017) refuse the same orphans in both directions, on both databases.
    verifikation = models.ForeignKey(
        Verifikation,
        on_delete=models.CASCADE,
        related_name="rader",
        db_index=False,
        db_constraint=False,
    )
    # Looked up through the (konto, verifikation) index below (migration 0018).
    konto = models.ForeignKey(
        Konto,
        on_delete=models.PROTECT,
        related_name="rader",
        db_constraint=False,
        db_index=False,
    )
    belopp = models.BigIntegerField("belopp (öre)")  # debet > 0, kredit < 0
    text = models.CharField("radtext", max_length=300, blank=True)
    objekt = models.ManyToManyField(Objekt, through="RadObjekt", blank=True, related_name="rader")

    class Meta:
        verbose_name = "verifikationsrad"
        verbose_name_plural = "verifikationsrader"
        ordering = ["id"]
        # Huvudbok and saldobalans go voucher → its rows of one account: with this index
        # the lookup stays one index probe per voucher whatever the table statistics say
        # (measured in bench/ledger_bench.py; without it a fresh PostgreSQL table chose a
        # bitmap AND over every row of the account, 40 s for one huvudbok page).
        # One account's rows of one year (the huvudbok): (konto, verifikation) read as one
        # range over the year's voucher ids (``selectors.bokforda_rader_konto``), however
        # many years the account has rows in.
        indexes = [
            models.Index(fields=["verifikation", "konto"], name="rad_ver_konto"),
            models.Index(fields=["konto", "verifikation"], name="rad_konto_ver"),
        ]

    def __str__(self) -> str:
        return f"{self.konto.nummer} {self.belopp}"


class RadObjekt(FaltBegransningar, models.Model):
    # Looked up through the unique (rad, objekt) index (issue 16.3: one index less to write).
    # Foreign keys checked by triggers, as Rad's (migration 0017).
    rad = models.ForeignKey(
        Rad,
        on_delete=models.CASCADE,
        related_name="radobjekt",
        db_index=False,
        db_constraint=False,
    )
    objekt = models.ForeignKey(
        Objekt, on_delete=models.PROTECT, related_name="radobjekt", db_constraint=False
    )

    begransning_falt = {
        "objekt_en_gang_per_rad": "objekt",
    }

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rad", "objekt"],
                name="objekt_en_gang_per_rad",
                violation_error_message="Samma objekt kan bara anges en gång per rad.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rad_id}: {self.objekt_id}"
