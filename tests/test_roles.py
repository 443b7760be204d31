from django.urls import reverse

from forbund.models import Behorighet, Roll


def test_login_page_is_in_swedish(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<html lang="sv">' in response.content
    assert "Användarnamn".encode() in response.content


def test_user_with_one_forbund_goes_straight_to_it(client_as, kansli, forbund):
    response = client_as(kansli).get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"] == forbund.get_absolute_url()


def test_user_with_several_forbund_can_switch(client_as, kansli, forbund, annat_forbund):
    Behorighet.objects.create(user=kansli, forbund=annat_forbund, roll=Roll.STYRELSE)
    client = client_as(kansli)
    assert client.get(reverse("start")).status_code == 200
    response = client.get(reverse("start"), {"forbund": annat_forbund.orgnr})
    assert response["Location"] == annat_forbund.get_absolute_url()


def test_switch_to_a_forbund_one_is_not_in_stays_on_chooser(client_as, kansli, annat_forbund):
    response = client_as(kansli).get(reverse("start"), {"forbund": annat_forbund.orgnr})
    assert response.status_code == 302
    assert annat_forbund.orgnr not in response["Location"]


def test_navigation_hides_ledger_from_styrelse(client_as, styrelse, forbund):
    response = client_as(styrelse).get(forbund.get_absolute_url())
    assert b"Ekonomi</a>" not in response.content
    assert "Förbund</a>".encode() in response.content


def test_health_check_needs_no_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
