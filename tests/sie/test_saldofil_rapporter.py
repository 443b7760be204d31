"""Balance-only SIE files in the reports and pages: the prior year column, a
delårsrapport from a type 2 file, the notices of the books holding balances only, and
an export of such books imported again."""

import datetime

import pytest
from django.urls import reverse

from ekonomi import selectors
from ekonomi.sie.importer import sie_importera
from forbund.models import Forbund
from tests.sie.saldofil import (
    ar_,
    importera,
    manadsslut,
    psaldo,
)

pytestmark = pytest.mark.django_db


def test_the_prior_year_column_of_the_reports_holds_the_previous_years_result():
    from rapporter.aggregering import kontoplan, saldon

    imp = importera("typ1_arssaldon.se")
    konton = {k.nummer: i for i, k in kontoplan(forbund=imp.forbund).items()}
    fg = saldon(
        forbund=imp.forbund, fran=datetime.date(2023, 1, 1), till=datetime.date(2023, 12, 31)
    )
    assert fg.total[konton["3510"]] == -120000000
    assert fg.total[konton["4610"]] == 90000000
    resultat = sum(fg.total.get(konton[k], 0) for k in ("3510", "4610", "5010", "8410"))
    assert resultat == -5200000


def test_a_type_2_delarsrapport_per_31_august_shows_the_files_period_figures():
    from rapporter.builders.delarsrapport import bygg_delarsrapport

    namn = "typ2_periodsaldon_helar.se"
    imp = importera(namn)
    ps = psaldo(namn)
    jan_aug = {}
    for (konto, p), b in ps.items():
        if p <= "202408":
            jan_aug[konto] = jan_aug.get(konto, 0) + b
    dok = bygg_delarsrapport(forbund=imp.forbund, ar=2024, till=datetime.date(2024, 8, 31))
    rr = {r.kod: r for r in dok.resultatrakning.rader}
    intakter = jan_aug["3510"] + jan_aug["8410"]
    kostnader = jan_aug["4610"] + jan_aug["5010"]
    resultat = -(intakter + kostnader)
    assert resultat == 180000000 + 12345 - 8 * 8000000 - 8 * 4500050
    arets = [r for r in dok.resultatrakning.rader if r.belopp and r.belopp[0] == resultat]
    assert arets, [(r.kod, r.text, r.belopp) for r in rr.values()]
    br = {r.kod: r for r in dok.balansrakning.rader}
    assert any(r.belopp and r.belopp[0] == 50000000 + jan_aug["1930"] for r in br.values()), [
        (r.kod, r.belopp) for r in br.values()
    ]


def test_saldobalans_huvudbok_and_reports_say_the_books_hold_balances_only(client_as):
    from forbund.models import Roll
    from tests.conftest import make_user

    imp = importera("typ2_periodsaldon_helar.se")
    forbund = imp.forbund
    user = make_user("ekonom", forbund, Roll.KANSLI)
    klient = client_as(user)
    notis = "kommer från en SIE-saldofil (typ 1–3): den innehåller saldon per period eller år"
    o = {"orgnr": forbund.orgnr}
    sidor = [
        reverse("ekonomi:saldobalans", kwargs=o) + "?ar=2024",
        reverse("ekonomi:huvudbok", kwargs={**o, "konto": "1930"}) + "?ar=2024",
        reverse("rapporter:delarsrapport", kwargs={**o, "ar": 2024}) + "?till=2024-08-31",
        reverse("rapporter:arsredovisning", kwargs={**o, "ar": 2024}),
        reverse("rapporter:resultatrakning", kwargs={**o, "ar": 2024}),
    ]
    for sida in sidor:
        svar = klient.get(sida)
        assert svar.status_code == 200, sida
        assert "Obs! Bokföringen för 2024 " + notis in svar.content.decode(), sida


def test_books_with_vouchers_get_no_balance_file_notice(client_as, kansli, forbund):
    from tests.sie.conftest import A1, HUVUD, sie

    sie_importera(fil=sie(HUVUD + A1), forbund=forbund, user=None)
    svar = client_as(kansli).get(
        reverse("ekonomi:saldobalans", kwargs={"orgnr": forbund.orgnr}) + "?ar=2024"
    )
    assert svar.status_code == 200
    assert "SIE-saldofil" not in svar.content.decode()
    ar = forbund.rakenskapsar.get()
    assert selectors.saldofil_ar(forbund=forbund, fran=ar.start, till=ar.slut) == []


def _manadssaldon(forbund: Forbund, dimension: int | None = None) -> dict:
    ar = ar_(forbund, 2024)
    ut = {}
    for m in range(1, 13):
        sb = selectors.saldobalans(rakenskapsar=ar, till=manadsslut(2024, m), dimension=dimension)
        for r in sb.rader:
            ut[(m, r.konto.nummer, r.objekt.kod if r.objekt else None)] = r.ub
    return ut


@pytest.mark.parametrize(
    ("namn", "typ", "dimension"),
    [("typ2_periodsaldon_helar.se", 2, None), ("typ3_objektsaldon.se", 3, 6)],
)
def test_a_type_2_or_3_export_imports_again_with_the_same_period_balances(namn, typ, dimension):
    from ekonomi.sie.exporter import sie_exportera

    forsta = importera(namn)
    ar = ar_(forsta.forbund, 2024)
    data = b"".join(sie_exportera(forbund=forsta.forbund, ar=ar, typ=typ))
    assert b"#PSALDO" in data
    # Into another förbund: a new orgnr, so the checksum goes (the content is unchanged).
    rader = [r for r in data.split(b"\r\n") if not r.startswith(b"#KSUMMA")]
    andra = Forbund.objects.create(namn="Grannbygden", orgnr="222000-1016")
    importera(b"\r\n".join(rader).replace(b"555555-5555", b"222000-1016"), forbund=andra)
    assert _manadssaldon(andra, dimension) == _manadssaldon(forsta.forbund, dimension)


def test_the_import_page_says_what_a_later_balance_file_added(client_as):
    from forbund.models import Roll
    from tests.conftest import make_user

    forsta = importera("typ2_periodsaldon_juni.se")
    andra = importera("typ2_periodsaldon_juli.se", forbund=forsta.forbund)
    user = make_user("ekonom", forsta.forbund, Roll.KANSLI)
    sida = client_as(user).get(
        reverse(
            "ekonomi:sie-import-detail", kwargs={"orgnr": forsta.forbund.orgnr, "pk": andra.pk}
        )
    )
    text = sida.content.decode()
    assert "Perioder med nya saldon" in text and "2024-07" in text
    assert "Perioder med ändrade saldon (differensverifikation)" in text and "2024-03" in text
