"""Spreadsheet cells that cannot run: formula injection (CSV/XLSX injection, issue 17.4).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel and LibreOffice (``=HYPERLINK(...)``, ``@SUM(...)``, DDE).
Every CSV and XLSX export passes its cells through ``ofarlig``: such text gets a leading
apostrophe (OWASP's advice), so it stays text. Numbers are left alone, also when they
come as text ("-1234", "-1 234,50"): a negative amount is not a formula.
"""

import re

FARLIGA_START = ("=", "+", "-", "@", "\t", "\r")
_TAL = re.compile(r"^[-+]?\d[\d\s\u00a0]*([.,]\d+)?$")


# Control characters a worksheet cannot hold (openpyxl refuses the whole file, a 500):
# a name typed or posted with one (Word's soft line break is U+000B) becomes a space.
_STYRTECKEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def ofarlig(varde):
    """``varde`` safe for a spreadsheet cell: text that would start a formula gets a
    leading ``'``, control characters a worksheet cannot hold become spaces; everything
    else (numbers, dates, None, plain text) is unchanged."""
    if not isinstance(varde, str):
        return varde
    if _STYRTECKEN.search(varde):
        varde = _STYRTECKEN.sub(" ", varde)
    if varde.startswith(FARLIGA_START) and not _TAL.match(varde):
        return "'" + varde
    return varde


def ofarlig_rad(rad) -> list:
    """A row of cells through ``ofarlig``."""
    return [ofarlig(v) for v in rad]
