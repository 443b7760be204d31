"""Report definitions (which accounts land on which line), per-förbund report settings,
edited narrative, forecast overrides and fastställda reports.

Every figure in a report comes from the ledger through ``rapporter.aggregering``; the
models here only say how to group and present it.
"""

from rapporter.models.definitioner import Rapportdefinition, Rapportrad
from rapporter.models.installningar import ENHETER, Rapportinstallning, standard_kapitaltak
from rapporter.models.rapport import Pdfbestallning, Rapport, Rapporttyp, Uppgiftsundantag
from rapporter.models.texter import Avsnittsval, Berattelseavsnitt, Prognosjustering

__all__ = [
    "ENHETER",
    "Avsnittsval",
    "Berattelseavsnitt",
    "Pdfbestallning",
    "Prognosjustering",
    "Rapport",
    "Rapportdefinition",
    "Rapportinstallning",
    "Rapportrad",
    "Rapporttyp",
    "Uppgiftsundantag",
    "standard_kapitaltak",
]
