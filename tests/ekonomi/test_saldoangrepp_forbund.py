"""A posted voucher's series, accounts and objects belong to its own year and förbund
(migration 0021): otherwise the kept
balances sat under one förbund with another's accounts, and the reports' balance path
and row path gave different figures for the same period."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from ekonomi import services
from ekonomi.models import Dimension, Objekt, Period, Rakenskapsar, Serie
from rapporter import aggregering

D = datetime.date


def _sql(*satser):
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params in satser:
            cursor.execute(sql, params)


def _bokfor(ver):
    return ("UPDATE ekonomi_verifikation SET status = 'B', nummer = 77 WHERE id = %s", [ver.pk])


@pytest.fixture
def annat(annat_forbund, ar):
    services.kontoplan_skapa_standard(forbund=annat_forbund)
    annat_ar = Rakenskapsar.objects.create(forbund=annat_forbund, start=ar.start, slut=ar.slut)
    Period.objects.create(rakenskapsar=annat_ar, start=D(2024, 3, 1), slut=D(2024, 3, 31))
    serie = Serie.objects.create(rakenskapsar=annat_ar, kod="A")
    dim = Dimension.objects.get(forbund=annat_forbund, nummer=Dimension.PROJEKT)
    objekt = Objekt.objects.create(dimension=dim, kod="ANN", namn="Annat förbunds projekt")
    return annat_ar, serie, objekt


@pytest.fixture
def utkast(ar, kontoplan, bokfor):
    return bokfor(
        D(2024, 3, 5), [(kontoplan["4610"], 500), (kontoplan["1930"], -500)], bokfor=False
    )


def test_a_draft_moved_to_another_forbunds_year_cannot_be_posted(annat, annat_forbund, utkast):
    annat_ar, serie, _ = annat
    flytt = (
        "UPDATE ekonomi_verifikation SET rakenskapsar_id = %s, serie_id = %s WHERE id = %s",
        [annat_ar.pk, serie.pk, utkast.pk],
    )
    with pytest.raises(IntegrityError, match="konto från ett annat förbund"):
        _sql(flytt, _bokfor(utkast))
    perioder = {"mars": (D(2024, 3, 1), D(2024, 3, 31)), "dagar": (D(2024, 3, 1), D(2024, 3, 30))}
    _, saldon = aggregering.kontoplan_och_saldon(forbund=annat_forbund, perioder=perioder)
    assert saldon["mars"].total == saldon["dagar"].total == {}


def test_a_series_of_another_year_cannot_be_posted(annat, utkast):
    _, serie, _ = annat
    with pytest.raises(IntegrityError, match="serie hör till ett annat räkenskapsår"):
        _sql(
            ("UPDATE ekonomi_verifikation SET serie_id = %s WHERE id = %s", [serie.pk, utkast.pk]),
            _bokfor(utkast),
        )


def test_another_forbunds_account_or_object_on_a_row_cannot_be_posted(
    annat, annat_forbund, utkast
):
    _, _, objekt = annat
    rad = utkast.rader.order_by("id").first()
    with pytest.raises(IntegrityError, match="objekt från ett annat förbund"):
        _sql(
            (
                "INSERT INTO ekonomi_radobjekt (rad_id, objekt_id) VALUES (%s, %s)",
                [rad.pk, objekt.pk],
            ),
            _bokfor(utkast),
        )
    annat_konto = annat_forbund.konton.get(nummer="4610")
    with pytest.raises(IntegrityError, match="konto från ett annat förbund"):
        _sql(
            ("UPDATE ekonomi_rad SET konto_id = %s WHERE id = %s", [annat_konto.pk, rad.pk]),
            _bokfor(utkast),
        )


def test_an_object_in_use_keeps_its_dimension_and_its_dimension_its_forbund(
    ar, forbund, kontoplan, projekt, bokfor, annat_forbund
):
    bokfor(D(2024, 3, 5), [(kontoplan["4610"], 500, [projekt]), (kontoplan["1930"], -500)])
    annan_dim = Dimension.objects.get_or_create(
        forbund=forbund, nummer=1, defaults={"namn": "Kostnadsställe"}
    )[0]
    with pytest.raises(IntegrityError, match="byta dimension"):
        _sql(
            (
                "UPDATE ekonomi_objekt SET dimension_id = %s WHERE id = %s",
                [annan_dim.pk, projekt.pk],
            )
        )
    with pytest.raises(IntegrityError, match="byta förbund"):
        _sql(
            (
                "UPDATE ekonomi_dimension SET forbund_id = %s WHERE id = %s",
                [annat_forbund.pk, projekt.dimension_id],
            )
        )
    projekt.refresh_from_db()
    assert projekt.dimension.forbund_id == forbund.pk
