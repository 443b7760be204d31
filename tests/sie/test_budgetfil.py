"""#PBUDGET rows: every period (year and month) kept apart, objects and no object side by
side, and the export gives the file's rows back exactly."""

import io
from pathlib import Path

import pytest

from ekonomi.models import Budgetrad
from ekonomi.sie.exporter import sie_exportera
from ekonomi.sie.importer import sie_importera
from ekonomi.sie.parser import tokens, tolka_belopp

pytestmark = pytest.mark.django_db

FILER = Path(__file__).parent / "filer"


def importera(namn: str, **kwargs):
    fil = io.BytesIO((FILER / namn).read_bytes())
    fil.name = namn
    return sie_importera(fil=fil, user=None, **kwargs)


def pbudget(data: bytes) -> list[tuple]:
    """The #PBUDGET rows as read: (year, period, account, objects, amount in öre)."""
    rader = []
    for rad in data.decode("cp437").splitlines():
        if rad.startswith("#PBUDGET"):
            _e, ar, period, konto, objekt, belopp = tokens(rad)
            rader.append((ar, period, konto, tuple(objekt), tolka_belopp(belopp, 0)))
    return sorted(rader)


def exportera(imp) -> bytes:
    ar = imp.forbund.rakenskapsar.get()
    return b"".join(sie_exportera(forbund=imp.forbund, ar=ar, typ=4))


def test_an_18_month_year_keeps_august_of_both_years_apart():
    imp = importera("pbudget_18_manader.se")
    rader = sorted(
        Budgetrad.objects.filter(version__rakenskapsar__forbund=imp.forbund).values_list(
            "konto__nummer", "ar", "manad", "belopp"
        )
    )
    assert rader == [
        ("4610", 2023, 8, 100000),
        ("4610", 2023, 12, 50000),
        ("4610", 2024, 8, 300000),
        ("5010", 2024, 7, 25050),
    ]


@pytest.mark.parametrize("namn", ["pbudget_18_manader.se", "pbudget_med_och_utan_objekt.se"])
def test_the_export_gives_back_the_files_pbudget_rows_exactly(namn):
    imp = importera(namn)
    assert pbudget(exportera(imp)) == pbudget((FILER / namn).read_bytes())


def test_rows_with_and_without_an_object_for_the_same_account_and_month_import():
    imp = importera("pbudget_med_och_utan_objekt.se")
    rader = sorted(
        (k, d or 0, o or "", m, b)
        for k, d, o, m, b in Budgetrad.objects.values_list(
            "konto__nummer", "objekt__dimension__nummer", "objekt__kod", "manad", "belopp"
        )
    )
    assert rader == [
        ("3510", 0, "", 1, -20000),
        ("3510", 1, "10", 1, -30000),
        ("3510", 6, "P1", 1, -10000),
        ("4610", 0, "", 2, 10000),
        ("4610", 6, "P1", 2, 4000),
    ]
    igen = importera("pbudget_med_och_utan_objekt.se", forbund=imp.forbund)
    assert igen.sammanfattning["budget_oforandrad"] == 1
    assert Budgetrad.objects.count() == 5


def test_a_budget_row_outside_the_year_is_left_out_with_a_warning_naming_the_line():
    data = (FILER / "pbudget_med_och_utan_objekt.se").read_bytes()
    data = data.replace(b"#PBUDGET 0 202402 4610 {} 100.00", b"#PBUDGET 0 000102 4610 {} 100.00")
    fil = io.BytesIO(data)
    fil.name = "budget.se"
    imp = sie_importera(fil=fil, user=None)
    assert "rad 37: #PBUDGET för period 000102 ligger utanför 2024" in imp.varningar
    assert Budgetrad.objects.count() == 4
