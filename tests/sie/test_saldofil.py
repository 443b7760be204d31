"""Balance-only SIE files (typ 1, 2 and 3): the books hold the file's own balances.

The files are the project's own (tests/sie/filer/, an invented förbund 555555-5555); each
test compares Finsam's saldobalans with the figures written in the file."""

import datetime

import pytest

from ekonomi import selectors
from ekonomi.models import Serie, Verifikation
from ekonomi.sie.importer import SieFel
from forbund.models import Forbund
from tests.sie.conftest import databasen
from tests.sie.saldofil import (
    FILER,
    ar_,
    filens,
    importera,
    manadsslut,
    nekas,
    psaldo,
    saldobalans,
    stammer_med_filen,
)

pytestmark = pytest.mark.django_db


# --- typ 1 ------------------------------------------------------------------------------


def test_a_type_1_file_gives_the_files_ib_ub_and_res_per_account():
    imp = importera("typ1_arssaldon.se")
    forbund = imp.forbund
    assert forbund.orgnr == "555555-5555"
    stammer_med_filen("typ1_arssaldon.se", ar_(forbund, 2024))
    sb = saldobalans(ar_(forbund, 2024))
    assert sb["3510"] == (0, -130000050, -130000050)
    assert sb["1930"] == (47000000, 4150000, 51150000)
    assert imp.sammanfattning["saldofil"] == "ja, SIE typ 1"
    assert imp.varningar == [
        "rad 38: filens #UB för 2023 innehåller redan årets resultat 52 000,00 (bokslut "
        "gjort); i Finsam förs resultatet till eget kapital i nästa års ingående balans, så "
        "52 000,00 förs tillbaka på konto 2010"
    ]


def test_a_type_1_year_is_one_posted_voucher_dated_the_last_day_in_a_saldo_series():
    imp = importera("typ1_arssaldon.se")
    ar = ar_(imp.forbund, 2024)
    saldo = Verifikation.objects.get(rakenskapsar=ar, serie__kod="SALDO")
    assert saldo.datum == datetime.date(2024, 12, 31)
    assert saldo.status == Verifikation.Status.BOKFORD and saldo.bokford is not None
    assert saldo.serie.saldofil is True
    assert saldo.text == "Årets rörelse enligt saldofil (SIE typ 1)"
    assert saldo.sie_import == imp
    assert sorted(saldo.rader.values_list("konto__nummer", "belopp")) == [
        ("1610", -1000000),
        ("1930", 4150000),
        ("2910", -1000000),
        ("3510", -130000050),
        ("4610", 100000025),
        ("5010", 28000025),
        ("8410", -150000),
    ]


def test_the_previous_year_of_a_type_1_file_holds_its_ib_ub_and_res():
    imp = importera("typ1_arssaldon.se")
    fg = ar_(imp.forbund, 2023)
    assert (fg.start, fg.slut) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    stammer_med_filen("typ1_arssaldon.se", fg, "-1")
    # The closing the file had made is taken back on eget kapital 2010 and comes back at
    # the next year's IB, so Finsam's own UB → IB check holds.
    assert saldobalans(fg)["2010"] == (0, 5200000, 5200000)
    from ekonomi.services import kontroll_ub_ib

    assert kontroll_ub_ib(forbund=imp.forbund, ar=2023) == []


# --- typ 2 ------------------------------------------------------------------------------


def test_a_type_2_file_gives_one_voucher_per_period_and_its_balances_per_period():
    namn = "typ2_periodsaldon_juni.se"
    imp = importera(namn)
    ar = ar_(imp.forbund, 2024)
    vers = Verifikation.objects.filter(rakenskapsar=ar, serie__kod="SALDO").order_by("nummer")
    assert [(v.nummer, v.datum, v.text) for v in vers] == [
        (m, manadsslut(2024, m), f"Saldo 2024-{m:02d} enligt saldofil (SIE typ 2)")
        for m in range(1, 6)
    ] + [(6, datetime.date(2024, 6, 30), "Saldo 2024-06 enligt saldofil (SIE typ 2)")]
    assert {v.status for v in vers} == {"B"}
    ib = filens(namn, "#IB")
    ps = psaldo(namn)
    for m in range(1, 7):
        sb = saldobalans(ar, till=manadsslut(2024, m))
        for konto in {k for k, _p in ps}:
            hittills = sum(b for (k, p), b in ps.items() if k == konto and p <= f"2024{m:02d}")
            assert sb.get(konto, (0, 0, 0))[2] == ib.get(konto, 0) + hittills, (konto, m)
    stammer_med_filen(namn, ar)
    assert imp.sammanfattning["saldofil_perioder_nya"] == (
        "2024-01, 2024-02, 2024-03, 2024-04, 2024-05, 2024-06"
    )


def test_pbudget_of_a_type_2_file_becomes_a_budget_version():
    imp = importera("typ2_periodsaldon_juni.se")
    version = ar_(imp.forbund, 2024).budgetversioner.get()
    assert version.namn == "SIE-budget 2024"
    rader = sorted(version.rader.values_list("konto__nummer", "ar", "manad", "belopp"))
    assert rader[0] == ("3510", 2024, 1, -240000000)
    assert rader[1:] == [("4610", 2024, m, 8000000) for m in range(1, 13)]


def test_next_months_file_adds_the_new_period_and_a_difference_voucher_for_a_changed_one():
    forsta = importera("typ2_periodsaldon_juni.se")
    ar = ar_(forsta.forbund, 2024)
    fore = {
        v.pk: (v.datum, v.text, sorted(v.rader.values_list("konto__nummer", "belopp")))
        for v in ar.verifikationer.all()
    }
    andra = importera("typ2_periodsaldon_juli.se", forbund=forsta.forbund)
    assert andra.sammanfattning["saldofil_perioder_nya"] == "2024-07"
    assert andra.sammanfattning["saldofil_perioder_andrade"] == "2024-03"
    assert andra.sammanfattning["saldoverifikationer_nya"] == 2
    nya = Verifikation.objects.filter(sie_import=andra).order_by("nummer")
    assert [(v.nummer, v.datum, v.text) for v in nya] == [
        (7, datetime.date(2024, 3, 31), "Ändrat saldo 2024-03 enligt ny saldofil (SIE typ 2)"),
        (8, datetime.date(2024, 7, 31), "Saldo 2024-07 enligt saldofil (SIE typ 2)"),
    ]
    assert sorted(nya[0].rader.values_list("konto__nummer", "belopp")) == [
        ("1930", -500000),
        ("4610", 500000),
    ]
    efter = {
        v.pk: (v.datum, v.text, sorted(v.rader.values_list("konto__nummer", "belopp")))
        for v in ar.verifikationer.filter(pk__in=fore)
    }
    assert efter == fore, "nothing posted is ever changed"
    stammer_med_filen("typ2_periodsaldon_juli.se", ar)
    assert saldobalans(ar, till=datetime.date(2024, 3, 31))["4610"][2] == 3 * 8000000 + 500000


def test_the_same_balance_file_again_adds_nothing():
    forsta = importera("typ2_periodsaldon_juni.se")
    fore = databasen()
    igen = importera("typ2_periodsaldon_juni.se", forbund=forsta.forbund)
    assert igen.sammanfattning["saldoverifikationer_nya"] == 0
    assert igen.sammanfattning["saldofil_perioder_nya"] == "inga"
    assert igen.sammanfattning["budget_oforandrad"] == 1
    efter = databasen()
    assert efter["Verifikation"] == fore["Verifikation"]
    assert efter["Budgetrad"] == fore["Budgetrad"]


def test_an_older_file_after_a_newer_one_is_refused():
    forsta = importera("typ2_periodsaldon_juli.se")
    fel = nekas("typ2_periodsaldon_juni.se", forbund=forsta.forbund)
    assert fel == (
        "Finsam har redan saldon för 2024 till och med 2024-07 men filen omfattar bara till "
        "och med 2024-06-30; importera en nyare fil"
    )


# --- typ 3 ------------------------------------------------------------------------------


def test_a_type_3_file_books_its_objects_per_period_and_the_oub_holds():
    imp = importera("typ3_objektsaldon.se")
    ar = ar_(imp.forbund, 2024)
    sb = selectors.saldobalans(rakenskapsar=ar, dimension=6)
    per_objekt = {
        (r.konto.nummer, r.objekt.kod if r.objekt else None): r.ub
        for r in sb.rader
        if r.konto.nummer == "4610"
    }
    assert per_objekt == {
        ("4610", "P10"): 3500000,
        ("4610", "P20"): 1500000,
        ("4610", None): 1000000,
    }
    feb = selectors.saldobalans(rakenskapsar=ar, dimension=6, till=datetime.date(2024, 2, 29))
    assert {
        (r.konto.nummer, r.objekt.kod if r.objekt else None): r.ub
        for r in feb.rader
        if r.konto.nummer == "4610"
    } == {("4610", "P10"): 3500000, ("4610", "P20"): 1500000, ("4610", None): 1000000}
    kst = selectors.saldobalans(rakenskapsar=ar, dimension=1)
    assert {
        (r.konto.nummer, r.objekt.kod if r.objekt else None): r.ub
        for r in kst.rader
        if r.konto.nummer == "4610"
    } == {("4610", "K1"): 1000000, ("4610", None): 5000000}
    stammer_med_filen("typ3_objektsaldon.se", ar)


# --- refusals ---------------------------------------------------------------------------


def test_psaldo_that_contradicts_the_res_is_refused_naming_the_line():
    assert nekas("typ2_psaldo_motsager_res.se") == (
        "rad 29: konto 4610: #PSALDO summerar till 300,00 men #RES är 400,00"
    )


def test_a_period_whose_balances_do_not_sum_to_zero_is_refused_naming_the_line():
    assert nekas("typ2_period_balanserar_inte.se") == (
        "rad 30: saldona för 2024-01 summerar till 300,00, inte 0; en saldofil måste ha "
        "saldon för alla konton med rörelse"
    )


def test_a_balance_file_is_refused_for_a_year_with_ordinary_vouchers():
    forbund = Forbund.objects.create(namn="Exempeldalen", orgnr="555555-5555")
    importera("typ4_ub_minus1_utan_ib0.se", forbund=forbund)
    # The same balances as a typ 1 file (no vouchers) for the same year.
    typ4 = (FILER / "typ4_ub_minus1_utan_ib0.se").read_bytes()
    typ1 = typ4.split(b"#VER")[0].replace(b"#SIETYP 4", b"#SIETYP 1")
    fel = nekas(typ1, forbund=forbund)
    assert fel.endswith(
        "räkenskapsåret 2024 har redan verifikationer; en saldofil kan bara läggas till ett "
        "år som bara har saldon"
    )


def test_a_balance_file_into_a_locked_period_is_refused():
    forsta = importera("typ2_periodsaldon_juni.se")
    ar = ar_(forsta.forbund, 2024)
    ar.perioder.filter(start=datetime.date(2024, 7, 1)).update(last=True)
    fel = nekas("typ2_periodsaldon_juli.se", forbund=forsta.forbund)
    assert fel.endswith("perioden 2024-07 är låst")


def test_a_psaldo_period_outside_the_year_is_refused():
    text = (FILER / "typ2_psaldo_motsager_res.se").read_bytes()
    text = text.replace(b"#PSALDO 0 202401", b"#PSALDO 0 202501")
    fore = databasen()
    with pytest.raises(SieFel) as fel:
        importera(text)
    assert databasen() == fore
    assert str(fel.value) == "rad 30: #PSALDO för period 2025-01 ligger utanför 2024"


# --- year handling ----------------------------------------------------------------------


def test_without_ib_0_the_opening_balance_is_the_previous_years_ub():
    imp = importera("typ4_ub_minus1_utan_ib0.se")
    ar = ar_(imp.forbund, 2024)
    sb = saldobalans(ar)
    assert sb["1930"] == (3740078, 12300522, 16040600)
    assert sb["2060"][0] == -3740078
    assert imp.varningar == [
        "rad 27: filen saknar #IB 0; ingående balans tas från föregående års #UB -1"
    ]


def test_a_generated_type_2_file_of_12_periods_and_500_accounts_holds_every_period():
    from tests.sie.saldofiler import typ2_fil

    text, ib, ps = typ2_fil(konton=500, perioder=12)
    imp = importera(text.encode("cp437"))
    ar = ar_(imp.forbund, 2024)
    assert imp.sammanfattning["saldoverifikationer_nya"] == 12
    for m in (1, 6, 12):
        sb = saldobalans(ar, till=manadsslut(2024, m))
        for konto in ps:
            vantat = ib.get(konto, 0) + sum(ps[konto][:m])
            assert sb.get(konto, (0, 0, 0))[2] == vantat, (konto, m)
    assert Serie.objects.get(rakenskapsar=ar, kod="SALDO").senaste_nummer == 12


# --- where the books hold balances only -------------------------------------------------


# --- export and import again ------------------------------------------------------------
