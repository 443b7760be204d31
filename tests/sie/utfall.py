"""Expected outcomes of whole SIE files, and an independent check of their balances.

Used by the project's own files (``test_filer.py``) and by the public conformance files
(``test_fixtures.py``, run only where ../shared exists).
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db.models import Sum

from ekonomi.models import Konto, Rad, RadObjekt, Rakenskapsar, Verifikation
from ekonomi.sie.importer import SieFel, sie_importera
from ekonomi.sie.parser import Parser, Post, las_kodning, tolka_belopp
from forbund.models import Forbund
from forbund.validators import normalisera_orgnr
from tests.sie.conftest import databasen


@dataclass(frozen=True)
class Ok:
    verifikationer: int
    rader: int
    forbund_finns: bool = False  # the file's orgnr fails the Luhn check: register it first
    valj_forbund: bool = False  # no #ORGNR: imported into a förbund the user chose
    saldoverifikationer: int = 0  # a balance file (typ 1–3): its SALDO vouchers in year 0


@dataclass(frozen=True)
class Nekad:
    rad: int | None
    text: str
    forbund_finns: bool = False
    valj_forbund: bool = False


def poster(sokvag: Path):
    """The file's ordinary records (up to the first parse error)."""
    with sokvag.open("rb") as fh:
        info = las_kodning(fh)
        parser = Parser(fh, info.kodning)
        try:
            for p in parser.poster():
                if isinstance(p, Post):
                    yield p
        except SieFel:
            return


def _registrera_forbund(sokvag: Path) -> Forbund:
    for p in poster(sokvag):
        if p.etikett == "#ORGNR":
            # A test company whose made-up number fails the Luhn check: registered by hand,
            # the way the lead would, so the file's content is what the test exercises.
            return Forbund.objects.create(namn="Registrerat", orgnr=normalisera_orgnr(p.falt[0]))
    raise AssertionError(f"{sokvag.name} saknar #ORGNR")


def kontrollera_utfall(sokvag: Path, utfall: Ok | Nekad, **kwargs) -> None:
    """Import the file as the table says and check the outcome exactly."""
    forbund = None
    if utfall.forbund_finns:
        _registrera_forbund(sokvag)
    if utfall.valj_forbund:
        forbund = Forbund.objects.create(namn="Valt förbund", orgnr="222000-1099")
    fore = databasen()
    with sokvag.open("rb") as fh:
        if isinstance(utfall, Nekad):
            with pytest.raises(SieFel) as fel:
                sie_importera(fil=fh, forbund=forbund, user=None, **kwargs)
            prefix = f"rad {utfall.rad}: " if utfall.rad else ""
            assert str(fel.value).startswith(prefix), str(fel.value)
            assert utfall.text in str(fel.value)
            assert databasen() == fore
            return
        imp = sie_importera(fil=fh, forbund=forbund, user=None, **kwargs)
    assert imp.sammanfattning["verifikationer_nya"] == utfall.verifikationer
    ar = (
        Rakenskapsar.objects.get(pk=imp.sammanfattning["rakenskapsar_id"])
        if imp.sammanfattning.get("rakenskapsar_id")
        else imp.verifikationer.first().rakenskapsar  # no #RAR: the vouchers' year
    )
    bokforda = Verifikation.objects.filter(rakenskapsar=ar, status="B")
    assert (
        bokforda.exclude(serie__kod="IB").count()
        == utfall.verifikationer + utfall.saldoverifikationer
    )
    assert (
        Rad.objects.filter(verifikation__in=bokforda)
        .exclude(verifikation__serie__kod="IB")
        .count()
        == utfall.rader
    )
    balanserna_stammer(sokvag, imp.forbund, ar)


def balanserna_stammer(sokvag: Path, forbund, ar) -> None:
    """Independently of the importer's own proof: the file's #UB/#RES/#OUB hold."""
    rader = Rad.objects.filter(verifikation__rakenskapsar=ar, verifikation__status="B")
    totalt = dict(
        rader.values_list("konto__nummer")
        .annotate(s=Sum("belopp"))
        .values_list("konto__nummer", "s")
    )
    utan_ib = dict(
        rader.exclude(verifikation__serie__kod="IB")
        .values_list("konto__nummer")
        .annotate(s=Sum("belopp"))
        .values_list("konto__nummer", "s")
    )
    typer = dict(Konto.objects.filter(forbund=forbund).values_list("nummer", "typ"))
    # An export from before the previous year's closing has an IB that does not sum to
    # zero; the importer carries the difference to eget kapital 2010 (and says so).
    overfort = -sum(
        tolka_belopp(p.falt[2], p.rad)
        for p in poster(sokvag)
        if p.etikett == "#IB" and p.falt[:1] == ["0"] and typer.get(p.falt[1], "I") in "TS"
    )
    oib = {}
    kontrollerade = 0
    for p in poster(sokvag):
        if p.falt[:1] != ["0"]:
            continue
        if p.etikett == "#UB" and typer[p.falt[1]] in "TS":
            forvantat = tolka_belopp(p.falt[2], p.rad) + (overfort if p.falt[1] == "2010" else 0)
            assert totalt.get(p.falt[1], 0) == forvantat, p
            kontrollerade += 1
        elif p.etikett == "#RES" and typer[p.falt[1]] in "IK":
            assert utan_ib.get(p.falt[1], 0) == tolka_belopp(p.falt[2], p.rad), p
            kontrollerade += 1
        elif p.etikett == "#OIB":
            oib[(p.falt[1], *p.falt[2])] = tolka_belopp(p.falt[3], p.rad)
        elif p.etikett == "#OUB":
            konto, (dim, kod) = p.falt[1], p.falt[2]
            summa = (
                RadObjekt.objects.filter(
                    rad__in=rader.exclude(verifikation__serie__kod="IB"),
                    rad__konto__nummer=konto,
                    objekt__dimension__nummer=int(dim),
                    objekt__kod=kod,
                ).aggregate(s=Sum("rad__belopp"))["s"]
                or 0
            )
            assert oib.get((konto, dim, kod), 0) + summa == tolka_belopp(p.falt[3], p.rad), p
            kontrollerade += 1
    assert kontrollerade > 0 or sokvag.suffix.lower() == ".si"
