"""Large SIE uploads go through the background task (issue 16.4): the same import, the
same summary and the same line-numbered refusal as the synchronous page. Tests run the
immediate task backend, so the task has finished when the upload's answer comes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi.models import SieImport, Sieinlasning, Verifikation
from ekonomi.sie.bakgrund import framsteg_las, framsteg_skriv
from ekonomi.sie.importer import sie_importera
from tests.sie.conftest import A1, A2, HUVUD, databasen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sma_filer_i_bakgrunden(settings, tmp_path):
    settings.FINSAM_SIE_BAKGRUND_BYTES = 100  # every test file is "large"
    settings.MEDIA_ROOT = tmp_path / "media"


def url(forbund, namn, **kwargs):
    return reverse(f"ekonomi:{namn}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def upload(text: str, namn: str = "stor.se"):
    return SimpleUploadedFile(namn, text.encode("cp437"), content_type="text/plain")


def test_a_large_upload_is_imported_by_the_task_and_ends_in_the_summary(
    client_as, kansli, forbund, settings
):
    svar = client_as(kansli).post(url(forbund, "sie-import"), {"fil": upload(HUVUD + A1 + A2)})
    jobb = Sieinlasning.objects.get(forbund=forbund)
    assert svar.status_code == 302
    assert svar["Location"] == url(forbund, "sie-jobb", jobb=jobb.pk)
    imp = SieImport.objects.get(forbund=forbund)
    assert (jobb.status, jobb.procent, jobb.sie_import, jobb.skapad_av) == (
        Sieinlasning.Status.KLAR,
        100,
        imp,
        kansli,
    )
    assert imp.user == kansli and imp.filnamn == "stor.se"
    assert Verifikation.objects.filter(sie_import=imp, serie__kod="A").count() == 2
    assert not jobb.fil  # the stored upload is removed once imported
    assert not list((settings.MEDIA_ROOT / "sie").iterdir())
    sida = client_as(kansli).get(svar["Location"]).content.decode()
    assert '<progress id="framsteg" max="100" value="100">' in sida
    assert "data-pagar" not in sida and "bevakning.js" not in sida  # done: it stops following
    assert "Nya verifikationer</dt><dd>2</dd>" in sida
    assert url(forbund, "sie-import-detail", pk=imp.pk) in sida


def test_the_summary_is_the_synchronous_imports(client_as, kansli, forbund):
    text = HUVUD + A1 + A2
    prov = sie_importera(
        fil=io.BytesIO(text.encode("cp437")), forbund=forbund, user=kansli, dry_run=True
    ).sammanfattning
    client_as(kansli).post(url(forbund, "sie-import"), {"fil": upload(text)})
    i_bakgrunden = SieImport.objects.get().sammanfattning
    prov.pop("rakenskapsar_id"), i_bakgrunden.pop("rakenskapsar_id")  # a new id each time
    assert i_bakgrunden == prov


def test_a_failing_file_reports_its_line_and_saves_nothing(client_as, kansli, forbund):
    text = HUVUD + A1.replace("-50000.00", "-49999.50")
    fore = databasen()
    svar = client_as(kansli).post(url(forbund, "sie-import"), {"fil": upload(text)})
    jobb = Sieinlasning.objects.get()
    assert svar["Location"] == url(forbund, "sie-jobb", jobb=jobb.pk)
    rad = HUVUD.count("\n") + 1
    meddelande = f"rad {rad}: verifikation A 1 balanserar inte (differens 0,50)"
    assert (jobb.status, jobb.fel) == (Sieinlasning.Status.FEL, meddelande)
    assert not Verifikation.objects.exists()
    assert databasen()["Rakenskapsar"] == fore["Rakenskapsar"]
    assert SieImport.objects.get().status == SieImport.Status.NEKAD  # like the page
    sida = client_as(kansli).get(svar["Location"]).content.decode()
    assert 'role="alert"' in sida and meddelande in sida


def test_a_dry_run_of_a_large_file_stays_in_the_request(client_as, kansli, forbund):
    svar = client_as(kansli).post(
        url(forbund, "sie-import"), {"fil": upload(HUVUD + A1), "dry_run": "on"}
    )
    assert svar.status_code == 200
    assert not Sieinlasning.objects.exists()


def test_a_running_import_shows_its_progress_and_reloads(client_as, kansli, forbund):
    jobb = Sieinlasning.objects.create(
        forbund=forbund, filnamn="stor.se", standardserie="SIE", status="pagar", steg="Läser"
    )
    framsteg_skriv(jobb.pk, 40, "Läser och kontrollerar verifikationerna")
    assert framsteg_las(jobb) == (40, "Läser och kontrollerar verifikationerna")
    sida = client_as(kansli).get(url(forbund, "sie-jobb", jobb=jobb.pk)).content.decode()
    assert '<progress id="framsteg" max="100" value="40">' in sida
    # It follows the job by script, never by a timed reload (WCAG 2.2.1).
    assert "data-pagar" in sida and "finsam/bevakning.js" in sida
    assert 'http-equiv="refresh"' not in sida
    assert "Pågår: Läser och kontrollerar verifikationerna" in sida


def test_another_forbunds_import_is_not_found(client_as, kansli, forbund, annat_forbund):
    jobb = Sieinlasning.objects.create(forbund=annat_forbund, filnamn="x.se", standardserie="S")
    svar = client_as(kansli).get(url(forbund, "sie-jobb", jobb=jobb.pk))
    assert svar.status_code == 404
