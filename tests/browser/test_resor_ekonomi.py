"""Ledger journeys in a real browser (Chromium), one role at a time: an unbalanced
verifikation refused, an SIE import, the årsredovisning and its PDF, and the styrelse
reading but not editing. Two-factor login is its own journey (test_journeys.py): these
turn the requirement off so each journey starts at the feature it proves; the register
and insatser journeys are test_resor.py.
"""

import datetime
from pathlib import Path

import pytest

from ekonomi import services as ekonomi_services
from ekonomi.models import Rad, SieImport, Verifikation
from forbund.models import Logghandelse
from insatser.models import Deltagande, Insats
from tests.browser.harness import (
    assert_accessible,
    forbund_url,
    fyll_i,
    ga_till,
    logga_in,
    oppna,
    rubrik,
    skicka,
    tabellrad,
)
from tests.sie.conftest import A1, A2, A3, HUVUD

D = datetime.date

pytestmark = pytest.mark.usefixtures("utan_tvafaktor", "stang_anslutningar")


# --- 3. An unbalanced verifikation --------------------------------------------------------


@pytest.fixture
def ar_2024(forbund, forbundschef):
    ekonomi_services.kontoplan_skapa_standard(forbund=forbund)
    return ekonomi_services.rakenskapsar_skapa(
        forbund=forbund, start=D(2024, 1, 1), slut=D(2024, 12, 31), user=forbundschef
    )


def test_kansli_sees_an_unbalanced_verifikation_refused_with_the_difference(
    page, kansli, forbund, ar_2024
):
    logga_in(page, "kansli")
    ga_till(page, "Ekonomi")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Ekonomi").get_by_role(
            "link", name="Ny verifikation"
        ).click()
    assert rubrik(page) == "Ny verifikation"
    assert_accessible(page, sammanhang="ny verifikation")
    fyll_i(
        page,
        {
            "Datum": "2024-03-15",
            "Text": "Faktura konsult",
            "Konto rad 1": "6580",
            "Debet rad 1": "1 250,00",
            "Konto rad 2": "2440",
            "Kredit rad 2": "1 000,00",
        },
    )
    # The form shows the difference while typing ...
    assert "Differens 250,00" in page.locator("#differens").inner_text()
    # ... and the server refuses to post it, saying by how much.
    skicka(page, "Bokför")
    assert rubrik(page) == "Ny verifikation"
    assert (
        page.get_by_text(
            "Verifikationen balanserar inte: debet och kredit skiljer 250,00 kr (debet är större)."
        ).count()
        == 1
    )
    # What the user typed is still there to correct, with the difference beside it.
    assert page.get_by_label("Konto rad 1").input_value() == "6580"
    assert page.get_by_label("Kredit rad 2").input_value().replace("\xa0", " ") == "1 000,00"
    assert "Differens 250,00 (debet större)" in page.locator("#differens").inner_text()
    assert_accessible(page, sammanhang="obalanserad verifikation")

    antal = (Verifikation.objects.count(), Rad.objects.count())
    serie = ar_2024.serier.get(kod="A").senaste_nummer
    assert antal == (0, 0)
    assert serie == 0


# --- 4. SIE import ------------------------------------------------------------------------


def test_kansli_imports_an_sie_file_and_sees_what_it_added(page, kansli, forbund, tmp_path):
    fil = tmp_path / "kommunens-bokforing.se"
    fil.write_bytes((HUVUD + A1 + A2 + A3).encode("cp437"))
    logga_in(page, "kansli")
    oppna(page, forbund_url("ekonomi:sie-import-list", forbund))
    assert rubrik(page) == "SIE-inläsningar"
    assert_accessible(page, sammanhang="SIE-inläsningar, tom")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name="Läs in SIE-fil").click()
    assert rubrik(page) == "Läs in SIE-fil"
    assert_accessible(page, sammanhang="läs in SIE")
    page.get_by_label("SIE-fil").set_input_files(str(fil))
    skicka(page, "Läs in")
    assert "kommunens-bokforing.se" in page.get_by_role("main").inner_text()
    assert "Nya verifikationer" in page.get_by_role("main").inner_text()
    assert_accessible(page, sammanhang="SIE-inläsningen")

    oppna(page, forbund_url("ekonomi:sie-import-list", forbund))
    rad = tabellrad(page, "kommunens-bokforing.se")
    assert rad.count() == 1
    celler = [c.strip() for c in rad.get_by_role("cell").all_inner_texts()]
    assert "kansli" in " ".join(celler)
    assert celler[4] == "3"  # Nya verifikationer (IB is a fourth, the opening balance)

    imp = SieImport.objects.get(forbund=forbund)
    vers = sorted(
        (v.serie.kod, v.nummer, v.status)
        for v in Verifikation.objects.filter(sie_import=imp).select_related("serie")
    )
    bank = sum(
        Rad.objects.filter(
            konto__forbund=forbund, konto__nummer="1930", verifikation__status="B"
        ).values_list("belopp", flat=True)
    )
    fakta = (imp.filnamn, imp.user_id, imp.status)
    assert fakta == ("kommunens-bokforing.se", kansli.pk, SieImport.Status.KLAR)
    assert [v for v in vers if v[0] == "A"] == [("A", 1, "B"), ("A", 2, "B"), ("A", 3, "B")]
    # IB 100 000,00 + 50 000,00 − 1 200,50 kr on the bank account, in öre.
    assert bank == 100_000_00 + 50_000_00 - 1_200_50


# --- 5. Årsredovisning and its PDF --------------------------------------------------------


@pytest.fixture
def bok_2024(forbund, forbundschef, ar_2024):
    """A small posted ledger: members' contributions in, one insats and the kansli out."""
    ekonomi_services.ingaende_balans_skapa(
        rakenskapsar=ar_2024, saldon={"1930": 50_000_00, "2010": -50_000_00}, user=forbundschef
    )
    for datum, text, rader in [
        (D(2024, 1, 20), "Medlemsbidrag FK", [("1930", 400_000_00), ("3511", -400_000_00)]),
        (D(2024, 1, 20), "Medlemsbidrag kommun", [("1930", 200_000_00), ("3514", -200_000_00)]),
        (D(2024, 6, 30), "Bidrag till insats", [("4610", 350_000_00), ("1930", -350_000_00)]),
        (D(2024, 12, 31), "Löner kansliet", [("5110", 150_000_00), ("1930", -150_000_00)]),
    ]:
        ekonomi_services.verifikation_create(
            forbund=forbund, datum=datum, text=text, rader=rader, user=forbundschef
        )
    return ar_2024


def test_forbundschef_opens_the_arsredovisning_and_downloads_its_pdf(
    page, forbundschef, forbund, bok_2024
):
    logga_in(page, "forbundschef")
    ga_till(page, "Rapporter")
    assert rubrik(page) == "Rapporter"
    assert_accessible(page, sammanhang="rapportlistan")
    with page.expect_navigation():
        page.get_by_role("row", name="2024").get_by_role("link", name="Webb").click()
    assert "Årsredovisning" in rubrik(page) and "2024" in rubrik(page)
    resultat = page.get_by_role("row").filter(has_text="Årets resultat").first
    # 600 000 in, 500 000 out: 100,0 tkr.
    assert "100,0" in resultat.inner_text()
    assert_accessible(page, sammanhang="årsredovisningen")

    # A draft's PDF is made in the background: order it, then fetch the finished file.
    with page.expect_navigation():
        page.get_by_role("link", name="Hämta PDF", exact=True).click()
    assert_accessible(page, sammanhang="pdf-utkast")
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa PDF").click()
    with page.expect_download() as nedladdning:
        page.get_by_role("link", name="Hämta PDF:en").click()
    pdf = nedladdning.value
    innehall = Path(pdf.path()).read_bytes()
    assert pdf.suggested_filename.endswith(".pdf")
    assert innehall.startswith(b"%PDF")
    assert len(innehall) > 2000


# --- 6. Styrelse reads but does not edit --------------------------------------------------


@pytest.fixture
def insats_med_deltagare(forbund, kansli):
    from insatser import services as insats_services

    insats = insats_services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Steget vidare",
        typ=Insats.Typ.INDIVID,
        finansieringsform=Insats.Finansiering.HEL,
        processagare=forbund.medlemmar.get(typ="kommun"),
        start=D(2024, 1, 1),
        slut=D(2025, 12, 31),
        objektkod="STEG",
    )
    insats_services.deltagande_create(
        user=kansli,
        insats=insats,
        kod="STEG-1",
        kon="K",
        aldersgrupp="25-29",
        start=D(2024, 2, 1),
        samtycke_datum=D(2024, 2, 1),
    )
    return insats


def test_styrelse_reads_the_resultatrakning_but_cannot_edit_or_see_participants(
    page, styrelse, forbund, bok_2024, insats_med_deltagare
):
    insats = insats_med_deltagare
    logga_in(page, "styrelse")
    ga_till(page, "Rapporter")
    with page.expect_navigation():
        page.get_by_role("row", name="2024").get_by_role("link", name="Resultaträkning").click()
    assert rubrik(page) == "Resultaträkning 2024"
    intakter = page.get_by_role("row").filter(has_text="Verksamhetens intäkter").first
    assert "600,0" in intakter.inner_text()
    assert_accessible(page, sammanhang="resultaträkningen som styrelse")

    # The årsredovisning is readable, without the edit button kansli has.
    oppna(page, forbund_url("rapporter:arsredovisning", forbund, ar=2024))
    assert page.get_by_role("link", name="Hämta PDF").count() == 1
    assert page.get_by_role("link", name="Redigera berättelsen").count() == 0

    # The insats is readable; no edit buttons, no way to participant-level data.
    ga_till(page, "Insatser")
    main = page.get_by_role("main")
    assert main.get_by_role("link", name="Ny insats").count() == 0
    with page.expect_navigation():
        main.get_by_role("link", name="Steget vidare").click()
    assert rubrik(page).startswith("Steget vidare")
    main = page.get_by_role("main")
    for knapp in ["Ändra", "Deltagare", "Registrera ny status", "Registrera anonyma deltagare"]:
        assert main.get_by_role("link", name=knapp, exact=True).count() == 0, knapp
    assert "STEG-1" not in page.content()
    assert_accessible(page, sammanhang="insatsen som styrelse")

    # Typing the addresses does not help.
    deltagare = Deltagande.objects.get(insats=insats)
    for adress in [
        forbund_url("insatser:deltagare-list", forbund, pk=insats.pk),
        forbund_url("insatser:deltagare-update", forbund, deltagande=deltagare.pk),
        forbund_url("insatser:insats-create", forbund),
        forbund_url("forbund:medlem-create", forbund),
        forbund_url("ekonomi:verifikation-create", forbund),
    ]:
        svar = oppna(page, adress)
        assert svar.status == 403, adress
        assert "STEG-1" not in page.content()
    assert_accessible(page, sammanhang="403 som styrelse")

    visningar = Logghandelse.objects.filter(user=styrelse).count()
    assert visningar == 0
