import re

from django.core.exceptions import ValidationError

_ORGNR = re.compile(r"^\d{6}-\d{4}$")


def luhn_ok(siffror: str) -> bool:
    total = 0
    for i, c in enumerate(siffror):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return total % 10 == 0


def normalisera_orgnr(text: str) -> str:
    """``2220002642`` or ``222000 2642`` → ``222000-2642`` (unchanged if not 10 digits)."""
    siffror = re.sub(r"\D", "", text or "")
    if len(siffror) == 12 and siffror.startswith(("16", "19", "20")):
        siffror = siffror[2:]
    return f"{siffror[:6]}-{siffror[6:]}" if len(siffror) == 10 else (text or "").strip()


def validera_orgnr(value: str) -> None:
    """Ten digits in the form NNNNNN-NNNN with a correct Luhn check digit."""
    if not _ORGNR.match(value or ""):
        raise ValidationError(
            "Organisationsnumret ska skrivas som tio siffror, NNNNNN-NNNN.", code="format"
        )
    if not luhn_ok(value.replace("-", "")):
        raise ValidationError("Organisationsnumret har fel kontrollsiffra.", code="kontrollsiffra")


def validera_samordningsforbund_orgnr(value: str) -> None:
    """Samordningsförbund are registered as 222000-NNNN."""
    validera_orgnr(value)
    if not value.startswith("222000-"):
        raise ValidationError(
            "Ett samordningsförbund har organisationsnummer av formen 222000-NNNN.",
            code="form",
        )
