"""Seed 003: Söderåsen's delårsrapport January–August 2019 with the same period of 2018,
budget 2019 and helårsprognos, reproduced from a ledger built here (whole tkr; noter kr)."""

import datetime

import pytest

from rapporter.builders.delarsrapport import bygg_delarsrapport
from rapporter.models import Prognosjustering
from tests.rapporter.seeds import soderasen


@pytest.fixture
def delar(forbund):
    soderasen(forbund)
    Prognosjustering.objects.create(
        forbund=forbund,
        ar=2019,
        radkod="PK",
        belopp=-265_500_000,
        kommentar="Vuxsam avslutas 2019-09-30",
    )
    Prognosjustering.objects.create(
        forbund=forbund,
        ar=2019,
        radkod="OK",
        belopp=-93_000_000,
        kommentar="Lägre administrativa kostnader",
    )
    return bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))


def _visat(tabell, kod):
    return [None if v is None else str(v) for v in tabell.rad(kod).visat]


def _post(tabell, rubrik):
    rad = next(r for r in tabell.rader if r.rubrik == rubrik)
    return [str(v) for v in rad.visat]


def _not(rapport, rubrik):
    return next(n for n in rapport.noter if n.rubrik == rubrik).tabell


def test_resultatrakning_columns_utfall_prognos_budget_and_last_year(delar):
    assert delar.resultatrakning.kolumner == [
        "2019-01-01 – 2019-08-31",
        "Prognos 2019",
        "Budget 2019",
        "2018-01-01 – 2018-08-31",
    ]


def test_resultatrakning_matches_the_published_figures(delar):
    rr = delar.resultatrakning
    assert _visat(rr, "MA") == ["2051", "3076", "3076", "2040"]
    assert _visat(rr, "SI") == ["2051", "3076", "3076", "2040"]
    assert _visat(rr, "PK") == ["-1836", "-2655", "-2853", "-1668"]
    assert _visat(rr, "OK") == ["-643", "-930", "-1095", "-630"]
    assert _visat(rr, "SK") == ["-2479", "-3585", "-3948", "-2298"]
    assert _visat(rr, "PR") == ["-428", "-509", "-872", "-258"]


def test_prognos_takes_member_contributions_from_the_budget_not_12_8(delar):
    rr = delar.resultatrakning
    assert rr.rad("MA").belopp[1] == 307_600_000  # the budget 2019, not 2 050 666 × 12/8
    assert rr.rad("MA").kommentar == "enligt budget"
    assert rr.rad("PK").kommentar == "justerad: Vuxsam avslutas 2019-09-30"


def test_without_budget_or_decision_other_lines_are_extrapolated(forbund):
    from ekonomi.models import Budgetversion

    soderasen(forbund)
    Budgetversion.objects.filter(rakenskapsar__forbund=forbund).delete()
    rapport = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 8, 31))
    rr = rapport.resultatrakning
    assert rr.kolumner == ["2019-01-01 – 2019-08-31", "Prognos 2019", "2018-01-01 – 2018-08-31"]
    # Booked month by month and no whole earlier year to compare with: not 2 050 666 kr
    # × 12/8 but no forecast (prognos.bidrag_utan_beslut); the missing decision is listed.
    assert rr.rad("MA").belopp[1] is None
    assert rr.rad("MA").kommentar == (
        "Uppgift saknas: beslut saknas och inget helt föregående år att jämföra med"
    )
    assert "medlemsbidrag" in {s.nyckel for s in rapport.saknas}


def test_balansrakning_against_the_same_date_last_year(delar):
    br = delar.balansrakning
    assert br.kolumner == ["2019-08-31", "2018-08-31"]
    assert _visat(br, "FO") == ["8", "4"]
    assert _visat(br, "KB") == ["3040", "3623"]
    assert _visat(br, "ST") == ["3048", "3627"]
    assert _visat(br, "OEK") == ["2803", "3224"]
    assert _visat(br, "ARE") == ["-428", "-258"]
    assert _visat(br, "EK") == ["2375", "2966"]
    assert _visat(br, "KS") == ["673", "661"]
    assert _visat(br, "SEK") == ["3048", "3627"]


def test_not_medlemsavgifter_per_member_in_kronor(delar):
    tabell = _not(delar, "Medlemsavgifter")
    assert _post(tabell, "Bjuvs kommun") == ["256333", "255000"]
    assert _post(tabell, "Åstorps kommun") == ["256333", "255000"]
    assert _post(tabell, "Region Skåne") == ["512667", "510000"]
    assert _post(tabell, "Försäkringskassan/Arbetsförmedlingen") == ["1025333", "1020000"]
    assert _post(tabell, "Summa") == ["2050666", "2040000"]


def test_not_projektkostnader_per_insats(delar):
    tabell = _not(delar, "Projektkostnader")
    assert _post(tabell, "Ungsam") == ["-618174", "-661135"]
    assert _post(tabell, "Vuxsam") == ["-810598", "-815636"]
    assert _post(tabell, "Casemanagement 2.0") == ["-208000", "0"]
    assert _post(tabell, "Processutvecklare") == ["-198909", "-191047"]
    assert _post(tabell, "Utbildning/konferens för insatserna") == ["-695", "0"]
    assert _post(tabell, "Summa insatser") == ["-1836376", "-1667818"]


def test_not_ovriga_externa_kostnader_per_account(delar):
    tabell = _not(delar, "Övriga externa kostnader")
    assert _post(tabell, "Kostnader för förbundschef & -sekreterare") == ["-474868", "-459424"]
    assert _post(tabell, "Förvaltningskostnader") == ["-109585", "-114975"]
    assert _post(tabell, "Lokalkostnader") == ["-35496", "-34800"]
    assert _post(tabell, "Övriga kostnader") == ["-23149", "-20827"]
    assert _post(tabell, "Summa") == ["-643098", "-630026"]


def test_not_forutbetalda_medlemsavgifter(delar):
    tabell = _not(delar, "Kortfristiga skulder")
    assert _post(tabell, "Förutbetalda medlemsavgifter") == ["640833", "637500"]


def test_eget_kapital_forecast_at_year_end(delar):
    assert delar.eget_kapital_ingaende == 280_320_000
    assert str(delar.eget_kapital_prognos_visat) == "2294"


def test_every_account_lands_in_exactly_one_line(delar):
    assert delar.kontroll.ok


@pytest.mark.parametrize("till", ["2019-05-31", "2019-09-30", "2018-08-31"])
def test_delar_date_outside_half_to_two_thirds_is_refused(forbund, till):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date.fromisoformat(till))


def test_june_30_is_half_the_year(forbund):
    rapport = bygg_delarsrapport(forbund=forbund, ar=2019, till=datetime.date(2019, 6, 30))
    assert rapport.till == datetime.date(2019, 6, 30)


def test_delarsrapport_page_pdf_and_json(forbund, styrelse, client_as, delar):
    import shutil
    import subprocess

    from django.urls import reverse

    client = client_as(styrelse)
    url = reverse("rapporter:delarsrapport", kwargs={"orgnr": forbund.orgnr, "ar": 2019})
    sida = client.get(url + "?till=2019-08-31").content.decode()
    assert "Delårsrapport 2019-01-01 – 2019-08-31" in sida
    assert "2\u00a0294" in sida  # eget kapital forecast at year end, tkr
    data = client.get(url + "?till=2019-08-31&format=json").json()
    assert data["eget_kapital"]["prognos_vid_arets_slut"] == 229_420_000
    assert b"Skapa PDF" in client.get(url + "?till=2019-08-31&format=pdf").content
    bestallning = client.post(
        reverse("rapporter:pdf-bestall", kwargs={"orgnr": forbund.orgnr}),
        {"typ": "delarsrapport", "ar": 2019, "till": "2019-08-31"},
    )
    fil = bestallning["Location"] + "fil/"
    pdf = b"".join(client.get(fil).streaming_content)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "2 050 666" in text
        assert "Sida 2 av" in text
