"""Which character encoding an SIE file is in, and whether it is a text file at all.

``#FORMAT PC8`` promises IBM code page 437, but real exporters write UTF-8, ISO-8859-1/15
and Windows-1252 too (SIE 4B §#FORMAT; DOMAIN.md §6). The bytes decide:

1. no byte above 127: CP437 (nothing to tell apart);
2. strict UTF-8 that decodes: UTF-8 (Latin text is practically never valid UTF-8);
3. otherwise every candidate (CP437, Windows-1252, ISO-8859-15) reads a sample of the
   lines with high bytes, and each decoded character scores by how plausible it is in
   Swedish text *where it stands*: a Swedish letter inside a word scores high, a
   typographic quote, dash or € at a word boundary scores well, a control character, an
   undefined byte or a box-drawing sign scores low. So ``0x94`` is "ö" between letters
   (CP437 "Lön") and "”" at a word's edge (Windows-1252 "”Konsultstöd”").
   Among the Latin family the name follows the bytes: any byte 0x80–0x9F makes it
   Windows-1252 (in ISO-8859-1 those are C1 control characters), a euro sign that only
   ISO-8859-15 reads makes it that, else ISO-8859-1.

When the runner-up scores almost as well, ``Filinfo.alternativ`` names it and the parser
warns with the first line the two encodings read differently.

A file that is not text (a PDF, an image, a spreadsheet, a zip, random binary) is
recognised from its first bytes (``Filinfo.inte_sie`` says what it looks like).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from typing import BinaryIO

_CHUNK = 1 << 16
_PROV_MAX = 256 * 1024  # bytes of high-byte lines scored (the rest only hashed)

KANDIDATER = ("cp437", "windows-1252", "iso-8859-15")
SVENSKA = frozenset("åäöÅÄÖéÉüÜ")
TYPOGRAFISKA = frozenset("”“„‘’‚–—…€•§°½«»´·×±")
_HOG = re.compile("[^\x00-\x7f]")
_C1_BYTE = re.compile(rb"[\x80-\x9f]")
# Control characters the parser must replace; CR is a line end (the parser splits lines
# at it), so a CR LF file is not flagged and its lines skip the per-line check.
STYRTECKEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# First bytes of files people upload by mistake (file signatures).
_MAGI = (
    (b"%PDF", "en PDF"),
    (b"\x89PNG", "en PNG-bild"),
    (b"\xff\xd8\xff", "en JPEG-bild"),
    (b"GIF8", "en GIF-bild"),
    (b"II*\x00", "en TIFF-bild"),
    (b"MM\x00*", "en TIFF-bild"),
    (b"PK\x03\x04", "ett zip-arkiv, t.ex. ett Excel- eller Word-dokument"),
    (b"PK\x05\x06", "ett zip-arkiv"),
    (b"\xd0\xcf\x11\xe0", "ett äldre Office-dokument, t.ex. Excel"),
    (b"\x1f\x8b", "en gzip-komprimerad fil"),
    (b"7z\xbc\xaf", "ett 7z-arkiv"),
    (b"Rar!", "ett RAR-arkiv"),
    (b"{\\rtf", "ett RTF-dokument"),
    (b"\xff\xfe", "UTF-16-kodad text"),
    (b"\xfe\xff", "UTF-16-kodad text"),
    (b"<?xml", "en XML-fil (SIE 5 och andra XML-format läses inte; välj SIE typ 1–4)"),
)


@dataclass(slots=True)
class Filinfo:
    kodning: str
    sha256: str
    storlek: int
    alternativ: str | None = None  # an encoding that read the file almost as well
    inte_sie: str = ""  # what the bytes look like when they cannot be an SIE file
    styrtecken: bool = False  # a control character (not tab, CR, LF) somewhere in the file


def _poang(prov: list[bytes], kodning: str) -> int:
    """How plausible the decoded high characters are as Swedish text (higher is better).

    The candidates are single-byte encodings, so the sample lines are decoded as one text
    joined by line ends (a line end passes none of the tests below, just like the space
    that stands for a line's edge), and each (before, character, after) is scored once.
    """
    text = b"\n".join(prov).decode(kodning, errors="replace")
    n = len(text)
    summa = 0
    poang: dict[tuple[str, str, str], int] = {}
    for m in _HOG.finditer(text):
        i = m.start()
        trio = (text[i - 1] if i else " ", text[i], text[i + 1] if i + 1 < n else " ")
        p = poang.get(trio)
        if p is None:
            p = poang[trio] = _tecken_poang(*trio)
        summa += p
    return summa


def _tecken_poang(fore: str, c: str, efter: str) -> int:
    if c == "\ufffd" or "\x80" <= c <= "\x9f":
        return -5
    if c.isalpha():
        if c.islower() and efter.isupper():
            return -2  # "öK": a small letter before a capital inside a word
        if c.isupper() and fore.islower():
            return -2  # "dÖ"
        if fore.isalpha() or efter.isalpha():
            return 3 if c in SVENSKA else 1
        return -1  # a lone letter between spaces or quotes
    if c in TYPOGRAFISKA:
        return 2 if not (fore.isalnum() and efter.isalnum()) else -1
    return -1  # box drawing, mathematics, rare signs


def _inte_sie(borjan: bytes, nul: bool) -> str:
    for magi, vad in _MAGI:
        if borjan.startswith(magi):
            return f"den ser ut att vara {vad}"
    if nul:
        return "den innehåller binärdata"
    text = borjan[3:] if borjan.startswith(b"\xef\xbb\xbf") else borjan
    text = text.lstrip(b" \t\r\n\x1a")
    if text and not text.startswith(b"#"):
        return "den första raden börjar inte med en SIE-etikett som #FLAGGA"
    return ""


def las_kodning(fil: BinaryIO) -> Filinfo:
    """One pass over the bytes: encoding, sha256, size, and whether it can be SIE at all.

    Rewinds the file. The sample for scoring is bounded (``_PROV_MAX``), so memory stays
    flat for any file size.
    """
    fil.seek(0)
    sha = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok = True
    hog = False
    borjan = b""
    prov: list[bytes] = []
    prov_storlek = 0
    storlek = 0
    styrtecken = False
    while True:
        chunk = fil.read(_CHUNK)
        if not chunk:
            break
        if not storlek:
            borjan = chunk[:512]
        storlek += len(chunk)
        sha.update(chunk)
        if not styrtecken and STYRTECKEN.search(chunk):
            styrtecken = True
        if chunk.isascii():
            continue
        hog = True
        if utf8_ok:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
        if prov_storlek < _PROV_MAX:
            for rad in chunk.split(b"\n"):
                if not rad.isascii():
                    prov.append(rad)
                    prov_storlek += len(rad)
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    fil.seek(0)
    info = Filinfo(kodning="cp437", sha256=sha.hexdigest(), storlek=storlek, styrtecken=styrtecken)
    # Binary formats have NUL bytes at once; a stray one later in a text file is only
    # a damaged line (the parser replaces it and warns).
    info.inte_sie = _inte_sie(borjan, b"\x00" in borjan)
    if not hog:
        return info
    if utf8_ok:
        info.kodning = "utf-8"
        return info
    poang = {k: _poang(prov, k) for k in KANDIDATER}
    latin = max(KANDIDATER[1:], key=lambda k: poang[k])
    if poang["cp437"] >= poang[latin]:  # a tie keeps what #FORMAT PC8 promises
        basta, andra = "cp437", latin
    else:
        basta, andra = latin, "cp437"
        if any(_C1_BYTE.search(r) for r in prov):
            basta = "windows-1252"
        elif poang["iso-8859-15"] > poang["windows-1252"]:
            basta = "iso-8859-15"
        else:
            basta = "iso-8859-1"
    info.kodning = basta
    hogst, tva = max(poang.values()), poang[andra]
    if tva > 0 and hogst - tva < max(3, hogst // 4):
        info.alternativ = andra
    return info
