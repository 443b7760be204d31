"""The project's own SIE files (tests/sie/filer, invented companies): each imports with the
balances it declares, or is refused with a line-numbered message and nothing saved.

One file per case the public conformance files show (CP437, ISO-8859-15, UTF-8 despite
``#FORMAT PC8``, ``#RTRANS``/``#BTRANS``, sub-dimensions, ``#KSUMMA``, a typ 4I file, an
unclosed previous year, and the ways a file can be broken)."""

import pytest
from django.db.models import Sum

from ekonomi.models import Konto, Objekt, Rad, Verifikation
from ekonomi.sie.importer import SieFel, sie_importera
from ekonomi.sie.parser import Parser, Post, las_kodning
from tests.sie.conftest import FILER, databasen
from tests.sie.utfall import Nekad, Ok, kontrollera_utfall

UTFALL = {
    "citat.si": Ok(1, 3),
    "cp1252_typografiska_citat.si": Ok(2, 6),
    "dubbelt_nummer.se": Nekad(61, "verifikation A 1 förekommer två gånger i filen"),
    # Exported before 2022 was closed: the IB sums to 50 000,00, carried to eget kapital.
    "ej_overfort_resultat.se": Ok(4, 8),
    "fel_kontrollsiffra.se": Ok(4, 8, forbund_finns=True),
    "forskjutna_falt.se": Nekad(61, "verifikationen saknar serie (fälten är förskjutna)"),
    "iso_8859_15.se": Ok(4, 8),
    "konto_ej_numeriskt.se": Nekad(63, "kontonumret ”DIFF” är inte numeriskt"),
    "ksumma.se": Ok(4, 8),
    "ksumma_fel.se": Nekad(67, "kontrollsumman stämmer inte"),
    "obalanserad.se": Nekad(55, "verifikation A 3 balanserar inte (differens 2,00)"),
    "objektsaldo_fel.se": Nekad(
        39, "konto 5010 objekt 1/10: #OUB 31 000,00 men #OIB + verifikationer ger 30 000,00"
    ),
    "omojligt_datum.si": Nekad(8, "ogiltigt verifikationsdatum ”240501”"),
    # Budgets: an 18-month first year, rows with and without objects (test_budgetfil.py).
    "pbudget_18_manader.se": Ok(1, 2),
    "pbudget_med_och_utan_objekt.se": Ok(1, 2),
    "rtrans_btrans_cp437.se": Ok(4, 8),
    "serie_med_mellanslag.se": Ok(3, 6),
    "tom_verifikation_ub.se": Nekad(
        31, "konto 1930: #UB 608 000,00 men IB + verifikationer ger 638 000,00"
    ),
    # Balance files, typ 1–3: SALDO vouchers per year or period (test_saldofil.py).
    "typ1_arssaldon.se": Ok(0, 7, saldoverifikationer=1),
    "typ2_period_balanserar_inte.se": Nekad(30, "saldona för 2024-01 summerar till 300,00"),
    "typ2_periodsaldon_helar.se": Ok(0, 43, saldoverifikationer=12),
    "typ2_periodsaldon_juli.se": Ok(0, 27, saldoverifikationer=7),
    "typ2_periodsaldon_juni.se": Ok(0, 23, saldoverifikationer=6),
    "typ2_psaldo_motsager_res.se": Nekad(29, "konto 4610: #PSALDO summerar till 300,00"),
    "typ3_objektsaldon.se": Ok(0, 8, saldoverifikationer=3),
    "typ4_ub_minus1_utan_ib0.se": Ok(2, 4),
    "typ4i_lon_tom_serie.si": Ok(2, 5),
    "typ4i_utan_serie.si": Ok(1, 4, valj_forbund=True),
    "underdimension.se": Ok(2, 5),
    "utf8_trots_pc8.se": Ok(4, 8),
}


def test_every_own_file_has_an_expected_outcome():
    assert sorted(p.name for p in FILER.iterdir()) == sorted(UTFALL)


@pytest.mark.django_db
@pytest.mark.parametrize("namn", sorted(UTFALL))
def test_own_file(namn):
    kontrollera_utfall(FILER / namn, UTFALL[namn])


def _vers(namn):
    with (FILER / namn).open("rb") as fh:
        info = las_kodning(fh)
        return {
            (v.serie, v.nummer): v
            for v in Parser(fh, info.kodning).poster()
            if not isinstance(v, Post)
        }


def test_rtrans_replaces_its_twin_and_btrans_is_left_out():
    vers = _vers("rtrans_btrans_cp437.se")
    assert [(t.konto, t.objekt, t.belopp) for t in vers[("A", 2)].rader] == [
        ("4610", ((1, "10"),), 1200000),
        ("2440", (), -1200000),
    ]
    assert [(t.konto, t.belopp) for t in vers[("A", 3)].rader] == [
        ("2440", 1200000),
        ("1930", -1200000),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("namn", "kodning", "text"),
    [
        ("rtrans_btrans_cp437.se", "cp437", "Betalning"),
        ("utf8_trots_pc8.se", "utf-8", "Betalning"),
        ("iso_8859_15.se", "iso-8859-15", "Betalning 120 € avgift"),
    ],
)
def test_names_and_texts_read_correctly_in_every_encoding(namn, kodning, text):
    with (FILER / namn).open("rb") as fh:
        imp = sie_importera(fil=fh, user=None)
    assert imp.sammanfattning["kodning"] == kodning
    assert imp.forbund.namn == "Samordningsförbundet Älvdalen"
    assert Konto.objects.get(nummer="3510").namn == "Medlemsbidrag från Försäkringskassan"
    assert Verifikation.objects.get(serie__kod="A", nummer=3).text == text
    assert Verifikation.objects.get(serie__kod="B", nummer=1).text == "Lön mars"


@pytest.mark.django_db
def test_sub_dimensions_and_rows_with_several_objects():
    with (FILER / "underdimension.se").open("rb") as fh:
        sie_importera(fil=fh, user=None)
    avdelning = Objekt.objects.get(dimension__nummer=21, kod="211")
    assert avdelning.dimension.overordnad.nummer == 1
    assert avdelning.namn == "Ängen"
    rad = Rad.objects.get(belopp=20000)
    assert sorted(rad.objekt.values_list("dimension__nummer", "kod")) == [
        (1, "10"),
        (6, "P7"),
        (21, "211"),
    ]


@pytest.mark.django_db
def test_an_unclosed_previous_year_is_carried_to_eget_kapital_with_a_warning():
    with (FILER / "ej_overfort_resultat.se").open("rb") as fh:
        imp = sie_importera(fil=fh, user=None)
    ib = Rad.objects.filter(verifikation__serie__kod="IB", verifikation__sie_import=imp)
    assert ib.get(konto__nummer="2010").belopp == -5_000_000
    assert ib.aggregate(s=Sum("belopp"))["s"] == 0
    assert any("-50 000,00 förs på konto 2010" in v for v in imp.varningar)


@pytest.mark.django_db
def test_an_orgnr_with_a_wrong_check_digit_cannot_create_a_forbund():
    fore = databasen()
    with (FILER / "fel_kontrollsiffra.se").open("rb") as fh, pytest.raises(SieFel) as fel:
        sie_importera(fil=fh, user=None)
    assert str(fel.value) == (
        "rad 7: organisationsnumret 112233-4567: Organisationsnumret har fel kontrollsiffra."
    )
    assert databasen() == fore
