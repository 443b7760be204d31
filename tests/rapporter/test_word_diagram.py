"""Charts in the Word export (issue 14.7): each bar chart of the report becomes a table of
shaded cells with its labels and values, scaled as in the SVG (a goal against its
target)."""

import io
from decimal import Decimal

import docx
from django.template.loader import render_to_string
from docx.oxml.ns import qn

from insatser.models import Mal
from insatser.selectors.diagram import _diagram, diagram_mal
from insatser.selectors.statistik import Maluppfyllelse, Tal
from rapporter.word import STAPELCELLER, html_till_docx


def _docx(*diagram) -> docx.document.Document:
    html = (
        "<html><body><main>"
        + "".join(render_to_string("insatser/_diagram.html", {"d": d}) for d in diagram)
        + "</main></body></html>"
    )
    return docx.Document(io.BytesIO(html_till_docx(html)))


def _fyllning(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


def test_a_chart_becomes_a_table_with_its_labels_values_and_bars():
    d = _diagram(
        "a",
        "Deltagare per åldersgrupp",
        [("20–24 år", [("", Tal(antal=18), "18")]), ("25–29 år", [("", Tal(antal=9), "9")])],
        [""],
    )
    dokument = _docx(d)
    assert "Deltagare per åldersgrupp" in [p.text for p in dokument.paragraphs]
    (tabell,) = dokument.tables
    rader = [[c.text for c in r.cells] for r in tabell.rows]
    assert [(r[0], r[-1]) for r in rader] == [("20–24 år", "18"), ("25–29 år", "9")]
    fyllda = [sum(1 for c in r.cells[1:-1] if _fyllning(c)) for r in tabell.rows]
    assert fyllda == [STAPELCELLER, STAPELCELLER // 2]  # 18 is the full bar, 9 half


def test_a_goal_bar_in_word_is_drawn_against_its_target():
    mal = Mal(beskrivning="Minst 100 deltagare", matt=Mal.Matt.DELTAGARE, malvarde=Decimal(100))
    d = diagram_mal(
        [Maluppfyllelse(mal=mal, utfall=Decimal(20), utfall_text="20", uppfyllt=False)]
    )
    (tabell,) = _docx(d).tables
    celler = [_fyllning(c) for c in tabell.rows[0].cells[1:-1]]
    assert celler.count("1F4E79") == STAPELCELLER // 5  # 20 of 100: a fifth
    assert celler.count("E4E9EF") == STAPELCELLER - STAPELCELLER // 5  # the rest of the target
    assert tabell.rows[0].cells[-1].text == "20 (mål minst 100) – ej uppfyllt"
