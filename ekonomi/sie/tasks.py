"""Background work of the SIE pages (Django's tasks API through django-tasks, like
``rapporter.tasks``): ``importera_sie`` imports a stored large upload."""

import logging

from django_tasks import task

from ekonomi.models import Sieinlasning
from ekonomi.sie.bakgrund import framsteg_skriv, framsteg_ta_bort
from ekonomi.sie.importer import InteSieFil, SieFel, sie_importera, sie_registrera_nekad
from ekonomi.sie.parser import las_kodning

S = Sieinlasning.Status
OVANTAT = "inläsningen avbröts av ett oväntat fel; inget sparades (felet är loggat)"
logger = logging.getLogger(__name__)


@task()
def importera_sie(jobb_id: int) -> str:
    """Import the job's stored file with ``sie_importera`` (all or nothing). A refusal is
    recorded on the job as the import's line-numbered Swedish message — and, like the
    synchronous page, as a refused ``SieImport`` unless the bytes are not SIE at all —
    never raised to the worker. The stored upload is removed either way. Returns the
    final status."""
    jobb = Sieinlasning.objects.select_related("forbund", "skapad_av").get(pk=jobb_id)
    if not jobb.pagar:  # already run (a task delivered twice)
        return jobb.status
    jobb.framsteg_spara(0, "Läser filen", status=S.PAGAR)
    try:
        with jobb.fil.open("rb") as fh:
            try:
                imp = sie_importera(
                    fil=fh,
                    forbund=jobb.forbund,
                    user=jobb.skapad_av,
                    filnamn=jobb.filnamn,
                    standardserie=jobb.standardserie,
                    bekrafta=jobb.bekrafta,
                    framsteg=lambda procent, steg: framsteg_skriv(jobb.pk, procent, steg),
                )
            except SieFel as fel:
                if not isinstance(fel, InteSieFil):
                    sie_registrera_nekad(
                        forbund=jobb.forbund,
                        user=jobb.skapad_av,
                        filnamn=jobb.filnamn,
                        sha256=las_kodning(fh).sha256,
                        fel=str(fel),
                    )
                jobb.framsteg_spara(100, "Misslyckades", status=S.FEL, fel=str(fel))
                return S.FEL
    except Exception:
        # Nothing was saved (the import is one transaction); the page must not wait
        # for ever, and the details belong in the log, not on the page.
        logger.exception("SIE-inläsning %s avbröts", jobb.pk)
        jobb.framsteg_spara(100, "Misslyckades", status=S.FEL, fel=OVANTAT)
        return S.FEL
    finally:
        framsteg_ta_bort(jobb.pk)
        jobb.fil.delete(save=False)
        jobb.save(update_fields=["fil"])
    jobb.framsteg_spara(100, "Klar", status=S.KLAR, sie_import=imp)
    return S.KLAR
