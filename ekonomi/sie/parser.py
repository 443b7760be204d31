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

Encoding: ``#FORMAT PC8`` promises IBM code page 437, but real exporters write UTF-8 or
ISO-8859-1/15 too. ``las_kodning`` decides from the bytes: strict UTF-8 first; otherwise
whichever of CP437 and Latin-1/15 makes more of the bytes Swedish letters.

``#KSUMMA``: when the file starts its checksum with a bare ``#KSUMMA``, a CRC-32 (the
polynomial of the spec's C example, identical to zlib's) is computed over every label and
field from there to the closing ``#KSUMMA <sum>``: the characters of the fields in the
file's encoding, without separating blanks, the quotes around a field, the braces of an
object list or line ends. A mismatch is an error.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import BinaryIO


class SieFel(ValueError):
    """A problem in the file; ``str()`` names the line: ``rad 12: ...``."""

    def __init__(self, rad: int | None, meddelande: str):
        self.rad = rad
        self.meddelande = meddelande
        super().__init__(f"rad {rad}: {meddelande}" if rad else meddelande)


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


# --- encoding -----------------------------------------------------------------------------

_CP437_SVENSKA = frozenset(b"\x86\x84\x94\x8f\x8e\x99\x82\x90\x81\x9a")  # åäöÅÄÖéÉüÜ
_LATIN_SVENSKA = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xc9\xfc\xdc")
_CP437_BYTES = [bytes([b]) for b in _CP437_SVENSKA]
_LATIN_BYTES = [bytes([b]) for b in _LATIN_SVENSKA]
_CHUNK = 1 << 16


@dataclass(slots=True)
class Filinfo:
    kodning: str
    sha256: str
    storlek: int


def las_kodning(fil: BinaryIO) -> Filinfo:
    """One pass over the bytes: encoding, sha256 and size. Rewinds the file."""
    fil.seek(0)
    sha = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok = True
    hog = False
    cp437 = latin = euro = 0
    storlek = 0
    while True:
        chunk = fil.read(_CHUNK)
        if not chunk:
            break
        storlek += len(chunk)
        sha.update(chunk)
        if not chunk.isascii():
            hog = True
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            cp437 += sum(chunk.count(b) for b in _CP437_BYTES)
            latin += sum(chunk.count(b) for b in _LATIN_BYTES)
            euro += chunk.count(b"\xa4")
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    fil.seek(0)
    if not hog:
        kodning = "cp437"
    elif utf8_ok:
        kodning = "utf-8"
    elif latin > cp437:
        kodning = "iso-8859-15" if euro else "iso-8859-1"
    else:
        kodning = "cp437"
    return Filinfo(kodning=kodning, sha256=sha.hexdigest(), storlek=storlek)


def _rader(fil: BinaryIO, kodning: str) -> Iterator[tuple[int, str]]:
    """(line number, text) for every line; CR LF, LF and a lone CR all end a line."""
    nr = 0
    forsta = True
    for raw in fil:
        if forsta:
            forsta = False
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        raw = raw.rstrip(b"\r\n")
        delar = raw.split(b"\r") if b"\r" in raw else (raw,)
        for del_ in delar:
            nr += 1
            if del_.isascii():
                yield nr, del_.decode("ascii")
            else:
                # Composed letters: some exporters write "o" + U+0308 for "ö".
                yield nr, unicodedata.normalize("NFC", del_.decode(kodning, errors="replace"))


# --- tokens and fields --------------------------------------------------------------------

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
    d = _DATUM_CACHE.get(text)
    if d is not None:
        return d
    t = text.strip()
    if len(t) != 8 or not t.isdigit():
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


def tolka_belopp(text: str, rad: int) -> int:
    """SIE amount (``-1234.5``) to integer öre; refuses fractions of an öre."""
    m = _BELOPP.match(text)
    if m:
        tecken, heltal, dec = m.groups()
        ore = int(heltal) * 100 + (int(dec.ljust(2, "0")) if dec else 0)
        return -ore if tecken else ore
    try:
        varde = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise SieFel(rad, f"ogiltigt belopp ”{text}”") from None
    if not varde.is_finite() or varde != varde.quantize(Decimal("0.01")):
        raise SieFel(rad, f"beloppet ”{text}” har fler än två decimaler")
    return int(varde * 100)


def tolka_konto(text: str, rad: int) -> str:
    if not text or not text.isdigit() or not text.isascii():
        raise SieFel(rad, f"kontonumret ”{text}” är inte numeriskt")
    if len(text) > 10:
        raise SieFel(rad, f"kontonumret ”{text}” är för långt")
    return text


def tolka_objektlista(lista: list, rad: int) -> tuple[tuple[int, str], ...]:
    if len(lista) % 2:
        raise SieFel(rad, "objektlistan ska bestå av par: dimension och objekt")
    ut = []
    for i in range(0, len(lista), 2):
        dim, kod = lista[i], lista[i + 1]
        if not dim.isdigit():
            raise SieFel(rad, f"dimensionen ”{dim}” i objektlistan är inte ett nummer")
        if not kod:
            raise SieFel(rad, f"tom objektkod för dimension {dim}")
        ut.append((int(dim), kod))
    return tuple(ut)


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


def _ver(falt: list, rad: int) -> Ver:
    # #VER serie vernr verdatum vertext [regdatum] [sign]
    falt = [f if isinstance(f, str) else "" for f in falt]
    while len(falt) < 4:
        falt.append("")
    serie, nummer, datum, text = falt[0].strip(), falt[1].strip(), falt[2], falt[3]
    if not serie:
        raise SieFel(rad, "verifikationen saknar serie")
    if not ar_datum(datum) and ar_datum(nummer):
        # "#VER  1 20170101" — the series is missing and the fields have shifted left.
        raise SieFel(rad, "verifikationen saknar serie (fälten är förskjutna)")
    if len(serie) > 10:
        raise SieFel(rad, f"serien ”{serie}” är för lång")
    if nummer and not (nummer.isascii() and nummer.isdigit()):
        raise SieFel(rad, f"verifikationsnumret ”{nummer}” är inte ett heltal")
    if nummer and int(nummer) > 2_147_483_647:
        raise SieFel(rad, f"verifikationsnumret {nummer} är för stort")
    return Ver(
        rad=rad,
        serie=serie,
        nummer=int(nummer) if nummer else None,
        datum=tolka_datum(datum, rad, "verifikationsdatum"),
        text=text[:300],
    )


# --- records ------------------------------------------------------------------------------


class Parser:
    """Iterate ``poster()``; afterwards ``varningar`` holds (line, text) warnings and
    ``ksumma`` is None (no checksum), True (verified)."""

    def __init__(self, fil: BinaryIO, kodning: str):
        self.fil = fil
        self.kodning = kodning
        self.varningar: list[tuple[int, str]] = []
        self.ksumma: bool | None = None
        self._crc: int | None = None
        self.antal_rader = 0

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
        for nr, text in _rader(self.fil, self.kodning):
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
                except ValueError:
                    raise SieFel(nr, f"ogiltig kontrollsumma ”{falt[0]}”") from None
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
