"""PDF never blocks a web worker (issue 16.4): a fastställd report's stored PDF is served
as it is; a draft's PDF is ordered, rendered by a background task (django-tasks, the
immediate backend in tests) and its progress shown on the order's page."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from rapporter.models import Pdfbestallning, Rapport
from tests.rapporter.seeds import helsingborg


def _bestall(client, forbund, **data):
    return client.post(reverse("rapporter:pdf-bestall", kwargs={"orgnr": forbund.orgnr}), data)


def test_a_draft_pdf_is_ordered_rendered_in_the_background_and_served(
    forbund, styrelse, client_as
):
    helsingborg(forbund)
    client = client_as(styrelse)
    url = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    sida = client.get(url + "?format=pdf")
    assert sida.status_code == 200
    assert "Skapa PDF" in sida.content.decode()
    svar = _bestall(client, forbund, typ="arsredovisning", ar=2013)
    bestallning = Pdfbestallning.objects.get()
    assert svar["Location"] == reverse(
        "rapporter:pdf-bestallning", kwargs={"orgnr": forbund.orgnr, "bestallning": bestallning.pk}
    )
    assert (bestallning.status, bestallning.procent, bestallning.steg) == ("klar", 100, "Klar")
    assert bestallning.skapad_av == styrelse
    sida = client.get(svar["Location"]).content.decode()
    assert '<progress id="framsteg" max="100" value="100">' in sida
    assert "data-pagar" not in sida and "bevakning.js" not in sida
    fil = client.get(svar["Location"] + "fil/")
    assert fil["Content-Type"] == "application/pdf"
    assert b"".join(fil.streaming_content).startswith(b"%PDF")


def test_a_running_order_shows_its_progress_and_reloads(forbund, styrelse, client_as):
    bestallning = Pdfbestallning.objects.create(
        forbund=forbund,
        typ="arsredovisning",
        ar=2013,
        status="pagar",
        procent=40,
        steg="Ritar PDF:en",
    )
    url = reverse(
        "rapporter:pdf-bestallning", kwargs={"orgnr": forbund.orgnr, "bestallning": bestallning.pk}
    )
    sida = client_as(styrelse).get(url).content.decode()
    # It follows the job by script, never by a timed reload (WCAG 2.2.1).
    assert "data-pagar" in sida and "finsam/bevakning.js" in sida
    assert 'http-equiv="refresh"' not in sida
    assert '<progress id="framsteg" max="100" value="40">' in sida
    assert "Pågår: Ritar PDF:en" in sida
    assert client_as(styrelse).get(url + "fil/").status_code == 404


def test_a_faststalld_report_serves_its_stored_pdf_without_rendering(
    forbund, styrelse, client_as, monkeypatch
):
    from rapporter import rendering

    helsingborg(forbund)
    rapport = Rapport(
        forbund=forbund,
        typ="arsredovisning",
        ar=2013,
        till=datetime.date(2013, 12, 31),
        status=Rapport.Status.FASTSTALLD,
        sha256="0" * 64,
        fingeravtryck="0" * 64,
    )
    rapport.pdf.save("lagrad.pdf", ContentFile(b"%PDF-1.7 lagrad\n"), save=False)
    rapport.save()
    monkeypatch.setattr(rendering, "html_till_pdf", lambda *a, **k: pytest.fail("renderade"))
    client = client_as(styrelse)
    url = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    svar = client.get(url + "?format=pdf")
    assert svar["Location"] == reverse(
        "rapporter:rapport-pdf", kwargs={"orgnr": forbund.orgnr, "rapport_pk": rapport.pk}
    )
    assert b"".join(client.get(svar["Location"]).streaming_content) == b"%PDF-1.7 lagrad\n"


def test_another_forbunds_order_is_404(forbund, annat_forbund, outsider, client_as):
    bestallning = Pdfbestallning.objects.create(
        forbund=forbund, typ="arsredovisning", ar=2013, status="klar"
    )
    url = reverse(
        "rapporter:pdf-bestallning",
        kwargs={"orgnr": annat_forbund.orgnr, "bestallning": bestallning.pk},
    )
    assert client_as(outsider).get(url).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"typ": "nej", "ar": 2013},
        {"typ": "arsredovisning", "ar": "x"},
        {"typ": "arsredovisning", "ar": 1850},
        {"typ": "delarsrapport", "ar": 2013, "till": "31/8"},
    ],
)
def test_a_bad_order_is_404_and_nothing_is_queued(forbund, styrelse, client_as, data):
    helsingborg(forbund)
    assert _bestall(client_as(styrelse), forbund, **data).status_code == 404
    assert not Pdfbestallning.objects.exists()


@pytest.mark.parametrize(
    ("typ", "ar", "till", "fel"),
    [
        ("delarsrapport", 2013, "2013-03-31", "hälften till två tredjedelar"),
        ("delarsrapport", 2013, "2013-12-31", "hälften till två tredjedelar"),
        ("delarsrapport", 2013, "2014-08-31", "Datumet ska ligga i rapportåret."),
        ("delarsrapport", 2013, "2012-08-31", "Datumet ska ligga i rapportåret."),
        ("delarsrapport", 2013, "", "Ange delårsrapportens datum som ÅÅÅÅ-MM-DD."),
    ],
)
def test_an_order_that_cannot_be_built_is_refused_at_once_and_nothing_is_saved(
    forbund, styrelse, client_as, typ, ar, till, fel
):
    """Refused when ordered, with the report page's message: never an order saved only to
    fail in the background."""
    helsingborg(forbund)
    client = client_as(styrelse)
    svar = _bestall(client, forbund, typ=typ, ar=ar, till=till)
    assert svar.status_code == 302
    assert svar["Location"] == reverse(
        f"rapporter:{typ}", kwargs={"orgnr": forbund.orgnr, "ar": ar}
    )
    assert fel in client.get(svar["Location"]).content.decode()
    assert not Pdfbestallning.objects.exists()


def test_a_year_without_bookkeeping_cannot_be_ordered(forbund, styrelse, client_as):
    from ekonomi.models import Rakenskapsar

    helsingborg(forbund)
    Rakenskapsar.objects.create(
        forbund=forbund, start=datetime.date(2030, 1, 1), slut=datetime.date(2030, 12, 31)
    )
    from django.core.exceptions import ValidationError

    from rapporter.services import pdf_bestall

    with pytest.raises(ValidationError, match="ingen bokföring för 2031"):
        pdf_bestall(
            forbund=forbund, typ="arsredovisning", ar=2031, till=None, enhet=None, user=styrelse
        )
    assert not Pdfbestallning.objects.exists()
