"""Comparison columns of last year's year end add up: with last year's vouchers in the
books the balance sheet prints that year's result; known only from this year's IB voucher,
the result is already inside eget kapital (the cell is "–") and the eget kapital note,
whose IB and result for that year are unknown, leaves the column out."""

import datetime

from rapporter.builders.arsredovisning import bygg_arsredovisning
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


def _ek_not(dokument):
    return next(n.tabell for n in dokument.noter if n.rubrik == "Eget kapital")


def test_eget_kapital_note_leaves_out_a_year_known_only_from_the_ib_voucher(forbund):
    bok = Bok(forbund)
    bok.ib(2013, [("1930", 1000), ("2010", -1000)])
    bok.ver(D(2013, 3, 1), [("1930", 500), ("3511", -500)])
    # The balance sheet prints 2012-12-31 from the IB voucher; its IB and result are unknown.
    ar = bygg_arsredovisning(forbund=forbund, ar=2013)
    assert ar.balansrakning.kolumner == ["2013-12-31", "2012-12-31"]
    assert _ek_not(ar).kolumner == ["2013-12-31"]
    delar = bygg_delarsrapport(forbund=forbund, ar=2013, till=D(2013, 8, 31))
    assert delar.balansrakning.kolumner == ["2013-08-31", "2012-12-31"]
    assert _ek_not(delar).kolumner == ["2013-08-31"]


def test_eget_kapital_note_keeps_a_previous_year_with_its_vouchers(forbund):
    helsingborg(forbund)
    ar = bygg_arsredovisning(forbund=forbund, ar=2013)
    assert _ek_not(ar).kolumner == ["2013-12-31", "2012-12-31"]
