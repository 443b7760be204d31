"""The fingerprint that flags "Stämmer inte längre" covers only the figures of the
report's own periods: another year's vouchers and accounts without amounts leave it."""

import datetime

from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.delarsrapport import bygg_delarsrapport
from tests.rapporter.seeds import helsingborg

D = datetime.date


def test_another_years_import_and_empty_accounts_leave_the_fingerprint(forbund):
    bok = helsingborg(forbund)
    fore = bygg_arsredovisning(forbund=forbund, ar=2013).fingeravtryck
    # An import of 2014, with an account of its own, and a new unused account.
    bok.ver(D(2014, 3, 1), [("1930", -5000), ("4599", 5000)])
    bok.konto("2999", "Nytt konto utan belopp")
    assert bygg_arsredovisning(forbund=forbund, ar=2013).fingeravtryck == fore


def test_a_change_in_the_prior_year_column_only_leaves_the_fingerprint(forbund):
    bok = helsingborg(forbund)
    fore = bygg_arsredovisning(forbund=forbund, ar=2013).fingeravtryck
    # A 2012 cost moved between two result accounts: 2012's result and 2013's opening
    # balances stay, only the comparison column changes.
    bok.ver(D(2012, 12, 31), [("4590", 1000), ("4630", -1000)])
    assert bygg_arsredovisning(forbund=forbund, ar=2013).fingeravtryck == fore


def test_a_change_in_the_reports_own_period_changes_it(forbund):
    bok = helsingborg(forbund)
    fore = bygg_arsredovisning(forbund=forbund, ar=2013).fingeravtryck
    bok.ver(D(2013, 6, 30), [("1930", -1000), ("4590", 1000)])
    assert bygg_arsredovisning(forbund=forbund, ar=2013).fingeravtryck != fore


def test_delarsrapport_ignores_last_years_comparison_column(forbund):
    bok = helsingborg(forbund)
    fore = bygg_delarsrapport(forbund=forbund, ar=2013, till=D(2013, 8, 31)).fingeravtryck
    bok.ver(D(2012, 5, 31), [("4590", 1000), ("4630", -1000)])
    assert bygg_delarsrapport(forbund=forbund, ar=2013, till=D(2013, 8, 31)).fingeravtryck == fore
