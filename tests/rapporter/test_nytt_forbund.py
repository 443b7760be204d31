"""Done-when of issue 13: books of a förbund known only from its SIE file give reports
without a false statement; the onboarding turns them into a correct report."""

import datetime
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from forbund.models import Roll
from rapporter import onboarding
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.delarsrapport import bygg_delarsrapport
from rapporter.models import Rapport
from rapporter.services import rapport_faststall, undantag_spara
from tests.conftest import make_user
from tests.rapporter.nyasen import importera_nyasen
from tests.rapporter.register import registrera_uppgifter

pytestmark = pytest.mark.django_db


@pytest.fixture
def chef():
    return make_user("nyasen_chef")


@pytest.fixture
def nyasen(chef, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return importera_nyasen(anvandare=[(chef, Roll.FORBUNDSCHEF)])


def _url(forbund, namn="arsredovisning", **kwargs):
    return reverse(f"rapporter:{namn}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def _visat(tabell, kod):
    return [None if v is None else str(v) for v in tabell.rad(kod).visat]


def test_a_forbund_formed_this_year_has_no_previous_year_column_anywhere(nyasen):
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    assert rapport.resultatrakning.kolumner == ["2019"]
    assert rapport.balansrakning.kolumner == ["2019-12-31"]
    assert rapport.kassaflodesanalys.kolumner == ["2019"]
    assert all(n.tabell.kolumner[-1] != "2018" for n in rapport.noter if n.tabell)


def test_without_a_budget_there_is_no_budget_column_or_avvikelse(nyasen):
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    assert rapport.driftredovisning.kolumner == ["Utfall"]
    assert "Budget 2019" not in rapport.resultatrakning.kolumner
    assert rapport.budgetversion == ""
    assert rapport.ekonomi.resultat_budget is None


def test_administration_is_not_summed_as_an_insats(nyasen):
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    drift = rapport.driftredovisning
    assert [r.rubrik for r in drift.rader if r.kod.startswith("o")] == ["Ungsam", "Vuxsam"]
    assert _visat(drift, "sX") == ["-2612.0"]
    assert _visat(drift, "sK") == ["-900.0"]
    assert rapport.ekonomi.administration == 90_000_000
    assert str(rapport.ekonomi.administration_procent) == "25.6"


def test_the_ceiling_is_read_from_the_ledger_not_the_empty_register(nyasen):
    tak = bygg_arsredovisning(forbund=nyasen, ar=2019).ekonomi.tak
    assert tak.bidrag == 308_000_000
    assert tak.tak == 61_600_000  # 20 % of 3 080 000 kr
    assert tak.eget_kapital == 236_923_400
    assert tak.over_taket == 175_323_400


def test_the_page_says_what_is_missing_instead_of_stating_it(client, chef, nyasen):
    client.force_login(chef)
    sida = client.get(_url(nyasen, ar=2019)).content.decode()
    for falskt in (
        "Styrelsen har haft 0",
        "Inga ledamöter registrerade",
        "Inga revisorer registrerade",
        "Ingen styrelse registrerad",
        "Budget 0,0",
        'class="num">2018<',
    ):
        assert falskt not in sida, falskt
    assert "Uppgift saknas: <a href=" in sida
    for text in ("styrelsens sammanträden", "revisorerna", "styrelsens ledamöter"):
        assert text in sida
    assert "lagen (2018:597)" in sida


def test_the_pdf_has_placeholders_not_false_facts(client, chef, nyasen):
    client.force_login(chef)
    bestallning = client.post(
        reverse("rapporter:pdf-bestall", kwargs={"orgnr": nyasen.orgnr}),
        {"typ": "arsredovisning", "ar": 2019},
    )
    pdf = b"".join(client.get(bestallning["Location"] + "fil/").streaming_content)
    assert pdf.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext saknas")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "[Uppgift saknas: styrelsens sammanträden]" in " ".join(text.split())
    assert "Styrelsen har haft 0" not in text


def test_json_lists_what_is_missing(client, chef, nyasen):
    client.force_login(chef)
    data = client.get(_url(nyasen, ar=2019) + "?format=json").json()
    assert [s["nyckel"] for s in data["uppgift_saknas"]] == [
        "medlemmar",
        "styrelse",
        "kansli",
        "sammantraden",
        "revisorer",
        "samverkan",
        "budget",
        "deltagare",
        "insatsmal",
        "ansvarsforbindelser",
        "forbundsmal",
        "texter",
    ]
    assert data["ekonomi"]["kapitaltak"] == 61_600_000


def test_faststall_lists_what_is_missing_and_refuses(chef, nyasen):
    with pytest.raises(ValidationError) as fel:
        rapport_faststall(forbund=nyasen, typ="arsredovisning", ar=2019, till=None, user=chef)
    assert "Uppgift saknas: styrelsens sammanträden." in fel.value.messages
    assert not Rapport.objects.filter(forbund=nyasen).exists()


def test_not_applicable_needs_a_reason(client, chef, nyasen):
    client.force_login(chef)
    svar = client.post(
        _url(nyasen, "ej-tillampligt"),
        {"rapport": "arsredovisning", "ar": 2019, "nyckel": "budget", "motivering": " "},
        follow=True,
    )
    assert "Skriv varför uppgiften inte är tillämplig." in svar.content.decode()
    assert not nyasen.undantag.exists()


def test_after_the_onboarding_the_report_is_correct_and_can_be_faststalld(chef, nyasen):
    objekt = {o.objekt.kod: o.objekt.pk for o in onboarding.objekt_lista(forbund=nyasen)}
    onboarding.onboarding_spara(
        forbund=nyasen,
        user=chef,
        roller={objekt["U1"]: "insats", objekt["V1"]: "insats", objekt["ADM"]: "administration"},
        medlemmar=[
            onboarding.NyMedlem("Försäkringskassan", "fk", "3511"),
            onboarding.NyMedlem("Arbetsförmedlingen", "af", "3511"),
            onboarding.NyMedlem("Region Skåne", "region", "3512"),
            onboarding.NyMedlem("Bjuvs kommun", "kommun", "3513"),
            onboarding.NyMedlem("Åstorps kommun", "kommun", "3514"),
        ],
    )
    registrera_uppgifter(nyasen, 2019)
    nyasen.undantag.all().delete()
    for nyckel, motivering in (
        ("budget", "Förbundet bildades 2019; budgeten beslutades av föregångarna."),
        ("deltagare", "Deltagarna redovisas i SUS."),
        ("insatsmal", "Insatsernas mål redovisas i SUS."),
        ("forbundsmal", "Förbundets mål sätts från 2020."),
    ):
        undantag_spara(
            forbund=nyasen,
            rapport="arsredovisning",
            ar=2019,
            nyckel=nyckel,
            motivering=motivering,
            user=chef,
        )
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    intakter = next(n for n in rapport.noter if n.rubrik == "Verksamhetens intäkter").tabell
    assert [(r.rubrik, str(r.visat[0])) for r in intakter.rader] == [
        ("Försäkringskassan/Arbetsförmedlingen", "1540.0"),
        ("Region Skåne", "770.0"),
        ("Bjuvs kommun", "385.0"),
        ("Åstorps kommun", "385.0"),
        ("Summa", "3080.0"),
    ]
    assert rapport.ekonomi.tak.bidrag == 308_000_000
    assert [s.nyckel for s in rapport.saknas_oppna] == []
    faststalld = rapport_faststall(
        forbund=nyasen, typ="arsredovisning", ar=2019, till=None, user=chef
    )
    assert faststalld.status == Rapport.Status.FASTSTALLD


def test_delarsrapport_forecasts_contributions_booked_for_the_whole_year_without_12_8(nyasen):
    from forbund.models import Bidragsandel, Bidragsar, Medlem

    medlemmar = {
        namn: Medlem.objects.create(forbund=nyasen, namn=namn, typ=typ, intaktskonton=konto)
        for namn, typ, konto in [
            ("Försäkringskassan", "fk", "3511"),
            ("Region Skåne", "region", "3512"),
            ("Bjuvs kommun", "kommun", "3513"),
            ("Åstorps kommun", "kommun", "3514"),
        ]
    }
    bidragsar = Bidragsar.objects.create(forbund=nyasen, ar=2019, statlig_tilldelning=1_540_000)
    for namn, kr in [
        ("Försäkringskassan", 1_540_000),
        ("Region Skåne", 770_000),
        ("Bjuvs kommun", 385_000),
        ("Åstorps kommun", 385_000),
    ]:
        Bidragsandel.objects.create(bidragsar=bidragsar, medlem=medlemmar[namn], belopp=kr)
    rapport = bygg_delarsrapport(forbund=nyasen, ar=2019, till=datetime.date(2019, 8, 31))
    rr = rapport.resultatrakning
    assert rr.kolumner == ["2019-01-01 – 2019-08-31", "Prognos 2019"]
    assert rr.rad("VI").belopp == [308_000_000, 308_000_000]  # not 462 000 000 (× 12/8)
    assert rr.rad("VI").kommentar == "enligt beslutade medlemsbidrag"
    assert rr.rad("VK").kommentar == "uppräknat till helår"
    assert rr.rad("AR").rubrik == "Periodens resultat"
    assert rapport.eget_kapital_direkt == 280_000_000
    # IB 0 + 2 800 000 booked straight to eget kapital + the forecast result
    assert rapport.eget_kapital_prognos == 280_000_000 + rr.rad("AR").belopp[1]
    assert rapport.tak.bidrag == 308_000_000
    principer = rapport.noter[0].text
    assert principer.startswith("Delårsrapporten har upprättats")
    assert "Årsredovisningen" not in principer


def test_a_year_without_books_gets_a_clear_message(client, chef, nyasen):
    client.force_login(chef)
    svar = client.get(_url(nyasen, ar=2030))
    assert svar.status_code == 404
    assert "Det finns ingen bokföring för 2030" in svar.content.decode()
    with pytest.raises(CommandError, match="ingen bokföring för 2030"):
        call_command(
            "report",
            "arsredovisning",
            "--forbund",
            nyasen.orgnr,
            "--year",
            "2030",
            "--output",
            "/dev/null",
        )


def test_delarsrapport_date_outside_the_year_is_a_400_with_a_message(client, chef, nyasen):
    client.force_login(chef)
    svar = client.get(_url(nyasen, "delarsrapport", ar=2019) + "?till=2020-08-31")
    assert svar.status_code == 400
    assert "Datumet ska ligga i rapportåret." in svar.content.decode()
