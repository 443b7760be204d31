"""Issue 14, "done when": the förbundschef edits a narrative section of the årsredovisning in
the formatted-text editor (a bold word and a bullet list, made with the toolbar as a user
would) and finds it in the draft PDF (ordered on its order page, as a user clicks) and in the
Word file (the report page's "Hämta Word" link)."""

import io
import shutil
import subprocess

import docx
import pytest
from django.db import connections
from django.urls import reverse

from tests.browser.harness import csp_fel, logga_in, meddelanden, oppna, rubrik
from tests.rapporter.bok import Bok


@pytest.fixture(autouse=True)
def _utan_tvafaktor(settings):
    settings.FINSAM_KRAV_2FA = False


@pytest.fixture(autouse=True)
def _stang_anslutningar(transactional_db):
    yield
    connections.close_all()


def _skriv_avsnittet(page) -> None:
    """Type in the 'Förväntad utveckling' editor: a sentence with one bold word (Fet on, word,
    Fet off), then a bullet list of two items (Punktlista, Enter between the items)."""
    yta = page.locator('[data-falt="forvantad"]')
    ram = page.locator(".rik-text-ram").filter(has=yta)
    yta.click()
    page.keyboard.type("Förbundet satsar på ")
    ram.get_by_role("button", name="Fet", exact=True).click()
    page.keyboard.type("samverkan")
    ram.get_by_role("button", name="Fet", exact=True).click()
    page.keyboard.type(" i hela länet.")
    page.keyboard.press("Enter")
    ram.get_by_role("button", name="Punktlista", exact=True).click()
    page.keyboard.type("Två nya insatser")
    page.keyboard.press("Enter")
    page.keyboard.type("Gemensam uppföljning")


def _hamta(page, lank: str) -> bytes:
    """Click the download link named ``lank`` and return the downloaded file's bytes."""
    with page.expect_download() as nedladdning:
        page.get_by_role("link", name=lank, exact=True).click()
    with open(nedladdning.value.path(), "rb") as f:
        return f.read()


def test_section_edited_in_browser_appears_in_pdf_and_word(page, forbundschef, forbund):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) saknas: PDF:ens text kan inte läsas")
    Bok(forbund).rakenskapsar(2024)
    logga_in(page, "forbundschef")
    oppna(page, reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2024}))
    with page.expect_navigation():
        page.get_by_role("link", name="Redigera berättelsen").click()
    assert rubrik(page) == "Årsredovisning 2024: texter"

    _skriv_avsnittet(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert "Texten är sparad." in meddelanden(page)
    assert csp_fel(page) == []
    rapportsida = page.url
    huvud = page.get_by_role("main")
    assert huvud.locator("strong, b").filter(has_text="samverkan").count() == 1
    assert huvud.locator("ul li").filter(has_text="Gemensam uppföljning").count() == 1

    # The draft PDF: "Hämta PDF" → "Skapa PDF" (the order; the immediate task backend runs
    # it in the request) → the order's page → "Hämta PDF:en".
    with page.expect_navigation():
        page.get_by_role("link", name="Hämta PDF", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa PDF").click()
    assert page.get_by_role("progressbar").get_attribute("value") == "100"
    pdf = _hamta(page, "Hämta PDF:en")
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    ord_ = " ".join(text.split())
    assert "Förbundet satsar på samverkan i hela länet." in ord_
    assert "Två nya insatser" in ord_
    assert "Gemensam uppföljning" in ord_

    # The Word file from the report page's own link.
    page.goto(rapportsida)
    d = docx.Document(io.BytesIO(_hamta(page, "Hämta Word")))
    stycke = next(p for p in d.paragraphs if "satsar på" in p.text)
    assert stycke.text == "Förbundet satsar på samverkan i hela länet."
    assert [r.text for r in stycke.runs if r.bold] == ["samverkan"]
    punkter = [(p.text, p.style.name) for p in d.paragraphs if p.style.name.startswith("List")]
    assert ("Två nya insatser", "List Bullet") in punkter
    assert ("Gemensam uppföljning", "List Bullet") in punkter
