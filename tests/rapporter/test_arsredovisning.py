"""The årsredovisning's generated parts: organisation from the register, signatures,
budget columns, driftredovisning, eget kapital against the ceiling."""

import datetime

import pytest
from django.urls import reverse

from forbund.models import Person, Revisor, Sammantrade, Styrelseuppdrag
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.kapital import kapitaltak
from tests.rapporter.seeds import helsingborg

D = datetime.date


@pytest.fixture
def register(forbund):
    bok = helsingborg(forbund)
    m = {x.typ: x for x in forbund.medlemmar.all()}
    for namn, medlem, typ, presidium, fran, tom in [
        ("Christian Orsing", "kommun", "ledamot", "ordforande", D(2011, 1, 1), None),
        ("Ulrika Arvidsson", "fk", "ledamot", "vice1", D(2011, 1, 1), None),
        ("Karin Axelsson", "region", "ledamot", "", D(2011, 1, 1), None),
        ("Bengt Andersson", "af", "ledamot", "", D(2011, 1, 1), None),
        ("Tonka Frodlund", "kommun", "ersattare", "", D(2011, 1, 1), None),
        ("Thomas Persson", "fk", "ersattare", "", D(2011, 1, 1), D(2013, 9, 30)),
        ("Anna Nyberg", "fk", "ersattare", "", D(2013, 10, 1), None),
    ]:
        Styrelseuppdrag.objects.create(
            forbund=forbund,
            person=Person.objects.create(forbund=forbund, namn=namn),
            medlem=m[medlem],
            typ=typ,
            presidium=presidium,
            from_datum=fran,
            tom_datum=tom,
        )
    johan = Revisor.objects.create(
        forbund=forbund,
        person=Person.objects.create(forbund=forbund, namn="Johan Rasmusson"),
        firma="Deloitte",
        auktoriserad=True,
        from_datum=D(2011, 1, 1),
    )
    johan.utsedd_av.add(m["fk"])
    for i in range(7):
        Sammantrade.objects.create(forbund=forbund, datum=D(2013, 1 + i, 10))
    Sammantrade.objects.create(forbund=forbund, datum=D(2012, 5, 5))
    bok.budget(
        2013,
        [
            ("3511", -7_000_000),
            ("3512", -3_500_000),
            ("3513", -3_500_000),
            ("4590", 4_000_000, "SG"),
            ("4590", 8_000_000, "GPS"),
            ("6990", 900_000),
            ("5010", 600_000),
        ],
    )
    return bok


def test_organisation_lists_the_styrelse_per_member_with_changes(forbund, register):
    org = bygg_arsredovisning(forbund=forbund, ar=2013).organisation
    per_medlem = {
        medlem.typ: ([u.person.namn for u in led], [u.person.namn for u in ers])
        for medlem, led, ers in org.styrelse
    }
    assert per_medlem["fk"] == (["Ulrika Arvidsson"], ["Thomas Persson", "Anna Nyberg"])
    assert per_medlem["kommun"] == (["Christian Orsing"], ["Tonka Frodlund"])
    assert {(b.uppdrag.person.namn, b.borjade, b.slutade) for b in org.byten} == {
        ("Thomas Persson", False, True),
        ("Anna Nyberg", True, False),
    }
    assert len(org.sammantraden) == 7
    assert [r.person.namn for r in org.revisorer] == ["Johan Rasmusson"]


def test_signatures_are_every_ledamot_at_year_end(forbund, register):
    rapport = bygg_arsredovisning(forbund=forbund, ar=2013)
    assert sorted(s.person.namn for s in rapport.underskrifter) == [
        "Bengt Andersson",
        "Christian Orsing",
        "Karin Axelsson",
        "Ulrika Arvidsson",
    ]


def test_page_shows_organisation_and_signatures(forbund, styrelse, client_as, register):
    url = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    sida = client_as(styrelse).get(url).content.decode()
    assert "Anna Nyberg" in sida
    assert "7 protokollförda sammanträden" in sida
    assert "Johan Rasmusson, auktoriserad revisor, Deloitte" in sida


def test_resultatrakning_has_budget_and_avvikelse(forbund, register):
    rr = bygg_arsredovisning(forbund=forbund, ar=2013).resultatrakning
    assert rr.kolumner == ["2013", "2012", "Budget 2013", "Avvikelse"]
    assert [str(v) for v in rr.rad("MI").visat] == ["14000.0", "6000.0", "14000.0", "0.0"]
    assert [str(v) for v in rr.rad("AR").visat] == ["167.6", "-6059.6", "500.0", "-332.4"]


def test_driftredovisning_per_post_and_per_insats(forbund, register):
    drift = bygg_arsredovisning(forbund=forbund, ar=2013).driftredovisning
    rader = {r.rubrik: [str(v) for v in r.visat] for r in drift.rader if r.typ != "rubrik"}
    assert rader["Samordningsgruppen"] == ["-3815.8", "-4000.0", "184.2"]
    assert rader["GPS - Navigera rätt"] == ["-2646.2", "-8000.0", "5353.8"]
    assert rader["Löner"] == ["-566.1", "-600.0", "33.9"]
    assert rader["Summa intäkter"] == ["14107.8", "14000.0", "107.8"]
    assert rader["Årets resultat"] == ["167.6", "500.0", "-332.4"]


def test_ekonomi_compares_result_with_budget(forbund, register):
    e = bygg_arsredovisning(forbund=forbund, ar=2013).ekonomi
    assert (e.resultat, e.resultat_budget) == (16_760_000, 50_000_000)


@pytest.mark.parametrize(
    "bidrag_kr, procent, tak_ore",
    [
        (6_000_000, 20, 120_000_000),
        (7_000_000, 20, 140_000_000),
        (7_000_001, 15, 105_000_015),
        (20_000_000, 10, 200_000_000),
    ],
)
def test_kapitaltak_staircase(bidrag_kr, procent, tak_ore):
    tak = kapitaltak(
        trappa=[[7_000_000, 20], [15_000_000, 15], [None, 10]],
        bidrag=bidrag_kr * 100,
        eget_kapital=100_000_000,
    )
    assert tak.procent == procent
    assert tak.tak == tak_ore
    assert tak.overskridet == (tak.tak < 100_000_000)
