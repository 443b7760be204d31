"""Participant codes: one that looks like a name is held back with a warning at the field
until confirmed; consent given after the start date is refused at the field."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from insatser import services
from insatser.models import Deltagande
from insatser.validators import liknar_namn

D = datetime.date


@pytest.mark.parametrize(
    "kod", ["Anna Svensson", "anna svensson", "Anna", "Lars-Erik Öberg", "Anna Maria Berg"]
)
def test_name_like_codes_are_recognised(kod):
    assert liknar_namn(kod)


@pytest.mark.parametrize("kod", ["GPS-014", "U12", "ABC", "abc", "K7 M", "A", "", "PLANT 3"])
def test_ordinary_codes_are_not_names(kod):
    assert not liknar_namn(kod)


def _post(insats, **extra):
    data = {
        "kod": "Anna Svensson",
        "kon": "K",
        "aldersgrupp": "20-24",
        "start": "2019-03-01",
        "samtycke_datum": "2019-03-01",
        "forsorjning_start": "okand",
        "utbildningsniva": "okand",
        "tid_offentlig_forsorjning": "okand",
    } | extra
    return data


def _url(forbund, insats):
    return reverse("insatser:deltagare-create", kwargs={"orgnr": forbund.orgnr, "pk": insats.pk})


def test_a_name_like_code_is_held_back_with_a_warning_at_the_field(
    client_as, kansli, forbund, insats
):
    client = client_as(kansli)
    response = client.post(_url(forbund, insats), _post(insats))
    assert response.status_code == 200
    assert response.context["form"].errors["kod"][0].startswith("Koden ser ut som ett namn.")
    html = response.content.decode()
    assert 'type="checkbox" name="kod_inget_namn"' in html
    assert not Deltagande.objects.exists()


def test_a_confirmed_code_is_saved(client_as, kansli, forbund, insats):
    client = client_as(kansli)
    response = client.post(_url(forbund, insats), _post(insats, kod_inget_namn="on"))
    assert response.status_code == 302
    assert Deltagande.objects.get().kod == "Anna Svensson"


def test_an_ordinary_code_needs_no_confirmation(client_as, kansli, forbund, insats):
    response = client_as(kansli).post(_url(forbund, insats), _post(insats, kod="U-017"))
    assert response.status_code == 302


def test_consent_after_the_start_date_is_refused_at_the_field(client_as, kansli, forbund, insats):
    response = client_as(kansli).post(
        _url(forbund, insats), _post(insats, kod="U-018", samtycke_datum="2019-03-02")
    )
    assert response.status_code == 200
    (fel,) = response.context["form"].errors["samtycke_datum"]
    assert fel.startswith("Samtycket ska vara lämnat senast på startdatum (2019-03-01)")
    assert not Deltagande.objects.exists()


def test_the_service_refuses_late_consent_too(kansli, insats):
    with pytest.raises(ValidationError) as exc:
        services.deltagande_create(
            user=kansli,
            insats=insats,
            kod="U-019",
            kon="K",
            aldersgrupp="20-24",
            start=D(2019, 3, 1),
            samtycke_datum=D(2019, 4, 1),
        )
    assert list(exc.value.message_dict) == ["samtycke_datum"]


def test_the_registration_grid_warns_at_the_row_code(client_as, kansli, forbund, insats):
    url = reverse(
        "insatser:deltagare-registrera", kwargs={"orgnr": forbund.orgnr, "pk": insats.pk}
    )
    data = {"ny-TOTAL_FORMS": "1", "ny-INITIAL_FORMS": "0", "ny-MIN_NUM_FORMS": "0"}
    data |= {"ny-MAX_NUM_FORMS": "200"}
    data |= {f"ny-0-{k}": v for k, v in _post(insats).items()}
    response = client_as(kansli).post(url, data)
    html = response.content.decode()
    assert "Koden ser ut som ett namn." in html
    assert 'name="ny-0-kod_inget_namn"' in html
    assert not Deltagande.objects.exists()


def test_uppfoljning_csv_carries_no_formula(client_as, kansli, forbund, insats):
    insats.namn = '=HYPERLINK("http://x.example")'
    insats.save()
    url = reverse("insatser:uppfoljning-export", kwargs={"orgnr": forbund.orgnr}) + "?ar=2019"
    text = client_as(kansli).get(url).content.decode("utf-8-sig")
    celler = [c for rad in text.split("\r\n") for c in rad.split(";")]
    assert any(c.startswith("\"'=HYPERLINK") or c.startswith("'=HYPERLINK") for c in celler)
    assert not any(c.startswith("=") or c.startswith('"=') for c in celler)


def test_an_import_with_name_like_codes_warns_after_saving(client_as, kansli, forbund, insats):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rubrik = "kod;kon;aldersgrupp;start;samtycke_datum"
    fil = "\n".join(
        [rubrik, "Anna Svensson;K;20-24;2019-01-10;2019-01-10", "I2;M;25-29;2019-02-01;2019-02-01"]
    )
    url = reverse("insatser:deltagare-import", kwargs={"orgnr": forbund.orgnr, "pk": insats.pk})
    response = client_as(kansli).post(
        url, {"fil": SimpleUploadedFile("d.csv", fil.encode())}, follow=True
    )
    text = [str(m) for m in response.context["messages"]]
    assert "2 deltagare är inlästa." in text
    assert any(t.startswith("1 kod ser ut som namn (Anna Svensson)") for t in text)


def test_an_import_with_consent_after_start_names_the_row(kansli, insats, orsaker):
    import io

    from insatser.services import ImportFel

    fil = io.BytesIO(
        b"kod;kon;aldersgrupp;start;samtycke_datum\nI1;K;20-24;2019-01-10;2019-02-01\n"
    )
    with pytest.raises(ImportFel) as exc:
        services.deltaganden_import(user=kansli, insats=insats, fil=fil, filnamn="d.csv")
    ((rad, fel),) = [(f.rad, f.fel) for f in exc.value.radfel]
    assert rad == 2 and "Samtycket ska vara lämnat senast på startdatum" in " ".join(fel)
