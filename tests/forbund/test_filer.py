"""Protokoll and förbundsordning: PDF only, stored privately, served after the förbund check."""

from django.core.files.uploadedfile import SimpleUploadedFile

from forbund.models import Bilaga, Forbundsordning, Logghandelse, Sammantrade

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _mote(forbund):
    return Sammantrade.objects.create(forbund=forbund, datum="2024-03-01")


def test_protokoll_pdf_is_stored_privately_and_served_to_readers(
    client_as, kansli, styrelse, forbund, settings
):
    mote = _mote(forbund)
    response = client_as(kansli).post(
        f"/f/{forbund.orgnr}/bilagor/ny/",
        {
            "sammantrade": mote.pk,
            "typ": "protokoll",
            "fil": SimpleUploadedFile("protokoll 2024-1.pdf", PDF),
        },
    )
    assert response.status_code == 302
    bilaga = Bilaga.objects.get()
    assert bilaga.fil.name.startswith(f"forbund/{forbund.orgnr}/protokoll/")
    assert (bilaga.filnamn, bilaga.storlek) == ("protokoll 2024-1.pdf", len(PDF))
    assert Logghandelse.objects.filter(objekttyp="forbund.Bilaga", handelse="skapad").count() == 1
    fil = client_as(styrelse).get(f"/f/{forbund.orgnr}/bilagor/{bilaga.pk}/fil/")
    assert fil.status_code == 200
    assert b"".join(fil.streaming_content) == PDF
    assert fil["Content-Type"] == "application/pdf"


def test_a_file_that_is_not_a_pdf_is_refused(client_as, kansli, forbund):
    mote = _mote(forbund)
    response = client_as(kansli).post(
        f"/f/{forbund.orgnr}/bilagor/ny/",
        {
            "sammantrade": mote.pk,
            "typ": "protokoll",
            "fil": SimpleUploadedFile("protokoll.pdf", b"MZ\x90\x00"),
        },
    )
    assert response.context["form"].errors["fil"] == ["Filen är inte en giltig PDF."]
    assert Bilaga.objects.count() == 0


def test_a_too_large_file_is_refused(client_as, kansli, forbund, monkeypatch):
    from forbund.services import register

    monkeypatch.setattr(register, "MAX_FILSTORLEK", 10)
    response = client_as(kansli).post(
        f"/f/{forbund.orgnr}/bilagor/ny/",
        {
            "sammantrade": _mote(forbund).pk,
            "typ": "protokoll",
            "fil": SimpleUploadedFile("p.pdf", PDF),
        },
    )
    assert "10 MB" in response.context["form"].errors["fil"][0]
    assert Bilaga.objects.count() == 0


def test_another_forbunds_protokoll_is_404(client_as, outsider, forbund, annat_forbund):
    mote = _mote(forbund)
    bilaga = Bilaga(sammantrade=mote, filnamn="p.pdf")
    bilaga.fil.save("p.pdf", SimpleUploadedFile("p.pdf", PDF))
    response = client_as(outsider).get(f"/f/{annat_forbund.orgnr}/bilagor/{bilaga.pk}/fil/")
    assert response.status_code == 404


def test_forbundsordning_upload_with_valid_from_date(client_as, kansli, forbund):
    response = client_as(kansli).post(
        f"/f/{forbund.orgnr}/forbundsordning/ny/",
        {
            "giltig_fran": "2018-01-01",
            "beskrivning": "Efter Lessebos inträde",
            "fil": SimpleUploadedFile("fo.pdf", PDF),
        },
    )
    assert response.status_code == 302
    ordning = Forbundsordning.objects.get()
    assert str(ordning.giltig_fran) == "2018-01-01"
    assert ordning.fil.name.startswith(f"forbund/{forbund.orgnr}/forbundsordning/")
    start = client_as(kansli).get(f"/f/{forbund.orgnr}/")
    assert "Gäller från 2018-01-01" in start.content.decode()
