"""A year's resultaträkning and balansräkning on their own (issue 16.2): three queries
over the year's monthly balances, the same figures as the general path over the rows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapporter.builders.arsrakningar import rakningar_for_ar
from rapporter.builders.rakningar import Kol, balansrakning, resultatrakning
from rapporter.builders.underlag import hamta_underlag
from tests.rapporter.seeds import helsingborg

D = datetime.date


def _tabell(t):
    return [(r.kod, r.rubrik, r.belopp, r.visat) for r in t.rader]


def test_the_years_statements_equal_the_general_path_in_three_queries(forbund):
    bok = helsingborg(forbund)
    bok.ver(D(2013, 6, 30), [("6990", 12_345), ("1930", -12_345)], text="Sen faktura")
    bok.konto("2899", "Skuld utan saldo", typ="S")  # its line prints, at zero
    rakningar_for_ar(forbund=forbund, ar=2013)  # definitions created on first use
    with CaptureQueriesContext(connection) as ctx:
        rr, br = rakningar_for_ar(forbund=forbund, ar=2013)
    assert len(ctx.captured_queries) == 3
    # The general path: the årsredovisning's underlag and builders.
    u = hamta_underlag(forbund=forbund, perioder={"ar": (D(2013, 1, 1), D(2013, 12, 31))})
    kol = [Kol("2013", period="ar")]
    rr_allm = resultatrakning(u, kol)
    br_allm = balansrakning(u, kol, rr=rr_allm, rr_kolumner=[0])
    assert _tabell(rr) == _tabell(rr_allm)
    assert _tabell(br) == _tabell(br_allm)
    assert any(r.belopp[0] for r in rr.rader) and any(r.belopp[0] for r in br.rader)


def test_a_year_without_books_gives_empty_statements(forbund):
    helsingborg(forbund)
    rr, br = rakningar_for_ar(forbund=forbund, ar=1999)
    assert not any(r.belopp[0] for r in rr.rader + br.rader)
