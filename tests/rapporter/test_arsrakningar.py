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


def test_the_statement_pages_have_the_arsredovisnings_tables_in_seven_queries(forbund):
    """A statement page builds only the statements and notes: the same tables, columns
    and note numbers as the årsredovisning, without its sections' queries."""
    from rapporter.builders.arsredovisning import bygg_arsrakningar, bygg_arsredovisning

    helsingborg(forbund)
    hel = bygg_arsredovisning(forbund=forbund, ar=2013)
    with CaptureQueriesContext(connection) as ctx:
        sidor = bygg_arsrakningar(forbund=forbund, ar=2013)
    # settings, members, definitions, accounts with both years' balances, insats
    # objects, both years' per-object balances, budget
    assert len(ctx.captured_queries) == 7
    for namn in ("resultatrakning", "balansrakning", "kassaflodesanalys", "driftredovisning"):
        assert getattr(sidor, namn).som_dict() == getattr(hel, namn).som_dict()
    assert [n.som_dict() for n in sidor.noter] == [n.som_dict() for n in hel.noter]
    assert sidor.jamforelse == hel.jamforelse


def test_several_periods_in_one_query_equal_one_query_each(forbund):
    """``kontoplan_och_saldon`` / ``saldon_per_objekt_perioder`` / ``budgetar`` give the
    figures of ``saldon`` / ``saldon_per_objekt`` / ``budget`` period by period; a period
    that is not whole months is summed from the rows."""
    from rapporter import aggregering as agg

    bok = helsingborg(forbund)
    bok.ver(D(2013, 6, 30), [("6990", 12_345), ("1930", -12_345)], text="Sen faktura")
    perioder = {
        "ar": (D(2013, 1, 1), D(2013, 12, 31)),
        "fg": (D(2012, 1, 1), D(2012, 12, 31)),
        "halvar": (D(2013, 1, 1), D(2013, 6, 30)),
        "delvis": (D(2013, 1, 1), D(2013, 6, 29)),
    }
    konton, saldon = agg.kontoplan_och_saldon(forbund=forbund, perioder=perioder)
    assert konton == agg.kontoplan(forbund=forbund)
    assert list(saldon) == list(perioder)
    for namn, (fran, till) in perioder.items():
        en = agg.saldon(forbund=forbund, fran=fran, till=till)
        assert (saldon[namn].total, saldon[namn].ib) == (en.total, en.ib), namn
    per_objekt = agg.saldon_per_objekt_perioder(forbund=forbund, perioder=perioder)
    assert per_objekt["ar"]
    for namn, (fran, till) in perioder.items():
        assert per_objekt[namn] == agg.saldon_per_objekt(forbund=forbund, fran=fran, till=till)
    bok.budget(2013, [("6990", 100), ("6990", 50)], namn="Äldre")
    bok.budget(2013, [("6990", 200), ("1930", -200)], namn="Senaste")
    bok.budget(2013, [], typ="prognos", namn="Tom prognos")
    onskade = {"b": (2013, "budget"), "p": (2013, "prognos"), "x": (1999, "budget")}
    alla = agg.budgetar(forbund=forbund, onskade=onskade)
    assert alla["b"][2] == "Senaste" and alla["p"] == ({}, {}, "Tom prognos")
    assert alla["x"] == ({}, {}, "")
    for namn, (ar, typ) in onskade.items():
        assert alla[namn] == agg.budget(forbund=forbund, ar=ar, typ=typ), namn
