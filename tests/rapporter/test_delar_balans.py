"""The delårsrapport's balance sheet against last year's year end adds up: with last
year's vouchers in the books the column prints that year's result; known only from this
year's IB voucher, the result is already inside eget kapital and the cell is "–"."""

import datetime

from rapporter.builders.delarsrapport import bygg_delarsrapport
from tests.rapporter.bok import Bok
from tests.rapporter.seeds import helsingborg

D = datetime.date


def _kolumn(dokument, index: int) -> dict:
    return {r.kod: r.belopp[index] for r in dokument.balansrakning.rader}


def test_year_end_column_prints_last_years_result_so_eget_kapital_adds_up(forbund):
    helsingborg(forbund)
    dokument = bygg_delarsrapport(forbund=forbund, ar=2013, till=D(2013, 8, 31))
    assert dokument.balansrakning.kolumner[-1] == "2012-12-31"
    fg = _kolumn(dokument, 1)
    assert fg["ARE"] == -605_960_000  # 2012's result, −6 059,6 tkr (seed 000)
    assert fg["BAL"] == 1_182_185_000
    assert fg["SEK"] == fg["ARE"] + fg["BAL"] == 576_225_000


def test_year_end_column_from_the_ib_voucher_leaves_the_result_blank(forbund):
    bok = Bok(forbund)
    bok.ib(2013, [("1930", 1000), ("2010", -1000)])
    bok.ver(D(2013, 3, 1), [("1930", 500), ("3511", -500)])
    dokument = bygg_delarsrapport(forbund=forbund, ar=2013, till=D(2013, 8, 31))
    fg = _kolumn(dokument, 1)
    assert fg["ARE"] is None
    assert fg["EK"] == fg["OEK"] == 100_000
