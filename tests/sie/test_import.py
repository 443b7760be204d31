import datetime

import pytest

from ekonomi.models import (
    Budgetrad,
    Dimension,
    Konto,
    Objekt,
    Rad,
    Rakenskapsar,
    Serie,
    SieImport,
    Verifikation,
)
from ekonomi.sie.importer import SieFel, sie_importera
from forbund.models import Forbund
from insatser.models import Insats
from tests.sie.conftest import A1, A2, A3, HUVUD, databasen, saldo, sie, ver

pytestmark = pytest.mark.django_db


def importera(text, **kwargs):
    kwargs.setdefault("user", None)
    return sie_importera(fil=sie(text), **kwargs)


def nekas(text, **kwargs):
    fore = databasen()
    with pytest.raises(SieFel) as fel:
        importera(text, **kwargs)
    assert databasen() == fore, "en nekad fil får inte lämna något efter sig"
    return str(fel.value)


def test_a_file_creates_forbund_year_periods_chart_and_posted_vouchers(kansli):
    imp = importera(HUVUD.replace("222000-1008", "222000-1016") + A1 + A2, user=kansli)
    forbund = Forbund.objects.get(orgnr="222000-1016")
    assert forbund.namn == "Samordningsförbundet Testbygden"
    ar = Rakenskapsar.objects.get(forbund=forbund)
    assert (ar.start, ar.slut) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert ar.perioder.count() == 12
    assert dict(Konto.objects.filter(forbund=forbund).values_list("nummer", "typ")) == {
        "1930": "T",
        "2910": "S",
        "2060": "S",
        "3510": "I",
        "4610": "K",
    }
    assert imp.status == SieImport.Status.KLAR and imp.user == kansli
    assert imp.sammanfattning["verifikationer_nya"] == 2
    assert imp.sammanfattning["rader_nya"] == 4
    vers = Verifikation.objects.filter(rakenskapsar=ar).order_by("serie__kod", "nummer")
    assert [(v.serie.kod, v.nummer, v.status) for v in vers] == [
        ("A", 1, "B"),
        ("A", 2, "B"),
        ("IB", 1, "B"),
    ]
    assert Serie.objects.get(rakenskapsar=ar, kod="A").senaste_nummer == 2
    assert saldo(forbund, "1930") == 10_000_000 + 5_000_000
    assert saldo(forbund, "4610") == 120050


def test_the_ib_becomes_one_voucher_in_series_ib_on_the_first_day(forbund):
    importera(HUVUD + A1, forbund=forbund)
    ib = Verifikation.objects.get(serie__kod="IB")
    assert ib.datum == datetime.date(2024, 1, 1)
    assert sorted(ib.rader.values_list("konto__nummer", "belopp")) == [
        ("1930", 10_000_000),
        ("2060", -10_000_000),
    ]


def test_objects_link_rows_and_dimension_6_becomes_an_insats(forbund):
    befintlig = Insats.objects.create(forbund=forbund, namn="Unga till arbete", typ="individ")
    importera(HUVUD + A2, forbund=forbund)
    rad = Rad.objects.get(konto__nummer="4610")
    assert sorted(rad.objekt.values_list("dimension__nummer", "kod")) == [(1, "K10"), (6, "P1")]
    befintlig.refresh_from_db()
    assert befintlig.objekt == Objekt.objects.get(dimension__nummer=6, kod="P1")


def test_an_object_of_dimension_6_without_an_insats_creates_one(forbund):
    importera(HUVUD + A2, forbund=forbund)
    insats = Insats.objects.get(forbund=forbund)
    assert insats.namn == "Unga till arbete"
    assert insats.objekt.kod == "P1"


def test_two_objects_of_one_dimension_on_a_row_refuse_the_file_naming_the_line(forbund):
    """A row on two projects would count its amount in both: the projects would add up
    to more than the account."""
    fel_ver = ver(
        "A", 2, "20240220", "Två projekt", '4610 {6 "P1" 6 "P2"} 100.00', "2910 {} -100.00"
    )
    text = HUVUD + '#OBJEKT 6 "P2" "Andra"\n' + A1 + fel_ver
    fel = nekas(text, forbund=forbund)
    rad = text.splitlines().index('#TRANS 4610 {6 "P1" 6 "P2"} 100.00') + 1
    assert fel == (
        f"rad {rad}: raden har två objekt i dimension 6 (”P1” och ”P2”); en rad kan ha "
        "högst ett objekt per dimension"
    )


def test_the_same_object_twice_on_a_row_is_read_once(forbund):
    importera(
        HUVUD + ver("A", 2, "20240220", "Dubbel", '4610 {6 "P1" 6 "P1"} 5.00', "2910 {} -5.00"),
        forbund=forbund,
    )
    rad = Rad.objects.get(konto__nummer="4610")
    assert list(rad.objekt.values_list("dimension__nummer", "kod")) == [(6, "P1")]


def test_an_unbalanced_voucher_refuses_the_whole_file_naming_line_and_difference(forbund):
    text = HUVUD + A1 + ver("A", 17, "20240301", "Fel", "1930 {} 100.50", "3510 {} -100.00")
    fel = nekas(text, forbund=forbund)
    rad = text.splitlines().index('#VER A 17 20240301 "Fel"') + 1
    assert fel == f"rad {rad}: verifikation A 17 balanserar inte (differens 0,50)"


def test_an_empty_voucher_is_skipped_with_a_warning(forbund):
    imp = importera(HUVUD + A1 + '#VER A 2 20240301 "Tom"\n{\n}\n', forbund=forbund)
    assert imp.sammanfattning["tomma_hoppade"] == 1
    assert any("verifikation A 2 saknar rader och hoppas över" in v for v in imp.varningar)
    assert not Verifikation.objects.filter(nummer=2, serie__kod="A").exists()


def test_a_voucher_without_series_goes_to_the_default_series_keeping_its_number(forbund):
    imp = importera(
        HUVUD + '#VER "" 1 20240115 "x"\n{\n#TRANS 1930 {} 1\n#TRANS 3510 {} -1\n}\n',
        forbund=forbund,
    )
    assert Verifikation.objects.get(sie_import=imp, serie__kod="SIE").nummer == 1
    assert imp.sammanfattning["standardserie"] == "SIE (1 st)"


def test_an_impossible_date_is_refused(forbund):
    fel = nekas(HUVUD + A1.replace("20240115", "20241301"), forbund=forbund)
    assert fel.endswith("omöjligt verifikationsdatum ”20241301”")
    assert fel.startswith(f"rad {HUVUD.count(chr(10)) + 1}:")


def test_a_date_outside_the_year_is_refused(forbund):
    fel = nekas(HUVUD + A1.replace("20240115", "20250115"), forbund=forbund)
    assert "ligger utanför räkenskapsåret 2024-01-01–2024-12-31" in fel


def test_a_non_numeric_account_is_refused(forbund):
    fel = nekas(HUVUD + A1.replace("3510 {} -50000.00", "35X0 {} -50000.00"), forbund=forbund)
    assert fel == f"rad {HUVUD.count(chr(10)) + 4}: kontonumret ”35X0” är inte numeriskt"


def test_escaped_quotes_survive_into_the_voucher_text(forbund):
    text = HUVUD + ver("K", 1, "20240502", 'Försäljning \\"DF:157\\"', "1930 {} 1", "3510 {} -1")
    importera(text, forbund=forbund)
    assert Verifikation.objects.get(serie__kod="K").text == 'Försäljning "DF:157"'


def test_the_same_file_twice_adds_nothing(forbund):
    text = HUVUD + A1 + A2
    importera(text, forbund=forbund)
    fore = databasen()
    imp = importera(text, forbund=forbund)
    efter = databasen()
    assert imp.sammanfattning.get("verifikationer_nya", 0) == 0
    assert imp.sammanfattning["verifikationer_redan"] == 2
    # Only the record of the second import (and its audit row) is new.
    assert {k: efter[k] - fore[k] for k in efter if efter[k] != fore[k]} == {
        "SieImport": 1,
        "Logghandelse": 1,
    }


def test_a_later_export_of_the_year_adds_only_the_new_vouchers(forbund):
    importera(HUVUD + A1 + A2, forbund=forbund)
    imp = importera(HUVUD + A1 + A2 + A3, forbund=forbund)
    assert imp.sammanfattning["verifikationer_nya"] == 1
    assert imp.sammanfattning["verifikationer_redan"] == 2
    assert list(imp.verifikationer.values_list("nummer", flat=True)) == [3]
    assert Serie.objects.get(kod="A").senaste_nummer == 3
    assert saldo(forbund, "2910") == 0


@pytest.mark.parametrize(
    "andrad,vad",
    [
        (A2.replace("20240220", "20240221"), "datum 2024-02-20 → 2024-02-21"),
        (A2.replace("Faktura insats", "Faktura"), "text"),
        (A2.replace("1200.50", "1200.00"), "rader"),
        (A2.replace(' 6 "P1"', ""), "rader"),
    ],
)
def test_a_changed_voucher_that_was_imported_before_refuses_the_file(forbund, andrad, vad):
    importera(HUVUD + A1 + A2, forbund=forbund)
    fel = nekas(HUVUD + A1 + andrad + A3, forbund=forbund)
    assert "verifikation A 2 är redan bokförd men har ändrats i filen" in fel
    assert f"({vad})" in fel


def test_a_voucher_number_twice_in_one_file_is_refused(forbund):
    fel = nekas(HUVUD + A1 + A1, forbund=forbund)
    assert "verifikation A 1 förekommer två gånger i filen" in fel


def test_ub_and_res_are_proved_after_the_import(forbund):
    text = HUVUD + "#UB 0 1930 150000.00\n#RES 0 3510 -50000.00\n" + A1
    imp = importera(text, forbund=forbund)
    assert imp.sammanfattning["kontrollerade_saldon"] == 2


def test_a_ub_that_the_vouchers_do_not_reach_refuses_the_file(forbund):
    text = HUVUD + "#UB 0 1930 150000.01\n" + A1
    fel = nekas(text, forbund=forbund)
    rad = text.splitlines().index("#UB 0 1930 150000.01") + 1
    assert fel == (
        f"rad {rad}: konto 1930: #UB 150 000,01 men IB + verifikationer ger 150 000,00 "
        "(differens -0,01)"
    )


def test_object_balances_are_proved(forbund):
    text = HUVUD + '#OUB 0 4610 {6 "P1"} 1200.50\n#OUB 0 4610 {1 "K10"} 1200.00\n' + A2
    fel = nekas(text, forbund=forbund)
    assert "konto 4610 objekt 1/K10: #OUB 1 200,00 men #OIB + verifikationer ger 1 200,50" in fel


def test_an_ib_that_differs_from_the_years_ib_voucher_is_refused(forbund):
    importera(HUVUD + A1, forbund=forbund)
    fel = nekas(
        HUVUD.replace("100000.00", "90000.00").replace("-100000.00", "-90000.00") + A1,
        forbund=forbund,
    )
    assert "ingående balans för konto 1930 är 90 000,00 i filen men 100 000,00" in fel


def test_a_file_of_another_organisation_is_refused_in_this_forbund(forbund):
    fel = nekas(HUVUD.replace("222000-1008", "222000-1016") + A1, forbund=forbund)
    assert fel == (
        "rad 7: filen gäller organisationsnummer 222000-1016, inte "
        "Samordningsförbundet Testbygden (222000-1008)"
    )


def test_ktyp_decides_the_type_and_a_missing_ktyp_is_inferred_with_a_warning(forbund):
    text = HUVUD.replace("#KTYP 2060 S\n", "#KTYP 2060 T\n") + '#KONTO 8410 "Ränteintäkter"\n'
    imp = importera(text, forbund=forbund)
    typer = dict(Konto.objects.filter(forbund=forbund).values_list("nummer", "typ"))
    assert typer["2060"] == "T"
    assert typer["8410"] == "I"
    assert any("konto 8410 saknar #KTYP; typ I efter kontoklass" in v for v in imp.varningar)


def test_an_existing_account_keeps_its_type_and_the_conflict_is_warned(forbund):
    Konto.objects.create(forbund=forbund, nummer="2060", namn="Eget kapital", typ="S")
    imp = importera(HUVUD.replace("#KTYP 2060 S\n", "#KTYP 2060 T\n"), forbund=forbund)
    assert Konto.objects.get(nummer="2060").typ == "S"
    assert any("konto 2060 har typ T i filen men S i Finsam" in v for v in imp.varningar)


def test_an_unused_standard_account_takes_the_files_name_a_used_one_keeps_its_own(forbund):
    # A new förbund starts with the standard chart; its own books name the accounts.
    Konto.objects.create(
        forbund=forbund, nummer="3510", namn="Medlemsbidrag Arbetsförmedlingen", typ="I"
    )
    imp = importera(HUVUD + A1, forbund=forbund)
    assert Konto.objects.get(nummer="3510").namn == "Bidrag från medlemmar"
    assert imp.sammanfattning["konton_namn_fran_filen"] == 1
    assert any(
        "konto 3510 får filens namn ”Bidrag från medlemmar” (hette ”Medlemsbidrag "
        "Arbetsförmedlingen”)" in v
        for v in imp.varningar
    )
    # Once it carries amounts, a later file's other name is only warned about.
    imp = importera(
        HUVUD.replace('"Bidrag från medlemmar"', '"Medlemsavgifter"') + A1 + A2, forbund=forbund
    )
    assert Konto.objects.get(nummer="3510").namn == "Bidrag från medlemmar"
    assert any(
        "konto 3510 heter ”Medlemsavgifter” i filen; Finsams namn" in v for v in imp.varningar
    )


def test_unknown_labels_are_skipped_with_a_warning(forbund):
    imp = importera(HUVUD + "#NYHET 1 2\n#NYHET 3\n" + A1, forbund=forbund)
    assert (
        f"rad {HUVUD.count(chr(10)) + 1}: okänd etikett #NYHET hoppades över (2 st)"
        in imp.varningar
    )


def test_budget_becomes_a_budget_version_once(forbund):
    budget = "".join(f'#PBUDGET 0 2024{m:02d} 4610 {{6 "P1"}} 1000.00\n' for m in range(1, 13))
    importera(HUVUD + budget, forbund=forbund)
    importera(HUVUD + budget, forbund=forbund)
    rader = Budgetrad.objects.filter(version__rakenskapsar__forbund=forbund)
    assert rader.count() == 12
    assert sorted(rader.values_list("manad", flat=True)) == list(range(1, 13))
    assert {r.objekt.kod for r in rader} == {"P1"}
    assert sum(r.belopp for r in rader) == 1_200_000


def test_a_dry_run_saves_nothing_and_reports_what_it_would_add(forbund):
    fore = databasen()
    imp = importera(HUVUD + A1 + A2, forbund=forbund, dry_run=True)
    assert databasen() == fore
    assert imp.pk is None and imp.status == SieImport.Status.TORRKORNING
    assert imp.sammanfattning["verifikationer_nya"] == 2


def test_an_unnumbered_voucher_of_a_4i_file_gets_the_next_number_once(forbund):
    text = HUVUD + A1 + ver("A", '""', "20240301", "Lön", "4610 {} 10", "1930 {} -10")
    importera(text, forbund=forbund)
    importera(text, forbund=forbund)
    assert list(
        Verifikation.objects.filter(serie__kod="A")
        .values_list("nummer", flat=True)
        .order_by("nummer")
    ) == [1, 2]


def test_a_file_without_rar_uses_the_calendar_year_of_its_vouchers(forbund):
    text = "#FLAGGA 0\n#SIETYP 4\n#ORGNR 222000-1008\n" + A1
    imp = importera(text, forbund=forbund)
    assert str(Rakenskapsar.objects.get(forbund=forbund)) == "2024"
    assert any("filen saknar #RAR" in v for v in imp.varningar)


def test_a_closed_year_takes_no_vouchers(forbund):
    Rakenskapsar.objects.create(
        forbund=forbund,
        start=datetime.date(2024, 1, 1),
        slut=datetime.date(2024, 12, 31),
        stangt=True,
    )
    fel = nekas(HUVUD + A1, forbund=forbund)
    assert "räkenskapsåret 2024 är stängt" in fel


def test_the_file_name_is_only_a_label(forbund):
    fil = sie(HUVUD + A1)
    imp = sie_importera(fil=fil, forbund=forbund, user=None, filnamn="../../etc/passwd")
    assert imp.filnamn == "passwd"


def test_a_file_over_the_size_limit_is_refused(forbund, settings):
    settings.FINSAM_MAX_UPLOAD_BYTES = 100
    fel = nekas(HUVUD + A1, forbund=forbund)
    assert fel.startswith("filen är för stor")


def test_dimensions_and_objects_merge_with_existing_ones(forbund):
    d = Dimension.objects.create(forbund=forbund, nummer=1, namn="Kst")
    Objekt.objects.create(dimension=d, kod="K10", namn="Kansliet")
    importera(HUVUD + A2, forbund=forbund)
    assert Dimension.objects.filter(forbund=forbund).count() == 2
    assert Objekt.objects.get(dimension=d, kod="K10").namn == "Kansliet"


def test_the_proof_reads_the_database_balances_of_the_posted_rows(forbund):
    imp = importera(HUVUD + "#UB 0 1930 150000.00\n" + A1, forbund=forbund)
    assert imp.sammanfattning["kontrollerade_saldon"] == 1
