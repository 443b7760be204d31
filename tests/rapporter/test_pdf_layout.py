"""The printed layout of the demo's årsredovisning 2013, delårsrapport per 2013-08-31 and
verksamhetsplan 2014 (issue 14.5), read back from each PDF with poppler: no page ends with a
heading, no page holds a lone table row, the contents list's page numbers are the pages the
headings are on, every chart label is printed, and nothing is drawn in the side margins (a
clipped or overflowing chart would be). One demo load serves the three documents."""

import datetime
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


def _sidor(pdf_path, lophuvud: str) -> list[list[str]]:
    """Each page's lines (pdftotext -layout), whitespace collapsed, without the running
    header (``lophuvud``: the förbund's name and the document's title), the page footer
    and the draft watermark."""
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
            and not r.startswith(lophuvud)
        ]
        ut.append(rader)
    return ut


def _pgm(path) -> tuple[int, int, bytes]:
    """Width, height and grey bytes of a binary PGM (pdftoppm -gray)."""
    data = path.read_bytes()
    delar = data.split(maxsplit=4)
    assert delar[0] == b"P5"
    return int(delar[1]), int(delar[2]), delar[4]


def test_demo_documents_print_without_stranded_headings_or_clipped_labels(db, tmp_path):
    call_command("load_demo", stdout=StringIO())
    forbund = Forbund.objects.get()
    ar = bygg(forbund=forbund, typ="arsredovisning", ar=2013)
    _kontrollera(ar, tmp_path / "ar", diagram=True)
    delar = bygg(forbund=forbund, typ="delarsrapport", ar=2013, till=datetime.date(2013, 8, 31))
    _kontrollera(delar, tmp_path / "delar", diagram=True)
    vp = bygg(forbund=forbund, typ="verksamhetsplan", ar=2014)
    _kontrollera(vp, tmp_path / "vp", diagram=False)


def _kontrollera(dok, katalog, *, diagram: bool) -> None:
    katalog.mkdir()
    html = render_pdf_html(dok)
    pdf = katalog / "dok.pdf"
    pdf.write_bytes(render_pdf(dok))
    sidor = _sidor(pdf, f"{dok.forbund.namn} {dok.titel}")
    alla_rubriker = rubriker(html)
    toc = innehall(html)
    assert len(sidor) > 3 and len(toc) > 3, (dok.titel, len(sidor), toc)

    # 1. No page ends with a heading (nor the first line of a wrapped one).
    for nr, rader in enumerate(sidor[1:], start=2):
        sista = rader[-1]
        strandad = [
            h for h in alla_rubriker if sista == h or (len(sista) >= 12 and h.startswith(sista))
        ]
        assert not strandad, f"{dok.titel}: sidan {nr} slutar med rubriken {sista!r}"

    # 2. No page holds only a lone row (a table's last row, a heading's orphan line).
    for nr, rader in enumerate(sidor[1:], start=2):
        assert len(rader) >= 3, f"{dok.titel}: sidan {nr} har bara {rader!r}"

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
        assert tryckt == sida, f"{dok.titel} {rubrik!r}: innehållet säger {sida}, tryckt {tryckt}"

    # 4. Every chart label and value is printed whole (the plan has no charts).
    diagram = (
        list(dok.deltagare_diagram) + [d for r in dok.insatser_rapport for d in r.diagram]
        if diagram
        else []
    )
    text = " ".join(" ".join(r) for r in sidor)
    for d in diagram:
        for s in d.staplar:
            for rad, _ in s.etikett_rader if s.visa_etikett else []:
                assert " ".join(rad.split()) in text, f"etiketten {rad!r} i {d.titel!r} syns inte"
            varde = " ".join(s.text.split())
            assert varde in text, f"värdet {s.text!r} i {d.titel!r} syns inte"

    # 5. Nothing is drawn in the side margins of any page.
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(katalog / "s")], check=True)
    kant = round(KANT_MM / MM_PER_TUM * DPI)
    bilder = sorted(katalog.glob("s-*.pgm"))
    assert len(bilder) == len(sidor)
    for nr, bild in enumerate(bilder, start=1):
        bredd, hojd, pixlar = _pgm(bild)
        for y in range(hojd):
            rad = pixlar[y * bredd : (y + 1) * bredd]
            plats = f"{dok.titel} s. {nr}, rad {y}"
            assert min(rad[:kant]) >= VITT, f"{plats}: något i vänstermarginalen"
            assert min(rad[-kant:]) >= VITT, f"{plats}: något i högermarginalen"
