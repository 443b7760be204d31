"""Hostile pastes into a narrative text (issues 14 and 17): every pattern the Word-list
and empty-paragraph cleanup uses runs in linear time, so a text of the largest allowed
size (BerattelseForm.MAX) shaped to make a backtracking regex run from every starting
point is cleaned like any other. Before, a 15 kB paste of unclosed list-marker spans
held a web worker for 36 s and a 100 kB one for hours; these cases then never finish."""

import pytest

from rapporter.forms import BerattelseForm
from rapporter.text import sanera

MAX = BerattelseForm.MAX
LISTA = '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1">'


def _fyll(borjan: str, upprepa: str, slut: str = "") -> str:
    return borjan + upprepa * ((MAX - len(borjan) - len(slut)) // len(upprepa)) + slut


FIENTLIGA = {
    # list-marker spans that are never closed
    "markorer": _fyll(LISTA, '<span style="mso-list:Ignore">x', "</p>"),
    # list paragraphs that are never closed
    "stycken_utan_slut": _fyll(LISTA + "a</p>", "<p a>"),
    # start tags that never end
    "taggar_utan_slut": _fyll("mso-list", "<p "),
    # comments and Word conditions that never end, between two list items
    "kommentarer": _fyll(LISTA + "a</p>", "<!--", LISTA + "b</p>"),
    "villkor": _fyll(LISTA + "a</p>", "<![", LISTA + "b</p>"),
    # nested spans under a marker, never closed
    "spann": _fyll(LISTA + '<span style="mso-list:Ignore">', "<span>", "</p>"),
    # a run of no-break spaces in an otherwise empty paragraph
    "hardaa_mellanslag": _fyll("<p><b>x</b></p><p>", "\u00a0", "x</p>"),
}


@pytest.mark.parametrize("namn", sorted(FIENTLIGA))
def test_a_hostile_paste_of_the_largest_size_is_cleaned(namn):
    text = FIENTLIGA[namn]
    assert len(text) <= MAX
    ren = sanera(text)
    assert "<span" not in ren and "<!--" not in ren and "<![" not in ren


def test_many_word_list_items_still_become_one_list():
    post = LISTA + '<span style="mso-list:Ignore">1.<span> </span></span>punkt</p>'
    ren = sanera(post * (MAX // len(post)))
    assert ren.startswith("<ol><li>punkt</li><li>punkt</li>")
    assert ren.count("<ol>") == 1
