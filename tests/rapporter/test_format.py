"""The same report as HTML, PDF (tagged, A4, metadata, page numbers) and JSON."""

import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.rendering import render_json, render_pdf
from tests.rapporter.seeds import helsingborg

pytestmark = pytest.mark.skipif(
    shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) saknas"
)


def _pdf(forbund, tmp_path):
    helsingborg(forbund)
    data = render_pdf(bygg_arsredovisning(forbund=forbund, ar=2013, med_budget=False))
    path = tmp_path / "ar.pdf"
    path.write_bytes(data)
    return path


def _info(path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        k.strip(): v.strip()
        for k, _, v in (line.partition(":") for line in out.stdout.splitlines())
    }


def _text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_is_tagged_a4_with_title_and_author(forbund, tmp_path):
    info = _info(_pdf(forbund, tmp_path))
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Årsredovisning 2013 – Samordningsförbundet Testbygden"
    assert info["Author"] == "Samordningsförbundet Testbygden"
    assert info["Page size"].endswith("(A4)")
    assert int(info["Pages"]) >= 5


def test_pdf_fonts_are_embedded(forbund, tmp_path):
    path = _pdf(forbund, tmp_path)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rader = out.stdout.splitlines()[2:]
    assert rader
    assert all(" yes " in r for r in rader)


def test_pdf_text_has_figures_page_numbers_and_running_header(forbund, tmp_path):
    text = _text(_pdf(forbund, tmp_path))
    assert "Sida 1 av" in text
    assert "Sida 3 av" in text
    assert "Samordningsförbundet Testbygden" in text
    assert "14 020,0" in text
    assert "−6 059,6" in text
    assert "7 878,0" in text
    assert "Förvaltningsberättelse" in text


def test_pdf_catalog_declares_swedish(forbund):
    helsingborg(forbund)
    rapport = bygg_arsredovisning(forbund=forbund, ar=2013, med_budget=False)
    data = render_pdf(rapport, komprimera=False)
    assert b"/Lang (sv)" in data or b"/Lang(sv)" in data


def test_json_has_the_same_figures(forbund):
    helsingborg(forbund)
    data = json.loads(render_json(bygg_arsredovisning(forbund=forbund, ar=2013, med_budget=False)))
    rr = {r["kod"]: r for r in data["resultatrakning"]["rader"]}
    assert rr["AR"]["ore"] == [16_760_000, -605_960_000]
    assert rr["AR"]["visat"] == ["167.6", "-6059.6"]
    assert data["kontroll"]["ok"] is True
    assert data["kassaflode_avstamning"][0] == {
        "kassaflode": -12_980_100,
        "forandring_likvida_medel": -12_980_100,
    }


def test_view_serves_pdf_and_json(forbund, styrelse, client_as):
    helsingborg(forbund)
    client = client_as(styrelse)
    url = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    svar = client.post(
        reverse("rapporter:pdf-bestall", kwargs={"orgnr": forbund.orgnr}),
        {"typ": "arsredovisning", "ar": 2013},
    )
    assert svar.status_code == 302
    pdf = client.get(svar["Location"] + "fil/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    js = client.get(url + "?format=json")
    assert js.json()["ar"] == 2013


def test_pdf_running_header_names_forbund_and_report(forbund, tmp_path):
    path = _pdf(forbund, tmp_path)
    sida3 = subprocess.run(
        ["pdftotext", "-layout", "-f", "3", "-l", "3", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    forsta = sida3.strip().splitlines()[0]
    assert "Samordningsförbundet Testbygden" in forsta
    assert "Årsredovisning 2013" in forsta


def _sidtexter(html: str) -> list[str]:
    """The text on each page when ``html`` is laid out with WeasyPrint."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    return [
        " ".join(b.text for b in sida._page_box.descendants() if isinstance(b, TextBox))
        for sida in HTML(string=html).render().pages
    ]


def test_pdf_keeps_a_short_table_on_one_page():
    from rapporter.rendering import _css

    rader = "".join(f"<tr><th scope='row'>Rad{i}</th><td>{i}</td></tr>" for i in range(12))
    html = (
        f"<style>{_css('print.css')}</style><p style='height:215mm'>Utfyllnad</p>"
        f"<table><caption>Kassaflöde</caption><tbody>{rader}</tbody></table>"
    )
    sidor = _sidtexter(html)
    assert len(sidor) == 2
    assert "Rad0" not in sidor[0] and "Kassaflöde" not in sidor[0]
    assert "Rad0" in sidor[1] and "Rad11" in sidor[1]


def test_pdf_still_splits_a_table_longer_than_a_page():
    from rapporter.rendering import _css

    rader = "".join(f"<tr><th scope='row'>Rad{i}</th><td>{i}</td></tr>" for i in range(120))
    sidor = _sidtexter(f"<style>{_css('print.css')}</style><table><tbody>{rader}</tbody></table>")
    assert len(sidor) >= 2
    assert "Rad0" in sidor[0] and "Rad119" in sidor[-1]
