"""The SVG bar charts' geometry."""

from insatser.selectors.diagram import ETIKETT_BREDD, STAPEL_MAX, TECKEN_BREDD, _diagram
from insatser.selectors.statistik import Tal


def test_the_chart_is_wide_enough_for_a_long_value_text():
    text = "37,5 % (mål minst 30 %) – uppfyllt"
    d = _diagram("m", "Måluppfyllelse", [("Mål", [("", Tal(antal=100), text)])], [""])
    stapel = d.staplar[0]
    assert stapel.bredd == STAPEL_MAX
    assert d.bredd >= stapel.text_x + len(text) * TECKEN_BREDD


def test_a_chart_with_short_texts_keeps_its_usual_width():
    d = _diagram("a", "Ålder", [("20–24 år", [("", Tal(antal=18), "18")])], [""])
    assert d.bredd == ETIKETT_BREDD + 10 + STAPEL_MAX + 90
