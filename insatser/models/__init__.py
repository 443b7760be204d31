"""Insatser (the funded work) and deltagande (its participants and their outcomes)."""

from insatser.models.deltagare import (
    AnonymaDeltagare,
    Avslutsorsak,
    Deltagande,
    Strukturaktivitet,
)
from insatser.models.insats import (
    BeviljadeMedel,
    Insats,
    InsatsStatus,
    Mal,
    Utvardering,
)

__all__ = [
    "AnonymaDeltagare",
    "Avslutsorsak",
    "BeviljadeMedel",
    "Deltagande",
    "Insats",
    "InsatsStatus",
    "Mal",
    "Strukturaktivitet",
    "Utvardering",
]
