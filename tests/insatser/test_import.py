import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from insatser import services
from insatser.models import Deltagande
from insatser.services import ImportFel
from tests import kalkylbomber

D = datetime.date

RUBRIK = (
    "kod;kon;aldersgrupp;remitterande;start;forsorjning_start;slut;avslutsorsak;samtycke_datum"
)


def _csv(*rader: str) -> io.BytesIO:
    return io.BytesIO(("\n".join([RUBRIK, *rader]) + "\n").encode("utf-8"))


def test_a_csv_file_is_imported(forbund, kansli, insats, orsaker):
    fil = _csv(
        "I1;K;20-24;Försäkringskassan;2019-01-10;ohalsa;2019-05-31;STUDIER;2019-01-10",
        "I2;M;25-29;;2019-02-01;Ekonomiskt bistånd;;;2019-02-01",
    )
    skapade = services.deltaganden_import(user=kansli, insats=insats, fil=fil, filnamn="d.csv")
    assert [d.kod for d in skapade] == ["I1", "I2"]
    i1 = Deltagande.objects.get(kod="I1")
    assert (i1.remitterande.namn, i1.forsorjning_start, i1.avslutsorsak.kod) == (
        "Försäkringskassan",
        "ohalsa",
        "STUDIER",
    )
    assert Deltagande.objects.get(kod="I2").forsorjning_start == "bistand"


def test_an_unknown_code_saves_nothing_and_names_the_row(forbund, kansli, insats, orsaker):
    fil = _csv(
        "I1;K;20-24;;2019-01-10;;2019-05-31;STUDIER;2019-01-10",
        "I2;K;20-24;;2019-01-10;;2019-05-31;PENSION;2019-01-10",
        "I3;K;20-24;Okänd part;2019-01-10;;;;2019-01-10",
    )
    with pytest.raises(ImportFel) as exc:
        services.deltaganden_import(user=kansli, insats=insats, fil=fil, filnamn="d.csv")
    assert [(f.rad, f.fel) for f in exc.value.radfel] == [
        (3, ["okänd avslutsorsak ”PENSION”"]),
        (4, ["okänd remitterande part ”Okänd part”"]),
    ]
    assert Deltagande.objects.count() == 0


def test_domain_errors_are_reported_per_row_too(forbund, kansli, insats, orsaker):
    fil = _csv(
        "I1;K;20-24;;2019-01-10;;2019-05-31;STUDIER;2019-01-10",
        "850709-9805;K;20-24;;2019-01-10;;;;2019-01-10",
        "I3;K;20-24;;2019-03-10;;2019-01-31;STUDIER;2019-03-10",
    )
    with pytest.raises(ImportFel) as exc:
        services.deltaganden_import(user=kansli, insats=insats, fil=fil, filnamn="d.csv")
    fel = {f.rad: " ".join(f.fel) for f in exc.value.radfel}
    assert sorted(fel) == [3, 4]
    assert "personnummer" in fel[3]
    assert "Slutdatum kan inte vara före startdatum." in fel[4]
    assert Deltagande.objects.count() == 0


def test_an_excel_file_is_imported(forbund, kansli, insats, orsaker):
    bok = Workbook()
    blad = bok.active
    blad.append(["kod", "kon", "fodelsear", "start", "slut", "avslutsorsak", "samtycke_datum"])
    blad.append(["X1", "K", 1990, D(2019, 1, 10), D(2019, 6, 1), "ARBETE", D(2019, 1, 10)])
    blad.append(["X2", "M", 1970, D(2019, 1, 11), None, None, D(2019, 1, 11)])
    ut = io.BytesIO()
    bok.save(ut)
    ut.seek(0)
    skapade = services.deltaganden_import(user=kansli, insats=insats, fil=ut, filnamn="d.xlsx")
    assert [(d.kod, d.aldersgrupp) for d in skapade] == [("X1", "25-29"), ("X2", "40-49")]


def test_an_excel_file_with_one_bad_row_saves_nothing(forbund, kansli, insats, orsaker):
    bok = Workbook()
    blad = bok.active
    blad.append(["kod", "kon", "aldersgrupp", "start", "samtycke_datum"])
    blad.append(["X1", "K", "20-24", D(2019, 1, 10), D(2019, 1, 10)])
    blad.append(["X2", "Q", "20-24", D(2019, 1, 10), D(2019, 1, 10)])
    ut = io.BytesIO()
    bok.save(ut)
    ut.seek(0)
    with pytest.raises(ImportFel) as exc:
        services.deltaganden_import(user=kansli, insats=insats, fil=ut, filnamn="d.xlsx")
    assert [f.rad for f in exc.value.radfel] == [3]
    assert Deltagande.objects.count() == 0


RUBRIKER = ["kod", "kon", "aldersgrupp", "start", "samtycke_datum"]
EN_RAD = ["X1", "K", "20-24", D(2019, 1, 10), D(2019, 1, 10)]


def test_excel_with_a_declared_whole_sheet_dimension_imports_its_real_rows(
    forbund, kansli, insats, orsaker
):
    fil = io.BytesIO(kalkylbomber.deklarerad_dimension([RUBRIKER, EN_RAD]))
    skapade, topp = kalkylbomber.topp_minne(
        lambda: services.deltaganden_import(user=kansli, insats=insats, fil=fil, filnamn="d.xlsx")
    )
    assert [d.kod for d in skapade] == ["X1"]
    assert topp < 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("bomb", "text"),
    [
        (lambda r: kalkylbomber.zipbomb(r, megabyte=60), "gränsen för import är 25 MB"),
        (
            lambda r: kalkylbomber.stora_delade_strangar(r, megabyte=60),
            "gränsen för import är 25 MB",
        ),
        (kalkylbomber.sista_raden, "gränsen för import är 10000 rader"),
        (lambda r: kalkylbomber.zipbomb(r, megabyte=20), "packad mer än 100 gånger"),
    ],
)
def test_excel_bomb_is_refused_at_the_file_field(
    client_as, kansli, forbund, insats, orsaker, bomb, text
):
    fil = io.BytesIO(bomb([RUBRIKER, EN_RAD]))
    fil.name = "d.xlsx"
    url = reverse("insatser:deltagare-import", kwargs={"orgnr": forbund.orgnr, "pk": insats.pk})
    response = client_as(kansli).post(url, {"fil": fil})
    html = response.content.decode()
    assert 'class="field has-error"' in html
    assert text in html
    assert Deltagande.objects.count() == 0


def test_csv_past_the_row_limit_is_refused(forbund, kansli, insats, orsaker):
    fil = _csv(*["I1;K;20-24;;2019-01-10;;;;2019-01-10"] * 10_000)
    with pytest.raises(ValidationError) as exc:
        services.deltaganden_import(user=kansli, insats=insats, fil=fil, filnamn="d.csv")
    assert exc.value.message_dict["fil"] == [
        "Filen har fler än 10000 rader; gränsen för import är 10000 rader (rubrikraden medräknad)."
    ]


@pytest.mark.django_db(transaction=True)
def test_the_file_is_read_before_the_write_transaction_starts(
    forbund, kansli, insats, orsaker, monkeypatch
):
    from django.db import connection

    from insatser.services import importer

    las = importer._las_rader
    i_transaktion = []

    def spion(fil, filnamn):
        i_transaktion.append(connection.in_atomic_block)
        return las(fil, filnamn)

    monkeypatch.setattr(importer, "_las_rader", spion)
    fil = _csv("I1;K;20-24;;2019-01-10;;;;2019-01-10")
    services.deltaganden_import(user=kansli, insats=insats, fil=fil, filnamn="d.csv")
    assert i_transaktion == [False]
    assert Deltagande.objects.count() == 1
