"""Issue 13.2 for every generated section (granskning 4, 5, 9, 10): a report never states a
missing fact as a fact. The verksamhetsplan without a budget, participant figures without
registrations, "Panter och ansvarsförbindelser" with nothing entered, kansli, samverkan
and the insatser's goals say "Uppgift saknas" and fastställ refuses until they are entered
or marked "ej tillämpligt"."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forbund.models import Roll
from insatser import services as insatser
from insatser.models import Insats
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan
from rapporter.models import Rapport, Rapportinstallning
from rapporter.services import rapport_faststall, undantag_spara
from tests.conftest import make_user
from tests.rapporter.bok import Bok
from tests.rapporter.nyasen import importera_nyasen

pytestmark = pytest.mark.django_db
D = datetime.date
IDAG = D(2019, 11, 15)  # the plan for 2020 is made in November 2019


@pytest.fixture
def chef():
    return make_user("saknas_chef")


@pytest.fixture
def nyasen(chef, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return importera_nyasen(anvandare=[(chef, Roll.FORBUNDSCHEF)])


def _url(forbund, namn, **kwargs):
    return reverse(f"rapporter:{namn}", kwargs={"orgnr": forbund.orgnr, **kwargs})


# --- 4 Verksamhetsplan -------------------------------------------------------------------


def test_a_plan_without_budget_says_so_instead_of_zeros(nyasen):
    vp = bygg_verksamhetsplan(forbund=nyasen, ar=2020, idag=IDAG)
    assert [s.nyckel for s in vp.saknas] == [
        "medlemmar",
        "forbundsordning",
        "styrelse",
        "kansli",
        "samverkan",
        "budget",
        "prognos",
        "medlemsbidrag",
        "texter",
    ]
    assert vp.saknas_nycklar["budget"].text == "budget för 2020"
    assert vp.saknas_nycklar["prognos"].text == "budgetprognos för 2021 och 2022"
    assert not vp.nagon_budget
    # no zero is stated for a year without a budget version
    assert vp.tabell.rad("SI").belopp == [None, None, None]
    assert vp.tabell.rad("AR").visat == [None, None, None]
    # the opening capital is known from the 2019 books; the plan's results are not
    assert vp.kapital.rad("IB").belopp[0] is not None
    assert vp.kapital.rad("AR").belopp == [None, None, None]
    assert vp.kapital.rad("UB").belopp == [None, None, None]
    assert [r.kod for r in vp.tabell.rader if r.typ == "rubrik"] == []


def test_the_plan_page_and_json_show_placeholders(client, chef, nyasen):
    client.force_login(chef)
    sida = client.get(_url(nyasen, "verksamhetsplan", ar=2020)).content.decode()
    for falskt in ("Summa intäkter", "saknas, saknas", "Administrativa kostnader"):
        assert falskt not in sida, falskt
    for text in (
        "budget för 2020</a>",
        "budgetprognos för 2021 och 2022</a>",
        "förbundsordningen</a>",
        "kansliet</a>",
        "medlemsbidragen och fördelningsnyckeln för 2020</a>",
    ):
        assert "Uppgift saknas: <a href=" in sida and text in sida, text
    data = client.get(_url(nyasen, "verksamhetsplan", ar=2020) + "?format=json").json()
    assert {"nyckel": "budget", "text": "budget för 2020"} in data["uppgift_saknas"]


def test_a_plan_cannot_be_faststalld_without_its_budget(chef, nyasen):
    with pytest.raises(ValidationError) as fel:
        rapport_faststall(forbund=nyasen, typ="verksamhetsplan", ar=2020, till=None, user=chef)
    assert "Uppgift saknas: budget för 2020." in fel.value.messages
    assert "Uppgift saknas: budgetprognos för 2021 och 2022." in fel.value.messages
    assert not Rapport.objects.filter(forbund=nyasen).exists()


def test_a_plan_with_only_this_years_budget_leaves_the_prognosis_years_empty(forbund):
    bok = Bok(forbund)
    bok.ver(D(2013, 2, 1), [("1930", 100_000), ("3513", -100_000)])
    bok.budget(2014, [("3513", -50_000), ("4610", 40_000)], typ="budget")
    vp = bygg_verksamhetsplan(forbund=forbund, ar=2014, idag=D(2014, 2, 1))
    assert vp.har_budget == [True, False, False]
    assert vp.tabell.rad("SI").belopp == [50_000_00, None, None]
    assert vp.tabell.rad("AR").belopp == [10_000_00, None, None]
    assert vp.kapital.rad("IB").belopp == [100_000_00, 110_000_00, None]
    assert vp.kapital.rad("UB").belopp == [110_000_00, None, None]
    assert "budget" not in vp.saknas_nycklar
    assert vp.saknas_nycklar["prognos"].text == "budgetprognos för 2015 och 2016"


# --- 11 Next year's plan -----------------------------------------------------------------


def test_plan_years_run_from_the_first_books_to_next_year(nyasen):
    from rapporter.services import planar

    assert planar(forbund=nyasen, idag=D(2026, 11, 1)) == range(2019, 2028)
    assert planar(forbund=nyasen, idag=D(2019, 3, 1)) == range(2019, 2021)


def test_a_forbund_without_books_can_open_next_years_plan(forbund, styrelse, client_as):
    from django.utils import timezone

    from rapporter.services import planar

    nasta = timezone.localdate().year + 1
    assert planar(forbund=forbund, idag=D(2026, 5, 1)) == range(2026, 2028)
    client = client_as(styrelse)
    assert client.get(_url(forbund, "verksamhetsplan", ar=nasta)).status_code == 200
    svar = client.get(_url(forbund, "verksamhetsplan", ar=nasta + 1))
    assert svar.status_code == 404
    assert f"Ingen verksamhetsplan för {nasta + 1}" in svar.content.decode()


def test_a_next_year_plan_can_be_marked_not_applicable(client, chef, nyasen):
    from django.utils import timezone

    nasta = timezone.localdate().year + 1
    client.force_login(chef)
    svar = client.post(
        _url(nyasen, "ej-tillampligt"),
        {"rapport": "verksamhetsplan", "ar": nasta, "nyckel": "samverkan", "motivering": "Inga"},
    )
    assert svar.status_code == 302
    assert nyasen.undantag.get(nyckel="samverkan").ar == nasta


# --- 5 Participants ----------------------------------------------------------------------


def _insatser(nyasen, chef):
    ut = []
    for namn in ("Ung i jobb", "Vägen vidare"):
        ut.append(
            insatser.insats_create(
                user=chef,
                forbund=nyasen,
                namn=namn,
                typ=Insats.Typ.INDIVID,
                finansieringsform=Insats.Finansiering.HEL,
                start=D(2019, 1, 1),
            )
        )
    return ut


def test_without_participant_registrations_no_zero_is_stated(client, chef, nyasen):
    _insatser(nyasen, chef)
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    assert rapport.saknas_nycklar["deltagare"].text == (
        "deltagare i förbundets insatser under perioden"
    )
    client.force_login(chef)
    sida = client.get(_url(nyasen, "arsredovisning", ar=2019)).content.decode()
    assert "Deltagare under perioden" not in sida
    assert "Deltagare efter kön" not in sida
    individ = [r for r in rapport.insatser_rapport if r.statistik is not None]
    assert {"Ung i jobb", "Vägen vidare"} <= {r.insats.namn for r in individ}
    # once per insats and once for the whole förbund
    assert sida.count("deltagare i förbundets insatser under perioden</a>") == len(individ) + 1


def test_an_insats_without_registrations_is_named_when_others_have_some(chef, nyasen):
    ung, vagen = _insatser(nyasen, chef)
    insatser.deltagande_create(
        user=chef,
        insats=ung,
        kod="A1",
        kon="K",
        aldersgrupp="20-24",
        start=D(2019, 3, 1),
        samtycke_datum=D(2019, 3, 1),
    )
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    # the SIE import made insatser of its two project objects; they have none either
    assert rapport.saknas_nycklar["deltagare"].text == (
        "deltagare i Ungsam, Vuxsam, Vägen vidare under perioden"
    )
    undantag_spara(
        forbund=nyasen,
        rapport="arsredovisning",
        ar=2019,
        nyckel="deltagare",
        motivering="Vägen vidare startade först 2020.",
        user=chef,
    )
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    assert "deltagare" not in {s.nyckel for s in rapport.saknas_oppna}


# --- 9 Ansvarsförbindelser, 10 stranded sections -----------------------------------------


def test_ansvarsforbindelser_missing_is_not_inga(client, chef, nyasen):
    client.force_login(chef)
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    assert "ansvarsforbindelser" in rapport.saknas_nycklar
    sida = client.get(_url(nyasen, "arsredovisning", ar=2019)).content.decode()
    assert "ansvarsförbindelser:</strong> Inga" not in sida
    assert "panter och ansvarsförbindelser (skriv ”Inga” om det inte finns några)</a>" in sida
    Rapportinstallning.objects.create(forbund=nyasen, ansvarsforbindelser="Inga")
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    assert "ansvarsforbindelser" not in rapport.saknas_nycklar
    assert rapport.noter[-1].text == "Inga"
    sida = client.get(_url(nyasen, "arsredovisning", ar=2019)).content.decode()
    assert "<strong>Panter och ansvarsförbindelser:</strong> Inga" in sida


def test_sections_without_register_data_have_a_placeholder(client, chef, nyasen):
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    assert {"kansli", "samverkan", "insatsmal"} <= set(rapport.saknas_nycklar)
    client.force_login(chef)
    sida = client.get(_url(nyasen, "arsredovisning", ar=2019)).content.decode()
    assert "Uppgift om kansliet saknas." not in sida
    for text in ("kansliet</a>", "grupper och nätverk i samverkan</a>", "insatsernas mål"):
        assert text in sida, text
    with pytest.raises(ValidationError) as fel:
        rapport_faststall(forbund=nyasen, typ="arsredovisning", ar=2019, till=None, user=chef)
    assert "Uppgift saknas: kansliet." in fel.value.messages
