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
from insatser.models.objektroll import Objektroll, ar_administrationsnamn

__all__ = [
    "AnonymaDeltagare",
    "Avslutsorsak",
    "BeviljadeMedel",
    "Deltagande",
    "Insats",
    "InsatsStatus",
    "Mal",
    "Objektroll",
    "Strukturaktivitet",
    "Utvardering",
    "ar_administrationsnamn",
]
