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
