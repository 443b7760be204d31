"""The delårsrapport's helårsprognos takes decided amounts from the decisions, not 12/8
(issue 13.6): member contributions from the budget or the contribution register, an
insats's costs from the funds the styrelse granted it for the year; every line says how
it was forecast."""

import datetime

import pytest

from forbund.models import Beslut, Bidragsandel, Bidragsar, Medlem, Sammantrade
from insatser.models import BeviljadeMedel, Insats
from rapporter.builders.delarsrapport import bygg_delarsrapport
from tests.rapporter.bok import Bok

pytestmark = pytest.mark.django_db
D = datetime.date


def _bok(forbund) -> Bok:
    """Jan–Aug 2024: contributions 8 × 50 000 kr; administration 8 × 8 000 kr; insats I1
    paid 300 000 kr in advance in March; insats I2 80 000 kr in May."""
    bok = Bok(forbund)
    for kod, namn in (("I1", "Ungdomsspåret"), ("I2", "Vuxenspåret")):
        Insats.objects.create(
            forbund=forbund, namn=namn, typ="individ", objekt=bok.insats(kod, namn)
        )
    for manad in range(1, 9):
        bok.ver(D(2024, manad, 5), [("1930", 50_000), ("3511", -50_000)])
        bok.ver(D(2024, manad, 25), [("5010", 8_000), ("1930", -8_000)])
    bok.ver(D(2024, 3, 15), [("4590", 300_000, "I1"), ("1930", -300_000)])
    bok.ver(D(2024, 5, 15), [("4590", 80_000, "I2"), ("1930", -80_000)])
    return bok


def _bevilja(forbund, namn: str, kronor: int) -> None:
    mote, _ = Sammantrade.objects.get_or_create(forbund=forbund, datum=D(2023, 11, 29))
    beslut = Beslut.objects.create(
        sammantrade=mote, paragraf="12", rubrik=f"Medel 2024 till {namn}", typ="finansiering"
    )
    insats = Insats.objects.get(forbund=forbund, namn=namn)
    BeviljadeMedel.objects.create(insats=insats, ar=2024, belopp=kronor * 100, beslut=beslut)


def _rr(forbund):
    return bygg_delarsrapport(forbund=forbund, ar=2024, till=D(2024, 8, 31)).resultatrakning


def test_without_decisions_costs_are_extrapolated_and_contributions_not_forecast(forbund):
    _bok(forbund)
    rr = _rr(forbund)
    # (64 000 + 300 000 + 80 000) × 12/8 = 666 000 kr
    assert rr.rad("VK").belopp[:2] == [-44_400_000, -66_600_000]
    assert rr.rad("VK").kommentar == "uppräknat till helår"
    # No decision, no budget, no earlier year: "Uppgift saknas", not 400 000 × 12/8.
    assert rr.rad("VI").belopp[:2] == [40_000_000, None]
    assert rr.rad("VI").kommentar == (
        "Uppgift saknas: beslut saknas och inget helt föregående år att jämföra med"
    )


def test_an_insats_with_granted_funds_is_forecast_at_the_grant_not_12_8(forbund):
    _bok(forbund)
    _bevilja(forbund, "Ungdomsspåret", 400_000)
    rr = _rr(forbund)
    # administration and I2 extrapolated: (64 000 + 80 000) × 12/8 = 216 000 kr,
    # I1 at its grant 400 000 kr (not 300 000 × 12/8 = 450 000): 616 000 kr
    assert rr.rad("VK").belopp[:2] == [-44_400_000, -61_600_000]
    assert rr.rad("VK").kommentar == "enligt beviljade medel till insatser, uppräknat till helår"


def test_contributions_from_the_register_and_grants_together(forbund):
    _bok(forbund)
    _bevilja(forbund, "Ungdomsspåret", 400_000)
    _bevilja(forbund, "Vuxenspåret", 100_000)
    fk = Medlem.objects.get(forbund=forbund, typ="fk")
    fk.intaktskonton = "3511"
    fk.save()
    bidragsar = Bidragsar.objects.create(forbund=forbund, ar=2024, statlig_tilldelning=500_000)
    Bidragsandel.objects.create(bidragsar=bidragsar, medlem=fk, belopp=500_000)
    rapport = bygg_delarsrapport(forbund=forbund, ar=2024, till=D(2024, 8, 31))
    rr = rapport.resultatrakning
    assert rr.rad("VI").belopp[:2] == [40_000_000, 50_000_000]  # the decision, not 600 000
    assert rr.rad("VI").kommentar == "enligt beslutade medlemsbidrag"
    # 64 000 × 12/8 = 96 000 kr + grants 400 000 + 100 000
    assert rr.rad("VK").belopp[:2] == [-44_400_000, -59_600_000]
    assert rr.rad("AR").belopp[:2] == [-4_400_000, -9_600_000]
    assert rapport.som_dict()["prognosmetod"]["VK"] == (
        "enligt beviljade medel till insatser, uppräknat till helår"
    )
