"""The ledger's invariants hold in the database itself, whatever the caller does."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from ekonomi.models import Konto, Rad, Rakenskapsar, Serie, Verifikation


@pytest.fixture
def ar(forbund):
    return Rakenskapsar.objects.create(
        forbund=forbund, start=datetime.date(2024, 1, 1), slut=datetime.date(2024, 12, 31)
    )


@pytest.fixture
def konton(forbund):
    bank = Konto.objects.create(forbund=forbund, nummer="1930", namn="Bank", typ="T")
    intakt = Konto.objects.create(forbund=forbund, nummer="3511", namn="Bidrag", typ="I")
    return bank, intakt


def _draft(ar, konton, belopp=(100000, -100000)):
    serie, _ = Serie.objects.get_or_create(rakenskapsar=ar, kod="A")
    ver = Verifikation.objects.create(
        rakenskapsar=ar, serie=serie, nummer=1, datum=datetime.date(2024, 3, 1), text="Bidrag"
    )
    for konto, b in zip(konton, belopp, strict=True):
        Rad.objects.create(verifikation=ver, konto=konto, belopp=b)
    return ver


def _bokfor(ver):
    Verifikation.objects.filter(pk=ver.pk).update(status="B")


def test_balanced_draft_can_be_posted(ar, konton):
    ver = _draft(ar, konton)
    _bokfor(ver)
    assert Verifikation.objects.get(pk=ver.pk).status == "B"


def test_unbalanced_voucher_cannot_be_posted(ar, konton):
    ver = _draft(ar, konton, belopp=(100000, -99950))
    with pytest.raises(IntegrityError, match="balanserar inte"), transaction.atomic():
        _bokfor(ver)


def test_voucher_cannot_be_created_as_posted(ar, konton):
    serie = Serie.objects.create(rakenskapsar=ar, kod="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Verifikation.objects.create(
            rakenskapsar=ar, serie=serie, nummer=1, datum=datetime.date(2024, 1, 2), status="B"
        )


def test_posted_voucher_cannot_be_changed_through_the_orm(ar, konton):
    ver = _draft(ar, konton)
    _bokfor(ver)
    with pytest.raises(IntegrityError, match="kan inte ändras"), transaction.atomic():
        Verifikation.objects.filter(pk=ver.pk).update(text="Ändrad")


def test_posted_voucher_cannot_be_deleted_with_raw_sql(ar, konton):
    ver = _draft(ar, konton)
    _bokfor(ver)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM ekonomi_verifikation WHERE id = %s", [ver.pk])


def test_rows_of_a_posted_voucher_cannot_be_changed_with_raw_sql(ar, konton):
    ver = _draft(ar, konton)
    _bokfor(ver)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE ekonomi_rad SET belopp = 0 WHERE verifikation_id = %s", [ver.pk])


def test_row_cannot_be_added_to_a_posted_voucher(ar, konton):
    ver = _draft(ar, konton)
    _bokfor(ver)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rad.objects.create(verifikation=ver, konto=konton[0], belopp=1)


def test_rows_of_a_posted_voucher_cannot_be_deleted(ar, konton):
    ver = _draft(ar, konton)
    _bokfor(ver)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rad.objects.filter(verifikation=ver).delete()


def _las(ar, datum):
    from ekonomi.models import Period

    Period.objects.filter(rakenskapsar=ar, start__lte=datum, slut__gte=datum).delete()
    Period.objects.create(rakenskapsar=ar, start=datum.replace(day=1), slut=datum, last=True)


def test_voucher_cannot_be_created_in_a_locked_period(ar, konton):
    _las(ar, datetime.date(2024, 3, 1))
    serie = Serie.objects.create(rakenskapsar=ar, kod="A")
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        Verifikation.objects.create(
            rakenskapsar=ar, serie=serie, datum=datetime.date(2024, 3, 1), text="Sent"
        )


def test_draft_in_a_period_locked_later_cannot_be_posted_or_get_rows(ar, konton):
    ver = _draft(ar, konton)
    _las(ar, datetime.date(2024, 3, 1))
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        _bokfor(ver)
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        Rad.objects.create(verifikation=ver, konto=konton[0], belopp=1)
    assert Verifikation.objects.get(pk=ver.pk).status == "P"


def test_draft_cannot_be_moved_into_a_locked_period_with_raw_sql(ar, konton):
    ver = _draft(ar, konton)
    _las(ar, datetime.date(2024, 6, 30))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ekonomi_verifikation SET datum = %s WHERE id = %s",
            [datetime.date(2024, 6, 30), ver.pk],
        )


def test_a_period_locked_with_raw_sql_refuses_new_rows_and_vouchers(ar, konton):
    """The lock is seen whatever set it (here a raw UPDATE of the period, which on SQLite
    also enters the period in the locked-periods index of migration 0019)."""
    ver = _draft(ar, konton)
    ovrig = Verifikation.objects.create(
        rakenskapsar=ar, serie=ver.serie, nummer=2, datum=datetime.date(2024, 3, 31), text="X"
    )
    from ekonomi.models import Period

    Period.objects.bulk_create(
        [
            Period(
                rakenskapsar=ar, start=datetime.date(2024, m, 1), slut=datetime.date(2024, m, 28)
            )
            for m in (2, 4)
        ]
        + [
            Period(
                rakenskapsar=ar, start=datetime.date(2024, 3, 1), slut=datetime.date(2024, 3, 31)
            )
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ekonomi_period SET last = %s WHERE rakenskapsar_id = %s AND start = %s",
            [True, ar.pk, datetime.date(2024, 3, 1)],
        )
    for sql, params in [
        (
            "INSERT INTO ekonomi_rad (verifikation_id, konto_id, belopp, text) "
            "VALUES (%s, %s, 1, '')",
            [ovrig.pk, konton[0].pk],
        ),
        (
            "INSERT INTO ekonomi_verifikation (rakenskapsar_id, serie_id, nummer, datum, text, "
            "status, registrerad) VALUES (%s, %s, 3, %s, '', 'P', %s)",
            [ar.pk, ver.serie_id, datetime.date(2024, 3, 15), datetime.datetime(2024, 3, 15)],
        ),
    ]:
        with (
            pytest.raises(IntegrityError, match="perioden är låst"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, params)
    assert Rad.objects.filter(verifikation=ovrig).count() == 0


def test_sqlite_lock_checks_read_only_the_locked_periods(db):
    """Migration 0019: the lock triggers' EXISTS uses the partial index of locked periods
    (on SQLite; PostgreSQL reads the period through finsam_period_last)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-index")
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM ekonomi_period p WHERE p.rakenskapsar_id = 1 "
            "AND '2024-03-01' BETWEEN p.start AND p.slut AND p.last = 1"
        )
        plan = " ".join(str(r[-1]) for r in cursor.fetchall())
    assert "ekonomi_period_last" in plan


def test_one_statement_over_drafts_of_an_open_and_a_closed_year_is_refused(ar, konton):
    """Migration 0021 (PostgreSQL's set-based check): a statement touching many drafts is
    refused when one of them lies in a closed year, and allowed when none does."""
    ver = _draft(ar, konton)
    stangt = Rakenskapsar.objects.create(
        forbund=ar.forbund, start=datetime.date(2023, 1, 1), slut=datetime.date(2023, 12, 31)
    )
    serie = Serie.objects.create(rakenskapsar=stangt, kod="A")
    gammal = Verifikation.objects.create(
        rakenskapsar=stangt, serie=serie, nummer=1, datum=datetime.date(2023, 5, 1), text="G"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ekonomi_rakenskapsar SET stangt = %s WHERE id = %s", [True, stangt.pk]
        )
    with (
        pytest.raises(IntegrityError, match="stängt"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE ekonomi_verifikation SET text = 'x' WHERE id IN (%s, %s)", [ver.pk, gammal.pk]
        )
    Verifikation.objects.filter(pk=ver.pk).update(text="Öppet år")
    assert list(Verifikation.objects.order_by("pk").values_list("text", flat=True)) == [
        "Öppet år",
        "G",
    ]
