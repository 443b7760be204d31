"""Build ledgers directly with the models, as the ledger itself does: voucher P → rows →
status B. Amounts in kronor (int) for readability; stored as öre."""

import datetime

from django.db import transaction

from ekonomi.models import (
    Budgetrad,
    Budgetversion,
    Dimension,
    Konto,
    Objekt,
    Rad,
    RadObjekt,
    Rakenskapsar,
    Serie,
    Verifikation,
)

TYP = {
    "1": "T",
    "2": "S",
    "3": "I",
    "4": "K",
    "5": "K",
    "6": "K",
    "7": "K",
    "84": "I",
    "85": "K",
    "8": "I",
}


class Bok:
    def __init__(self, forbund):
        self.forbund = forbund
        self.konton: dict[str, Konto] = {}
        self.objekt: dict[str, Objekt] = {}
        self.ar: dict[int, Rakenskapsar] = {}
        self.dim6 = None

    def konto(self, nummer: str, namn: str = "", typ: str = "") -> Konto:
        if nummer not in self.konton:
            typ = typ or TYP.get(nummer[:2]) or TYP[nummer[0]]
            self.konton[nummer] = Konto.objects.create(
                forbund=self.forbund, nummer=nummer, namn=namn or f"Konto {nummer}", typ=typ
            )
        return self.konton[nummer]

    def insats(self, kod: str, namn: str) -> Objekt:
        if self.dim6 is None:
            self.dim6 = Dimension.objects.create(forbund=self.forbund, nummer=6, namn="Projekt")
        if kod not in self.objekt:
            self.objekt[kod] = Objekt.objects.create(dimension=self.dim6, kod=kod, namn=namn)
        return self.objekt[kod]

    def rakenskapsar(self, ar: int) -> Rakenskapsar:
        if ar not in self.ar:
            self.ar[ar] = Rakenskapsar.objects.create(
                forbund=self.forbund,
                start=datetime.date(ar, 1, 1),
                slut=datetime.date(ar, 12, 31),
            )
        return self.ar[ar]

    @transaction.atomic
    def ver(
        self,
        datum: datetime.date,
        rader: list,
        serie: str = "A",
        text: str = "",
        status: str = "B",
    ) -> Verifikation:
        """``rader``: (konto, kronor[, objektkod]); the amounts must balance."""
        ar = self.rakenskapsar(datum.year)
        s, _ = Serie.objects.get_or_create(rakenskapsar=ar, kod=serie)
        s.senaste_nummer += 1
        s.save()
        ver = Verifikation.objects.create(
            rakenskapsar=ar, serie=s, nummer=s.senaste_nummer, datum=datum, text=text
        )
        for rad in rader:
            konto, kr = rad[0], rad[1]
            r = Rad.objects.create(verifikation=ver, konto=self.konto(konto), belopp=kr * 100)
            if len(rad) > 2 and rad[2]:
                RadObjekt.objects.create(rad=r, objekt=self.objekt[rad[2]])
        if status == "B":
            Verifikation.objects.filter(pk=ver.pk).update(status="B")
        return ver

    def ib(self, ar: int, rader: list) -> Verifikation:
        return self.ver(datetime.date(ar, 1, 1), rader, serie="IB", text="Ingående balans")

    def budget(self, ar: int, rader: list, typ: str = "budget", namn: str = "") -> Budgetversion:
        version = Budgetversion.objects.create(
            rakenskapsar=self.rakenskapsar(ar), typ=typ, namn=namn or f"{typ} {ar}"
        )
        for rad in rader:
            konto, kr = rad[0], rad[1]
            Budgetrad.objects.create(
                version=version,
                konto=self.konto(konto),
                belopp=kr * 100,
                objekt=self.objekt[rad[2]] if len(rad) > 2 and rad[2] else None,
            )
        return version
