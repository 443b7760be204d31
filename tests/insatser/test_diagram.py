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


def _mal(beskrivning: str, malvarde: str, utfall: str | None, utfall_text: str):
    from decimal import Decimal

    from insatser.models import Mal
    from insatser.selectors.statistik import Maluppfyllelse

    mal = Mal(beskrivning=beskrivning, matt=Mal.Matt.DELTAGARE, malvarde=Decimal(malvarde))
    return Maluppfyllelse(
        mal=mal,
        utfall=None if utfall is None else Decimal(utfall),
        utfall_text=utfall_text,
        uppfyllt=utfall is not None and Decimal(utfall) >= Decimal(malvarde),
    )


def _staplar(svg: str) -> list[tuple[float, float]]:
    """(filled width, frame width) of each goal bar in the rendered SVG, parsed as XML."""
    import xml.etree.ElementTree as ET

    rot = ET.fromstring(svg[svg.index("<svg") : svg.index("</svg>") + 6])
    ut = []
    for el in rot.iter("{http://www.w3.org/2000/svg}rect"):
        if el.get("class") == "mal-ram":
            ut.append([0.0, float(el.get("width"))])
        elif el.get("class") == "stapel":
            ut[-1][0] = float(el.get("width"))
    return [tuple(x) for x in ut]


def test_a_goal_bar_is_drawn_against_its_target():
    from django.template.loader import render_to_string

    from insatser.selectors.diagram import diagram_mal

    d = diagram_mal([_mal("Minst 100 deltagare", "100", "20", "20")])
    svg = render_to_string("insatser/_diagram.html", {"d": d})
    assert _staplar(svg) == [(STAPEL_MAX / 5, STAPEL_MAX)]  # 20 of 100: a fifth


def test_goal_bars_share_one_scale_and_an_exceeded_target_shows():
    from django.template.loader import render_to_string

    from insatser.selectors.diagram import diagram_mal

    d = diagram_mal(
        [
            _mal("Minst 80 deltagare", "80", "30", "30"),
            _mal("Minst 10 chefer", "10", "15", "15"),  # 150 % of its target
            _mal("Minst 14 utbildade", "14", None, "–"),
        ]
    )
    svg = render_to_string("insatser/_diagram.html", {"d": d})
    staplar = _staplar(svg)
    # One scale: 30 of 80 fills 37.5 % of its frame, 15 of 10 runs past its frame by half.
    assert [round(f / r, 2) for f, r in staplar] == [0.37, 1.5, 0.0]
    assert staplar[1][0] == STAPEL_MAX  # the largest outcome is the full bar
    assert not d.tomt


def test_a_goal_chart_without_any_outcome_is_left_out():
    from insatser.selectors.diagram import diagram_mal

    assert diagram_mal([_mal("Minst 14 utbildade", "14", None, "–")]).tomt


def test_a_chart_of_only_zero_or_suppressed_values_is_empty():
    d = _diagram("a", "Ålder", [("20–24 år", [("", Tal(antal=3, grans=5), "<5")])], [""])
    assert d.tomt
    assert _diagram("b", "Ålder", [], [""]).tomt


def test_a_long_label_wraps_inside_the_label_column():
    from insatser.selectors.diagram import ETIKETT_TECKEN

    d = _diagram(
        "a",
        "Avslut",
        [("Avslutad på egen begäran efter flytt till annan kommun", [("", Tal(antal=4), "4")])],
        [""],
    )
    rader = d.staplar[0].etikett_rader
    assert len(rader) == 2
    assert all(len(t) <= ETIKETT_TECKEN for t, _ in rader)
    assert (
        " ".join(t for t, _ in rader) == "Avslutad på egen begäran efter flytt till annan kommun"
    )
