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


def ofarlig(varde):
    """``varde`` safe for a spreadsheet cell: text that would start a formula gets a
    leading ``'``; everything else (numbers, dates, None, plain text) is unchanged."""
    if isinstance(varde, str) and varde.startswith(FARLIGA_START) and not _TAL.match(varde):
        return "'" + varde
    return varde


def ofarlig_rad(rad) -> list:
    """A row of cells through ``ofarlig``."""
    return [ofarlig(v) for v in rad]
