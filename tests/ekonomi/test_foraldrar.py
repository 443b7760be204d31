"""Issue 16.3: the ledger's foreign keys are kept by triggers (migration 0017), not by
FOREIGN KEY constraints checked row by row at COMMIT. An orphan is refused at once, by the
database, with a Swedish message, in both directions: a row (or row object) whose parent
is missing, and a parent removed or renumbered while rows refer to it. In CI the
PostgreSQL run is the runtime role's (tests/pgroller.py)."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from ekonomi import services
from ekonomi.models import Objekt, Rad, RadObjekt, Verifikation

D = datetime.date
SAKNAS = 987_654_321


def _sql(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, list(params))


@pytest.fixture
def utkast(ar, kontoplan, projekt, forbund, kansli):
    return services.verifikation_create(
        forbund=forbund,
        datum=D(2024, 3, 1),
        text="Utkast",
        rader=[(kontoplan["1930"], 10000), (kontoplan["4610"], -10000, [projekt])],
        user=kansli,
        bokfor=False,
    )


def _rad(utkast):
    return utkast.rader.get(belopp=-10000)


# SQLite keeps its native FOREIGN KEY clauses, checked at COMMIT (migration 0017): these
# tests commit, so that both databases get to refuse.
FK = "FOREIGN KEY constraint failed"


@pytest.mark.django_db(transaction=True)
def test_a_row_without_its_voucher_or_account_is_refused(utkast, kontoplan):
    bank = kontoplan["1930"].pk
    for kolumn, fel in [
        ("verifikation_id", "verifikation som inte finns"),
        ("konto_id", "konto som inte finns"),
    ]:
        varden = {"verifikation_id": utkast.pk, "konto_id": bank, kolumn: SAKNAS}
        # One orphan among the rows of one statement: the whole statement is refused.
        with pytest.raises(IntegrityError, match=f"{fel}|{FK}"):
            _sql(
                "INSERT INTO ekonomi_rad (verifikation_id, konto_id, belopp, text)"
                " VALUES (%s, %s, 5, ''), (%s, %s, -5, '')",
                [utkast.pk, bank, varden["verifikation_id"], varden["konto_id"]],
            )
        with pytest.raises(IntegrityError, match=f"{fel}|{FK}"):
            _sql(f"UPDATE ekonomi_rad SET {kolumn} = %s WHERE id = %s", [SAKNAS, _rad(utkast).pk])
    assert sorted(utkast.rader.values_list("belopp", flat=True)) == [-10000, 10000]


@pytest.mark.django_db(transaction=True)
def test_a_row_object_without_its_row_or_object_is_refused(utkast, projekt):
    rad = utkast.rader.get(belopp=10000)
    radobjekt = RadObjekt.objects.get(rad=_rad(utkast))
    for kolumn, fel in [("rad_id", "rad som inte finns"), ("objekt_id", "objekt som inte finns")]:
        varden = {"rad_id": rad.pk, "objekt_id": projekt.pk, kolumn: SAKNAS}
        with pytest.raises(IntegrityError, match=f"{fel}|{FK}"):
            _sql(
                "INSERT INTO ekonomi_radobjekt (rad_id, objekt_id) VALUES (%s, %s)",
                [varden["rad_id"], varden["objekt_id"]],
            )
        with pytest.raises(IntegrityError, match=f"{fel}|{FK}"):
            _sql(
                f"UPDATE ekonomi_radobjekt SET {kolumn} = %s WHERE id = %s",
                [SAKNAS, radobjekt.pk],
            )
    assert list(RadObjekt.objects.values_list("rad_id", "objekt_id")) == [
        (_rad(utkast).pk, projekt.pk)
    ]


@pytest.mark.postgres_only
def test_postgresql_refuses_an_orphan_at_once_with_a_swedish_message(utkast, kontoplan):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite refuses it at COMMIT")
    with pytest.raises(IntegrityError, match="konto som inte finns"):
        _sql(
            "INSERT INTO ekonomi_rad (verifikation_id, konto_id, belopp, text)"
            " VALUES (%s, %s, 5, '')",
            [utkast.pk, SAKNAS],
        )


def test_a_parent_with_rows_cannot_be_deleted(utkast, kontoplan, projekt):
    for sql, pk, fel in [
        ("DELETE FROM ekonomi_verifikation WHERE id = %s", utkast.pk, "verifikationen har rader"),
        ("DELETE FROM ekonomi_rad WHERE id = %s", _rad(utkast).pk, "raden har radobjekt"),
        ("DELETE FROM ekonomi_objekt WHERE id = %s", projekt.pk, "objektet används på rader"),
        ("DELETE FROM ekonomi_konto WHERE id = %s", kontoplan["1930"].pk, "konto med rader"),
    ]:
        with pytest.raises(IntegrityError, match=fel):
            _sql(sql, [pk])
    assert utkast.rader.count() == 2
    assert RadObjekt.objects.filter(rad__verifikation=utkast, objekt=projekt).count() == 1


@pytest.mark.parametrize(
    ("tabell", "fel"),
    [
        ("ekonomi_verifikation", "verifikationen har rader"),
        ("ekonomi_konto", "kontot har rader"),
        ("ekonomi_rad", "raden har radobjekt"),
        ("ekonomi_objekt", "objektet används på rader"),
    ],
)
def test_a_parent_with_rows_keeps_its_id(utkast, kontoplan, projekt, tabell, fel):
    pk = {
        "ekonomi_verifikation": utkast.pk,
        "ekonomi_konto": kontoplan["1930"].pk,
        "ekonomi_rad": _rad(utkast).pk,
        "ekonomi_objekt": projekt.pk,
    }[tabell]
    with pytest.raises(IntegrityError, match=fel):
        _sql(f"UPDATE {tabell} SET id = %s WHERE id = %s", [SAKNAS, pk])


def test_deleting_a_draft_with_rows_and_objects_still_works(utkast, kansli, projekt):
    """Django's collector deletes row objects, rows, then the voucher: each statement
    leaves no orphan, so the immediate checks let it through."""
    services.verifikation_ta_bort_utkast(verifikation=utkast, user=kansli)
    assert not Verifikation.objects.filter(pk=utkast.pk).exists()
    assert not Rad.objects.exists() and not RadObjekt.objects.exists()
    # An object no row uses any more can go.
    projekt.delete()
    assert not Objekt.objects.filter(pk=projekt.pk).exists()


@pytest.mark.postgres_only
def test_no_row_by_row_foreign_keys_remain_on_the_ledger_rows(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's RI triggers")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f'"
            " AND conrelid IN ('ekonomi_rad'::regclass, 'ekonomi_radobjekt'::regclass)"
        )
        assert cursor.fetchall() == []
