"""Large SIE files are imported by a background task (issue 16.4).

An upload above ``settings.FINSAM_SIE_BAKGRUND_BYTES`` is stored on a ``Sieinlasning``
row and ``ekonomi.sie.tasks.importera_sie`` imports it (django-tasks: the database queue
and ``manage.py db_worker`` in production, at once inside the request in DEBUG and tests).
The import is the same ``sie_importera`` as the synchronous path: all or nothing, the
same summary, the same line-numbered refusal.

Progress while the import runs cannot go to the database: the import's own transaction
holds it (on SQLite the whole database's write lock), so another write would wait for
the import to end. It goes to a small file beside the stored upload instead
(``framsteg_skriv``/``framsteg_las``); the row records the steps before and after.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from ekonomi.models import Sieinlasning
from forbund.models import Forbund


def sie_i_bakgrunden(storlek: int) -> bool:
    """Whether an upload of ``storlek`` bytes is imported by the background task."""
    return storlek > settings.FINSAM_SIE_BAKGRUND_BYTES


def sie_bestall_import(
    *,
    forbund: Forbund,
    upload: UploadedFile,
    user,
    standardserie: str,
    bekrafta: bool = False,
) -> Sieinlasning:
    """Store the upload and queue its import; returns the row the page polls (with the
    immediate backend of DEBUG and tests already finished). Raises ``ValidationError``
    for a row the model refuses (a too long file name is cut, not refused). Must not
    run inside a transaction: the immediate backend imports at once, durably."""
    from ekonomi.sie.tasks import importera_sie

    namn = (upload.name or "fil.se").replace("\\", "/").rsplit("/", 1)[-1][:255]
    jobb = Sieinlasning(
        forbund=forbund,
        filnamn=namn,
        standardserie=standardserie,
        bekrafta=bekrafta,
        steg="I kö",
        skapad_av=user if user is not None and user.is_authenticated else None,
    )
    jobb.full_clean(exclude=["fil"])
    # The stored name is ours, never the uploader's (a label only, see sie_importera).
    jobb.fil.save(f"{forbund.orgnr}-{os.urandom(8).hex()}.se", upload, save=False)
    jobb.save()
    importera_sie.enqueue(jobb.pk)
    jobb.refresh_from_db()
    return jobb


def _framsteg_fil(jobb_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "sie" / f"{jobb_id}.framsteg"


def framsteg_skriv(jobb_id: int, procent: int, steg: str) -> None:
    """Record a running import's progress (written whole, then renamed into place, so a
    reader never sees half a line)."""
    fil = _framsteg_fil(jobb_id)
    fil.parent.mkdir(parents=True, exist_ok=True)
    tmp = fil.with_suffix(".tmp")
    tmp.write_text(f"{int(procent)}\n{steg[:100]}", encoding="utf-8")
    os.replace(tmp, fil)


def framsteg_las(jobb: Sieinlasning) -> tuple[int, str]:
    """(procent, steg) of a job: from its progress file while it runs, else its row."""
    if jobb.status == Sieinlasning.Status.PAGAR:
        try:
            procent, steg = _framsteg_fil(jobb.pk).read_text(encoding="utf-8").split("\n", 1)
            return max(jobb.procent, min(99, int(procent))), steg or jobb.steg
        except (OSError, ValueError):
            pass
    return jobb.procent, jobb.steg


def framsteg_ta_bort(jobb_id: int) -> None:
    _framsteg_fil(jobb_id).unlink(missing_ok=True)
