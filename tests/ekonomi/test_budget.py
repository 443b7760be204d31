import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from ekonomi import services
from ekonomi.models import Budgetrad, Rakenskapsar
from tests import kalkylbomber


@pytest.fixture
def version(ar, kansli):
    return services.budgetversion_skapa(rakenskapsar=ar, typ="budget", namn="Budget", user=kansli)


def _url(forbund, name, version, **extra):
    return reverse(f"ekonomi:{name}", kwargs={"orgnr": forbund.orgnr, "budget": version.pk})


def test_grid_saves_yearly_amounts_with_the_ledger_sign(
    client_as, kansli, forbund, version, kontoplan, projekt
):
    client = client_as(kansli)
    data = {
        f"b-{kontoplan['3511'].pk}-0": "1 000 000",
        f"b-{kontoplan['4610'].pk}-{projekt.pk}": "250 000,50",
    }
    response = client.post(_url(forbund, "budget-grid", version), data)
    assert response.status_code == 302
    assert sorted(
        version.rader.values_list("konto__nummer", "objekt__kod", "manad", "belopp")
    ) == [
        ("3511", None, None, -100_000_000),
        ("4610", "GPS", None, 25_000_050),
    ]


def test_grid_monthly_split_is_exact(client_as, kansli, forbund, version, kontoplan):
    client = client_as(kansli)
    client.post(
        _url(forbund, "budget-grid", version),
        {f"b-{kontoplan['6590'].pk}-0": "100 000,01", "per_manad": "1"},
    )
    belopp = list(version.rader.order_by("manad").values_list("belopp", flat=True))
    assert len(belopp) == 12 and sum(belopp) == 10_000_001


def test_grid_bad_amount_saves_nothing(client_as, kansli, forbund, version, kontoplan):
    client = client_as(kansli)
    response = client.post(
        _url(forbund, "budget-grid", version),
        {f"b-{kontoplan['6590'].pk}-0": "12,3,4", f"b-{kontoplan['6110'].pk}-0": "100"},
    )
    assert response.status_code == 200
    assert "inte ett belopp" in response.content.decode()
    assert Budgetrad.objects.count() == 0


def test_revisor_cannot_save_the_grid(client_as, revisor, forbund, version, kontoplan):
    response = client_as(revisor).post(
        _url(forbund, "budget-grid", version), {f"b-{kontoplan['6590'].pk}-0": "1"}
    )
    assert response.status_code == 403


def test_csv_import_and_export_round_trip(client_as, kansli, forbund, version, projekt):
    client = client_as(kansli)
    csv = "konto;objekt;manad;belopp\n3511;;;1 000 000\n4610;GPS;1;10 000,50\n4610;GPS;2;10000\n"
    client.post(
        _url(forbund, "budget-import", version),
        {"fil": SimpleUploadedFile("budget.csv", csv.encode())},
    )
    assert version.rader.count() == 3
    text = client.get(_url(forbund, "budget-export", version)).content.decode("utf-8-sig")
    assert text.splitlines() == [
        "konto;objekt;manad;belopp",
        "3511;;;1000000,00",
        "4610;GPS;1;10000,50",
        "4610;GPS;2;10000,00",
    ]


def test_import_reports_every_bad_row_and_saves_nothing(forbund, version, kansli, projekt):
    csv = "konto;objekt;manad;belopp\n9999;;;1\n4610;NEJ;;1\n4610;GPS;13;1\n4610;;;x\n6590;;;5\n"
    with pytest.raises(ValidationError) as exc:
        services.budget_import(
            version=version, innehall=csv.encode(), filnamn="b.csv", user=kansli
        )
    assert [m[:5] for m in exc.value.messages] == ["Rad 2", "Rad 3", "Rad 4", "Rad 5"]
    assert Budgetrad.objects.count() == 0


def test_excel_import(forbund, version, kansli, kontoplan):
    wb = Workbook()
    wb.active.append(["konto", "objekt", "manad", "belopp"])
    wb.active.append([6590, None, None, 95000.5])
    buf = io.BytesIO()
    wb.save(buf)
    services.budget_import(version=version, innehall=buf.getvalue(), filnamn="b.xlsx", user=kansli)
    assert list(version.rader.values_list("belopp", flat=True)) == [9_500_050]


def test_excel_export(client_as, kansli, forbund, version, kontoplan):
    services.budget_import(
        version=version,
        innehall=b"konto;objekt;manad;belopp\n6590;;;100\n",
        filnamn="b.csv",
        user=kansli,
    )
    content = (
        client_as(kansli).get(_url(forbund, "budget-export", version) + "?format=xlsx").content
    )
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "6590" and float(rows[1][3]) == 100.0


BOMB_RADER = [["konto", "objekt", "manad", "belopp"], [6590, None, None, 100]]


def test_excel_with_a_declared_whole_sheet_dimension_imports_its_real_rows(
    forbund, version, kansli, kontoplan
):
    data = kalkylbomber.deklarerad_dimension(BOMB_RADER)
    antal, topp = kalkylbomber.topp_minne(
        lambda: services.budget_import(
            version=version, innehall=data, filnamn="b.xlsx", user=kansli
        )
    )
    assert antal == 1
    assert list(version.rader.values_list("belopp", flat=True)) == [10_000]
    assert topp < 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("bomb", "text"),
    [
        (lambda: kalkylbomber.zipbomb(BOMB_RADER, megabyte=60), "gränsen för import är 25 MB"),
        (
            lambda: kalkylbomber.stora_delade_strangar(BOMB_RADER, megabyte=60),
            "gränsen för import är 25 MB",
        ),
        (lambda: kalkylbomber.sista_raden(BOMB_RADER), "gränsen för import är 50000 rader"),
    ],
)
def test_excel_bomb_is_refused_at_the_file_field_and_nothing_is_saved(
    client_as, kansli, forbund, version, kontoplan, bomb, text
):
    services.budget_import(
        version=version,
        innehall=b"konto;objekt;manad;belopp\n6590;;;5\n",
        filnamn="b.csv",
        user=kansli,
    )
    fil = SimpleUploadedFile("b.xlsx", bomb())
    response = client_as(kansli).post(_url(forbund, "budget-import", version), {"fil": fil})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="field has-error"' in html
    assert text in html
    assert list(version.rader.values_list("belopp", flat=True)) == [500]


def test_import_file_over_the_size_limit_is_refused_at_the_field(
    client_as, kansli, forbund, version, kontoplan
):
    fil = SimpleUploadedFile("b.csv", b"konto;objekt;manad;belopp\n" + b" " * (5 * 1024 * 1024))
    response = client_as(kansli).post(_url(forbund, "budget-import", version), {"fil": fil})
    assert response.status_code == 400
    assert "Filen är större än 5 MB, som är gränsen för import." in response.content.decode()
    assert Budgetrad.objects.count() == 0


def test_csv_past_the_row_limit_is_refused(forbund, version, kansli, kontoplan):
    csv = "konto;objekt;manad;belopp\n" + "6590;;;1\n" * 50_000
    with pytest.raises(ValidationError) as exc:
        services.budget_import(
            version=version, innehall=csv.encode(), filnamn="b.csv", user=kansli
        )
    assert exc.value.message_dict["fil"] == [
        "Filen har fler än 50000 rader; gränsen för import är 50000 rader (rubrikraden medräknad)."
    ]


def test_an_18_month_year_keeps_both_augusts_apart_in_csv(client_as, kansli, forbund, kontoplan):
    # A first year of 18 months (as an SIE import may create it).
    lang = Rakenskapsar.objects.create(
        forbund=forbund, start=datetime.date(2025, 7, 1), slut=datetime.date(2026, 12, 31)
    )
    version = services.budgetversion_skapa(
        rakenskapsar=lang, typ="budget", namn="Budget", user=kansli
    )
    csv = "konto;objekt;manad;belopp\n6590;;202508;100\n6590;;202608;300\n6590;;9;50\n"
    assert (
        services.budget_import(
            version=version, innehall=csv.encode(), filnamn="b.csv", user=kansli
        )
        == 3
    )
    assert sorted(version.rader.values_list("ar", "manad", "belopp")) == [
        (2025, 8, 10000),
        (2025, 9, 5000),
        (2026, 8, 30000),
    ]
    text = client_as(kansli).get(_url(forbund, "budget-export", version))
    assert text.content.decode("utf-8-sig").splitlines()[1:] == [
        "6590;;202508;100,00",
        "6590;;202509;50,00",
        "6590;;202608;300,00",
    ]
    utanfor = "konto;objekt;manad;belopp\n6590;;202701;1\n6590;;202508;1\n6590;;8;1\n"
    with pytest.raises(ValidationError) as exc:
        services.budget_import(
            version=version, innehall=utanfor.encode(), filnamn="b.csv", user=kansli
        )
    assert exc.value.messages == [
        "Rad 2: månad ”202701” ska vara 1–12, ÅÅÅÅMM inom räkenskapsåret eller tom.",
        "Rad 4: konto 6590  månad 8 finns två gånger.",
    ]


@pytest.fixture
def stor_kontoplan(forbund, kontoplan):
    """A chart of 568 I/K accounts and 10 projekt objects (6 248 cells): more fields than
    Django accepts in one request (5 000)."""
    from ekonomi.models import Dimension, Konto, Objekt

    befintliga = forbund.konton.filter(typ__in=["I", "K"]).count()
    Konto.objects.bulk_create(
        [
            Konto(forbund=forbund, nummer=str(70000 + i), namn=f"Konto {i}", typ="K")
            for i in range(568 - befintliga)
        ]
    )
    dim = Dimension.objects.get(forbund=forbund, nummer=Dimension.PROJEKT)
    Objekt.objects.bulk_create(
        [Objekt(dimension=dim, kod=f"P{i:02}", namn=f"Projekt {i}") for i in range(10)]
    )
    return forbund


def _falt(html: str) -> list[str]:
    import re

    return re.findall(r'<input id="(b-\d+-\d+)"', html)


def test_a_large_chart_is_shown_and_saved_page_by_page(client_as, kansli, version, stor_kontoplan):
    forbund = stor_kontoplan
    client = client_as(kansli)
    url = _url(forbund, "budget-grid", version)
    forsta = client.get(url).content.decode()
    assert 0 < len(_falt(forsta)) <= 2000
    assert "av 568" in forsta
    sida3 = client.get(url + "?sida=3").content.decode()
    falt = _falt(sida3)
    assert falt and not set(falt) & set(_falt(forsta))
    # Saving page 3 (every field posted, as the browser does) stays under Django's limit
    # and touches only that page's cells.
    data = dict.fromkeys(falt, "")
    data[falt[0]] = "1 234"
    response = client.post(url + "?sida=3", data)
    assert response.status_code == 302 and response["Location"].endswith("?sida=3")
    assert version.rader.count() == 1


def test_the_grid_filters_on_the_start_of_the_account_number(
    client_as, kansli, forbund, version, kontoplan
):
    html = client_as(kansli).get(_url(forbund, "budget-grid", version) + "?konto=46").content
    konton = {
        kontoplan_nr
        for kontoplan_nr, k in kontoplan.items()
        if f'id="b-{k.pk}-0"' in html.decode()
    }
    assert konton == {"4610", "4620"}


@pytest.mark.parametrize("konto", ["abc", "4/5", "1" * 30])
def test_a_bad_account_filter_gets_a_field_message(client_as, kansli, forbund, version, konto):
    response = client_as(kansli).get(_url(forbund, "budget-grid", version), {"konto": konto})
    assert response.status_code == 200
    assert "Ange början av ett kontonummer med siffror" in response.content.decode()


@pytest.mark.parametrize("sida", ["-1", "abc", "99999999999999999999", "0"])
def test_a_junk_page_number_shows_a_page(client_as, kansli, forbund, version, sida):
    response = client_as(kansli).get(_url(forbund, "budget-grid", version), {"sida": sida})
    assert response.status_code == 200
