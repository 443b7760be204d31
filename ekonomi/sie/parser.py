"""A streaming SIE 4 parser (SIE filformat, utgåva 4B).

The file is read line by line from a binary file object; nothing but the current voucher
is held in memory. Every record carries its line number so that the importer can name
the line in its messages.

What it yields (``poster(...)``):
- ``Post``: one ordinary record (``#KONTO``, ``#IB``, ...) with its raw fields; a field is a
  ``str`` or, for an object list ``{1 "10" 6 "P1"}``, a ``list[str]``;
- ``Ver``: one ``#VER`` with its ``Trans`` rows (``#RTRANS`` rows included, the identical
  ``#TRANS`` that follows one skipped, ``#BTRANS`` left out: a removed row is not part of
  the voucher).

Encoding: ``#FORMAT PC8`` promises IBM code page 437, but real exporters write UTF-8,
ISO-8859-1/15 or Windows-1252 too: ``ekonomi.sie.kodning.las_kodning`` decides from the
bytes. No control character is ever passed on: C0 controls (but tab) become a space, and
C1 controls in a UTF-8 file (Windows-1252 text that was converted as if it were Latin-1)
become the Windows-1252 character they stand for; each with a warning naming a line.

``#KSUMMA``: when the file starts its checksum with a bare ``#KSUMMA``, a CRC-32 (the
polynomial of the spec's C example, identical to zlib's) is computed over every label and
field from there to the closing ``#KSUMMA <sum>``: the characters of the fields in the
file's encoding, without separating blanks, the quotes around a field, the braces of an
object list or line ends. A mismatch is an error.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from ekonomi.sie.falt import (
    MAX_ORE,
    SieFel,
    ar_datum,
    tokens,
    tolka_belopp,
    tolka_datum,
    tolka_dimension,
    tolka_konto,
    tolka_objektkod,
    tolka_objektlista,
)
from ekonomi.sie.kodning import Filinfo, las_kodning

__all__ = [
    "MAX_ORE",
    "Filinfo",
    "Parser",
    "Post",
    "SieFel",
    "Trans",
    "Ver",
    "las_kodning",
    "tokens",
    "tolka_belopp",
    "tolka_datum",
    "tolka_dimension",
    "tolka_konto",
    "tolka_objektkod",
    "tolka_objektlista",
]


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


# --- encoding and lines ---------------------------------------------------------------------

_STYRTECKEN = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
_C1 = re.compile("[\x80-\x9f]")


def _c1_till_tecken(m: re.Match) -> str:
    try:
        return bytes([ord(m.group())]).decode("cp1252")
    except UnicodeDecodeError:
        return ""  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252 too


_SNABB_TRANS = re.compile(
    r'#TRANS[ \t]+([0-9]{1,10})[ \t]+\{([^{}"]*(?:"[^"\\]*"[^{}"]*)*)\}[ \t]+'
    r'(-?[0-9]+(?:\.[0-9]{1,2})?)(?:[ \t]+(?:([0-9]{8})|""))?(?:[ \t]+"((?:[^"\\]|\\.)*)")?[ \t]*$'
)


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


# --- records ------------------------------------------------------------------------------


class Parser:
    """Iterate ``poster()``; afterwards ``varningar`` holds (line, text) warnings and
    ``ksumma`` is None (no checksum), True (verified)."""

    def __init__(
        self,
        fil: BinaryIO,
        kodning: str,
        alternativ: str | None = None,
        styrtecken: bool = True,
    ):
        self.fil = fil
        # False when las_kodning saw no control character: the per-line check is skipped.
        self.styrtecken = styrtecken
        self.kodning = kodning
        self.alternativ = alternativ  # a runner-up encoding: warn with a line it reads otherwise
        self.varningar: list[tuple[int, str]] = []
        self.ksumma: bool | None = None
        self._crc: int | None = None
        self.antal_rader = 0
        self._varnat: set[str] = set()

    def _rader(self) -> Iterator[tuple[int, str]]:
        """(line number, text) for every line; CR LF, LF and a lone CR all end a line."""
        nr = 0
        forsta = True
        kodning = self.kodning
        styrtecken = self.styrtecken
        for raw in self.fil:
            if forsta:
                forsta = False
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            raw = raw.rstrip(b"\r\n")
            delar = raw.split(b"\r") if b"\r" in raw else (raw,)
            for del_ in delar:
                nr += 1
                if styrtecken and _STYRTECKEN.search(del_):
                    del_ = self._styrtecken(nr, del_)
                if del_.isascii():
                    yield nr, del_.decode("ascii")
                    continue
                text = del_.decode(kodning, errors="replace")
                if _C1.search(text):
                    text = _C1.sub(_c1_till_tecken, text)
                    self._varna_en_gang(
                        "c1",
                        nr,
                        "styrtecken (C1) i texten lästes som Windows-1252-tecken (t.ex. ” och –)",
                    )
                if self.alternativ and "alternativ" not in self._varnat:
                    annan = del_.decode(self.alternativ, errors="replace")
                    if annan != text:
                        self._varna_en_gang(
                            "alternativ",
                            nr,
                            f"teckenkodningen är osäker: filen lästes som {kodning} men kan "
                            f"vara {self.alternativ}; kontrollera texten ”{text.strip()[:80]}”",
                        )
                # Composed letters: some exporters write "o" + U+0308 for "ö".
                yield nr, unicodedata.normalize("NFC", text)

    def _styrtecken(self, nr: int, del_: bytes) -> bytes:
        if del_.strip(b"\x1a \t") == b"":
            return b""  # DOS end-of-file mark
        self._varna_en_gang("styr", nr, "styrtecken i raden ersattes med mellanslag")
        return _STYRTECKEN.sub(b" ", del_)

    def _varna_en_gang(self, nyckel: str, nr: int, text: str) -> None:
        if nyckel not in self._varnat:
            self._varnat.add(nyckel)
            self.varna(nr, text)

    def varna(self, rad: int, text: str) -> None:
        if len(self.varningar) < 1000:
            self.varningar.append((rad, text))

    def _summera(self, etikett: str, falt: list) -> None:
        self._crc = zlib.crc32(_crc_text(etikett, falt).encode(self.kodning, "replace"), self._crc)

    def poster(self) -> Iterator[Post | Ver]:
        ver: Ver | None = None
        i_block = False
        hoppa: tuple | None = None  # the #TRANS an #RTRANS says will follow
        ksumma_slut = False
        for nr, text in self._rader():
            self.antal_rader = nr
            s = text.strip()
            if not s:
                continue
            if s == "{":
                if ver is None or i_block:
                    raise SieFel(nr, "”{” utan föregående #VER")
                i_block = True
                continue
            if s == "}":
                if not i_block:
                    raise SieFel(nr, "”}” utan öppnande ”{”")
                i_block = False
                hoppa = None
                yield ver
                ver = None
                continue
            if s[0] != "#":
                self.varna(nr, f"raden saknar etikett och hoppas över: {s[:40]}")
                continue
            if i_block and self._crc is None and hoppa is None:
                # The common row, read by one regular expression (the general path below
                # handles everything else, with the same result).
                m = _SNABB_TRANS.match(s)
                if m is not None:
                    konto, lista, belopp, datum, text = m.groups()
                    ver.rader.append(
                        Trans(
                            rad=nr,
                            konto=konto,
                            objekt=_snabb_objekt(lista, nr) if lista.strip() else (),
                            belopp=tolka_belopp(belopp, nr),
                            datum=tolka_datum(datum, nr, "transaktionsdatum") if datum else None,
                            text=(text.replace('\\"', '"') if "\\" in text else text)
                            if text
                            else "",
                        )
                    )
                    continue
            falt = tokens(s)
            etikett = falt[0].upper()
            falt = falt[1:]
            if ksumma_slut:
                raise SieFel(nr, "innehåll efter den avslutande #KSUMMA")
            if etikett == "#KSUMMA":
                if not falt:
                    if self._crc is not None:
                        raise SieFel(nr, "#KSUMMA inleds två gånger")
                    self._crc = 0
                    continue
                if self._crc is None:
                    raise SieFel(nr, "#KSUMMA med summa men utan inledande #KSUMMA")
                try:
                    angiven = int(falt[0]) & 0xFFFFFFFF
                except (TypeError, ValueError):
                    raise SieFel(nr, f"ogiltig kontrollsumma ”{str(falt[0])[:20]}”") from None
                if angiven != self._crc:
                    raise SieFel(
                        nr,
                        f"kontrollsumman stämmer inte (filen anger {falt[0]}, "
                        f"innehållet ger {self._crc}); filen kan vara ändrad eller skadad",
                    )
                self.ksumma = True
                ksumma_slut = True
                continue
            if self._crc is not None:
                self._summera(etikett, falt)
            if etikett in ("#TRANS", "#RTRANS", "#BTRANS"):
                if ver is None or not i_block:
                    raise SieFel(nr, f"{etikett} utanför en verifikation")
                if etikett == "#BTRANS":
                    continue  # a removed row: history, not part of the voucher
                t = _trans(falt, nr)
                if etikett == "#RTRANS":
                    hoppa = (t.konto, t.objekt, t.belopp)
                    ver.rader.append(t)
                    continue
                if hoppa is not None:
                    lika = hoppa == (t.konto, t.objekt, t.belopp)
                    hoppa = None
                    if lika:
                        continue
                ver.rader.append(t)
                continue
            if i_block:
                self.varna(nr, f"okänd etikett {etikett} inne i en verifikation hoppas över")
                continue
            if ver is not None:  # a #VER without a row block
                yield ver
                ver = None
            if etikett == "#VER":
                ver = _ver(falt, nr)
                continue
            yield Post(rad=nr, etikett=etikett, falt=falt)
        if i_block:
            raise SieFel(self.antal_rader, "filen slutar inne i en verifikation (”}” saknas)")
        if ver is not None:
            yield ver
        if self._crc is not None and not ksumma_slut:
            raise SieFel(self.antal_rader, "#KSUMMA inleds men avslutas aldrig")


def _crc_text(etikett: str, falt: list) -> str:
    delar = [etikett]
    for f in falt:
        if isinstance(f, list):
            delar.extend(f)
        else:
            delar.append(f)
    return "".join(delar)


class Crc:
    """The #KSUMMA checksum, record by record (the exporter sums whole chunks)."""

    def __init__(self, kodning: str = "cp437"):
        self.kodning = kodning
        self.varde = 0

    def post(self, etikett: str, falt: list) -> None:
        self.varde = zlib.crc32(
            _crc_text(etikett, falt).encode(self.kodning, "replace"), self.varde
        )
