"""Helpers of the balance-file tests (tests/sie/test_saldofil*.py): import one of the
project's own files in tests/sie/filer/, read its figures, compare them with the books."""

import datetime
import io
from pathlib import Path

import pytest

from ekonomi import selectors
from ekonomi.models import Rakenskapsar
from ekonomi.sie.importer import SieFel, sie_importera
from ekonomi.sie.parser import Parser, Post, las_kodning, tolka_belopp
from forbund.models import Forbund
from tests.sie.conftest import databasen

FILER = Path(__file__).parent / "filer"


def importera(namn: str | bytes, **kwargs):
    kwargs.setdefault("user", None)
    data = (FILER / namn).read_bytes() if isinstance(namn, str) else namn
    fil = io.BytesIO(data)
    fil.name = namn if isinstance(namn, str) else "fil.se"
    return sie_importera(fil=fil, **kwargs)


def nekas(namn: str | bytes, **kwargs) -> str:
    fore = databasen()
    with pytest.raises(SieFel) as fel:
        importera(namn, **kwargs)
    assert databasen() == fore, "en nekad fil får inte lämna något efter sig"
    return str(fel.value)


def poster(namn: str) -> list[Post]:
    with (FILER / namn).open("rb") as fh:
        info = las_kodning(fh)
        return [p for p in Parser(fh, info.kodning).poster() if isinstance(p, Post)]


def filens(namn: str, etikett: str, ar: str = "0") -> dict[str, int]:
    """{konto: öre} of the file's #IB/#UB/#RES rows of year ``ar``."""
    return {
        p.falt[1]: tolka_belopp(p.falt[2], p.rad)
        for p in poster(namn)
        if p.etikett == etikett and p.falt[0] == ar
    }


def psaldo(namn: str) -> dict[tuple[str, str], int]:
    """{(konto, ÅÅÅÅMM): öre} of the file's #PSALDO rows for whole accounts."""
    return {
        (p.falt[2], p.falt[1]): tolka_belopp(p.falt[4], p.rad)
        for p in poster(namn)
        if p.etikett == "#PSALDO" and p.falt[0] == "0" and p.falt[3] == []
    }


def saldobalans(ar: Rakenskapsar, till: datetime.date | None = None) -> dict[str, tuple]:
    sb = selectors.saldobalans(rakenskapsar=ar, till=till)
    return {r.konto.nummer: (r.ib, r.forandring, r.ub) for r in sb.rader}


def ar_(forbund: Forbund, ar: int) -> Rakenskapsar:
    return forbund.rakenskapsar.get(slut__year=ar)


def manadsslut(ar: int, m: int) -> datetime.date:
    return datetime.date(ar + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)


def stammer_med_filen(namn: str, ar: Rakenskapsar, arsnr: str = "0") -> None:
    sb = saldobalans(ar)
    ib, ub, res = (
        filens(namn, "#IB", arsnr),
        filens(namn, "#UB", arsnr),
        filens(namn, "#RES", arsnr),
    )
    assert ib and ub
    for konto, belopp in ib.items():
        assert sb[konto][0] == belopp, konto
    for konto, belopp in ub.items():
        assert sb[konto][2] == belopp, konto
    for konto, belopp in res.items():
        assert sb[konto] == (0, belopp, belopp), konto
