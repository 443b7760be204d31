"""Refuse anything that looks like a personnummer (or samordningsnummer) in free codes.

Health-related data about participants is special category data (GDPR art. 9): the
system must never hold an identity number, so a participant code that contains one is
refused, whatever else surrounds it.
"""

import datetime
import re

from django.core.exceptions import ValidationError

# YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDDNNNN, YYYYMMDD-NNNN, with or without separator (also a
# space), not glued to other digits.
_PNR = re.compile(r"(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})\s?[-+ ]?\s?(\d{4})(?!\d)")


def _giltigt_datum(sekel: str | None, ar: str, manad: str, dag: str) -> bool:
    d = int(dag)
    if d > 60:  # samordningsnummer: day + 60
        d -= 60
    kandidater = [int(sekel + ar)] if sekel else [1900 + int(ar), 2000 + int(ar)]
    for helt_ar in kandidater:
        try:
            datetime.date(helt_ar, int(manad), d)
        except ValueError:
            continue
        return True
    return False


def liknar_personnummer(text: str) -> bool:
    for m in _PNR.finditer(text or ""):
        sekel, ar, manad, dag, _ = m.groups()
        if _giltigt_datum(sekel, ar, manad, dag):
            return True
    return False


def validera_deltagarkod(value: str) -> None:
    if liknar_personnummer(value):
        raise ValidationError(
            "Koden ser ut som ett personnummer. Använd en lokal deltagarkod – "
            "personnummer får inte registreras.",
            code="personnummer",
        )


# A name: letters only (with Swedish letters, hyphens, apostrophes), no digits.
_ORD = re.compile(r"^[A-Za-zÅÄÖÉÜåäöéü][A-Za-zÅÄÖÉÜåäöéü'\-]*$")


def liknar_namn(text: str) -> bool:
    """Whether a participant code looks like a person's name rather than a local code:
    no digits, and either two to four words of letters ("Anna Svensson", "anna svensson")
    or one capitalised word of at least three letters ("Anna"). Codes such as "GPS-014",
    "U12" or "ABC" do not."""
    ord_ = (text or "").split()
    if not ord_ or any(not _ORD.match(o) for o in ord_):
        return False
    if 2 <= len(ord_) <= 4:
        return all(len(o) >= 2 for o in ord_)
    (ett,) = ord_ if len(ord_) == 1 else ("",)
    return len(ett) >= 3 and ett[0].isupper() and ett[1:].islower()
