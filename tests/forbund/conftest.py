import datetime

import pytest

from forbund.models import Medlem, Person, Styrelseuppdrag


@pytest.fixture
def medlemmar(forbund) -> dict[str, Medlem]:
    """The persona förbund's four members by type."""
    return {m.typ: m for m in forbund.medlemmar.all()}


@pytest.fixture
def person(forbund) -> Person:
    return Person.objects.create(forbund=forbund, namn="Anna Andersson")


@pytest.fixture
def ledamot(forbund, person, medlemmar) -> Styrelseuppdrag:
    return Styrelseuppdrag.objects.create(
        forbund=forbund,
        person=person,
        medlem=medlemmar["kommun"],
        typ=Styrelseuppdrag.Typ.LEDAMOT,
        from_datum=datetime.date(2023, 1, 1),
        tom_datum=datetime.date(2026, 12, 31),
    )
