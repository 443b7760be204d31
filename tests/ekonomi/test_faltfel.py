"""Errors where the user looks: an unknown account in the huvudbok picker and a rejected
voucher attachment are shown at their fields."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi.models import Underlag

D = datetime.date


def _url(forbund, name, **kwargs):
    return reverse(f"ekonomi:{name}", kwargs={"orgnr": forbund.orgnr, **kwargs})


@pytest.mark.parametrize("angivet", ["9999", "9999 Påhittat", "19/10", "abc"])
def test_unknown_account_in_the_picker_is_a_field_error(client_as, kansli, forbund, ar, angivet):
    response = client_as(kansli).get(
        _url(forbund, "huvudbok", konto="0") + "?" + f"konto={angivet}&ar=2024"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Konto {angivet.strip()} finns inte i kontoplanen" in html
    assert 'aria-invalid="true"' in html
    assert 'id="hb-konto_error"' in html


def test_empty_account_in_the_picker_asks_for_one(client_as, kansli, forbund, ar):
    response = client_as(kansli).get(_url(forbund, "huvudbok", konto="0") + "?konto=&ar=2024")
    assert "Ange ett kontonummer." in response.content.decode()


def test_unknown_account_in_the_address_is_404_with_the_picker(client_as, kansli, forbund, ar):
    response = client_as(kansli).get(_url(forbund, "huvudbok", konto="9999") + "?ar=2024")
    assert response.status_code == 404
    assert "Konto 9999 finns inte i kontoplanen" in response.content.decode()


def test_known_account_in_the_picker_still_opens_its_huvudbok(client_as, kansli, forbund, ar):
    response = client_as(kansli).get(
        _url(forbund, "huvudbok", konto="0") + "?konto=1930 Bank&ar=2024"
    )
    assert response["Location"] == _url(forbund, "huvudbok", konto="1930") + "?ar=2024"


def test_rejected_attachment_is_shown_at_the_file_field(
    client_as, kansli, forbund, ar, bokfor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ver = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    response = client_as(kansli).post(
        _url(forbund, "underlag-create", pk=ver.pk),
        {"fil": SimpleUploadedFile("kvitto.exe", b"MZ\x90\x00 not a pdf")},
    )
    assert response.status_code == 200
    assert response.context["underlag_form"].errors["fil"] == [
        "Underlag måste vara PDF, PNG eller JPEG."
    ]
    html = response.content.decode()
    assert 'id="id_fil_error"' in html
    assert "autofocus" in html
    assert 'class="message error"' not in html
    assert not Underlag.objects.exists()


def test_missing_attachment_is_a_field_error(client_as, kansli, forbund, ar, bokfor):
    ver = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    response = client_as(kansli).post(_url(forbund, "underlag-create", pk=ver.pk), {})
    assert response.context["underlag_form"].errors["fil"]
