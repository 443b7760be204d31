"""Underlag (supporting documents) of a verifikation."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from ekonomi.models import Underlag, Verifikation
from forbund.audit import logga
from forbund.models import Logghandelse

# The type is decided by the file's first bytes, never by its name or the browser's claim.
SIGNATURER = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]


def filtyp(huvud: bytes) -> str | None:
    for signatur, typ in SIGNATURER:
        if huvud.startswith(signatur):
            return typ
    return None


def underlag_lagg_till(*, verifikation: Verifikation, fil, user) -> Underlag:
    """Attach a PDF, PNG or JPEG (checked by content and size) to a voucher."""
    storlek = fil.size or 0
    if storlek == 0:
        raise ValidationError({"fil": "Filen är tom."})
    if storlek > settings.FINSAM_MAX_UPLOAD_BYTES:
        mb = settings.FINSAM_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError({"fil": f"Filen är för stor (högst {mb} MB)."})
    fil.seek(0)
    typ = filtyp(fil.read(16))
    if typ is None:
        raise ValidationError({"fil": "Underlag måste vara PDF, PNG eller JPEG."})
    fil.seek(0)
    sha = hashlib.sha256()
    for chunk in fil.chunks():
        sha.update(chunk)
    fil.seek(0)
    with transaction.atomic():
        underlag = Underlag(
            verifikation=verifikation,
            filnamn=(getattr(fil, "name", "") or "underlag")[-255:],
            innehallstyp=typ,
            storlek=storlek,
            sha256=sha.hexdigest(),
            uppladdad_av=user if user is not None and user.is_authenticated else None,
        )
        underlag.fil.save(underlag.filnamn, fil, save=False)
        underlag.full_clean()
        underlag.save()
        logga(
            user=user,
            forbund=verifikation.rakenskapsar.forbund,
            obj=verifikation,
            handelse=Logghandelse.Handelse.ANDRAD,
            beskrivning=f"Underlag {underlag.filnamn} till {verifikation}",
            andringar={"underlag": [None, underlag.filnamn]},
        )
    return underlag
