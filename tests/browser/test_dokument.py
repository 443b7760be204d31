"""The förbundschef writes a section of the årsredovisning in the formatted-text editor and
finds it, formatted, in the web page, the PDF (pdftotext) and the Word file."""

import io
import shutil
import subprocess

import docx
import pytest
from django.db import connections
from django.urls import reverse

from rapporter.models import Berattelseavsnitt
from tests.browser.harness import csp_fel, logga_in, oppna, rubrik
from tests.rapporter.bok import Bok


@pytest.fixture(autouse=True)
def _utan_tvafaktor(settings):
    settings.FINSAM_KRAV_2FA = False


@pytest.fixture(autouse=True)
def _stang_anslutningar(transactional_db):
    yield
    connections.close_all()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) saknas")
def test_forbundschef_edits_a_section_and_sees_it_in_pdf_and_word(page, forbundschef, forbund):
    Bok(forbund).rakenskapsar(2024)
    logga_in(page, "forbundschef")
    oppna(
        page,
        reverse(
            "rapporter:berattelse",
            kwargs={"orgnr": forbund.orgnr, "rapport": "arsredovisning", "ar": 2024},
        ),
    )
    assert rubrik(page) == "Årsredovisning 2024: texter"
    yta = page.locator('[data-falt="forvantad"]')
    yta.click()
    page.keyboard.type("Förbundet planerar två nya insatser. ")
    ram = page.locator(".rik-text-ram").filter(has=yta)
    ram.get_by_role("button", name="Fet").click()
    page.keyboard.type("Budgeten är beslutad.")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert csp_fel(page) == []

    text = Berattelseavsnitt.objects.get(forbund=forbund, ar=2024, nyckel="forvantad").text
    assert "Förbundet planerar två nya insatser." in text
    assert (
        "<b>Budgeten är beslutad.</b>" in text or "<strong>Budgeten är beslutad.</strong>" in text
    )
    assert "Budgeten är beslutad." in page.get_by_role("main").inner_text()

    bas = page.url.split("?")[0]
    from rapporter.rendering import render_pdf
    from rapporter.services import bygg

    pdf = render_pdf(bygg(forbund=forbund, typ="arsredovisning", ar=2024))
    ut = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Förväntad utveckling" in ut
    assert "Förbundet planerar två nya insatser. Budgeten är beslutad." in " ".join(ut.split())

    word = page.request.get(bas + "?format=docx")
    assert word.ok
    d = docx.Document(io.BytesIO(word.body()))
    stycke = next(p for p in d.paragraphs if "planerar två nya insatser" in p.text)
    assert stycke.text == "Förbundet planerar två nya insatser. Budgeten är beslutad."
    assert [r.text for r in stycke.runs if r.bold] == ["Budgeten är beslutad."]
    assert any(p.text == "1.9 Förväntad utveckling" for p in d.paragraphs)
