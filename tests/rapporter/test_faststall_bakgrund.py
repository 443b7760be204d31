"""Fastställ never renders its PDF in the request (issue 16.4): the approval (periods
locked, the decision, the fingerprint) commits at once with an order for its PDF; a
background task renders the HTML frozen at the approval once and stores it on the report;
the pages show the progress until the file exists."""

import datetime
import hashlib

import pytest
from django.urls import reverse

from ekonomi.models import Period
from forbund.models import Logghandelse

# rendering binds sandlada.html_till_pdf at its import: import it before any test patches
# sandlada, or the patch would stay bound there for every later test (order dependence).
from rapporter import rendering, sandlada  # noqa: F401
from rapporter.models import Berattelseavsnitt, Pdfbestallning, Rapport
from rapporter.sandlada import PdfFel
from rapporter.tasks import rendera_faststalld
from tests.rapporter.register import registrera_uppgifter
from tests.rapporter.seeds import helsingborg

D = datetime.date
KO = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def bok(forbund):
    b = helsingborg(forbund)
    ar = b.rakenskapsar(2013)
    for m in range(1, 13):
        slut = D(2013, m + 1, 1) - datetime.timedelta(days=1) if m < 12 else D(2013, 12, 31)
        Period.objects.create(rakenskapsar=ar, start=D(2013, m, 1), slut=slut)
    registrera_uppgifter(forbund, 2013)
    return b


@pytest.fixture
def i_ko(settings):
    """A queue no worker empties: tasks wait until the test runs them."""
    settings.TASKS = KO


def _faststall(client, forbund):
    return client.post(
        reverse("rapporter:faststall", kwargs={"orgnr": forbund.orgnr}),
        {"typ": "arsredovisning", "ar": 2013},
    )


def _rita_inte(*args, **kwargs):
    pytest.fail("PDF:en ritades i begäran")


def test_approval_commits_without_rendering_and_shows_the_progress(
    forbund, forbundschef, styrelse, client_as, bok, i_ko, monkeypatch
):
    monkeypatch.setattr(sandlada, "html_till_pdf", _rita_inte)
    svar = _faststall(client_as(forbundschef), forbund)
    rapport = Rapport.objects.get(forbund=forbund)
    bestallning = Pdfbestallning.objects.get(rapport=rapport)
    assert svar["Location"] == reverse(
        "rapporter:pdf-bestallning", kwargs={"orgnr": forbund.orgnr, "bestallning": bestallning.pk}
    )
    # The approval is complete: periods locked, fingerprint and audit row; no file yet.
    assert rapport.status == Rapport.Status.FASTSTALLD
    assert len(rapport.fingeravtryck) == 64
    assert (rapport.pdf.name, rapport.sha256) == ("", "")
    assert Period.objects.filter(rakenskapsar__forbund=forbund, last=False).count() == 0
    assert Logghandelse.objects.filter(forbund=forbund, handelse="faststalld").count() == 1
    assert (bestallning.status, bestallning.skapad_av) == ("vantar", forbundschef)
    assert "Årsredovisning" in bestallning.html and "Fastställd av styrelsen" in bestallning.html
    # Every way to the PDF leads to the order's page, which follows the work by itself.
    client = client_as(styrelse)
    pdf_url = reverse(
        "rapporter:rapport-pdf", kwargs={"orgnr": forbund.orgnr, "rapport_pk": rapport.pk}
    )
    sida = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    assert client.get(sida + "?format=pdf")["Location"] == pdf_url
    assert client.get(pdf_url)["Location"] == svar["Location"]
    progress = client.get(svar["Location"]).content.decode()
    assert "data-pagar" in progress and "finsam/bevakning.js" in progress
    assert "Rapporten är fastställd" in progress


def test_the_task_renders_the_frozen_html_once_and_the_file_is_served(
    forbund, forbundschef, styrelse, client_as, bok, i_ko, monkeypatch
):
    _faststall(client_as(forbundschef), forbund)
    bestallning = Pdfbestallning.objects.get(rapport__forbund=forbund)
    # A text edited after the approval does not reach the approved PDF.
    Berattelseavsnitt.objects.filter(forbund=forbund).update(text="<p>Ändrad efteråt</p>")
    ritade = []
    monkeypatch.setattr(
        sandlada, "html_till_pdf", lambda html, **k: ritade.append(html) or b"%PDF-1.7 godkand\n"
    )
    assert rendera_faststalld.call(bestallning.pk) == "klar"
    assert ritade == [bestallning.html]
    assert "Ändrad efteråt" not in ritade[0]
    rapport = Rapport.objects.get(forbund=forbund)
    assert rapport.sha256 == hashlib.sha256(b"%PDF-1.7 godkand\n").hexdigest()
    logg = Logghandelse.objects.get(forbund=forbund, handelse="andrad", objekt_id=str(rapport.pk))
    assert logg.andringar == {"sha256": [None, rapport.sha256]}
    # Rendered once: running the task again leaves the stored file alone.
    monkeypatch.setattr(sandlada, "html_till_pdf", _rita_inte)
    assert rendera_faststalld.call(bestallning.pk) == "klar"
    client = client_as(styrelse)
    sida = client.get(
        reverse(
            "rapporter:pdf-bestallning",
            kwargs={"orgnr": forbund.orgnr, "bestallning": bestallning.pk},
        )
    ).content.decode()
    pdf_url = reverse(
        "rapporter:rapport-pdf", kwargs={"orgnr": forbund.orgnr, "rapport_pk": rapport.pk}
    )
    assert "data-pagar" not in sida and pdf_url in sida
    assert b"".join(client.get(pdf_url).streaming_content) == b"%PDF-1.7 godkand\n"


def test_a_failed_render_keeps_the_approval_and_can_be_ordered_again(
    forbund, forbundschef, styrelse, client_as, bok, i_ko, monkeypatch
):
    _faststall(client_as(forbundschef), forbund)
    rapport = Rapport.objects.get(forbund=forbund)

    def for_stor(html, **kwargs):
        raise PdfFel("PDF:en tog för lång tid att skapa.")

    monkeypatch.setattr(sandlada, "html_till_pdf", for_stor)
    assert rendera_faststalld.call(rapport.bestallning.pk) == "fel"
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.FASTSTALLD and not rapport.pdf
    bestallning = Pdfbestallning.objects.get(rapport=rapport)
    assert (bestallning.status, bestallning.fel) == ("fel", "PDF:en tog för lång tid att skapa.")
    url = reverse(
        "rapporter:pdf-bestallning", kwargs={"orgnr": forbund.orgnr, "bestallning": bestallning.pk}
    )
    igen = reverse(
        "rapporter:rapport-pdf-igen", kwargs={"orgnr": forbund.orgnr, "rapport_pk": rapport.pk}
    )
    assert igen not in client_as(styrelse).get(url).content.decode()
    assert client_as(styrelse).post(igen).status_code == 403
    chef = client_as(forbundschef)
    assert igen in chef.get(url).content.decode()
    assert chef.post(igen)["Location"] == url
    bestallning.refresh_from_db()
    assert (bestallning.status, bestallning.fel) == ("vantar", "")
    monkeypatch.setattr(sandlada, "html_till_pdf", lambda html, **k: b"%PDF-1.7 igen\n")
    assert rendera_faststalld.call(bestallning.pk) == "klar"
    rapport.refresh_from_db()
    assert rapport.sha256 == hashlib.sha256(b"%PDF-1.7 igen\n").hexdigest()
    # Once the file exists it is never ordered again.
    chef.post(igen)
    bestallning.refresh_from_db()
    assert bestallning.status == "klar"
