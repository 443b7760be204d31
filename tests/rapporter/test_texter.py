"""Year-aware texts (rapporter.texter) and the rounding rule (rapporter.builders.grund)."""

from decimal import Decimal

import pytest

from rapporter import texter
from rapporter.builders.grund import Enhet, avrundningsnot, enkel_tabell


@pytest.mark.parametrize(
    ("ar", "kort", "sfs"),
    [
        (2013, "KRL", "1997:614"),
        (2017, "KRL", "1997:614"),
        (2018, "KRL", "1997:614"),
        (2019, "LKBR", "2018:597"),
        (2024, "LKBR", "2018:597"),
    ],
)
def test_the_accounting_law_follows_the_report_year(ar, kort, sfs):
    lag = texter.redovisningslag(ar)
    assert (lag.kort, lag.sfs) == (kort, sfs)
    text = texter.redovisningsprinciper(ar=ar, rapport="arsredovisning")
    assert f"({sfs})" in text
    assert ("2018:597" in text) == (ar >= 2019)


@pytest.mark.parametrize(("ar", "namn"), [(2013, "SKL"), (2019, "SKL"), (2020, "SKR")])
def test_skl_became_skr_in_2020(ar, namn):
    assert texter.kommunorganisation(ar, kort=True) == namn
    assert f"({namn})" in texter.redovisningsprinciper(ar=ar, rapport="arsredovisning")


def test_delarsrapport_principles_say_the_same_principles_as_the_latest_annual_report():
    text = texter.redovisningsprinciper(ar=2019, rapport="delarsrapport")
    assert text.startswith("Delårsrapporten har upprättats enligt lagen (2018:597)")
    assert "samma" in text.lower() and "senaste årsredovisningen" in text
    assert "Årsredovisningen har" not in text


def test_an_old_generic_default_is_replaced_and_own_text_follows_with_placeholders():
    gammal = next(iter(texter.GAMLA_STANDARDTEXTER))
    assert "2018:597" not in texter.redovisningsprinciper(
        ar=2013, rapport="arsredovisning", egen_text=gammal
    )
    egen = texter.redovisningsprinciper(
        ar=2013, rapport="arsredovisning", egen_text="Inventarier skrivs av enligt {lag_kort}."
    )
    assert egen.endswith("Inventarier skrivs av enligt KRL.")


def test_delarsrapport_says_periodens_resultat():
    assert texter.byt_resultatord("Årets resultat", "delarsrapport") == "Periodens resultat"
    assert texter.byt_resultatord("ÅRETS RESULTAT", "delarsrapport") == "PERIODENS RESULTAT"
    assert texter.byt_resultatord("Årets resultat", "arsredovisning") == "Årets resultat"


def _tabell(avrundade: bool):
    # Three lines of 1,05 tkr print 1,1 each; their exact total 3,15 prints 3,2, not 3,3.
    return enkel_tabell(
        titel="Kostnader",
        kolumner=["2013"],
        poster=[("A", [105_000]), ("B", [105_000]), ("C", [105_000])],
        enhet=Enhet("tkr1"),
        summera_avrundade=avrundade,
    )


def test_a_total_of_exact_amounts_is_flagged_when_it_differs_from_the_printed_lines():
    t = _tabell(False)
    assert [r.visat[0] for r in t.rader] == [
        Decimal("1.1"),
        Decimal("1.1"),
        Decimal("1.1"),
        Decimal("3.2"),
    ]
    assert t.avrundningsdifferens is True
    assert avrundningsnot([t]) == texter.AVRUNDNING
    assert t.som_dict()["avrundningsdifferens"] is True


def test_sums_of_printed_lines_add_up_and_need_no_rounding_note():
    t = _tabell(True)
    assert t.rader[-1].visat[0] == Decimal("3.3")
    assert t.avrundningsdifferens is False
    assert avrundningsnot([t]) == ""


def test_a_2013_annual_report_cites_krl_not_lkbr(forbund):
    from rapporter.builders.arsredovisning import bygg_arsredovisning
    from tests.rapporter.seeds import helsingborg

    helsingborg(forbund)
    text = bygg_arsredovisning(forbund=forbund, ar=2013).noter[0].text
    assert "lagen (1997:614) om kommunal redovisning" in text
    assert "2018:597" not in text
    assert "Sveriges Kommuner och Landsting (SKL)" in text


def test_a_report_whose_tables_do_not_add_up_as_printed_says_so_once(forbund, styrelse, client_as):
    import datetime

    from django.urls import reverse

    from tests.rapporter.bok import Bok

    b = Bok(forbund)
    b.ver(
        datetime.date(2024, 3, 1),
        [("4010", 1_050), ("4020", 1_050), ("4030", 1_050), ("1930", -3_150)],
    )
    url = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2024})
    client = client_as(styrelse)
    assert client.get(url).content.decode().count(texter.AVRUNDNING) == 1
    assert client.get(url + "?format=json").json()["avrundning"] == texter.AVRUNDNING
