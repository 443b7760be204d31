"""A row has at most one object per dimension, in the database too (migration 0023): a
row on two projects would count its amount under both, and the insatser's costs would
add up to more than the account."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from ekonomi.models import Dimension, Objekt, RadObjekt, Verifikation
from ekonomi.selectors import periodsaldon_avviker

D = datetime.date


def _sql(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def projekt(forbund):
    dim = Dimension.objects.get(forbund=forbund, nummer=Dimension.PROJEKT)
    return [
        Objekt.objects.create(dimension=dim, kod=kod, namn=f"Projekt {kod}")
        for kod in ("X1", "X2", "X3")
    ]


@pytest.fixture
def utkast(ar, kontoplan, bokfor):
    return bokfor(
        D(2024, 3, 5), [(kontoplan["4610"], 500), (kontoplan["1930"], -500)], bokfor=False
    )


def test_a_second_object_of_a_dimension_on_a_row_is_refused(utkast, projekt):
    rad = utkast.rader.order_by("id").first()
    RadObjekt.objects.create(rad=rad, objekt=projekt[0])
    with pytest.raises(IntegrityError, match="högst ett objekt per dimension"):
        _sql(
            "INSERT INTO ekonomi_radobjekt (rad_id, objekt_id) VALUES (%s, %s)",
            [rad.pk, projekt[1].pk],
        )
    assert list(rad.radobjekt.values_list("objekt_id", flat=True)) == [projekt[0].pk]


def test_two_objects_of_a_dimension_in_one_statement_are_refused(utkast, projekt):
    rad = utkast.rader.order_by("id").first()
    with pytest.raises(IntegrityError, match="högst ett objekt per dimension"):
        _sql(
            "INSERT INTO ekonomi_radobjekt (rad_id, objekt_id) VALUES (%s, %s), (%s, %s)",
            [rad.pk, projekt[0].pk, rad.pk, projekt[1].pk],
        )
    assert not RadObjekt.objects.filter(rad=rad).exists()


def test_moving_a_row_object_onto_a_row_that_has_the_dimension_is_refused(utkast, projekt):
    forsta, andra = utkast.rader.order_by("id")
    RadObjekt.objects.create(rad=forsta, objekt=projekt[0])
    flyttas = RadObjekt.objects.create(rad=andra, objekt=projekt[1])
    with pytest.raises(IntegrityError, match="högst ett objekt per dimension"):
        _sql("UPDATE ekonomi_radobjekt SET rad_id = %s WHERE id = %s", [forsta.pk, flyttas.pk])
    # Changing a row's object within the dimension (one object still) is allowed.
    _sql("UPDATE ekonomi_radobjekt SET objekt_id = %s WHERE id = %s", [projekt[2].pk, flyttas.pk])
    assert RadObjekt.objects.get(pk=flyttas.pk).objekt == projekt[2]


def test_objects_of_different_dimensions_on_one_row_are_allowed_and_posted(
    forbund, utkast, projekt
):
    kst = Objekt.objects.create(
        dimension=Dimension.objects.get(forbund=forbund, nummer=Dimension.KOSTNADSSTALLE),
        kod="K9",
        namn="Kansli",
    )
    rad = utkast.rader.order_by("id").first()
    _sql(
        "INSERT INTO ekonomi_radobjekt (rad_id, objekt_id) VALUES (%s, %s), (%s, %s)",
        [rad.pk, projekt[0].pk, rad.pk, kst.pk],
    )
    _sql("UPDATE ekonomi_verifikation SET status = 'B', nummer = 90 WHERE id = %s", [utkast.pk])
    assert Verifikation.objects.get(pk=utkast.pk).status == "B"
    assert periodsaldon_avviker(rakenskapsar=utkast.rakenskapsar) == []
