"""The styrelse on a date and during a year, the start page's checks and deadlines."""

import datetime

import pytest

from forbund import selectors
from forbund.models import Ansvarsfrihet, Beslut, Person, Sammantrade, Styrelseuppdrag

D = datetime.date


FRAN, TOM = D(2023, 1, 1), D(2026, 12, 31)


def _uppdrag(forbund, namn, medlem, typ="ledamot", fran=FRAN, tom=TOM, **kw):
    person = Person.objects.create(forbund=forbund, namn=namn)
    return Styrelseuppdrag.objects.create(
        forbund=forbund,
        person=person,
        medlem=medlem,
        typ=typ,
        from_datum=fran,
        tom_datum=tom,
        **kw,
    )


@pytest.fixture
def byte_i_oktober(forbund, medlemmar):
    """Kommunen's ledamot Anna is replaced by Bertil from 1 October 2024."""
    _uppdrag(forbund, "Anna", medlemmar["kommun"], tom=D(2024, 9, 30))
    _uppdrag(forbund, "Bertil", medlemmar["kommun"], fran=D(2024, 10, 1))
    _uppdrag(forbund, "Cecilia", medlemmar["region"], presidium="ordforande")
    _uppdrag(forbund, "David", medlemmar["kommun"], typ="ersattare")


def _namn(uppdrag):
    return [u.person.namn for u in uppdrag]


def test_styrelse_during_the_year_lists_both_ledamoter_of_a_mid_year_change(
    forbund, byte_i_oktober
):
    uppdrag = selectors.styrelse_under_ar(forbund=forbund, ar=2024)
    ledamoter = [u for u in uppdrag if u.typ == "ledamot"]
    assert sorted(_namn(ledamoter)) == ["Anna", "Bertil", "Cecilia"]


def test_styrelse_on_a_date_before_the_change_shows_the_old_ledamot(forbund, byte_i_oktober):
    uppdrag = selectors.styrelse_pa_datum(forbund=forbund, datum=D(2024, 9, 30))
    assert sorted(_namn(uppdrag)) == ["Anna", "Cecilia", "David"]


def test_styrelse_on_the_day_of_the_change_shows_the_new_ledamot(forbund, byte_i_oktober):
    uppdrag = selectors.styrelse_pa_datum(forbund=forbund, datum=D(2024, 10, 1))
    assert sorted(_namn(uppdrag)) == ["Bertil", "Cecilia", "David"]


def test_styrelsebyten_names_who_left_and_who_came(forbund, byte_i_oktober):
    byten = selectors.styrelsebyten(forbund=forbund, fran=D(2024, 1, 1), till=D(2024, 12, 31))
    assert [(b.uppdrag.person.namn, b.borjade, b.slutade) for b in byten] == [
        ("Anna", False, True),
        ("Bertil", True, False),
    ]


def test_styrelse_the_next_year_has_only_the_new_ledamot(forbund, byte_i_oktober):
    uppdrag = selectors.styrelse_under_ar(forbund=forbund, ar=2025)
    assert sorted(_namn(uppdrag)) == ["Bertil", "Cecilia", "David"]


def test_styrelse_page_shows_the_year_with_its_change(
    client_as, styrelse, forbund, byte_i_oktober
):
    response = client_as(styrelse).get(f"/f/{forbund.orgnr}/styrelse/?ar=2024")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Anna" in text and "Bertil" in text
    assert "till och med 2024-09-30" in text and "från 2024-10-01" in text


def test_kontroller_name_members_without_ledamot_or_ersattare(forbund, medlemmar):
    _uppdrag(forbund, "Anna", medlemmar["kommun"])
    rubriker = [k.rubrik for k in selectors.kontroller(forbund=forbund, today=D(2024, 5, 1))]
    assert "Testby kommun saknar ersättare" in rubriker
    assert "Testby kommun saknar ledamot" not in rubriker
    assert "Region Testland saknar ledamot" in rubriker
    assert "Försäkringskassan saknar ersättare" in rubriker


def test_kontroller_are_empty_when_every_member_has_both(forbund, medlemmar):
    for m in medlemmar.values():
        _uppdrag(forbund, f"L {m}", m)
        _uppdrag(forbund, f"E {m}", m, typ="ersattare")
    assert selectors.kontroller(forbund=forbund, today=D(2024, 5, 1)) == []


def test_kontroller_find_overlapping_mandates_entered_outside_the_forms(forbund, medlemmar):
    u = _uppdrag(forbund, "Anna", medlemmar["kommun"], tom=D(2024, 12, 31))
    Styrelseuppdrag.objects.create(
        forbund=forbund,
        person=u.person,
        medlem=medlemmar["region"],
        typ="ledamot",
        from_datum=D(2024, 6, 1),
    )
    texter = [k.text for k in selectors.kontroller(forbund=forbund, today=D(2024, 5, 1))]
    assert any("Anna har två uppdrag som ledamot samtidigt" in t for t in texter)


def test_kontroller_name_a_year_without_ansvarsfrihet_from_every_member(forbund, medlemmar):
    for m in medlemmar.values():
        if m.typ != "kommun":
            Ansvarsfrihet.objects.create(
                forbund=forbund, medlem=m, ar=2022, beslut="beviljad", beslutsdatum=D(2023, 5, 1)
            )
    anm = [
        k
        for k in selectors.kontroller(forbund=forbund, today=D(2024, 1, 10))
        if "Ansvarsfrihet" in k.rubrik
    ]
    assert [(k.rubrik, k.text) for k in anm] == [
        ("Ansvarsfrihet 2022 inte beslutad av alla medlemmar", "Saknas för Testby kommun.")
    ]


def test_ansvarsfrihet_for_last_year_is_a_deadline_not_yet_a_warning(forbund, medlemmar):
    for m in medlemmar.values():
        Ansvarsfrihet.objects.create(
            forbund=forbund, medlem=m, ar=2022, beslut="beviljad", beslutsdatum=D(2023, 5, 1)
        )
    today = D(2024, 3, 1)
    assert [
        k
        for k in selectors.kontroller(forbund=forbund, today=today)
        if "Ansvarsfrihet" in k.rubrik
    ] == []
    frist = [
        t
        for t in selectors.tidsfrister(forbund=forbund, today=today)
        if t.rubrik == "Ansvarsfrihet 2023"
    ]
    assert [(t.frist, t.status) for t in frist] == [(D(2024, 6, 30), "kommande")]


def _beslut(forbund, datum, typ, ar):
    mote, _ = Sammantrade.objects.get_or_create(forbund=forbund, datum=datum)
    return Beslut.objects.create(
        sammantrade=mote, paragraf=str(mote.beslut.count() + 1), rubrik=typ, typ=typ, from_ar=ar
    )


def _frister(forbund, today):
    return {
        t.rubrik: (t.frist, t.status) for t in selectors.tidsfrister(forbund=forbund, today=today)
    }


def test_deadlines_without_any_decision(forbund):
    assert _frister(forbund, D(2024, 12, 1)) == {
        "Budget 2025 fastställd": (D(2024, 11, 30), "forsenad"),
        "Årsredovisning 2023 upprättad": (D(2024, 3, 31), "forsenad"),
        "Delårsrapport 2024 (till och med 2024-08-31)": (D(2024, 10, 31), "forsenad"),
    }


def test_deadlines_are_upcoming_early_in_the_year(forbund):
    assert _frister(forbund, D(2024, 2, 1)) == {
        "Budget 2025 fastställd": (D(2024, 11, 30), "kommande"),
        "Årsredovisning 2023 upprättad": (D(2024, 3, 31), "kommande"),
        "Delårsrapport 2024 (till och med 2024-08-31)": (D(2024, 10, 31), "kommande"),
    }


def test_deadlines_met_by_decisions(forbund):
    _beslut(forbund, D(2024, 3, 20), "arsredovisning", 2023)
    _beslut(forbund, D(2024, 9, 25), "delarsrapport", 2024)
    _beslut(forbund, D(2024, 11, 22), "budget", 2025)
    statuser = {k: v[1] for k, v in _frister(forbund, D(2024, 12, 1)).items()}
    assert set(statuser.values()) == {"klar"}


def test_delarsrapport_deadline_follows_the_period_and_can_be_off(forbund):
    forbund.delarsrapport_manad = 6
    forbund.save()
    assert _frister(forbund, D(2024, 8, 1))["Delårsrapport 2024 (till och med 2024-06-30)"] == (
        D(2024, 8, 31),
        "kommande",
    )
    forbund.delarsrapport_kravs = False
    forbund.save()
    assert not any(k.startswith("Delårsrapport") for k in _frister(forbund, D(2024, 8, 1)))


def test_start_page_shows_checks_and_deadlines(client_as, forbundschef, forbund):
    response = client_as(forbundschef).get(f"/f/{forbund.orgnr}/")
    text = response.content.decode()
    assert "saknar ledamot" in text
    assert "Budget" in text and "Årsredovisning" in text


def test_consecutive_years_missing_the_same_members_are_one_warning(forbund, medlemmar):
    forbund.bildat = D(2018, 1, 1)
    forbund.save()
    anm = [
        k.rubrik
        for k in selectors.kontroller(forbund=forbund, today=D(2024, 8, 1))
        if "Ansvarsfrihet" in k.rubrik
    ]
    assert anm == ["Ansvarsfrihet 2018–2023 inte beslutad av alla medlemmar"]


def test_styrelse_per_medlem_lists_both_sides_of_the_change(forbund, byte_i_oktober):
    rader = {r.medlem.namn: r for r in selectors.styrelse_per_medlem(forbund=forbund, ar=2024)}
    assert list(rader) == [
        "Försäkringskassan",
        "Arbetsförmedlingen",
        "Region Testland",
        "Testby kommun",
    ]
    kommun = rader["Testby kommun"]
    assert [u.person.namn for u in kommun.ledamoter] == ["Anna", "Bertil"]
    assert [u.person.namn for u in kommun.ersattare] == ["David"]
