"""SIE fields: the line's tokens and the values they hold (SIE filformat 4B §5).

Every reader takes the field as the tokenizer gave it (a ``str``, or a ``list`` where the
file has an object list) and the line number, and raises ``SieFel`` naming the line for
anything it cannot read: a list where a value should be, a non-ASCII digit, an amount or
number out of range. Nothing here raises anything else.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation


class SieFel(ValueError):
    """A problem in the file; ``str()`` names the line: ``rad 12: ...``."""

    def __init__(self, rad: int | None, meddelande: str):
        self.rad = rad
        self.meddelande = meddelande
        super().__init__(f"rad {rad}: {meddelande}" if rad else meddelande)


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"?|(\{)|(\})|([^\s{}"]+)')


def tokens(rad: str) -> list:
    """Fields of one line: strings, and object lists as lists of strings."""
    ut: list = []
    lista: list | None = None
    for m in _TOKEN.finditer(rad):
        citerad, start, slut, ord_ = m.groups()
        if start is not None:
            lista = []
            continue
        if slut is not None:
            ut.append(lista if lista is not None else [])
            lista = None
            continue
        if citerad is not None:
            varde = citerad.replace('\\"', '"') if "\\" in citerad else citerad
        else:
            varde = ord_
        if lista is not None:
            lista.append(varde)
        else:
            ut.append(varde)
    if lista is not None:
        ut.append(lista)  # unterminated list: keep what we have
    return ut


_DATUM_CACHE: dict[str, datetime.date] = {}


def tolka_datum(text: str, rad: int, vad: str = "datum") -> datetime.date:
    if not isinstance(text, str):
        raise SieFel(rad, f"{vad} saknas (en objektlista står där datumet ska stå)")
    d = _DATUM_CACHE.get(text)
    if d is not None:
        return d
    t = text.strip()
    if len(t) != 8 or not (t.isascii() and t.isdigit()):
        raise SieFel(rad, f"ogiltigt {vad} ”{text}” (ska vara ÅÅÅÅMMDD)")
    try:
        d = datetime.date(int(t[:4]), int(t[4:6]), int(t[6:]))
    except ValueError:
        raise SieFel(rad, f"omöjligt {vad} ”{text}”") from None
    if len(_DATUM_CACHE) < 10000:
        _DATUM_CACHE[text] = d
    return d


def ar_datum(text: str) -> bool:
    try:
        tolka_datum(text, 0)
    except SieFel:
        return False
    return True


_BELOPP = re.compile(r"^(-?)([0-9]+)(?:\.([0-9]{1,2}))?$")
# 10 000 miljarder kronor: far above any förbund's books, and far enough below the 64-bit
# limit of the database's öre columns that no sum of rows can overflow it.
MAX_ORE = 10**15


def tolka_belopp(text: str, rad: int) -> int:
    """SIE amount (``-1234.5``) to integer öre; refuses fractions of an öre and amounts
    beyond ``MAX_ORE``."""
    if not isinstance(text, str):
        raise SieFel(rad, "beloppet saknas (en objektlista står där beloppet ska stå)")
    m = _BELOPP.match(text)
    if m:
        tecken, heltal, dec = m.groups()
        if len(heltal) > 16:
            raise SieFel(rad, f"beloppet ”{text[:30]}” är orimligt stort")
        ore = int(heltal) * 100 + (int(dec.ljust(2, "0")) if dec else 0)
        if ore > MAX_ORE:
            raise SieFel(rad, f"beloppet ”{text[:30]}” är orimligt stort")
        return -ore if tecken else ore
    try:
        varde = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise SieFel(rad, f"ogiltigt belopp ”{text[:30]}”") from None
    if not varde.is_finite():
        raise SieFel(rad, f"ogiltigt belopp ”{text[:30]}”")
    if abs(varde) > MAX_ORE // 100:
        raise SieFel(rad, f"beloppet ”{text[:30]}” är orimligt stort")
    if varde != varde.quantize(Decimal("0.01")):
        raise SieFel(rad, f"beloppet ”{text[:30]}” har fler än två decimaler")
    return int(varde * 100)


def tolka_konto(text: str, rad: int) -> str:
    if not isinstance(text, str):
        raise SieFel(rad, "kontonummer saknas (en objektlista står där kontot ska stå)")
    if not text or not text.isdigit() or not text.isascii():
        raise SieFel(rad, f"kontonumret ”{text[:30]}” är inte numeriskt")
    if len(text) > 10:
        raise SieFel(rad, f"kontonumret ”{text}” är för långt")
    return text


def tolka_dimension(text, rad: int, vad: str = "dimensionen") -> int:
    """A dimension number: 1–9999 (SIE 4B: 1–19 reserved, 20 and up free)."""
    if not isinstance(text, str) or not (text.isascii() and text.isdigit()):
        raise SieFel(rad, f"{vad} ”{str(text)[:20]}” är inte ett nummer")
    if not 1 <= int(text) <= 9999:
        raise SieFel(rad, f"{vad} {text[:20]} finns inte (ska vara 1–9999)")
    return int(text)


def tolka_objektkod(kod, rad: int) -> str:
    if not isinstance(kod, str) or not kod.strip():
        raise SieFel(rad, "objektkoden saknas")
    if len(kod) > 50:
        raise SieFel(rad, f"objektkoden ”{kod[:20]}…” är för lång (högst 50 tecken)")
    return kod


def tolka_objektlista(lista: list, rad: int) -> tuple[tuple[int, str], ...]:
    """An objektlista's tokens (``["1", "K1", "6", "P01"]``, SIE 4B section 11, #TRANS and
    the #OIB/#OUB/#PSALDO records) as ((dimension, objektkod), …) in file order, one pair
    per dimension. Raises ``SieFel`` at line ``rad`` for an odd list, an empty or too long
    code, a bad dimension, or two different objects of one dimension."""
    if not isinstance(lista, list):
        raise SieFel(rad, "objektlistan saknas")
    if len(lista) % 2:
        raise SieFel(rad, "objektlistan ska bestå av par: dimension och objekt")
    ut: dict[int, str] = {}
    for i in range(0, len(lista), 2):
        dim, kod = lista[i], lista[i + 1]
        if not kod:
            raise SieFel(rad, f"tom objektkod för dimension {dim}")
        dimension = tolka_dimension(dim, rad, "dimensionen i objektlistan")
        kod = tolka_objektkod(kod, rad)
        if ut.setdefault(dimension, kod) != kod:
            # A row belongs to at most one object per dimension: a row on two projects
            # would count its amount in both, and the projects would add up to more
            # than the account (the same object twice is the same, and read once).
            raise SieFel(
                rad,
                f"raden har två objekt i dimension {dimension} (”{ut[dimension]}” och "
                f"”{kod}”); en rad kan ha högst ett objekt per dimension",
            )
    return tuple(ut.items())
