"""The SIE export's writer: CP437 text (with the nearest CP437 text for characters it
lacks), quoting, amounts and dates as SIE writes them, output in chunks of about 64 kB
and the running ``#KSUMMA`` checksum (``ekonomi.sie.exporter`` writes the file)."""

from __future__ import annotations

import datetime
import re
import unicodedata
import zlib

KODNING = "cp437"
_CHUNK = 1 << 16


def belopp(ore: int) -> str:
    """An amount in öre as SIE writes it in kronor: ``-1234.50``, always two decimals."""
    kronor, rest = divmod(abs(ore), 100)
    return f"{'-' if ore < 0 else ''}{kronor}.{rest:02d}"


# Characters CP437 lacks, written as their nearest CP437 text instead of "?" (typographic
# quotes and dashes from Word, the euro sign). Applied to a field before it is quoted and
# summed, so an inserted " is escaped like any other and #KSUMMA covers what is written.
_CP437_NARMAST = str.maketrans(
    {
        "”": '"',
        "“": '"',
        "„": '"',
        "‟": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "€": "EUR",
        "•": "*",
        "´": "'",
        "\u2009": " ",
        "\u202f": " ",
    }
)


# What would let a stored text end its SIE field or line (issue 17): a line break or other
# control character starts a new record in every SIE reader, and a backslash before a
# quote or at the end escapes the closing quote. Such a text typed or posted into a
# verifikation, account or object could otherwise add records (a #VER) to an export.
_BRYTER_FALT = re.compile(r'[\x00-\x1f\x7f]|\\(?="|\Z)')


def _bryter_falt(m: re.Match) -> str:
    return "/" if m.group(0) == "\\" else " "


def cp437_text(text: str) -> str:
    """``text`` with the characters CP437 lacks replaced by their nearest CP437 text
    (” → ", – → -, € → EUR, …); what has no such text is left to the encoder ("?").
    Line breaks and other control characters become spaces and a backslash before a
    quote or at the end becomes "/", so no text can end its field or line."""
    if _BRYTER_FALT.search(text):
        text = _BRYTER_FALT.sub(_bryter_falt, text)
    return text if text.isascii() else text.translate(_CP437_NARMAST)


def sie_citat(text: str) -> str:
    """``text`` in SIE quotes, an inner ``"`` escaped as ``\\"``."""
    return '"' + (text.replace('"', '\\"') if '"' in text else text) + '"'


def sie_lista(lista: list) -> str:
    """An SIE object list ``{"1" "GPS"}`` of quoted fields."""
    return "{" + " ".join(sie_citat(x) for x in lista) + "}"


class Skrivare:
    """Buffers lines into ~64 kB chunks and keeps the #KSUMMA CRC over what it wrote.

    The checksum covers labels and field contents only (no blanks, quotes, braces or line
    ends); it is computed on whole chunks, which gives the same CRC as field by field.
    """

    def __init__(self):
        self.crc = 0
        self.summera = False
        self.buffert: list[str] = []
        self.crc_delar: list[str] = []
        self.storlek = 0

    def post(self, etikett: str, *falt, raa: tuple = ()) -> None:
        """One record; fields are quoted except those at the positions in ``raa``."""
        delar = [etikett]
        crc = [etikett]
        for i, f in enumerate(falt):
            if isinstance(f, list):
                f = [cp437_text(x) for x in f]
                delar.append(sie_lista(f))
                crc.extend(f)
            else:
                f = cp437_text(str(f))
                delar.append(f if i in raa else sie_citat(f))
                crc.append(f)
        self.rad(" ".join(delar), "".join(crc))

    def rad(self, text: str, crc_text: str | None = None) -> None:
        self.buffert.append(text)
        self.storlek += len(text) + 2
        if crc_text is not None and self.summera:
            self.crc_delar.append(crc_text)

    def skriv(self, text: str) -> None:
        """A line outside the checksum (braces, the #KSUMMA lines)."""
        self.rad(text)

    def _summera(self) -> None:
        if self.crc_delar:
            text = "".join(self.crc_delar)
            if not text.isascii():
                text = unicodedata.normalize("NFC", text)
            self.crc = zlib.crc32(text.encode(KODNING, errors="replace"), self.crc)
            self.crc_delar = []

    def ksumma(self) -> int:
        self._summera()
        return self.crc

    def tom(self) -> bytes | None:
        if self.storlek < _CHUNK:
            return None
        return self._ut()

    def _ut(self) -> bytes:
        self._summera()
        text = "\r\n".join(self.buffert) + "\r\n"
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        data = text.encode(KODNING, errors="replace")
        self.buffert, self.storlek = [], 0
        return data

    def rest(self) -> bytes:
        return self._ut() if self.buffert else b""


_DATUM: dict[datetime.date, str] = {}


def sie_datum(d: datetime.date) -> str:
    """``d`` as SIE writes a date, ``YYYYMMDD`` (memoised: an export writes few dates many
    times)."""
    text = _DATUM.get(d)
    if text is None:
        text = _DATUM[d] = f"{d.year:04d}{d.month:02d}{d.day:02d}"
    return text
