"""The working year: its default, the header switch, and the pages that use it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ekonomi.models import Rakenskapsar, Serie, Verifikation
from forbund.arbetsar import ar_text, arbetsdag, standardar
from forbund.models import Person, Styrelseuppdrag

D = datetime.date


def bocker(forbund, *aren):
    """A räkenskapsår with one (preliminär) verifikation for each year."""
    for ar in aren:
        rakenskapsar = Rakenskapsar.objects.create(
            forbund=forbund, start=D(ar, 1, 1), slut=D(ar, 12, 31)
        )
        serie = Serie.objects.create(rakenskapsar=rakenskapsar, kod="A")
        Verifikation.objects.create(
            rakenskapsar=rakenskapsar, serie=serie, datum=D(ar, 3, 1), text="Faktura"
        )


def _url(name, forbund, **kw):
    return reverse(name, kwargs={"orgnr": forbund.orgnr, **kw})


def test_default_is_todays_year_without_books(forbund):
    assert standardar(forbund=forbund, today=D(2026, 11, 30)) == 2026


def test_default_is_the_latest_year_with_books_when_today_has_none(forbund):
    bocker(forbund, 2012, 2013)
    Rakenskapsar.objects.create(forbund=forbund, start=D(2014, 1, 1), slut=D(2014, 12, 31))
    assert standardar(forbund=forbund, today=D(2026, 11, 30)) == 2013


def test_default_is_todays_year_when_it_has_books(forbund):
    bocker(forbund, 2025, 2026)
    assert standardar(forbund=forbund, today=D(2026, 3, 1)) == 2026


def test_checks_are_made_on_the_last_day_of_a_past_working_year():
    assert arbetsdag(2013, D(2026, 11, 30)) == D(2013, 12, 31)
    assert arbetsdag(2026, D(2026, 11, 30)) == D(2026, 11, 30)
    assert arbetsdag(2027, D(2026, 11, 30)) == D(2027, 1, 1)


def test_years_read_as_swedish_runs():
    assert ar_text([2013, 2011, 2012, 2015]) == "2011–2013 och 2015"
    assert ar_text([2014]) == "2014"
    assert ar_text([2010, 2012, 2014]) == "2010, 2012 och 2014"
    assert ar_text([]) == "inga år"


def test_start_page_shows_the_working_year_in_the_header(client_as, forbundschef, forbund):
    bocker(forbund, 2012, 2013)
    response = client_as(forbundschef).get(_url("forbund:start", forbund))
    html = response.content.decode()
    assert '<option value="2013" selected>2013</option>' in html
    assert "Att kontrollera (2013-12-31)" in html
    assert "(Förbundschef)</span>" in html
    assert "(forbundschef)" not in html


def test_picking_a_year_is_remembered_and_returns_to_the_page(client_as, styrelse, forbund):
    bocker(forbund, 2012, 2013)
    client = client_as(styrelse)
    tillbaka = _url("forbund:styrelse", forbund)
    response = client.post(_url("forbund:arbetsar", forbund), {"ar": "2012", "next": tillbaka})
    assert response.status_code == 302
    assert response["Location"] == tillbaka
    assert "Styrelsen under 2012" in client.get(tillbaka).content.decode()
    start = client.get(_url("forbund:start", forbund)).content.decode()
    assert "Att kontrollera (2012-12-31)" in start


def test_a_foreign_next_address_is_not_followed(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url("forbund:arbetsar", forbund), {"ar": "2013", "next": "https://example.com/"}
    )
    assert response["Location"] == forbund.get_absolute_url()


@pytest.mark.parametrize("ar", ["-1", "12345678901234567890", "abc", ""])
def test_a_bad_year_changes_nothing(client_as, kansli, forbund, ar):
    client = client_as(kansli)
    response = client.post(_url("forbund:arbetsar", forbund), {"ar": ar}, follow=True)
    assert "Välj ett år mellan 1990 och 2100." in response.content.decode()
    assert client.session.get("finsam_arbetsar", {}) == {}


def test_switching_year_is_post_only(client_as, kansli, forbund):
    assert client_as(kansli).get(_url("forbund:arbetsar", forbund)).status_code == 405


def test_an_empty_styrelse_year_names_the_years_with_mandates(client_as, kansli, forbund):
    medlem = forbund.medlemmar.first()
    person = Person.objects.create(forbund=forbund, namn="Lisa Ledamot")
    Styrelseuppdrag.objects.create(
        forbund=forbund,
        person=person,
        medlem=medlem,
        typ=Styrelseuppdrag.Typ.LEDAMOT,
        from_datum=D(2011, 1, 1),
        tom_datum=D(2013, 12, 31),
    )
    html = client_as(kansli).get(_url("forbund:styrelse", forbund) + "?ar=2020").content.decode()
    assert "Inga styrelseuppdrag under 2020. Uppdrag finns registrerade för 2011–2013." in html
    html = client_as(kansli).get(_url("forbund:styrelse", forbund) + "?ar=2012").content.decode()
    assert "Inga styrelseuppdrag" not in html
    assert "Lisa Ledamot" in html


def test_statistics_and_export_default_to_the_working_year(client_as, kansli, forbund):
    bocker(forbund, 2013)
    client = client_as(kansli)
    html = client.get(reverse("insatser:statistik", kwargs={"orgnr": forbund.orgnr}))
    html = html.content.decode()
    assert 'value="2013-01-01"' in html and 'value="2013-12-31"' in html
    assert "Inga deltagare under perioden 2013-01-01–2013-12-31" in html
    response = client.get(reverse("insatser:uppfoljning-export", kwargs={"orgnr": forbund.orgnr}))
    assert f"uppfoljning-finsam-{forbund.orgnr}-2013.csv" in response["Content-Disposition"]


def test_the_current_year_runs_to_today(client_as, kansli, forbund):
    idag = timezone.localdate()
    html = client_as(kansli).get(reverse("insatser:statistik", kwargs={"orgnr": forbund.orgnr}))
    assert f'value="{idag.isoformat()}"' in html.content.decode()
