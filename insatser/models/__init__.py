"""Insatser (the funded work) and deltagande (its participants and their outcomes)."""

from insatser.models.deltagare import (
    AnonymaDeltagare,
    Avslutsorsak,
    Deltagande,
    Strukturaktivitet,
)
from insatser.models.forbundsmal import Forbundsmal, Malutfall
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
    "Forbundsmal",
    "Insats",
    "InsatsStatus",
    "Mal",
    "Malutfall",
    "Objektroll",
    "Strukturaktivitet",
    "Utvardering",
    "ar_administrationsnamn",
]
