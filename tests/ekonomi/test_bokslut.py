"""Year-end: opening balances, bokslut and the UB(N) = IB(N+1) check."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ekonomi import selectors, services

D = datetime.date


@pytest.fixture
def ar_med_rorelser(ar, kontoplan, bokfor, forbundschef):
    services.ingaende_balans_skapa(
        rakenskapsar=ar, saldon={"1930": 500000, "2010": -500000}, user=forbundschef
    )
    bokfor(D(2024, 2, 1), [("1930", 1400000), ("3511", -1400000)])
    bokfor(D(2024, 6, 1), [("4610", 1000050), ("2990", -1000050)])
    bokfor(D(2024, 12, 31), [("1930", 1234), ("8410", -1234)])
    return ar


def test_ib_voucher_is_in_series_ib_on_the_first_day(ar_med_rorelser):
    ib = ar_med_rorelser.verifikationer.get(serie__kod="IB")
    assert (ib.datum, ib.nummer, ib.status) == (D(2024, 1, 1), 1, "B")


def test_ib_with_a_result_account_is_refused(ar, kontoplan, forbundschef):
    with pytest.raises(ValidationError, match="resultatkonto"):
        services.ingaende_balans_skapa(
            rakenskapsar=ar, saldon={"1930": 100, "3511": -100}, user=forbundschef
        )


def test_second_ib_voucher_is_refused(ar_med_rorelser, forbundschef):
    with pytest.raises(ValidationError, match="redan"):
        services.ingaende_balans_skapa(
            rakenskapsar=ar_med_rorelser, saldon={"1930": 1, "2010": -1}, user=forbundschef
        )


def test_saldobalans_shows_ib_change_and_ub_and_sums_to_zero(ar_med_rorelser):
    sb = selectors.saldobalans(rakenskapsar=ar_med_rorelser)
    rad = {r.konto.nummer: r for r in sb.rader}
    assert (rad["1930"].ib, rad["1930"].forandring, rad["1930"].ub) == (500000, 1401234, 1901234)
    assert sb.summa_ub == 0
    assert sb.arets_resultat == -1400000 + 1000050 - 1234


def test_trial_balance_sums_to_zero_for_every_period(ar_med_rorelser):
    for period in ar_med_rorelser.perioder.all():
        sb = selectors.saldobalans(
            rakenskapsar=ar_med_rorelser, fran=period.start, till=period.slut
        )
        assert sb.summa_ib == 0
        assert sb.summa_forandring == 0


def test_bokslut_moves_the_result_into_eget_kapital(ar_med_rorelser, forbundschef, forbund):
    nasta = services.bokslut(rakenskapsar=ar_med_rorelser, user=forbundschef)
    ib = selectors.ib_per_konto(rakenskapsar=nasta)
    assert ib["2010"] == -500000 - 401184  # eget kapital grows by the surplus 4 011,84 kr
    assert ib["1930"] == 1901234
    assert ib["2990"] == -1000050
    assert sum(ib.values()) == 0
    ar_med_rorelser.refresh_from_db()
    assert ar_med_rorelser.stangt
    assert not ar_med_rorelser.perioder.filter(last=False).exists()
    assert services.kontroll_ub_ib(forbund=forbund, ar=2024) == []


def test_bokslut_twice_is_refused(ar_med_rorelser, forbundschef):
    services.bokslut(rakenskapsar=ar_med_rorelser, user=forbundschef)
    with pytest.raises(ValidationError, match="redan"):
        services.bokslut(rakenskapsar=ar_med_rorelser, user=forbundschef)


def test_bokslut_refuses_when_drafts_remain(ar_med_rorelser, bokfor, forbundschef):
    bokfor(D(2024, 7, 1), [("1930", 1), ("3511", -1)], bokfor=False)
    with pytest.raises(ValidationError, match="preliminära"):
        services.bokslut(rakenskapsar=ar_med_rorelser, user=forbundschef)


def test_check_reports_an_ib_that_differs_from_ub(ar_med_rorelser, forbund, forbundschef):
    nasta = services.rakenskapsar_skapa(
        forbund=forbund, start=D(2025, 1, 1), slut=D(2025, 12, 31), user=forbundschef
    )
    services.ingaende_balans_skapa(
        rakenskapsar=nasta,
        saldon={"1930": 1901234, "2990": -1000050, "2010": -901184 + 100, "1510": -100},
        user=forbundschef,
    )
    problem = services.kontroll_ub_ib(forbund=forbund, ar=2024)
    assert len(problem) == 2
    assert any("Konto 1510" in p for p in problem)
    assert any("Konto 2010" in p and "årets resultat" in p for p in problem)


def test_check_reports_a_missing_ib(ar_med_rorelser, forbund, forbundschef, bokfor):
    services.rakenskapsar_skapa(
        forbund=forbund, start=D(2025, 1, 1), slut=D(2025, 12, 31), user=forbundschef
    )
    # Opened for its budget only: the IB comes with 2024's bokslut, nothing to compare yet.
    assert services.kontroll_ub_ib(forbund=forbund, ar=2024) == []
    bokfor(D(2025, 1, 15), [("1930", 100), ("8410", -100)])
    assert services.kontroll_ub_ib(forbund=forbund, ar=2024) == ["2025 saknar ingående balans."]
