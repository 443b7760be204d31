import datetime
from decimal import Decimal

import pytest

from finsam.money import OgiltigtBelopp, fordela, tolka_belopp
from finsam.templatetags.svenska import datum, kr, ore_kr, ore_tkr, tkr

NB = "\u00a0"
MINUS = "\u2212"


def test_tkr_has_one_decimal_and_grouped_thousands():
    assert tkr(Decimal("14000000")) == f"14{NB}000,0"


def test_tkr_rounds_half_up():
    assert tkr(Decimal("167650")) == "167,7"


def test_negative_tkr_has_a_minus_sign():
    assert tkr(Decimal("-6059600")) == f"{MINUS}6{NB}059,6"


def test_kr_groups_whole_kronor():
    assert kr(14000000) == f"14{NB}000{NB}000"


def test_ore_as_kronor_with_two_decimals():
    assert ore_kr(123450) == f"1{NB}234,50"


def test_ore_as_tkr():
    assert ore_tkr(1400000000) == f"14{NB}000,0"


def test_date_is_iso():
    assert datum(datetime.date(2013, 12, 31)) == "2013-12-31"


def test_swedish_amount_is_parsed_to_ore():
    assert tolka_belopp("1 234,50") == 123450


def test_amount_with_three_decimals_is_refused():
    with pytest.raises(OgiltigtBelopp):
        tolka_belopp("1,005")


def test_text_is_not_an_amount():
    with pytest.raises(OgiltigtBelopp):
        tolka_belopp("12 kr")


def test_fordela_adds_up_exactly():
    assert fordela(100, [1, 1, 1]) == [34, 33, 33]


def test_fordela_gives_remainder_to_largest_fractions():
    assert fordela(10, [Decimal("0.15"), Decimal("0.45"), Decimal("0.40")]) == [2, 4, 4]
