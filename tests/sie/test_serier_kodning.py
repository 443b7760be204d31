"""Series, numbers, encodings, marks and identity as real SIE exports write them."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ekonomi.models import Konto, Rad, Serie, SieImport, Verifikation
from ekonomi.sie.importer import InteSieFil, SieFel, sie_importera
from ekonomi.sie.parser import Parser, las_kodning
from forbund.models import Forbund
from tests.sie.conftest import A1, FALTFALL, FILER, HUVUD, databasen, kraver, sie
from tests.sie.test_export import exportera, till_nytt_forbund

pytestmark = pytest.mark.django_db


def fil(namn: str) -> io.BytesIO:
    data = io.BytesIO((FILER / namn).read_bytes())
    data.name = namn
    return data


def nekas(data, **kwargs) -> SieFel:
    fore = databasen()
    with pytest.raises(SieFel) as fel:
        sie_importera(fil=data, user=None, **kwargs)
    assert databasen() == fore, "en nekad fil får inte lämna något efter sig"
    return fel.value


# --- series and numbers ---------------------------------------------------------------------


def test_vouchers_without_series_go_to_the_default_series_with_the_next_number(forbund):
    forbund.orgnr = "222000-1024"
    forbund.save()
    imp = sie_importera(fil=fil("typ4i_lon_tom_serie.si"), forbund=forbund, user=None)
    vers = Verifikation.objects.filter(sie_import=imp).order_by("nummer")
    # The given number is kept; the unnumbered voucher takes the next after the file's.
    assert [(v.serie.kod, v.nummer, v.text) for v in vers] == [
        ("SIE", 64, "Rättelse lön april"),
        ("SIE", 65, "Lönekörning april"),
    ]
    assert all(v.status == "B" for v in vers)
    assert imp.sammanfattning["standardserie"] == "SIE (2 st)"
    assert Serie.objects.get(kod="SIE").senaste_nummer == 65


def test_the_default_series_is_chosen_by_the_user(forbund):
    forbund.orgnr = "222000-1024"
    forbund.save()
    imp = sie_importera(
        fil=fil("typ4i_lon_tom_serie.si"), forbund=forbund, user=None, standardserie="L"
    )
    assert sorted(
        Verifikation.objects.filter(sie_import=imp).values_list("serie__kod", "nummer")
    ) == [("L", 64), ("L", 65)]
    assert imp.sammanfattning["standardserie"] == "L (2 st)"


def test_the_same_4i_file_again_adds_nothing_new(forbund):
    forbund.orgnr = "222000-1024"
    forbund.save()
    sie_importera(fil=fil("typ4i_lon_tom_serie.si"), forbund=forbund, user=None)
    imp = sie_importera(fil=fil("typ4i_lon_tom_serie.si"), forbund=forbund, user=None)
    assert imp.sammanfattning["verifikationer_redan"] == 2
    assert Verifikation.objects.filter(serie__kod="SIE").count() == 2


def test_long_series_with_spaces_are_kept_as_written_and_round_trip():
    imp = sie_importera(fil=fil("serie_med_mellanslag.se"), user=None)
    assert sorted(Serie.objects.exclude(kod="IB").values_list("kod", flat=True)) == [
        "EXTERNAL MAP",
        "EXTERNAL V",
        "Leverantörsfakturor",
    ]
    assert Verifikation.objects.get(serie__kod="EXTERNAL MAP").nummer == 1
    ut = exportera(imp.forbund)
    assert b'#VER "EXTERNAL MAP" 1 20231231 "Byte till ny kontoplan"' in ut
    kopia = sie_importera(fil=io.BytesIO(till_nytt_forbund(ut, "222000-1016")), user=None)
    assert sorted(
        Verifikation.objects.filter(sie_import=kopia)
        .exclude(serie__kod="IB")
        .values_list("serie__kod", "nummer")
    ) == [("EXTERNAL MAP", 1), ("EXTERNAL V", 1), ("Leverantörsfakturor", 1)]


def test_the_series_is_shown_as_written_in_the_voucher_list(client_as, kansli):
    imp = sie_importera(fil=fil("serie_med_mellanslag.se"), user=None)
    kansli.behorigheter.create(forbund=imp.forbund, roll="kansli")
    ar = Verifikation.objects.filter(sie_import=imp).first().rakenskapsar
    url = reverse("ekonomi:verifikation-list", kwargs={"orgnr": imp.forbund.orgnr})
    svar = client_as(kansli).get(url, {"ar": ar.pk})
    assert svar.status_code == 200
    assert "EXTERNAL MAP 1" in svar.content.decode()


def test_a_series_over_50_characters_is_refused_naming_the_line(forbund):
    text = HUVUD + A1.replace("#VER A 1", "#VER " + "S" * 51 + " 1")
    fel = nekas(sie(text), forbund=forbund)
    assert str(fel) == (
        f"rad {HUVUD.count(chr(10)) + 1}: serien ”SSSSSSSSSSSSSSSSSSSS…” är för lång "
        "(högst 50 tecken)"
    )


# --- encodings ---------------------------------------------------------------------------------


def _inga_styrtecken():
    texter = list(Verifikation.objects.values_list("text", flat=True))
    texter += list(Rad.objects.values_list("text", flat=True))
    texter += list(Konto.objects.values_list("namn", flat=True))
    texter += list(Forbund.objects.values_list("namn", flat=True))
    for text in texter:
        assert not any("\x80" <= c <= "\x9f" or c < " " for c in text), repr(text)


def test_windows_1252_typographic_quotes_dashes_and_euro_read_correctly():
    imp = sie_importera(fil=fil("cp1252_typografiska_citat.si"), user=None)
    assert imp.sammanfattning["kodning"] == "windows-1252"
    assert Konto.objects.get(nummer="3041").namn == "Försäljning tjänster"
    assert Verifikation.objects.get(nummer=101).text == "Faktura 101 ”Konsultstöd” – januari"
    assert Rad.objects.get(belopp=-1000000).text == "Tjänst ”Konsultstöd” à 100 €"
    assert not any("osäker" in v for v in imp.varningar)
    _inga_styrtecken()


@pytest.mark.parametrize(
    ("kodning", "vantat"),
    [
        ("cp437", "cp437"),
        ("utf-8", "utf-8"),
        ("iso-8859-1", "iso-8859-1"),
        ("cp1252", "windows-1252"),
    ],
)
def test_swedish_letters_and_typography_choose_the_encoding(kodning, vantat):
    text = '#FLAGGA 0\n#KONTO 5010 "Lön och årsarvode – Östra Äng"\n'
    if kodning == "cp437":
        text = text.replace("–", "-")  # CP437 has no dash
    if kodning == "iso-8859-1":
        text = text.replace("–", "-")
    data = io.BytesIO(text.encode(kodning))
    info = las_kodning(data)
    assert info.kodning == vantat
    poster = list(Parser(data, info.kodning, info.alternativ).poster())
    assert poster[1].falt[1] == text.splitlines()[1].split('"')[1]


def test_cp437_letters_are_not_taken_for_windows_1252_quotes():
    data = io.BytesIO('#FLAGGA 0\n#KONTO 5010 "Löner för ”kansli”"\n'.encode("cp1252"))
    assert las_kodning(data).kodning == "windows-1252"
    data = io.BytesIO('#FLAGGA 0\n#KONTO 5010 "Löner för kansliet"\n'.encode("cp437"))
    assert las_kodning(data).kodning == "cp437"


def test_c1_control_characters_in_utf8_become_the_windows_1252_characters(forbund):
    text = HUVUD + A1.replace("Bidrag FK", "Bidrag \x94FK\x94 \x96 januari\x81")
    imp = sie_importera(fil=sie(text), forbund=forbund, user=None)
    assert Verifikation.objects.get(serie__kod="A").text == "Bidrag ”FK” – januari"
    rad = HUVUD.count("\n") + 1
    assert (
        f"rad {rad}: styrtecken (C1) i texten lästes som Windows-1252-tecken (t.ex. ” och –)"
        in (imp.varningar)
    )
    _inga_styrtecken()


def test_other_control_characters_become_spaces_with_a_warning(forbund):
    text = HUVUD + A1.replace("Bidrag FK", "Bidrag\x00FK\x07")
    imp = sie_importera(fil=sie(text), forbund=forbund, user=None)
    assert Verifikation.objects.get(serie__kod="A").text == "Bidrag FK "
    assert f"rad {HUVUD.count(chr(10)) + 1}: styrtecken i raden ersattes med mellanslag" in (
        imp.varningar
    )


def test_an_ambiguous_encoding_is_warned_about_with_a_sample_line(forbund):
    # 0x94 after a word: "ö" in CP437 ("Hejö"), "”" in Windows-1252 ("Hej”"): either reads.
    text = HUVUD.encode("ascii", "replace") + (
        b'#VER A 1 20240115 "Hej\x94 igen"\n{\n#TRANS 1930 {} 1\n#TRANS 3510 {} -1\n}\n'
    )
    imp = sie_importera(fil=io.BytesIO(text), forbund=forbund, user=None)
    rad = HUVUD.count("\n") + 1
    varning = [v for v in imp.varningar if "teckenkodningen är osäker" in v]
    assert varning == [
        f"rad {rad}: teckenkodningen är osäker: filen lästes som cp437 men kan vara "
        f'windows-1252; kontrollera texten ”#VER A 1 20240115 "Hejö igen"”'
    ]


# --- marks and identity ------------------------------------------------------------------------

FLAGGA_4I = (
    "#FLAGGA 1\n#SIETYP 4\n#ORGNR 222000-1008\n"
    + '#VER "" "" 20240301 "Lön"\n{\n#TRANS 4610 {} 10\n#TRANS 1930 {} -10\n}\n'
)


def test_flagga_1_needs_confirmation_before_unnumbered_vouchers_are_booked(forbund):
    fel = nekas(sie(FLAGGA_4I), forbund=forbund)
    assert str(fel).startswith("rad 1: #FLAGGA 1: filen är markerad som redan inläst")
    assert "(den första på rad 4)" in str(fel)
    imp = sie_importera(fil=sie(FLAGGA_4I), forbund=forbund, user=None, bekrafta=True)
    assert imp.sammanfattning["verifikationer_nya"] == 1
    assert imp.sammanfattning["flagga"] == "1"
    assert any("#FLAGGA 1" in v for v in imp.varningar)


def test_flagga_1_in_a_dry_run_says_confirmation_will_be_needed(forbund):
    imp = sie_importera(fil=sie(FLAGGA_4I), forbund=forbund, user=None, dry_run=True)
    assert imp.sammanfattning["flagga"] == "1 (kräver bekräftelse)"


def test_flagga_1_with_numbered_vouchers_only_warns(forbund):
    imp = sie_importera(
        fil=sie(HUVUD.replace("#FLAGGA 0", "#FLAGGA 1") + A1), forbund=forbund, user=None
    )
    assert imp.sammanfattning["verifikationer_nya"] == 1
    assert any(v.startswith("rad 1: #FLAGGA 1") for v in imp.varningar)


INTE_SIE = {
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "den ser ut att vara en PDF"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "den ser ut att vara en PNG-bild"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "den ser ut att vara en JPEG-bild"),
    "xlsx": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml", "ett zip-arkiv"),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "äldre Office-dokument"),
    "binar": (bytes(range(256)) * 4, "den innehåller binärdata"),
    "text": (b"Konto;Namn;Belopp\n1930;Bank;100\n", "börjar inte med en SIE-etikett"),
    "etiketter": (b"#!/bin/sh\n#echo hej\n", "inga SIE-etiketter"),
}


@pytest.mark.parametrize("vad", sorted(INTE_SIE))
def test_a_file_that_is_not_sie_is_refused_at_once(forbund, vad):
    data, orsak = INTE_SIE[vad]
    fel = nekas(io.BytesIO(data), forbund=forbund)
    assert isinstance(fel, InteSieFil)
    assert str(fel).startswith("rad 1: filen är inte en SIE-fil (")
    assert orsak in str(fel)


def test_a_wrong_check_digit_never_blocks_an_import_into_a_chosen_forbund(forbund):
    text = HUVUD.replace("222000-1008", "112233-4567") + A1
    imp = sie_importera(fil=sie(text), forbund=forbund, user=None)
    assert imp.forbund == forbund and imp.sammanfattning["verifikationer_nya"] == 1
    assert imp.sammanfattning["orgnr_fil"] == "112233-4567"
    assert (
        "rad 7: organisationsnumret 112233-4567 i filen är ogiltigt (fel form eller "
        "kontrollsiffra); filen lästes in i det valda förbundet Samordningsförbundet "
        "Testbygden" in imp.varningar
    )


def test_a_missing_orgnr_never_blocks_an_import_into_a_chosen_forbund(forbund):
    imp = sie_importera(
        fil=sie(HUVUD.replace("#ORGNR 222000-1008\n", "") + A1), forbund=forbund, user=None
    )
    assert imp.sammanfattning["orgnr_fil"] == "saknas"
    assert imp.sammanfattning["verifikationer_nya"] == 1


def test_a_valid_orgnr_is_shown_in_the_summary(forbund):
    imp = sie_importera(fil=sie(HUVUD + A1), forbund=forbund, user=None)
    assert imp.sammanfattning["orgnr_fil"] == "222000-1008"


def test_a_year_longer_than_18_months_is_refused(forbund):
    text = HUVUD.replace("#RAR 0 20240101 20241231", "#RAR 0 00010101 99991231")
    fel = nekas(sie(text), forbund=forbund)
    assert str(fel) == "rad 8: räkenskapsåret 0001-01-01–9999-12-31 är längre än 18 månader"


# --- the command ---------------------------------------------------------------------------------


def test_import_sie_takes_a_series_and_a_confirmation(tmp_path, forbund, capsys):
    sokvag = tmp_path / "lon.si"
    sokvag.write_text(FLAGGA_4I, encoding="utf-8")
    with pytest.raises(CommandError, match="rad 1: #FLAGGA 1"):
        call_command("import_sie", str(sokvag), "--forbund", forbund.orgnr)
    call_command(
        "import_sie", str(sokvag), "--forbund", forbund.orgnr, "--serie", "LÖN", "--bekrafta"
    )
    assert Verifikation.objects.get().serie.kod == "LÖN"
    assert "standardserie: LÖN (1 st)" in capsys.readouterr().out


def test_import_sie_with_forbund_accepts_a_file_with_a_bad_orgnr(tmp_path, forbund, capsys):
    sokvag = tmp_path / "bok.se"
    sokvag.write_text(HUVUD.replace("222000-1008", "112233-4567") + A1, encoding="utf-8")
    call_command("import_sie", str(sokvag), "--forbund", forbund.orgnr)
    assert "orgnr_fil: 112233-4567" in capsys.readouterr().out


def test_import_sie_records_nothing_for_a_file_that_is_not_sie(tmp_path, forbund):
    sokvag = tmp_path / "bild.png"
    sokvag.write_bytes(INTE_SIE["png"][0])
    with pytest.raises(CommandError, match="inte en SIE-fil"):
        call_command("import_sie", str(sokvag), "--forbund", forbund.orgnr)
    assert not SieImport.objects.exists()


# --- the field cases in ../shared (where present) ---------------------------------------------


@kraver(FALTFALL)
def test_field_case_empty_series_4i(forbund):
    Forbund.objects.create(namn="Lönexempel", orgnr="555555-5555")
    with (FALTFALL / "sie4i_tom_serie.si").open("rb") as fh:
        imp = sie_importera(fil=fh, forbund=Forbund.objects.get(orgnr="555555-5555"), user=None)
    v = Verifikation.objects.get(sie_import=imp)
    assert (v.serie.kod, v.nummer, v.text) == ("SIE", 1, "Lönekörning april")
    assert imp.sammanfattning["standardserie"] == "SIE (1 st)"


@kraver(FALTFALL)
def test_field_case_series_over_10_characters():
    with (FALTFALL / "sie_serie_over_10_tecken.se").open("rb") as fh:
        imp = sie_importera(fil=fh, user=None)
    assert Verifikation.objects.filter(sie_import=imp, serie__kod="EXTERNAL MAP").count() == 1
    assert Verifikation.objects.filter(sie_import=imp, serie__kod="EXTERNAL V").count() == 7


@kraver(FALTFALL)
def test_field_case_windows_1252():
    with (FALTFALL / "sie_cp1252_typografiska_citat.si").open("rb") as fh:
        sie_importera(fil=fh, user=None)
    assert Konto.objects.get(nummer="3041").namn == "Försäljning tjänster"
    assert Verifikation.objects.get(nummer=101).text == "Faktura 101 ”Konsultstöd” – januari"
    _inga_styrtecken()


def test_balances_without_rar_are_refused_since_they_cannot_be_proved(forbund):
    # Found by the mutation property: a file that lost its #RAR imported its vouchers
    # while its #IB/#UB went unread and unproved.
    text = HUVUD.replace("#RAR 0 20240101 20241231\n", "") + "#UB 0 1930 1.00\n" + A1
    fel = nekas(sie(text), forbund=forbund)
    rad = text[: text.index("#IB 0 1930")].count("\n") + 1
    assert str(fel) == (
        f"rad {rad}: filen har saldon för räkenskapsår 0 men saknar #RAR 0 (årets första "
        "och sista dag), så saldona kan inte prövas"
    )
