"""Write use-cases of the reports, one module per concern: settings and definitions
(``installningar``), the narrative and sections (``berattelse``), building and approving a
report (``faststallande``). Re-exported here so ``from rapporter.services import bygg`` and
``services.berattelse_spara`` keep working."""

from rapporter.services.berattelse import (
    avsnitt_spara,
    berattelse_spara,
    eget_avsnitt_skapa,
    fjolarets_texter,
)
from rapporter.services.faststallande import (
    bokforingskontroll,
    bygg,
    faststalld_pdf_igen,
    faststalld_rapport,
    meddela_faststalld,
    pdf_bestall,
    planar,
    rapport_faststall,
)
from rapporter.services.installningar import (
    UNDANTAG_NYCKLAR,
    definition_spara,
    installning_spara,
    prognos_spara,
    prognos_ta_bort,
    undantag_spara,
)

__all__ = [
    "UNDANTAG_NYCKLAR",
    "avsnitt_spara",
    "berattelse_spara",
    "bokforingskontroll",
    "bygg",
    "definition_spara",
    "eget_avsnitt_skapa",
    "faststalld_pdf_igen",
    "faststalld_rapport",
    "fjolarets_texter",
    "installning_spara",
    "meddela_faststalld",
    "pdf_bestall",
    "planar",
    "prognos_spara",
    "prognos_ta_bort",
    "rapport_faststall",
    "undantag_spara",
]
