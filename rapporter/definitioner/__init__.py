"""Report definitions: the default LKBR layout (bilaga 1 and 2) for a samordningsförbund on
Kommun-Bas, account matching, and the check that every account lands in exactly one line.
"""

from rapporter.definitioner.kontroll import (
    Kontroll,
    definition_kontrollera,
    kassaflode_placering,
    kontrollera,
    kontrollera_definition,
    kontrollera_drift,
    kontrollera_kassaflode,
    rader_efter_redigering,
)
from rapporter.definitioner.matchning import (
    OgiltigtIntervall,
    matchar,
    placera,
    rad_matchar,
    tolka_intervall,
)
from rapporter.definitioner.standard import (
    EGET_KAPITAL,
    STANDARD,
    STANDARD_BR,
    STANDARD_DR,
    STANDARD_KF,
    STANDARD_RR,
    definition_skapa,
    definitioner_skapa_standard,
    hamta_definition,
    hamta_definitioner,
)

__all__ = [
    "EGET_KAPITAL",
    "STANDARD",
    "STANDARD_BR",
    "STANDARD_DR",
    "STANDARD_KF",
    "STANDARD_RR",
    "Kontroll",
    "OgiltigtIntervall",
    "definition_kontrollera",
    "definition_skapa",
    "definitioner_skapa_standard",
    "hamta_definition",
    "hamta_definitioner",
    "kassaflode_placering",
    "kontrollera",
    "kontrollera_definition",
    "kontrollera_drift",
    "kontrollera_kassaflode",
    "matchar",
    "placera",
    "rad_matchar",
    "rader_efter_redigering",
    "tolka_intervall",
]
