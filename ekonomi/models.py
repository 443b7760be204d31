"""The ledger. Amounts are integer öre (``belopp``: debet positive, kredit negative) so
that every SUM is exact on SQLite and PostgreSQL alike.

Database-enforced invariants (migration 0002, triggers on both databases):
- a verifikation is created preliminär ('P'); rows may be added, changed or removed only
  while it is preliminär;
- the change P → B (bokförd) requires at least one row, rows summing to exactly 0 and a
  number;
- a bokförd verifikation, its rows and their objects can never be updated or deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from finsam.begransningar import FaltBegransningar
from forbund.models import Forbund


class Rakenskapsar(FaltBegransningar, models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="rakenskapsar")
    start = models.DateField("första dag")
    slut = models.DateField("sista dag")
    stangt = models.BooleanField("bokslut gjort", default=False)

    begransning_falt = {
        "ett_ar_per_start": "start",
        "ar_slut_efter_start": "slut",
    }

    class Meta:
        verbose_name = "räkenskapsår"
        verbose_name_plural = "räkenskapsår"
        ordering = ["forbund", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "start"],
                name="ett_ar_per_start",
                violation_error_message="Det finns redan ett räkenskapsår som börjar den dagen.",
            ),
            models.CheckConstraint(
                condition=Q(slut__gt=F("start")),
                name="ar_slut_efter_start",
                violation_error_message=(
                    "Räkenskapsårets sista dag måste vara efter dess första dag."
                ),
            ),
        ]

    def __str__(self) -> str:
        return (
            str(self.slut.year)
            if self.start.year == self.slut.year
            else (f"{self.start.isoformat()}–{self.slut.isoformat()}")
        )

    @property
    def ar(self) -> int:
        return self.slut.year


class Period(FaltBegransningar, models.Model):
    rakenskapsar = models.ForeignKey(
        Rakenskapsar, on_delete=models.CASCADE, related_name="perioder"
    )
    start = models.DateField()
    slut = models.DateField()
    last = models.BooleanField("låst", default=False)
    # Unlocking goes through the database (migration 0011): the UPDATE that sets ``last``
    # false must carry a reason (and who); a trigger writes the audit row from them in the
    # same statement and clears both, so no unlock is ever unlogged, even in raw SQL.
    upplasningsorsak = models.CharField(
        "orsak till upplåsning", max_length=300, blank=True, default="", db_default=""
    )
    upplast_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    begransning_falt = {
        "en_period_per_start": "start",
    }

    class Meta:
        verbose_name = "period"
        verbose_name_plural = "perioder"
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakenskapsar", "start"],
                name="en_period_per_start",
                violation_error_message="Det finns redan en period som börjar den dagen.",
            ),
        ]

    def __str__(self) -> str:
        return self.start.strftime("%Y-%m")


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


class SieImport(models.Model):
    class Status(models.TextChoices):
        KLAR = "klar", "Importerad"
        TORRKORNING = "torr", "Provkörning"
        NEKAD = "nekad", "Nekad"

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="sie_importer")
    filnamn = models.CharField("fil", max_length=255)
    sha256 = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    tidpunkt = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    sammanfattning = models.JSONField(default=dict, blank=True)
    varningar = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "SIE-import"
        verbose_name_plural = "SIE-importer"
        ordering = ["-tidpunkt"]

    def __str__(self) -> str:
        return f"{self.filnamn} ({self.tidpunkt:%Y-%m-%d %H:%M})"


class Sieinlasning(models.Model):
    """A large SIE file imported by a background task (issue 16.4): the upload is stored,
    ``ekonomi.sie.tasks.importera_sie`` imports it, and the page shows ``procent`` and
    ``steg`` while it runs, then the import's summary (``sie_import``) or the refusal
    (``fel``, naming the file line like the synchronous import)."""

    class Status(models.TextChoices):
        VANTAR = "vantar", "I kö"
        PAGAR = "pagar", "Pågår"
        KLAR = "klar", "Klar"
        FEL = "fel", "Misslyckades"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+")
    fil = models.FileField("fil", upload_to="sie/", blank=True)  # removed when done
    filnamn = models.CharField("filnamn", max_length=255)
    standardserie = models.CharField("standardserie", max_length=50)
    bekrafta = models.BooleanField("#FLAGGA 1 bekräftad", default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VANTAR)
    procent = models.PositiveSmallIntegerField("klart (%)", default=0)
    steg = models.CharField("steg", max_length=100, blank=True)
    fel = models.TextField("fel", blank=True)
    sie_import = models.ForeignKey(
        SieImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skapad = models.DateTimeField("beställd", auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "SIE-inläsning i bakgrunden"
        verbose_name_plural = "SIE-inläsningar i bakgrunden"
        ordering = ["-skapad", "-id"]

    def __str__(self) -> str:
        return f"{self.filnamn} ({self.get_status_display()})"

    @property
    def pagar(self) -> bool:
        return self.status in (self.Status.VANTAR, self.Status.PAGAR)


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


class Kontosaldo(FaltBegransningar, models.Model):
    """Bokförda öre per account and month, kept by the database (migration 0013): the
    posting UPDATE (P → B) adds the voucher's rows in the same statement, and posted rows
    never change, so these always equal a fresh sum of the rows. ``ib`` is the part booked
    on the year's IB voucher (series IB). Reports over whole months read these instead of
    the rows: a closed year is a few hundred rows whatever the history."""

    rakenskapsar = models.ForeignKey(Rakenskapsar, on_delete=models.PROTECT, related_name="+")
    manad = models.DateField("månad (första dagen)")
    konto = models.ForeignKey(Konto, on_delete=models.PROTECT, related_name="+")
    belopp = models.BigIntegerField("belopp (öre)")
    ib = models.BigIntegerField("varav IB (öre)")

    begransning_falt = {"ett_kontosaldo_per_manad": "konto"}

    class Meta:
        verbose_name = "kontosaldo per månad"
        verbose_name_plural = "kontosaldon per månad"
        constraints = [
            models.UniqueConstraint(
                fields=["rakenskapsar", "manad", "konto"],
                name="ett_kontosaldo_per_manad",
                violation_error_message="Kontot har redan ett saldo för månaden.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manad:%Y-%m} {self.konto_id}: {self.belopp}"


class Objektsaldo(FaltBegransningar, models.Model):
    """Bokförda öre per account, object and month (a row with several objects counts
    once per object), kept by the database like ``Kontosaldo``."""

    rakenskapsar = models.ForeignKey(Rakenskapsar, on_delete=models.PROTECT, related_name="+")
    manad = models.DateField("månad (första dagen)")
    konto = models.ForeignKey(Konto, on_delete=models.PROTECT, related_name="+")
    objekt = models.ForeignKey(Objekt, on_delete=models.PROTECT, related_name="+")
    belopp = models.BigIntegerField("belopp (öre)")

    begransning_falt = {"ett_objektsaldo_per_manad": "objekt"}

    class Meta:
        verbose_name = "objektsaldo per månad"
        verbose_name_plural = "objektsaldon per månad"
        constraints = [
            models.UniqueConstraint(
                fields=["rakenskapsar", "manad", "konto", "objekt"],
                name="ett_objektsaldo_per_manad",
                violation_error_message="Objektet har redan ett saldo för kontot och månaden.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manad:%Y-%m} {self.konto_id}/{self.objekt_id}: {self.belopp}"


class Budgetversion(FaltBegransningar, models.Model):
    class Typ(models.TextChoices):
        BUDGET = "budget", "Budget"
        REVIDERAD = "reviderad", "Reviderad budget"
        PROGNOS = "prognos", "Prognos"

    rakenskapsar = models.ForeignKey(
        Rakenskapsar, on_delete=models.PROTECT, related_name="budgetversioner"
    )
    typ = models.CharField("typ", max_length=10, choices=Typ.choices, default=Typ.BUDGET)
    namn = models.CharField("namn", max_length=100)
    skapad = models.DateTimeField(auto_now_add=True)

    begransning_falt = {
        "unikt_budgetnamn": "namn",
    }

    class Meta:
        verbose_name = "budgetversion"
        verbose_name_plural = "budgetversioner"
        ordering = ["rakenskapsar", "skapad"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakenskapsar", "namn"],
                name="unikt_budgetnamn",
                violation_error_message=(
                    "Det finns redan en budgetversion med det namnet för året."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.namn} {self.rakenskapsar}"


class Budgetrad(FaltBegransningar, models.Model):
    """Budget per account × object; ``manad`` 1–12 for a monthly split, null for the year.

    ``ar`` is the calendar year of that month, so a räkenskapsår longer than 12 months
    (a first year of 18, say) keeps August of both years apart. Null with a month means the
    month's first occurrence in the räkenskapsår (see ``period``)."""

    version = models.ForeignKey(Budgetversion, on_delete=models.CASCADE, related_name="rader")
    konto = models.ForeignKey(Konto, on_delete=models.PROTECT, related_name="budgetrader")
    objekt = models.ForeignKey(
        Objekt, on_delete=models.PROTECT, null=True, blank=True, related_name="budgetrader"
    )
    manad = models.PositiveSmallIntegerField("månad", null=True, blank=True)
    ar = models.PositiveSmallIntegerField("månadens år", null=True, blank=True)
    belopp = models.BigIntegerField("belopp (öre)")

    begransning_falt = {
        "budget_manad_1_12": "manad",
        "budget_ar_med_manad": "ar",
    }

    class Meta:
        verbose_name = "budgetrad"
        verbose_name_plural = "budgetrader"
        constraints = [
            models.CheckConstraint(
                condition=Q(manad__isnull=True) | (Q(manad__gte=1) & Q(manad__lte=12)),
                name="budget_manad_1_12",
                violation_error_message="Månaden anges med 1–12.",
            ),
            models.CheckConstraint(
                condition=Q(ar__isnull=True) | Q(manad__isnull=False),
                name="budget_ar_med_manad",
                violation_error_message="Året anges bara tillsammans med en månad.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.konto.nummer} {self.belopp}"

    @staticmethod
    def manadens_ar(rakenskapsar: "Rakenskapsar", manad: int) -> int:
        """The calendar year of month ``manad`` (1–12) at its first occurrence in the year."""
        start = rakenskapsar.start
        return start.year if manad >= start.month else start.year + 1

    def period(self, rakenskapsar: "Rakenskapsar") -> tuple[int, int] | None:
        """(year, month) of a monthly row, None for a yearly one."""
        if self.manad is None:
            return None
        return (self.ar or self.manadens_ar(rakenskapsar, self.manad), self.manad)


def underlag_sokvag(instance: "Underlag", filename: str) -> str:
    # Under MEDIA_ROOT (never static), per förbund; the stored name is random so a
    # user's file name never decides a path.
    import uuid

    ext = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        instance.innehallstyp, "bin"
    )
    return f"underlag/{instance.verifikation.rakenskapsar.forbund_id}/{uuid.uuid4().hex}.{ext}"


class Underlag(models.Model):
    """A supporting document (PDF or image) of a verifikation; served only through a view
    that checks the förbund. Adding one does not change the (immutable) voucher."""

    verifikation = models.ForeignKey(
        Verifikation, on_delete=models.PROTECT, related_name="underlag"
    )
    fil = models.FileField(upload_to=underlag_sokvag, max_length=255)
    filnamn = models.CharField("filnamn", max_length=255)
    innehallstyp = models.CharField("filtyp", max_length=50)
    storlek = models.PositiveIntegerField("storlek (byte)")
    sha256 = models.CharField(max_length=64)
    uppladdad = models.DateTimeField(auto_now_add=True)
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "underlag"
        verbose_name_plural = "underlag"
        ordering = ["uppladdad", "id"]

    def __str__(self) -> str:
        return self.filnamn
