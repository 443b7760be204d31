"""Helpers for the SIE tests: the conformance files and small synthetic SIE files."""

import io
import os
from pathlib import Path

import pytest
from django.db.models import Sum

from ekonomi.models import (
    Budgetrad,
    Budgetversion,
    Dimension,
    Konto,
    Objekt,
    Period,
    Rad,
    RadObjekt,
    Rakenskapsar,
    Serie,
    SieImport,
    Verifikation,
)
from forbund.models import Forbund, Logghandelse
from insatser.models import Insats

# The project's own SIE files (invented companies): every case the tests need.
FILER = Path(__file__).resolve().parent / "filer"

# The public conformance files live beside the repository (../shared), which a fresh clone
# does not have: those suites run where it exists (CI) and are skipped, with the reason,
# where it does not. FINSAM_SHARED_DIR points elsewhere (or at nothing, to try the skip).
DELAT = Path(
    os.environ.get("FINSAM_SHARED_DIR") or Path(__file__).resolve().parents[2].parent / "shared"
)
FIXTURER = DELAT / "fixtures" / "sie"
FALTFALL = DELAT / "fixtures" / "sie-field"


def kraver(mapp: Path):
    """Skip a test or module when a folder of ../shared is missing, saying which."""
    return pytest.mark.skipif(
        not mapp.is_dir(),
        reason=f"{mapp} finns inte (de publika SIE-filerna ligger i ../shared; "
        "sätt FINSAM_SHARED_DIR för att köra dem)",
    )


HUVUD = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#PROGRAM "Kommunens ekonomisystem" 1.0
#GEN 20240115
#FNAMN "Samordningsförbundet Testbygden"
#ORGNR 222000-1008
#RAR 0 20240101 20241231
#KONTO 1930 "Bank"
#KTYP 1930 T
#KONTO 2910 "Upplupna kostnader"
#KTYP 2910 S
#KONTO 2060 "Eget kapital"
#KTYP 2060 S
#KONTO 3510 "Bidrag från medlemmar"
#KTYP 3510 I
#KONTO 4610 "Köp av verksamhet"
#KTYP 4610 K
#DIM 1 "Kostnadsställe"
#OBJEKT 1 "K10" "Kansli"
#DIM 6 "Projekt"
#OBJEKT 6 "P1" "Unga till arbete"
#IB 0 1930 100000.00
#IB 0 2060 -100000.00
"""


def sie(text: str, kodning: str = "utf-8") -> io.BytesIO:
    fil = io.BytesIO(text.encode(kodning))
    fil.name = "bok.se"
    return fil


def ver(serie: str, nummer, datum: str, text: str, *rader: str) -> str:
    kropp = "\n".join(f"#TRANS {r}" for r in rader)
    return f'#VER {serie} {nummer} {datum} "{text}"\n{{\n{kropp}\n}}\n'


A1 = ver("A", 1, "20240115", "Bidrag FK", "1930 {} 50000.00", "3510 {} -50000.00")
A2 = ver("A", 2, "20240220", "Faktura insats", '4610 {1 "K10" 6 "P1"} 1200.50', "2910 {} -1200.50")
A3 = ver("A", 3, "20240305", "Betalning", "2910 {} 1200.50", "1930 {} -1200.50")


MODELLER = [
    Forbund,
    Rakenskapsar,
    Period,
    Konto,
    Dimension,
    Objekt,
    Serie,
    SieImport,
    Verifikation,
    Rad,
    RadObjekt,
    Budgetversion,
    Budgetrad,
    Insats,
    Logghandelse,
]


def databasen() -> dict:
    """Row counts of everything an import may touch (to prove a refusal saved nothing)."""
    return {m.__name__: m.objects.count() for m in MODELLER}


def saldo(forbund, konto: str) -> int:
    return (
        Rad.objects.filter(
            konto__forbund=forbund, konto__nummer=konto, verifikation__status="B"
        ).aggregate(s=Sum("belopp"))["s"]
        or 0
    )
