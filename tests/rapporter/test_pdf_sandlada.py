"""The report PDF renderer is sandboxed (issue 17.1): no user text can become CSS, the
renderer fetches nothing but the app's own static files and ``data:`` URIs, and it runs
in a child process with memory and time limits."""

import http.server
import shutil
import subprocess
import threading

import pytest

from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.pdfarbetare import BAS, hamtare
from rapporter.rendering import render_pdf, render_pdf_html
from rapporter.sandlada import PdfFel, html_till_pdf, statiska_filer
from tests.rapporter.seeds import helsingborg

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) saknas"
)


@pytest.fixture
def lokal_server():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    anrop: list[str] = []

    class Hanterare(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            anrop.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"tr { display: none }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hanterare)
    trad = threading.Thread(target=server.serve_forever, daemon=True)
    trad.start()
    yield f"http://127.0.0.1:{server.server_port}", anrop
    server.shutdown()
    server.server_close()


def _text(pdf: bytes, tmp_path, *, lage: str = "-layout") -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", lage, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _med_namn(forbund, namn: str):
    forbund.namn = namn
    forbund.save(update_fields=["namn"])
    return bygg_arsredovisning(forbund=forbund, ar=2013, med_budget=False)


def test_forbund_name_never_lands_inside_a_stylesheet(forbund):
    helsingborg(forbund)
    namn = 'Förbundet\n"; } body { color: red } x { content: "'
    html = render_pdf_html(_med_namn(forbund, namn))
    stilar = html.split("<style", 1)
    assert len(stilar) == 1, "no inline stylesheet in the PDF's HTML"
    assert "body { color: red }" in html  # as escaped text in an element
    assert "x { content: &quot;</span>" in html.split("lophuvud-forbund", 1)[1][:200]


def test_css_in_forbund_name_fetches_nothing_from_a_local_server(forbund, lokal_server, tmp_path):
    url, anrop = lokal_server
    helsingborg(forbund)
    # The old template cut double quotes out of the name; a newline ended the CSS string.
    namn = (
        f"Förbundet\n; }} }} body {{ background: url({url}/bild.png) }} "
        f"main {{ background-image: url({url}/bild2.png) }} @page {{ @top-left {{ content: x"
    )
    pdf = render_pdf(_med_namn(forbund, namn))
    assert pdf.startswith(b"%PDF")
    assert anrop == []
    assert "background: url(" in _text(pdf, tmp_path)  # the name is printed, as text


def test_css_in_forbund_name_cannot_hide_resultatrakning_lines(forbund, tmp_path):
    helsingborg(forbund)
    # This name hid every row of the statements with the old template.
    namn = "Förbundet\n; } } table.rakning tr { display: none } @page { @top-left { content: x"
    dokument = _med_namn(forbund, namn)
    text = _text(render_pdf(dokument), tmp_path, lage="-raw")
    ord_ = " ".join(text.split())
    rader = [r for r in dokument.resultatrakning.rader if r.typ != "rubrik"]
    assert len(rader) >= 5
    for rad in rader:
        assert " ".join(rad.rubrik.split()) in ord_
    assert "14 020,0" in ord_
    assert "−6 059,6" in ord_


def test_html_cannot_make_the_renderer_call_out(lokal_server, tmp_path):
    url, anrop = lokal_server
    html = (
        f"<html lang='sv'><head><link rel='stylesheet' href='{url}/a.css'>"
        f"<style>@import url('{url}/b.css'); p {{ background: url('{url}/c.png') }}</style>"
        f"</head><body><p>Text</p><img src='{url}/d.png' alt=''>"
        f"<img src='https://127.0.0.1:1/e.png' alt=''><img src='ftp://127.0.0.1/f' alt=''>"
        f"<svg><image href='{url}/g.png' width='10' height='10'/></svg></body></html>"
    )
    pdf = html_till_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert anrop == []
    assert "Text" in _text(pdf, tmp_path)


def test_local_files_are_never_embedded(tmp_path):
    # A valid PNG outside the static files: it would be drawn if the file were read.
    png = tmp_path / "hemlig.png"
    png.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000105fe02fea70000000049454e44ae426082"
        )
    )
    html = (
        f"<html lang='sv'><body><p>Text</p><img src='file://{png}' alt=''>"
        "<img src='file:///etc/passwd' alt=''>"
        "<p style='background: url(file:///etc/passwd)'>x</p>"
        f"<img src='/static/../../../../../..{png}' alt=''>"
        f"<img src='../../../../../..{png}' alt=''></body></html>"
    )
    pdf = html_till_pdf(html, komprimera=False)
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf
    assert "root:" not in _text(pdf, tmp_path)


def test_dev_zero_is_refused_and_the_render_finishes():
    html = (
        "<html lang='sv'><head><link rel='stylesheet' href='file:///dev/zero'>"
        "<style>@import url(file:///dev/zero);</style></head>"
        "<body><p>Text</p><img src='file:///dev/zero' alt=''></body></html>"
    )
    assert html_till_pdf(html).startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.css",
        "https://example.org/x.png",
        "file:///etc/passwd",
        "file:///dev/zero",
        "ftp://127.0.0.1/x",
        BAS + "static/../../etc/passwd",
        BAS + "static/rapporter/..%2F..%2F..%2Fetc%2Fpasswd",
        BAS + "static/rapporter/print.css/../../../../etc/passwd",
        BAS + "etc/passwd",
        "https://finsam.invalid@127.0.0.1/static/rapporter/print.css",
        "https://finsam.invalid.example.org/static/rapporter/print.css",
        "gopher://127.0.0.1/",
    ],
)
def test_fetcher_refuses_everything_but_static_files_and_data(url):
    fetcher = hamtare(filer=statiska_filer(), statisk_prefix="/static/")
    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_fetcher_serves_the_apps_static_files_and_data_uris():
    fetcher = hamtare(filer=statiska_filer(), statisk_prefix="/static/")
    css = fetcher.fetch(BAS + "static/rapporter/print.css")
    assert b"@page" in css.read()
    data = fetcher.fetch("data:text/plain;base64,SGVq")
    assert data.read() == b"Hej"


def test_render_past_the_memory_limit_fails_cleanly(settings):
    settings.FINSAM_PDF_MINNE_MB = 48
    with pytest.raises(PdfFel):
        html_till_pdf("<html lang='sv'><body><p>Text</p></body></html>")


def test_render_past_the_time_limit_is_killed(settings):
    # The limit is far below what starting the renderer takes, so it always trips.
    settings.FINSAM_PDF_TIDSGRANS = 0.001
    with pytest.raises(PdfFel, match="tidsgränsen"):
        html_till_pdf("<html lang='sv'><body><p>Text</p></body></html>")


def test_a_draft_pdf_past_the_time_limit_is_a_failed_order_with_the_limit(
    forbund, styrelse, client_as, settings
):
    from django.urls import reverse

    helsingborg(forbund)
    settings.FINSAM_PDF_TIDSGRANS = 0.001
    client = client_as(styrelse)
    svar = client.post(
        reverse("rapporter:pdf-bestall", kwargs={"orgnr": forbund.orgnr}),
        {"typ": "arsredovisning", "ar": 2013},
    )
    sida = client.get(svar["Location"])
    assert sida.status_code == 200
    assert "tidsgränsen" in sida.content.decode()
    assert client.get(svar["Location"] + "fil/").status_code == 404
