import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi.models import Rakenskapsar, SieImport, Verifikation
from ekonomi.sie.importer import sie_importera
from tests.sie.conftest import A1, A2, HUVUD, databasen, sie

pytestmark = pytest.mark.django_db


def url(forbund, namn, **kwargs):
    return reverse(f"ekonomi:{namn}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def upload(text: str, namn: str = "bok.se"):
    return SimpleUploadedFile(namn, text.encode("cp437"), content_type="text/plain")


def test_the_upload_page_shows_the_form(client_as, kansli, forbund):
    svar = client_as(kansli).get(url(forbund, "sie-import"))
    assert svar.status_code == 200
    assert b'type="file"' in svar.content and b'name="dry_run"' in svar.content


def test_an_upload_imports_into_the_current_forbund_and_shows_the_result(
    client_as, forbundschef, forbund
):
    svar = client_as(forbundschef).post(url(forbund, "sie-import"), {"fil": upload(HUVUD + A1)})
    imp = SieImport.objects.get(forbund=forbund)
    assert svar.status_code == 302
    assert svar["Location"] == url(forbund, "sie-import-detail", pk=imp.pk)
    assert imp.user == forbundschef and imp.filnamn == "bok.se"
    assert Verifikation.objects.filter(sie_import=imp, serie__kod="A").count() == 1
    sida = client_as(forbundschef).get(svar["Location"]).content.decode()
    assert "Nya verifikationer" in sida and "bok.se" in sida


def test_a_refused_upload_shows_the_line_and_records_the_refusal(client_as, kansli, forbund):
    text = HUVUD + A1.replace("-50000.00", "-49999.50")
    fore = databasen()
    svar = client_as(kansli).post(url(forbund, "sie-import"), {"fil": upload(text)})
    assert svar.status_code == 400
    rad = HUVUD.count("\n") + 1
    assert f"rad {rad}: verifikation A 1 balanserar inte (differens 0,50)" in svar.content.decode()
    assert not Verifikation.objects.exists()
    nekad = SieImport.objects.get()
    assert nekad.status == SieImport.Status.NEKAD
    assert databasen()["Rakenskapsar"] == fore["Rakenskapsar"]


def test_a_dry_run_upload_shows_what_would_be_added_and_saves_nothing(client_as, kansli, forbund):
    fore = databasen()
    svar = client_as(kansli).post(
        url(forbund, "sie-import"), {"fil": upload(HUVUD + A1 + A2), "dry_run": "on"}
    )
    assert svar.status_code == 200
    sida = svar.content.decode()
    assert "Provkörning av bok.se – inget sparades" in sida
    assert "Nya verifikationer" in sida
    assert databasen() == fore


def test_an_upload_over_the_size_limit_is_refused_next_to_the_field(
    client_as, kansli, forbund, settings
):
    settings.FINSAM_MAX_UPLOAD_BYTES = 50
    svar = client_as(kansli).post(url(forbund, "sie-import"), {"fil": upload(HUVUD + A1)})
    assert svar.status_code == 400
    assert "Filen är för stor" in svar.content.decode()
    assert not SieImport.objects.exists()


def test_the_uploaded_file_name_is_never_a_path(client_as, kansli, forbund):
    client_as(kansli).post(
        url(forbund, "sie-import"), {"fil": upload(HUVUD + A1, namn="../../x/bok.se")}
    )
    assert SieImport.objects.get().filnamn == "bok.se"


def test_revisor_may_not_upload(client_as, revisor, forbund):
    svar = client_as(revisor).post(url(forbund, "sie-import"), {"fil": upload(HUVUD + A1)})
    assert svar.status_code == 403
    assert not SieImport.objects.exists()


def test_the_list_and_detail_show_who_imported_what(client_as, revisor, kansli, forbund):
    imp = sie_importera(fil=sie(HUVUD + A1), forbund=forbund, user=kansli)
    lista = client_as(revisor).get(url(forbund, "sie-import-list")).content.decode()
    assert "bok.se" in lista and "kansli" in lista
    detalj = client_as(revisor).get(url(forbund, "sie-import-detail", pk=imp.pk))
    assert detalj.status_code == 200
    assert imp.sha256 in detalj.content.decode()


def test_another_forbunds_import_is_not_found(client_as, forbundschef, forbund, annat_forbund):
    imp = SieImport.objects.create(
        forbund=annat_forbund, filnamn="x.se", sha256="0" * 64, status="klar"
    )
    svar = client_as(forbundschef).get(url(forbund, "sie-import-detail", pk=imp.pk))
    assert svar.status_code == 404


def test_the_export_downloads_a_cp437_sie_file(client_as, revisor, forbund):
    sie_importera(fil=sie(HUVUD + A1), forbund=forbund, user=None)
    ar = Rakenskapsar.objects.get(forbund=forbund)
    svar = client_as(revisor).get(url(forbund, "sie-export") + f"?ar={ar.pk}&typ=4")
    assert svar.status_code == 200
    assert svar["Content-Disposition"] == 'attachment; filename="SIE4_222000-1008_20240101.se"'
    data = b"".join(svar.streaming_content)
    assert data.startswith(b"#FLAGGA 0\r\n#KSUMMA\r\n#FORMAT PC8\r\n")
    assert "Köp av verksamhet".encode("cp437") in data


def test_the_export_form_offers_only_this_forbunds_years(
    client_as, revisor, forbund, annat_forbund
):
    import datetime

    annat = Rakenskapsar.objects.create(
        forbund=annat_forbund, start=datetime.date(2023, 1, 1), slut=datetime.date(2023, 12, 31)
    )
    svar = client_as(revisor).get(url(forbund, "sie-export") + f"?ar={annat.pk}&typ=4")
    assert svar.status_code == 200
    assert "Content-Disposition" not in svar


def test_a_large_upload_streamed_to_a_temporary_file_imports_too(
    client_as, kansli, forbund, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Django writes the upload to a temp file
    svar = client_as(kansli).post(url(forbund, "sie-import"), {"fil": upload(HUVUD + A1 + A2)})
    assert svar.status_code == 302
    assert SieImport.objects.get().sammanfattning["verifikationer_nya"] == 2


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"PK\x03\x04\x14\x00\x06\x00",
        bytes(range(256)),
        b"\xff\xfe#\x00F\x00",
        b"Datum;Belopp\n2024-01-01;100\n",
    ],
    ids=["pdf", "png", "xlsx", "binar", "utf16", "csv"],
)
def test_an_upload_that_is_not_sie_gets_a_form_error_and_records_nothing(
    client_as, kansli, forbund, data
):
    fore = databasen()
    svar = client_as(kansli).post(
        url(forbund, "sie-import"),
        {"fil": SimpleUploadedFile("bild.png", data, content_type="image/png")},
    )
    assert svar.status_code == 400
    assert "filen är inte en SIE-fil" in svar.content.decode()
    assert databasen() == fore


@pytest.mark.parametrize(
    "text",
    [
        "#VER A 1 20240115\n{\n#TRANS {} {} {}\n}\n",
        '#RAR 0 {1 "2"} x\n',
        "#DIM ² Projekt\n",
        "#TRANS 1930 {} 1\n",
        "#KSUMMA\n#KSUMMA {}\n",
        "#PBUDGET 0 ²²²²²² 4610 1\n",
        "#IB 0 1930 1e999999\n",
        '#OBJEKT 6 "' + "x" * 60 + '"\n',
        "}\n{\n",
    ],
)
def test_a_broken_upload_gets_a_form_error_naming_the_line_never_a_500(
    client_as, kansli, forbund, text
):
    fore = databasen()
    svar = client_as(kansli).post(
        url(forbund, "sie-import"), {"fil": upload(HUVUD + text + A1, namn="trasig.se")}
    )
    assert svar.status_code == 400
    assert re.search(r"rad \d+: ", svar.content.decode())
    assert "raden kan inte tolkas" not in svar.content.decode()  # a rule, not the net
    assert databasen()["Verifikation"] == fore["Verifikation"] == 0


def test_the_form_offers_a_default_series_and_the_flagga_confirmation(client_as, kansli, forbund):
    lon = (
        HUVUD.replace("#FLAGGA 0", "#FLAGGA 1")
        + '#VER "" "" 20240301 "Lön"\n{\n#TRANS 4610 {} 10\n#TRANS 1930 {} -10\n}\n'
    )
    svar = client_as(kansli).post(url(forbund, "sie-import"), {"fil": upload(lon)})
    assert svar.status_code == 400
    sida = svar.content.decode()
    assert "rad 1: #FLAGGA 1: filen är markerad som redan inläst" in sida
    assert 'name="bekrafta"' in sida and 'name="standardserie"' in sida
    svar = client_as(kansli).post(
        url(forbund, "sie-import"),
        {"fil": upload(lon), "bekrafta": "on", "standardserie": "LÖN"},
    )
    assert svar.status_code == 302
    imp = SieImport.objects.get(status="klar")
    assert Verifikation.objects.exclude(serie__kod="IB").get(sie_import=imp).serie.kod == "LÖN"
    sida = client_as(kansli).get(svar["Location"]).content.decode()
    assert "Verifikationer utan serie, lagda i serie" in sida and "LÖN (1 st)" in sida
    assert "Organisationsnummer i filen" in sida and "222000-1008" in sida
    assert "#FLAGGA 1: filen är markerad som redan inläst i ett program" in sida
