"""A förbund known only from its SIE file (tests/rapporter/data/nyasen_2019.se), in the
shape of seed 003: formed 2019 from two predecessors whose capital is booked straight to
eget kapital, an "Administration" object beside two insatser, contributions on 3511–3514
and no members, styrelse or budget registered."""

from pathlib import Path

from ekonomi.sie.importer import sie_importera
from forbund.models import Behorighet, Roll

FIL = Path(__file__).parent / "data" / "nyasen_2019.se"


def importera_nyasen(*, anvandare=()):
    """Import the file as a new förbund; give each (user, roll) access. Returns it."""
    with FIL.open("rb") as fh:
        forbund = sie_importera(fil=fh, user=None).forbund
    for user, roll in anvandare:
        Behorighet.objects.create(user=user, forbund=forbund, roll=roll)
    return forbund


__all__ = ["importera_nyasen", "Roll"]
