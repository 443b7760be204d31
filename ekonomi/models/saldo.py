"""Monthly balances kept by the database (migration 0013)."""

from django.db import models

from finsam.begransningar import FaltBegransningar

from .ar import Rakenskapsar
from .kontoplan import Konto, Objekt


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
