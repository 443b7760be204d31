"""Register models added for the förbund register: documents, predecessors, groups,
meeting attachments and ansvarsfrihet per member (medlemsbidrag per year is
``forbund.models.bidrag``)."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from finsam.begransningar import FaltBegransningar
from forbund.models.organisation import Forbund, Medlem, Person, Sammantrade
from forbund.validators import validera_orgnr


def _privat_sokvag(orgnr: str, mapp: str, filename: str) -> str:
    """Files live under MEDIA_ROOT/forbund/<orgnr>/<mapp>/ with a random name; MEDIA_URL is
    never served, so a file is only reachable through a view that checks the förbund."""
    andelse = filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else "bin"
    return f"forbund/{orgnr}/{mapp}/{uuid.uuid4().hex}.{andelse}"


def forbundsordning_sokvag(instance, filename: str) -> str:
    return _privat_sokvag(instance.forbund.orgnr, "forbundsordning", filename)


def bilaga_sokvag(instance, filename: str) -> str:
    return _privat_sokvag(instance.sammantrade.forbund.orgnr, "protokoll", filename)


class Forbundsordning(FaltBegransningar, models.Model):
    """One version of the förbundsordning, valid from a date until the next version."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="forbundsordningar"
    )
    giltig_fran = models.DateField("gäller från")
    beskrivning = models.CharField("beskrivning", max_length=300, blank=True)
    fil = models.FileField("dokument", upload_to=forbundsordning_sokvag, max_length=300)
    filnamn = models.CharField("filnamn", max_length=255, blank=True)
    storlek = models.PositiveIntegerField("storlek (byte)", default=0)
    uppladdad = models.DateTimeField("uppladdad", auto_now_add=True)

    begransning_falt = {
        "en_forbundsordning_per_dag": "giltig_fran",
    }

    class Meta:
        verbose_name = "förbundsordning"
        verbose_name_plural = "förbundsordningar"
        ordering = ["-giltig_fran"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "giltig_fran"],
                name="en_forbundsordning_per_dag",
                violation_error_message=(
                    "Det finns redan en förbundsordning som gäller från den dagen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Förbundsordning från {self.giltig_fran.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:forbundsordning-detail",
            kwargs={"orgnr": self.forbund.orgnr, "forbundsordning": self.pk},
        )


class Foregangare(FaltBegransningar, models.Model):
    """A förbund this one was formed from (mergers: Värend = Alvesta + Växjö in 2015)."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="foregangare")
    namn = models.CharField("namn", max_length=200)
    orgnr = models.CharField(
        "organisationsnummer", max_length=11, blank=True, validators=[validera_orgnr]
    )
    bildat = models.DateField("bildat", null=True, blank=True)
    upphorde = models.DateField("uppgick i förbundet", null=True, blank=True)
    beskrivning = models.TextField("beskrivning", blank=True)

    begransning_falt = {
        "foregangare_slut_efter_start": "upphorde",
    }

    class Meta:
        verbose_name = "föregångare"
        verbose_name_plural = "föregångare"
        ordering = ["upphorde", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(upphorde__isnull=True)
                | Q(bildat__isnull=True)
                | Q(upphorde__gte=F("bildat")),
                name="foregangare_slut_efter_start",
                violation_error_message=(
                    "Dagen då föregångaren upphörde kan inte vara före dagen den bildades."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:foregangare-detail",
            kwargs={"orgnr": self.forbund.orgnr, "foregangare": self.pk},
        )


class Grupp(FaltBegransningar, models.Model):
    class Typ(models.TextChoices):
        BEREDNING = "beredning", "Berednings-/utvecklingsgrupp"
        CHEFSNATVERK = "chefsnatverk", "Chefsnätverk"
        STYRGRUPP = "styrgrupp", "Styrgrupp"
        ANNAN = "annan", "Annan grupp"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="grupper")
    namn = models.CharField("namn", max_length=200)
    typ = models.CharField("typ", max_length=20, choices=Typ.choices)
    beskrivning = models.TextField("beskrivning", blank=True)
    from_datum = models.DateField("från", null=True, blank=True)
    tom_datum = models.DateField("till och med", null=True, blank=True)

    begransning_falt = {
        "grupp_slut_efter_start": "tom_datum",
    }

    class Meta:
        verbose_name = "grupp"
        verbose_name_plural = "grupper"
        ordering = ["typ", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tom_datum__isnull=True)
                | Q(from_datum__isnull=True)
                | Q(tom_datum__gte=F("from_datum")),
                name="grupp_slut_efter_start",
                violation_error_message="Gruppens slutdatum kan inte vara före dess startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:grupp-detail", kwargs={"orgnr": self.forbund.orgnr, "grupp": self.pk}
        )


class Gruppmedlem(FaltBegransningar, models.Model):
    grupp = models.ForeignKey(Grupp, on_delete=models.CASCADE, related_name="medlemmar")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="grupper")
    organisation = models.CharField("organisation/verksamhet", max_length=200, blank=True)
    roll = models.CharField("roll i gruppen", max_length=100, blank=True)
    from_datum = models.DateField("från", null=True, blank=True)
    tom_datum = models.DateField("till och med", null=True, blank=True)

    begransning_falt = {
        "gruppmedlem_slut_efter_start": "tom_datum",
    }

    class Meta:
        verbose_name = "gruppmedlem"
        verbose_name_plural = "gruppmedlemmar"
        ordering = ["grupp", "person__namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tom_datum__isnull=True)
                | Q(from_datum__isnull=True)
                | Q(tom_datum__gte=F("from_datum")),
                name="gruppmedlem_slut_efter_start",
                violation_error_message="Slutdatum kan inte vara före startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} i {self.grupp}"

    def get_absolute_url(self) -> str:
        return self.grupp.get_absolute_url()


class Bilaga(models.Model):
    """An attachment to a sammanträde (the protokoll as PDF), stored privately."""

    class Typ(models.TextChoices):
        PROTOKOLL = "protokoll", "Protokoll"
        KALLELSE = "kallelse", "Kallelse/föredragningslista"
        UNDERLAG = "underlag", "Beslutsunderlag"

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.CASCADE, related_name="bilagor")
    typ = models.CharField("typ", max_length=20, choices=Typ.choices, default=Typ.PROTOKOLL)
    fil = models.FileField("fil (PDF)", upload_to=bilaga_sokvag, max_length=300)
    filnamn = models.CharField("filnamn", max_length=255, blank=True)
    storlek = models.PositiveIntegerField("storlek (byte)", default=0)
    uppladdad = models.DateTimeField("uppladdad", auto_now_add=True)

    class Meta:
        verbose_name = "bilaga"
        verbose_name_plural = "bilagor"
        ordering = ["sammantrade", "typ", "id"]

    def __str__(self) -> str:
        return self.filnamn or f"{self.get_typ_display()} {self.sammantrade}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:bilaga-fil",
            kwargs={"orgnr": self.sammantrade.forbund.orgnr, "bilaga": self.pk},
        )


class Ansvarsfrihet(FaltBegransningar, models.Model):
    """One member's revisionsberättelse and ansvarsfrihet decision for one year: each
    member decides separately (kommun/region fullmäktige, the state's side)."""

    class Beslut(models.TextChoices):
        BEVILJAD = "beviljad", "Ansvarsfrihet beviljad"
        VAGRAD = "vagrad", "Ansvarsfrihet vägrad"

    class Tillstyrkan(models.TextChoices):
        TILLSTYRKER = "tillstyrker", "Tillstyrker ansvarsfrihet"
        AVSTYRKER = "avstyrker", "Avstyrker ansvarsfrihet"

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="ansvarsfrihet")
    medlem = models.ForeignKey(Medlem, on_delete=models.PROTECT, related_name="ansvarsfrihet")
    ar = models.PositiveSmallIntegerField(
        "räkenskapsår", validators=[MinValueValidator(2004), MaxValueValidator(2100)]
    )
    revisionsberattelse_datum = models.DateField(
        "revisionsberättelsen daterad", null=True, blank=True
    )
    revisionsberattelse = models.CharField(
        "revisionsberättelsen", max_length=20, choices=Tillstyrkan.choices, blank=True
    )
    beslut = models.CharField("beslut", max_length=20, choices=Beslut.choices, blank=True)
    beslutsdatum = models.DateField("beslutsdatum", null=True, blank=True)
    beslutsorgan = models.CharField(
        "beslutande organ", max_length=200, blank=True, help_text="T.ex. kommunfullmäktige."
    )
    paragraf = models.CharField("paragraf", max_length=20, blank=True)
    kommentar = models.TextField("kommentar", blank=True)

    begransning_falt = {
        "ansvarsfrihet_per_medlem_ar": "ar",
        "ansvarsfrihet_beslut_har_datum": "beslutsdatum",
    }

    class Meta:
        verbose_name = "ansvarsfrihet"
        verbose_name_plural = "ansvarsfrihet"
        ordering = ["-ar", "medlem__typ", "medlem__namn"]
        constraints = [
            models.UniqueConstraint(
                fields=["medlem", "ar"],
                name="ansvarsfrihet_per_medlem_ar",
                violation_error_message=(
                    "Ansvarsfrihet för det året är redan registrerad för medlemmen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(beslut="") | Q(beslutsdatum__isnull=False),
                name="ansvarsfrihet_beslut_har_datum",
                violation_error_message="Ange beslutsdatum när beslutet är registrerat.",
            ),
        ]

    def __str__(self) -> str:
        return f"Ansvarsfrihet {self.ar}, {self.medlem}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forbund:ansvarsfrihet-detail",
            kwargs={"orgnr": self.forbund.orgnr, "ansvarsfrihet": self.pk},
        )

    @property
    def beslutad(self) -> bool:
        return bool(self.beslut)
