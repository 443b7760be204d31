"""Attacks on the kept balances (issue 16.2) and the ledger's guards, on both databases:
every write path either is refused, leaving everything as it was, or keeps the monthly
balances equal to a fresh sum of the bokförda rows."""

import contextlib
import datetime

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Sum

from ekonomi import selectors
from ekonomi.models import (
    Dimension,
    Kontosaldo,
    Objekt,
    Objektsaldo,
    Period,
    Rad,
    RadObjekt,
    Serie,
    Verifikation,
)

D = datetime.date


def _sql(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, list(params))


def _lika(ar):
    assert selectors.periodsaldon_avviker(rakenskapsar=ar) == []


def _bild():
    """Everything the ledger and its balances hold, to prove a refusal changed nothing."""
    return (
        sorted(Verifikation.objects.values_list("id", "status", "datum", "rakenskapsar_id")),
        sorted(Rad.objects.values_list("id", "verifikation_id", "konto_id", "belopp")),
        sorted(RadObjekt.objects.values_list("rad_id", "objekt_id")),
        sorted(Kontosaldo.objects.values_list("manad", "konto_id", "belopp", "ib")),
        sorted(Objektsaldo.objects.values_list("manad", "konto_id", "objekt_id", "belopp")),
    )


@pytest.fixture
def bok(ar, kontoplan, projekt, bokfor):
    k = kontoplan
    posted = bokfor(D(2024, 3, 1), [(k["1930"], 10_000), (k["4610"], -10_000, [projekt])])
    utkast = bokfor(D(2024, 3, 5), [(k["1930"], 500), (k["4610"], -500)], bokfor=False)
    return posted, utkast


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE ekonomi_rad SET belopp = belopp + 1 WHERE verifikation_id IN ({p}, {u})",
        "UPDATE ekonomi_rad SET verifikation_id = {p} WHERE verifikation_id = {u}",
        "UPDATE ekonomi_rad SET verifikation_id = {u} WHERE verifikation_id = {p}",
        "DELETE FROM ekonomi_rad WHERE verifikation_id IN ({p}, {u})",
        "INSERT INTO ekonomi_rad (verifikation_id, konto_id, belopp, text)"
        " SELECT verifikation_id, konto_id, 0, '' FROM ekonomi_rad",
        "UPDATE ekonomi_verifikation SET datum = '2024-04-01' WHERE id IN ({p}, {u})",
        "UPDATE ekonomi_verifikation SET status = 'P' WHERE id = {p}",
        "DELETE FROM ekonomi_radobjekt",
    ],
)
def test_statements_mixing_a_posted_and_a_draft_voucher_are_refused(bok, ar, sql):
    posted, utkast = bok
    fore = _bild()
    with pytest.raises(IntegrityError):
        _sql(sql.format(p=posted.pk, u=utkast.pk))
    assert _bild() == fore
    _lika(ar)


def test_drafts_changed_in_every_way_before_posting_keep_the_balances(
    bok, ar, kontoplan, projekt, forbund
):
    _, utkast = bok
    dim9 = Dimension.objects.get_or_create(forbund=forbund, nummer=9, defaults={"namn": "Nio"})[0]
    annat = Objekt.objects.create(dimension=dim9, kod="X9", namn="Nio")
    rader = list(utkast.rader.order_by("id"))
    _sql("UPDATE ekonomi_verifikation SET datum = '2024-02-29' WHERE id = %s", [utkast.pk])
    _sql(
        "UPDATE ekonomi_rad SET konto_id = %s, belopp = -700 WHERE id = %s",
        [kontoplan["3511"].pk, rader[1].pk],
    )
    _sql("UPDATE ekonomi_rad SET belopp = 700 WHERE id = %s", [rader[0].pk])
    RadObjekt.objects.bulk_create([RadObjekt(rad=rader[0], objekt=projekt)])
    RadObjekt.objects.bulk_create([RadObjekt(rad=rader[0], objekt=annat)])
    Rad.objects.bulk_create([Rad(verifikation=utkast, konto=kontoplan["1930"], belopp=0)])
    _sql("UPDATE ekonomi_verifikation SET status = 'B', nummer = 99 WHERE id = %s", [utkast.pk])
    _lika(ar)
    assert Kontosaldo.objects.get(manad=D(2024, 2, 1), konto=kontoplan["1930"]).belopp == 700
    assert Objektsaldo.objects.filter(manad=D(2024, 2, 1)).count() == 2
    per6 = selectors.periodsaldon_per_objekt(
        forbund=forbund, fran=D(2024, 2, 1), till=D(2024, 2, 29)
    )
    per9 = selectors.periodsaldon_per_objekt(
        forbund=forbund, fran=D(2024, 2, 1), till=D(2024, 2, 29), dimension=9
    )
    assert per6 == {(kontoplan["1930"].pk, projekt.pk): 700}
    assert per9 == {(kontoplan["1930"].pk, annat.pk): 700}


def test_posting_several_vouchers_in_one_update_keeps_the_balances(ar, kontoplan, bokfor):
    k = kontoplan
    a = bokfor(D(2024, 1, 31), [(k["1930"], 1), (k["3511"], -1)], bokfor=False)
    b = bokfor(D(2024, 12, 31), [(k["1930"], 2), (k["3511"], -2)], bokfor=False)
    c = bokfor(D(2024, 6, 30), [(k["1930"], 2), (k["3511"], -2)], bokfor=False)
    _sql("UPDATE ekonomi_rad SET belopp = -belopp * 3 / 2 WHERE verifikation_id = %s", [c.pk])
    _sql(
        "UPDATE ekonomi_verifikation SET status = 'B', nummer = id WHERE id IN (%s, %s, %s)",
        [a.pk, b.pk, c.pk],
    )
    _lika(ar)
    assert Kontosaldo.objects.filter(konto=k["1930"]).aggregate(s=Sum("belopp"))["s"] == 0


def test_posting_several_vouchers_with_one_unbalanced_changes_nothing(ar, kontoplan, bokfor):
    k = kontoplan
    a = bokfor(D(2024, 1, 31), [(k["1930"], 1), (k["3511"], -1)], bokfor=False)
    b = bokfor(D(2024, 2, 1), [(k["1930"], 2), (k["3511"], -2)], bokfor=False)
    _sql("UPDATE ekonomi_rad SET belopp = 5 WHERE verifikation_id = %s AND belopp = 2", [b.pk])
    fore = _bild()
    with pytest.raises(IntegrityError, match="balanserar inte"):
        _sql(
            "UPDATE ekonomi_verifikation SET status = 'B', nummer = id WHERE id IN (%s, %s)",
            [a.pk, b.pk],
        )
    assert _bild() == fore


def test_a_deleted_locked_period_does_not_open_it_for_posting(bok, ar):
    _, utkast = bok
    mars = ar.perioder.get(start=D(2024, 3, 1))
    _sql("UPDATE ekonomi_period SET last = TRUE WHERE id = %s", [mars.pk])
    fore = _bild()
    with pytest.raises(IntegrityError, match="låst"):
        _sql("DELETE FROM ekonomi_period WHERE id = %s", [mars.pk])
        _sql("UPDATE ekonomi_verifikation SET status = 'B', nummer = 7 WHERE id = %s", [utkast.pk])
    assert _bild() == fore
    assert Period.objects.filter(pk=mars.pk, last=True).exists()


def test_a_locked_periods_dates_do_not_move(bok, ar):
    _, utkast = bok
    mars = ar.perioder.get(start=D(2024, 3, 1))
    _sql("UPDATE ekonomi_period SET last = TRUE WHERE id = %s", [mars.pk])
    fore = _bild()
    with pytest.raises(IntegrityError, match="låst"):
        _sql("UPDATE ekonomi_period SET slut = '2024-03-02' WHERE id = %s", [mars.pk])
        _sql("UPDATE ekonomi_verifikation SET status = 'B', nummer = 7 WHERE id = %s", [utkast.pk])
    assert _bild() == fore


def test_a_voucher_dated_outside_its_year_is_refused(bok, ar):
    _, utkast = bok
    for datum in ("2025-01-01", "2023-12-31"):
        with pytest.raises(IntegrityError, match="räkenskapsår"):
            _sql("UPDATE ekonomi_verifikation SET datum = %s WHERE id = %s", [datum, utkast.pk])
    with pytest.raises(IntegrityError, match="räkenskapsår"), transaction.atomic():
        Verifikation.objects.create(rakenskapsar=ar, serie=utkast.serie, datum=D(2025, 3, 1))
    _lika(ar)


def test_the_ib_series_keeps_its_code_once_it_has_posted_vouchers(ar, kontoplan, bokfor):
    k = kontoplan
    bokfor(D(2024, 1, 1), [(k["1930"], 100), (k["2910"], -100)], serie="IB")
    ib = Serie.objects.get(rakenskapsar=ar, kod="IB")
    with pytest.raises(IntegrityError, match="serie"):
        _sql("UPDATE ekonomi_serie SET kod = 'X' WHERE id = %s", [ib.pk])
    bokfor(D(2024, 1, 2), [(k["1930"], 5), (k["2910"], -5)], serie="A")
    a = Serie.objects.get(rakenskapsar=ar, kod="A")
    with pytest.raises(IntegrityError, match="serie"):
        _sql("UPDATE ekonomi_serie SET kod = 'IB' WHERE id = %s", [a.pk])
    _lika(ar)


def test_the_client_cannot_write_the_balances_through_the_orm(bok, ar):
    fore = _bild()
    for skriv in (
        lambda: Kontosaldo.objects.update(belopp=0),
        lambda: Objektsaldo.objects.all().delete(),
        lambda: Kontosaldo.objects.filter(pk=Kontosaldo.objects.first().pk).delete(),
        lambda: Kontosaldo.objects.create(
            rakenskapsar=ar, manad=D(2024, 7, 1), konto=Rad.objects.first().konto, belopp=1, ib=0
        ),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            skriv()
    assert _bild() == fore


def _parent_rows(forbund):
    return {
        "ar": forbund.rakenskapsar.count(),
        "konton": forbund.konton.count(),
        "objekt": Objekt.objects.filter(dimension__forbund=forbund).count(),
        "serier": Serie.objects.filter(rakenskapsar__forbund=forbund).count(),
    }


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM ekonomi_objekt WHERE id = {objekt}",
        "DELETE FROM ekonomi_konto WHERE id = {konto}",
        "DELETE FROM ekonomi_serie WHERE id = {serie}",
        "DELETE FROM ekonomi_rakenskapsar WHERE id = {ar}",
        "DELETE FROM ekonomi_period WHERE rakenskapsar_id = {ar}",
        "DELETE FROM forbund_forbund WHERE id = {forbund}",
        "UPDATE ekonomi_rakenskapsar SET id = id + 1000 WHERE id = {ar}",
        "UPDATE ekonomi_serie SET id = id + 1000 WHERE id = {serie}",
    ],
)
def test_a_parent_of_posted_rows_or_balances_cannot_go(bok, ar, forbund, projekt, sql):
    posted, _ = bok
    konto = posted.rader.first().konto_id
    fore, parents = _bild(), _parent_rows(forbund)
    with pytest.raises(IntegrityError):
        _sql(
            sql.format(
                objekt=projekt.pk, konto=konto, serie=posted.serie_id, ar=ar.pk, forbund=forbund.pk
            )
        )
        if connection.vendor == "sqlite":  # SQLite's FOREIGN KEYs are checked at COMMIT
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA foreign_key_check")
                assert cursor.fetchall() == []
    assert (_bild(), _parent_rows(forbund)) == (fore, parents)
    _lika(ar)


def test_nothing_is_created_or_posted_in_a_closed_year(bok, ar):
    _, utkast = bok
    _sql("UPDATE ekonomi_rakenskapsar SET stangt = TRUE WHERE id = %s", [ar.pk])
    fore = _bild()
    for sql, params in (
        ("UPDATE ekonomi_verifikation SET status = 'B', nummer = 9 WHERE id = %s", [utkast.pk]),
        ("UPDATE ekonomi_verifikation SET text = 'x' WHERE id = %s", [utkast.pk]),
        (
            "INSERT INTO ekonomi_verifikation (rakenskapsar_id, serie_id, datum, text, status,"
            " registrerad) VALUES (%s, %s, '2024-05-02', '', 'P', '2024-05-02')",
            [ar.pk, utkast.serie_id],
        ),
    ):
        with pytest.raises(IntegrityError, match="stängt"):
            _sql(sql, params)
    assert _bild() == fore


def test_a_period_of_a_year_without_vouchers_can_still_be_removed(forbund, kontoplan):
    from ekonomi.models import Rakenskapsar

    tomt = Rakenskapsar.objects.create(forbund=forbund, start=D(2030, 1, 1), slut=D(2030, 12, 31))
    p = Period.objects.create(rakenskapsar=tomt, start=D(2030, 1, 1), slut=D(2030, 1, 31))
    _sql("UPDATE ekonomi_period SET slut = '2030-01-30' WHERE id = %s", [p.pk])
    _sql("DELETE FROM ekonomi_period WHERE id = %s", [p.pk])
    tomt.delete()
    assert not Rakenskapsar.objects.filter(pk=tomt.pk).exists()


def test_orm_writes_on_a_posted_voucher_are_refused(bok, ar, kontoplan, projekt):
    posted, utkast = bok
    rad = posted.rader.order_by("id").first()
    rad.belopp = 1
    fore = _bild()
    for skriv in (
        lambda: Rad.objects.bulk_update([rad], ["belopp"]),
        lambda: Rad.objects.bulk_create([Rad(verifikation=posted, konto=rad.konto, belopp=0)]),
        lambda: RadObjekt.objects.filter(rad__verifikation=posted).update(objekt=projekt),
        lambda: RadObjekt.objects.create(rad=posted.rader.order_by("id").first(), objekt=projekt),
        lambda: Verifikation.objects.filter(pk=posted.pk).update(text="ändrad"),
        lambda: Verifikation.objects.bulk_create(
            [Verifikation(rakenskapsar=ar, serie=posted.serie, datum=D(2024, 5, 1), status="B")]
        ),
        lambda: Verifikation.objects.filter(pk__in=[posted.pk, utkast.pk]).delete(),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            skriv()
    assert _bild() == fore
    _lika(ar)


def test_a_refused_import_into_an_existing_year_leaves_nothing(forbund, kansli):
    from ekonomi.sie.falt import SieFel
    from ekonomi.sie.importer import sie_importera
    from tests.sie.conftest import A1, HUVUD, sie, ver

    sie_importera(fil=sie(HUVUD + A1), forbund=forbund, user=kansli)
    fore, objekt = _bild(), Objekt.objects.count()
    obalans = ver("A", 9, "20240310", "Fel", '4610 {6 "P7"} 100.00', "1930 {} -99.00")
    nytt = HUVUD.replace('#OBJEKT 6 "P1"', '#OBJEKT 6 "P7" "Ny"\n#OBJEKT 6 "P1"')
    with pytest.raises(SieFel):
        sie_importera(
            fil=sie(
                nytt + ver("A", 2, "20240301", "Ok", "4610 {} 5.00", "1930 {} -5.00") + obalans
            ),
            forbund=forbund,
            user=kansli,
        )
    assert (_bild(), Objekt.objects.count()) == (fore, objekt)
    _lika(forbund.rakenskapsar.get())


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    "sql",
    [
        # Rows changed in the statement that posts: either refused or counted as posted.
        "WITH r AS (UPDATE ekonomi_rad SET belopp = belopp * 2 WHERE verifikation_id = {u}"
        " RETURNING 1) UPDATE ekonomi_verifikation SET status = 'B', nummer = 5 WHERE id = {u}",
        "WITH v AS (UPDATE ekonomi_verifikation SET status = 'B', nummer = 5 WHERE id = {u}"
        " RETURNING id) INSERT INTO ekonomi_rad (verifikation_id, konto_id, belopp, text)"
        " SELECT id, {k}, 0, '' FROM v",
        "WITH r AS (DELETE FROM ekonomi_rad WHERE verifikation_id = {u} RETURNING 1)"
        " UPDATE ekonomi_verifikation SET status = 'B', nummer = 5 WHERE id = {u}",
        "WITH v AS (DELETE FROM ekonomi_verifikation WHERE id = {u} RETURNING id)"
        " INSERT INTO ekonomi_rad (verifikation_id, konto_id, belopp, text)"
        " SELECT {u}, {k}, 1, '' FROM v",
    ],
)
def test_postgres_data_modifying_ctes_keep_the_balances(bok, ar, sql):
    if connection.vendor != "postgresql":
        pytest.skip("data-modifying WITH is PostgreSQL's")
    posted, utkast = bok
    with contextlib.suppress(DatabaseError):
        _sql(sql.format(u=utkast.pk, k=posted.rader.first().konto_id))
    _lika(ar)
    assert not Rad.objects.exclude(verifikation__in=Verifikation.objects.all()).exists()
