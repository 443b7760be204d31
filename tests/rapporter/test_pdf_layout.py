"""The printed layout of the demo's årsredovisning 2013 (issue 14.5), read back from the PDF
with poppler: no page ends with a heading, no page holds a lone table row, the contents
list's page numbers are the pages the headings are on, every chart label is printed, and
nothing is drawn in the side margins (a clipped or overflowing chart would be)."""

import re
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command

from forbund.models import Forbund
from rapporter.rendering import render_pdf, render_pdf_html
from rapporter.services import bygg
from tests.rapporter.layout import innehall, rubriker

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="pdftotext/pdftoppm (poppler-utils) saknas",
)

MM_PER_TUM = 25.4
DPI = 24
# print.css: @page margin 22mm 18mm 20mm 20mm. The side strips checked stay inside them.
KANT_MM = 14
VITT = 200  # grey level: the light "UTKAST" watermark (#e4e4e4) counts as white


def _sidor(pdf_path) -> list[list[str]]:
    """Each page's lines (pdftotext -layout), whitespace collapsed, without the running
    header, the page footer and the draft watermark."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    sidor = text.split("\f")
    if sidor and not sidor[-1].strip():
        sidor.pop()
    ut = []
    for sida in sidor:
        rader = [" ".join(r.split()) for r in sida.splitlines()]
        rader = [
            r
            for r in rader
            if r
            and r != "UTKAST"
            and not re.fullmatch(r"Sida \d+ av \d+", r)
            and not r.startswith("Samordningsförbundet Finsam i Helsingborg Årsredovisning")
        ]
        ut.append(rader)
    return ut


def _pgm(path) -> tuple[int, int, bytes]:
    """Width, height and grey bytes of a binary PGM (pdftoppm -gray)."""
    data = path.read_bytes()
    delar = data.split(maxsplit=4)
    assert delar[0] == b"P5"
    return int(delar[1]), int(delar[2]), delar[4]


def test_demo_arsredovisning_prints_without_stranded_headings_or_clipped_labels(db, tmp_path):
    call_command("load_demo", stdout=StringIO())
    forbund = Forbund.objects.get()
    dok = bygg(forbund=forbund, typ="arsredovisning", ar=2013)
    html = render_pdf_html(dok)
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(render_pdf(dok))
    sidor = _sidor(pdf)
    alla_rubriker = rubriker(html)
    toc = innehall(html)
    assert len(sidor) > 10 and len(toc) > 10

    # 1. No page ends with a heading (nor the first line of a wrapped one).
    for nr, rader in enumerate(sidor[1:], start=2):
        sista = rader[-1]
        strandad = [
            h for h in alla_rubriker if sista == h or (len(sista) >= 12 and h.startswith(sista))
        ]
        assert not strandad, f"sidan {nr} slutar med rubriken {sista!r}"

    # 2. No page holds only a lone row (a table's last row, a heading's orphan line).
    for nr, rader in enumerate(sidor[1:], start=2):
        assert len(rader) >= 3, f"sidan {nr} har bara {rader!r}"

    # 3. The contents list's page numbers are the pages its headings are printed on.
    toc_sida = next(i for i, r in enumerate(sidor) if "Innehåll" in r)
    listade = {}
    for rad in sidor[toc_sida]:
        m = re.fullmatch(r"(.+?) ?\.{3,} ?(\d+)", rad)
        if m:
            listade[m.group(1).strip()] = int(m.group(2))
    assert set(listade) == set(toc), set(listade) ^ set(toc)
    for rubrik, sida in listade.items():
        tryckt = next(
            i + 1
            for i, rader in enumerate(sidor)
            if i > toc_sida and any(r == rubrik or rubrik.startswith(r + " ") for r in rader)
        )
        assert tryckt == sida, f"{rubrik!r}: innehållet säger sidan {sida}, tryckt på {tryckt}"

    # 4. Every chart label and value is printed whole.
    diagram = list(dok.deltagare_diagram) + [d for r in dok.insatser_rapport for d in r.diagram]
    assert diagram
    text = " ".join(" ".join(r) for r in sidor)
    for d in diagram:
        for s in d.staplar:
            for rad, _ in s.etikett_rader if s.visa_etikett else []:
                assert " ".join(rad.split()) in text, f"etiketten {rad!r} i {d.titel!r} syns inte"
            varde = " ".join(s.text.split())
            assert varde in text, f"värdet {s.text!r} i {d.titel!r} syns inte"

    # 5. Nothing is drawn in the side margins of any page.
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(tmp_path / "s")], check=True
    )
    kant = round(KANT_MM / MM_PER_TUM * DPI)
    bilder = sorted(tmp_path.glob("s-*.pgm"))
    assert len(bilder) == len(sidor)
    for nr, bild in enumerate(bilder, start=1):
        bredd, hojd, pixlar = _pgm(bild)
        for y in range(hojd):
            rad = pixlar[y * bredd : (y + 1) * bredd]
            assert min(rad[:kant]) >= VITT, f"sidan {nr}: något i vänstermarginalen, rad {y}"
            assert min(rad[-kant:]) >= VITT, f"sidan {nr}: något i högermarginalen, rad {y}"
