"""Every two-digit subgroup of classes 1 and 2 has its Kommun-Bas name, so a note prints
"name" headings with subtotals for any chart, also one without two-digit accounts."""

import datetime

import pytest

from rapporter import kommunbas
from rapporter.builders.arsredovisning import bygg_arsredovisning
from tests.rapporter.bok import Bok

pytestmark = pytest.mark.django_db


def test_every_subgroup_of_classes_1_and_2_has_a_name():
    grupper = [f"{n}" for n in range(10, 30)]
    assert [g for g in grupper if not kommunbas.har_namn(g)] == []
    assert kommunbas.gruppnamn("16") == "Övriga kortfristiga fordringar"
    assert kommunbas.gruppnamn("28") == "Övriga kortfristiga skulder"
    assert kommunbas.gruppnamn("17") == "Förutbetalda kostnader och upplupna intäkter"
    assert kommunbas.gruppnamn("29") == "Upplupna kostnader och förutbetalda intäkter"


def test_the_charts_own_two_digit_account_wins():
    assert kommunbas.gruppnamn("16", {"16": "Fordringar hos medlemmarna"}) == (
        "Fordringar hos medlemmarna"
    )
    assert kommunbas.gruppnamn("81") == "Kontogrupp 81"


def _rader(tabell):
    return [(r.rubrik, r.typ, str(r.visat[0]) if r.visat[0] is not None else None)
            for r in tabell.rader]  # fmt: skip


def test_notes_print_each_subgroup_with_its_subtotal_for_a_four_digit_chart(forbund):
    bok = Bok(forbund)
    for nummer, namn in [
        ("1510", "Kundfordringar"),
        ("1640", "Momsfordran"),
        ("1680", "Övriga fordringar"),
        ("1710", "Förutbetalda hyror"),
        ("1930", "Bank"),
        ("2010", "Eget kapital"),
        ("2440", "Leverantörsskulder"),
        ("2710", "Personalens källskatt"),
        ("2730", "Sociala avgifter"),
        ("2910", "Upplupna löner"),
        ("2990", "Upplupna kostnader"),
    ]:
        bok.konto(nummer, namn)
    bok.ib(2024, [("1930", 1_000_000), ("2010", -1_000_000)])
    bok.ver(
        datetime.date(2024, 12, 31),
        [
            ("1510", 10_000),
            ("1640", 20_000),
            ("1680", 5_000),
            ("1710", 15_000),
            ("2440", -12_000),
            ("2710", -7_000),
            ("2730", -3_000),
            ("2910", -60_000),
            ("2990", -8_000),
            ("4590", 40_000),
        ],
    )
    noter = {n.rubrik: n.tabell for n in bygg_arsredovisning(forbund=forbund, ar=2024).noter}
    assert _rader(noter["Fordringar"]) == [
        ("Kundfordringar", "post", "10.0"),
        ("Övriga kortfristiga fordringar", "rubrik", None),
        ("Momsfordran", "post", "20.0"),
        ("Övriga fordringar", "post", "5.0"),
        ("Summa övriga kortfristiga fordringar", "summa", "25.0"),
        ("Förutbetalda hyror", "post", "15.0"),
        ("Summa", "summa", "50.0"),
    ]
    assert _rader(noter["Kortfristiga skulder"]) == [
        ("Leverantörsskulder", "post", "12.0"),
        ("Personalens skatter, avgifter och löneavdrag", "rubrik", None),
        ("Personalens källskatt", "post", "7.0"),
        ("Sociala avgifter", "post", "3.0"),
        ("Summa personalens skatter, avgifter och löneavdrag", "summa", "10.0"),
        ("Upplupna kostnader och förutbetalda intäkter", "rubrik", None),
        ("Upplupna löner", "post", "60.0"),
        ("Upplupna kostnader", "post", "8.0"),
        ("Summa upplupna kostnader och förutbetalda intäkter", "summa", "68.0"),
        ("Summa", "summa", "90.0"),
    ]
