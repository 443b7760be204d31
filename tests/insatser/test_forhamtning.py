"""Statistics from the rows prefetched for many insatser at once equal the statistics
queried insats by insats (insatser/selectors/forhamtning.py, issue 16.1)."""

import datetime
from decimal import Decimal

import pytest

from insatser.models import AnonymaDeltagare, Mal, Strukturaktivitet
from insatser.selectors import deltagarstatistik, insatser_under, maluppfyllelse, utfall_ore
from insatser.selectors.forhamtning import forhamta
from tests.insatser.conftest import bokfor, deltagare

D = datetime.date


@pytest.fixture
def data(forbund, kansli, insats, orsaker):
    deltagare(
        kansli, insats, "A", start=D(2018, 3, 1), slut=D(2019, 2, 1), orsak=orsaker["ARBETE"]
    )
    deltagare(
        kansli, insats, "B", start=D(2019, 1, 15), slut=D(2019, 6, 30), orsak=orsaker["ANNAN"]
    )
    deltagare(kansli, insats, "C", start=D(2019, 6, 1), kon="M")
    deltagare(kansli, insats, "D", start=D(2019, 12, 31), slut=D(2020, 1, 5), orsak=orsaker["FEL"])
    deltagare(kansli, insats, "E", start=D(2020, 1, 2))
    AnonymaDeltagare.objects.create(insats=insats, ar=2019, kon="K", antal=3)
    AnonymaDeltagare.objects.create(insats=insats, ar=2020, kon="M", antal=4)
    Strukturaktivitet.objects.create(insats=insats, datum=D(2019, 5, 2), namn="Dag", antal=12)
    for matt in (Mal.Matt.DELTAGARE, Mal.Matt.STRUKTUR, Mal.Matt.ANDEL_ARBETE_STUDIER):
        Mal.objects.create(
            insats=insats,
            matt=matt,
            jamforelse=Mal.Jamforelse.MINST,
            malvarde=Decimal(2),
            fran=D(2018, 7, 1),
            till=D(2019, 6, 30),
        )
    bokfor(
        forbund,
        D(2019, 4, 1),
        [("4610", "K", 50_000, insats.objekt), ("1930", "T", -50_000, None)],
    )
    bokfor(
        forbund, D(2020, 4, 1), [("4610", "K", 7_000, insats.objekt), ("1930", "T", -7_000, None)]
    )
    return insats


@pytest.mark.parametrize(
    ("fran", "till"),
    [
        (D(2019, 1, 1), D(2019, 12, 31)),
        (D(2019, 6, 1), D(2019, 6, 30)),
        (D(2020, 1, 1), D(2020, 12, 31)),
        (D(2020, 6, 1), D(2021, 6, 30)),  # E still open after the insats ended
    ],
)
def test_prefetched_statistics_equal_the_queried_ones(forbund, data, fran, till):
    insatser = list(insatser_under(forbund=forbund, fran=fran, till=till))
    forhamtat = forhamta(forbund=forbund, insatser=insatser, fran=fran, till=till)
    for insats in insatser:
        for publicering in (False, True):
            assert deltagarstatistik(
                forbund=forbund,
                insats=insats,
                fran=fran,
                till=till,
                publicering=publicering,
                data=forhamtat,
            ) == deltagarstatistik(
                forbund=forbund, insats=insats, fran=fran, till=till, publicering=publicering
            )
        assert maluppfyllelse(insats=insats, data=forhamtat) == maluppfyllelse(insats=insats)
        assert forhamtat.utfall_ore(insats) == utfall_ore(
            forbund=forbund, insats=insats, fran=fran, till=till
        )
    assert forhamtat.utfall_ore(data) == UTFALL[fran]


UTFALL = {D(2019, 1, 1): 50_000, D(2019, 6, 1): 0, D(2020, 1, 1): 7_000, D(2020, 6, 1): 0}
