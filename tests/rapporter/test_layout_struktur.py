"""The printed structure (issue 14.5): the contents list equals the numbered headings in
every report kind, and the förbund's setting moves the per-insats statistics to an
appendix at the end, listed in the contents."""

import datetime
from io import StringIO

from django.core.management import call_command

from forbund.models import Forbund
from rapporter.models import Rapportinstallning
from rapporter.rendering import render_pdf_html
from rapporter.services import bygg
from tests.rapporter.layout import innehall, numrerade_rubriker


def _demo() -> Forbund:
    call_command("load_demo", stdout=StringIO())
    return Forbund.objects.get()


def _insatsavsnitt(html: str) -> str:
    start = html.index('id="avsnitt-insatser"')
    return html[start : html.index('id="avsnitt-deltagare"', start)]


def test_contents_list_equals_the_numbered_headings_in_every_report(db):
    forbund = _demo()
    for typ, ar, till in [
        ("arsredovisning", 2013, None),
        ("delarsrapport", 2013, datetime.date(2013, 8, 31)),
        ("verksamhetsplan", 2014, None),
    ]:
        html = render_pdf_html(bygg(forbund=forbund, typ=typ, ar=ar, till=till))
        toc = innehall(html)
        assert len(toc) > 5, typ
        assert toc == numrerade_rubriker(html), typ


def test_per_insats_statistics_move_to_an_appendix_when_the_forbund_says_so(db):
    forbund = _demo()
    fore = render_pdf_html(bygg(forbund=forbund, typ="arsredovisning", ar=2013))
    assert 'class="statistik"' in _insatsavsnitt(fore)
    assert 'id="bilaga"' not in fore

    Rapportinstallning.objects.filter(forbund=forbund).update(insatsstatistik_i_bilaga=True)
    dok = bygg(forbund=forbund, typ="arsredovisning", ar=2013)
    html = render_pdf_html(dok)
    avsnitt, bilaga = _insatsavsnitt(html), html[html.index('id="bilaga"') :]
    # The insats section keeps each insats's facts and texts, not its statistics.
    assert "<svg" not in avsnitt and 'class="statistik"' not in avsnitt
    assert "Oxford Research" in avsnitt  # an evaluation text stays with its insats
    assert avsnitt.count("finns i bilagan") == len(dok.bilaga) > 0
    # The appendix has all of it, once per insats, last in the document and its contents.
    for merke in ("<svg", 'class="statistik"', "<caption>Måluppfyllelse"):
        assert bilaga.count(merke) == _insatsavsnitt(fore).count(merke) > 0, merke
    assert [r.insats.namn for r in dok.bilaga] == [
        r.insats.namn for r in dok.insatser_rapport if r.statistik or r.mal or r.diagram
    ]
    assert innehall(html)[-1] == "Bilaga Statistik per insats"
    assert innehall(html) == numrerade_rubriker(html)


def test_the_demo_docx_carries_every_chart_as_a_table(db):
    import io

    import docx

    from rapporter.word import render_docx

    dok = bygg(forbund=_demo(), typ="arsredovisning", ar=2013)
    word = docx.Document(io.BytesIO(render_docx(dok)))
    diagram = list(dok.deltagare_diagram) + [d for r in dok.insatser_rapport for d in r.diagram]
    bildtexter = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    celler = {c.text for t in word.tables for r in t.rows for c in (r.cells[0], r.cells[-1])}
    assert diagram
    for d in diagram:
        assert any(t.startswith(d.titel) for t in bildtexter), d.titel
        for s in d.staplar:
            assert " ".join(s.text.split()) in celler, (d.titel, s.text)
