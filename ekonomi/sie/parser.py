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

import re
import unicodedata
import zlib
from collections.abc import Callable, Generator, Iterator
from typing import BinaryIO

from ekonomi.sie.falt import (
    MAX_ORE,
    SieFel,
    tokens,
    tolka_belopp,
    tolka_datum,
    tolka_dimension,
    tolka_konto,
    tolka_objektkod,
    tolka_objektlista,
)
from ekonomi.sie.kodning import Filinfo, las_kodning
from ekonomi.sie.verposter import (
    _ORE,
    _SNABB_TRANS,
    SERIE_MAX,
    Post,
    Trans,
    Ver,
    _snabb_objekt,
    _trans,
    _ver,
)

__all__ = [
    "MAX_ORE",
    "Filinfo",
    "Parser",
    "Post",
    "SERIE_MAX",
    "SieFel",
    "Trans",
    "Ver",
    "_trans",
    "las_kodning",
    "tokens",
    "tolka_belopp",
    "tolka_datum",
    "tolka_dimension",
    "tolka_konto",
    "tolka_objektkod",
    "tolka_objektlista",
]


# --- encoding and lines ---------------------------------------------------------------------

_STYRTECKEN = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
_C1 = re.compile("[\x80-\x9f]")
_BLOCK = 1 << 20  # bytes read at a time


def _c1_till_tecken(m: re.Match) -> str:
    try:
        return bytes([ord(m.group())]).decode("cp1252")
    except UnicodeDecodeError:
        return ""  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252 too


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
        framsteg: Callable[[int], None] | None = None,
    ):
        self.fil = fil
        # Called with the bytes read so far after every block (a background import's
        # progress bar).
        self.framsteg = framsteg
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
        rest = b""
        lasta = 0
        styrtecken = self.styrtecken
        while True:
            # Blocks of whole lines: bounded memory, and an ASCII block (the common case)
            # is decoded and split at once instead of line by line.
            block = self.fil.read(_BLOCK)
            lasta += len(block)
            if self.framsteg is not None:
                self.framsteg(lasta)
            if forsta:
                forsta = False
                if block.startswith(b"\xef\xbb\xbf"):
                    block = block[3:]
            if block:
                data = rest + block if rest else block
                slut = data.rfind(b"\n")
                if slut < 0:
                    rest = data
                    continue
                data, rest = data[:slut], data[slut + 1 :]
            elif rest:
                data, rest = rest, b""
            else:
                return
            if not styrtecken:
                # The block ends before a line's LF: the CR of that CR LF goes here (the
                # per-line path strips it too), or no CR LF block would ever pass below.
                if data.endswith(b"\r"):
                    data = data[:-1]
                text = data.decode("ascii") if data.isascii() else self._blocktext(data)
                if text is not None:
                    if "\r" in text:
                        text = text.replace("\r\n", "\n")
                    if "\r" not in text:
                        rader = text.split("\n")
                        yield from enumerate(rader, nr + 1)
                        nr += len(rader)
                        continue
            nr = yield from self._rad_for_rad(nr, data)

    def _blocktext(self, data: bytes) -> str | None:
        """A block of whole lines decoded at once, or None when a line needs the per-line
        path's care (a C1 control character, composed letters, an uncertain encoding
        not yet warned about). No line end byte occurs inside a character of the
        candidate encodings, so the lines are those ``_rad_for_rad`` would decode one by
        one, character for character (a Swedish file has ö in most #VER lines: line by
        line cost a third of the parsing)."""
        if self.alternativ and "alternativ" not in self._varnat:
            return None
        text = data.decode(self.kodning, errors="replace")
        if _C1.search(text) is not None or not unicodedata.is_normalized("NFC", text):
            return None
        return text

    def _rad_for_rad(self, nr: int, data: bytes) -> Generator[tuple[int, str], None, int]:
        """Lines of a block one at a time (a lone CR, control characters, other encodings);
        returns the last line's number."""
        kodning = self.kodning
        styrtecken = self.styrtecken
        for raw in data.split(b"\n"):
            raw = raw.rstrip(b"\r")
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
        return nr

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
        objekt_cache: dict[str, tuple] = {}  # an object list's text -> its parsed pairs
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
                    konto, lista, belopp, tecken, kronor, ore, datum, text = m.groups()
                    if kronor is None:
                        belopp = tolka_belopp(belopp, nr)
                    else:
                        belopp = int(kronor) * 100 + (_ORE[ore] if ore else 0)
                        if tecken:
                            belopp = -belopp
                    if lista:
                        objekt = objekt_cache.get(lista)
                        if objekt is None:
                            objekt = _snabb_objekt(lista, nr) if lista.strip() else ()
                            if len(objekt_cache) < 10_000:
                                objekt_cache[lista] = objekt
                    else:
                        objekt = ()
                    rader_append = ver.rader.append
                    rader_append(
                        Trans(
                            nr,
                            konto,
                            objekt,
                            belopp,
                            tolka_datum(datum, nr, "transaktionsdatum") if datum else None,
                            (text.replace('\\"', '"') if "\\" in text else text) if text else "",
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
