"""Every conformance file: it imports with the balances it declares, or it is refused with
a line-numbered message and nothing is saved."""

import pytest
from django.db.models import Sum

from ekonomi.models import Rad
from ekonomi.sie.importer import SieFel, sie_importera
from ekonomi.sie.parser import Parser, Post, las_kodning
from tests.sie.conftest import FIXTURER, databasen, kraver
from tests.sie.utfall import Nekad, Ok, kontrollera_utfall

# The public files live in ../shared: run where it exists, reported as skipped elsewhere.
pytestmark = kraver(FIXTURER)

UTFALL = {
    "jsisie__BL0001_typ4.SE": Nekad(469, "verifikation # 1 förekommer två gånger i filen"),
    # Typ 4I: no #ORGNR, no series, number 0: imported into a chosen förbund's default
    # series with the next number.
    "jsisie__BL0001_typ4I.SI": Ok(1, 10, valj_forbund=True),
    "jsisie__MAMUT_SIE4_EXPORT.SE": Ok(168, 458),
    "jsisie__SIE4_Exempelfil_med_underdim.SE": Ok(295, 1330),
    "jsisie__Sie4.se": Nekad(592, "kontonumret ”DIFF” är inte numeriskt"),
    "jsisie__XE_SIE_4_20151125095119.SE": Nekad(
        1356, "verifikation 1 1 balanserar inte (differens 2,00)", forbund_finns=True
    ),
    "jsisie__magenta_bokforing_SIE4E.se": Ok(19, 84, forbund_finns=True),
    "jsisie__transaktioner_ovnbolag-bad-balance.se": Nekad(
        3905, "verifikation B 1 balanserar inte (differens 12 771,00)"
    ),
    # Exported before 2017 was closed: IB sums to 1 151 678,15, carried to eget kapital 2010.
    "jsisie__transaktioner_ovnbolag.se": Ok(163, 671),
    "jsisie__typ4.se": Ok(81, 287),
    "sie4j__BLBLOV_SIE4.SE": Ok(20, 74, forbund_finns=True),
    "sie4j__BLBLOV_SIE4_ISO_8859_15.SE": Nekad(
        545, "ogiltig period ”1119” (ska vara ÅÅÅÅMM)", forbund_finns=True
    ),
    "sie4j__BLBLOV_SIE4_UTF_8_1.SE": Ok(20, 74, forbund_finns=True),
    # The variant with an emptied voucher no longer adds up to the #UB it still declares.
    "sie4j__BLBLOV_SIE4_UTF_8_with_empty_voucher.SE": Nekad(
        490,
        "konto 1930: #UB 984 091,74 men IB + verifikationer ger 985 091,74 (differens 1 000,00)",
        forbund_finns=True,
    ),
    "sie4j__BLBLOV_SIE4_UTF_8_with_erroneous_voucher_date.SI": Nekad(
        8, "ogiltigt verifikationsdatum ”180501”"
    ),
    "sie4j__BLBLOV_SIE4_UTF_8_with_imbalanced_voucher.SE": Nekad(
        821, "verifikation A 1 balanserar inte (differens 0,10)", forbund_finns=True
    ),
    "sie4j__BLBLOV_SIE4_UTF_8_with_missing_voucher_series.SE": Nekad(
        821, "verifikationen saknar serie", forbund_finns=True
    ),
    "sie4j__BLBLOV_SIE4_UTF_8_with_non_numeric_account_number.SE": Nekad(
        16, "kontonumret ”11AF” är inte numeriskt", forbund_finns=True
    ),
    "sie4j__Quotes_test.si": Ok(1, 3),
    "sie4j__SIE_test_av_KST_projekt_Testbolaget.SE": Nekad(
        2619,
        "konto 5010 objekt 1/100001: #OUB 200,00 men #OIB + verifikationer ger 0,00",
        forbund_finns=True,
    ),
}


def test_every_conformance_file_has_an_expected_outcome():
    filer = sorted(p.name for p in FIXTURER.iterdir() if p.name != "README.md")
    assert filer == sorted(UTFALL)


@pytest.mark.django_db
@pytest.mark.parametrize("namn", sorted(UTFALL))
def test_conformance_file(namn):
    kontrollera_utfall(FIXTURER / namn, UTFALL[namn])


@pytest.mark.django_db
def test_a_file_whose_orgnr_fails_the_check_digit_cannot_create_a_forbund():
    fore = databasen()
    sokvag = FIXTURER / "jsisie__magenta_bokforing_SIE4E.se"
    with sokvag.open("rb") as fh, pytest.raises(SieFel) as fel:
        sie_importera(fil=fh, user=None)
    assert str(fel.value) == (
        "rad 7: organisationsnumret 112233-4567: Organisationsnumret har fel kontrollsiffra."
    )
    assert databasen() == fore


@pytest.mark.django_db
def test_the_bl0001_file_reads_rtrans_and_skips_btrans():
    with (FIXTURER / "jsisie__BL0001_typ4.SE").open("rb") as fh:
        info = las_kodning(fh)
        vers = {
            (v.serie, v.nummer): v
            for v in Parser(fh, info.kodning).poster()
            if not isinstance(v, Post)
        }
    # A 8: three #BTRANS (removed) and two #RTRANS each followed by its #TRANS twin.
    assert [(t.konto, t.belopp) for t in vers[("A", 8)].rader] == [("1930", 0), ("2640", 0)]
    # A 25: two ordinary rows and two #RTRANS (the duplicate #TRANS lines skipped).
    assert [(t.konto, t.belopp) for t in vers[("A", 25)].rader] == [
        ("1930", 100000),
        ("1680", -100000),
        ("1930", 50000),
        ("3010", -50000),
    ]
    assert vers[("A", 25)].rader[3].objekt == ((1, "1"),)


def test_unclosed_previous_year_is_carried_to_eget_kapital_with_a_warning(db):
    with (FIXTURER / "jsisie__transaktioner_ovnbolag.se").open("rb") as fh:
        imp = sie_importera(fil=fh, user=None)
    ib = Rad.objects.get(
        verifikation__serie__kod="IB", verifikation__sie_import=imp, konto__nummer="2010"
    )
    assert ib.belopp == -115167815
    assert any("förs på konto 2010" in str(v) for v in imp.varningar)
    assert (
        Rad.objects.filter(verifikation__serie__kod="IB", verifikation__sie_import=imp).aggregate(
            s=Sum("belopp")
        )["s"]
        == 0
    )
