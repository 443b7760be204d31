"""SIE records as the parser yields them (``Post``, ``Ver`` with its ``Trans`` rows) and
the readers of ``#VER`` and ``#TRANS`` lines (SIE filformat 4B §#VER, §#TRANS).

``_SNABB_TRANS`` reads the common ``#TRANS`` line with one regular expression; the
general path (``tokens`` and ``_trans``) reads everything else with the same result.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ekonomi.sie.falt import (
    SieFel,
    ar_datum,
    tokens,
    tolka_belopp,
    tolka_datum,
    tolka_konto,
    tolka_objektlista,
)


@dataclass(slots=True)
class Post:
    rad: int
    etikett: str
    falt: list


@dataclass(slots=True)
class Trans:
    rad: int
    konto: str
    objekt: tuple[tuple[int, str], ...]
    belopp: int  # öre
    datum: datetime.date | None
    text: str


@dataclass(slots=True)
class Ver:
    rad: int
    serie: str
    nummer: int | None
    datum: datetime.date
    text: str
    rader: list[Trans] = field(default_factory=list)


# The amount's sign, kronor and öre are groups of their own, so the common row needs no
# second expression for its amount (at most 13 digits of kronor: below MAX_ORE; a longer
# amount goes through tolka_belopp and its checks).
_SNABB_TRANS = re.compile(
    r'#TRANS[ \t]+([0-9]{1,10})[ \t]+\{([^{}"]*(?:"[^"\\]*"[^{}"]*)*)\}[ \t]+'
    r"((-?)([0-9]{1,13})(?:\.([0-9]{1,2}))?|-?[0-9]+(?:\.[0-9]{1,2})?)"
    r'(?:[ \t]+(?:([0-9]{8})|""))?(?:[ \t]+"((?:[^"\\]|\\.)*)")?[ \t]*$'
)
_ORE = {str(i): i for i in range(10)} | {f"{i:02d}": i for i in range(100)}
_ORE.update({str(i): i * 10 for i in range(10)})  # "5" after the point is 50 öre


def _snabb_objekt(lista: str, rad: int) -> tuple[tuple[int, str], ...]:
    return tolka_objektlista(tokens(lista), rad)


def _trans(falt: list, rad: int) -> Trans:
    # #TRANS kontonr {objektlista} belopp [transdat] [transtext] [kvantitet] [sign]
    if not falt:
        raise SieFel(rad, "transaktionen saknar konto")
    konto = tolka_konto(falt[0], rad)
    i = 1
    objekt: tuple = ()
    if len(falt) > 1 and isinstance(falt[1], list):
        objekt = tolka_objektlista(falt[1], rad) if falt[1] else ()
        i = 2
    if len(falt) <= i or isinstance(falt[i], list):
        raise SieFel(rad, "transaktionen saknar belopp")
    belopp = tolka_belopp(falt[i], rad)
    datum = None
    if len(falt) > i + 1 and isinstance(falt[i + 1], str) and falt[i + 1]:
        datum = tolka_datum(falt[i + 1], rad, "transaktionsdatum")
    text = falt[i + 2] if len(falt) > i + 2 and isinstance(falt[i + 2], str) else ""
    return Trans(rad=rad, konto=konto, objekt=objekt, belopp=belopp, datum=datum, text=text)


SERIE_MAX = 50  # characters (ekonomi.Serie.kod)


def _ver(falt: list, rad: int) -> Ver:
    # #VER serie vernr verdatum vertext [regdatum] [sign]
    falt = [f if isinstance(f, str) else "" for f in falt]
    while len(falt) < 4:
        falt.append("")
    serie, nummer, datum, text = falt[0].strip(), falt[1].strip(), falt[2], falt[3]
    if not ar_datum(datum) and ar_datum(nummer):
        # "#VER  1 20170101" — the series is missing and the fields have shifted left.
        raise SieFel(rad, "verifikationen saknar serie (fälten är förskjutna)")
    if len(serie) > SERIE_MAX:
        raise SieFel(rad, f"serien ”{serie[:20]}…” är för lång (högst {SERIE_MAX} tecken)")
    if nummer and not (nummer.isascii() and nummer.isdigit()):
        raise SieFel(rad, f"verifikationsnumret ”{nummer[:20]}” är inte ett heltal")
    if nummer and len(nummer) > 10 or nummer and int(nummer) > 2_147_483_647:
        raise SieFel(rad, f"verifikationsnumret {nummer[:20]} är för stort")
    return Ver(
        rad=rad,
        # An empty series (``#VER "" ""``, typ 4I): the importer puts it in its default
        # series. No number, or 0: the receiver assigns the next one (SIE 4B §#VER).
        serie=serie,
        nummer=int(nummer) if nummer and int(nummer) else None,
        datum=tolka_datum(datum, rad, "verifikationsdatum"),
        text=text[:300],
    )
