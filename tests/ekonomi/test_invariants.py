"""Invariants of the books on both databases: exact sums of a large ledger, gapless
numbering under concurrent posting (PostgreSQL), the bulk path."""

import datetime
import random
import threading

import pytest
from django.db import connection, connections
from django.db.models import Q, Sum

from ekonomi import selectors, services
from ekonomi.models import Rad, Verifikation
from ekonomi.services.bulk import verifikationer_bulk_skapa

D = datetime.date


def _stor_huvudbok(ar, kontoplan, antal=5000, seed=2013):
    """``antal`` vouchers of four rows with öre amounts (3 costs, 1 bank credit)."""
    rnd = random.Random(seed)
    kostnader = [kontoplan[n].pk for n in ("4610", "5110", "6590", "7010", "6110")]
    bank = kontoplan["1930"].pk
    vers, forvantat = [], {}
    for i in range(antal):
        rader = [(rnd.choice(kostnader), rnd.randint(1, 9_999_999), []) for _ in range(3)]
        rader.append((bank, -sum(b for _, b, _ in rader), []))
        for k, b, _ in rader:
            forvantat[k] = forvantat.get(k, 0) + b
        vers.append((D(2024, 1 + i % 12, 1 + i % 28), f"Ver {i}", rader))
    verifikationer_bulk_skapa(rakenskapsar=ar, serie="B", verifikationer=vers)
    return forvantat


def test_large_ledger_sums_are_exact_to_the_ore(ar, kontoplan):
    forvantat = _stor_huvudbok(ar, kontoplan)
    assert Rad.objects.count() == 20000
    summor = Rad.objects.aggregate(
        debet=Sum("belopp", filter=Q(belopp__gt=0)), kredit=Sum("belopp", filter=Q(belopp__lt=0))
    )
    debet = sum(b for b in forvantat.values() if b > 0)
    assert summor["debet"] == debet
    assert summor["kredit"] == -debet
    assert isinstance(summor["debet"], int)
    sb = selectors.saldobalans(rakenskapsar=ar)
    assert {r.konto.pk: r.ub for r in sb.rader} == forvantat
    assert sb.summa_ub == 0


def test_bulk_numbers_are_gapless_after_manual_ones(ar, kontoplan, bokfor):
    bokfor(D(2024, 1, 2), [("1930", 1), ("3511", -1)], serie="B")
    _stor_huvudbok(ar, kontoplan, antal=50)
    nummer = list(
        Verifikation.objects.filter(serie__kod="B")
        .order_by("nummer")
        .values_list("nummer", flat=True)
    )
    assert nummer == list(range(1, 52))


def test_bulk_refuses_an_unbalanced_voucher(ar, kontoplan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="balanserar inte"):
        verifikationer_bulk_skapa(
            rakenskapsar=ar,
            serie="B",
            verifikationer=[
                (
                    D(2024, 1, 2),
                    "x",
                    [(kontoplan["1930"].pk, 1, []), (kontoplan["3511"].pk, -2, [])],
                )
            ],
        )
    assert Verifikation.objects.count() == 0


def test_every_voucher_sums_to_zero(ar, kontoplan):
    _stor_huvudbok(ar, kontoplan, antal=200)
    obalans = Rad.objects.values("verifikation").annotate(s=Sum("belopp")).exclude(s=0).count()
    assert obalans == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_posting_gives_gapless_unique_numbers(forbund, kansli):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks across threads")
    services.kontoplan_skapa_standard(forbund=forbund)
    services.rakenskapsar_skapa(
        forbund=forbund, start=D(2024, 1, 1), slut=D(2024, 12, 31), user=kansli
    )
    fel = []
    start = threading.Barrier(6)

    def bokfor_manga(t):
        try:
            start.wait()
            for i in range(10):
                services.verifikation_create(
                    forbund=forbund,
                    datum=D(2024, 3, 1 + t),
                    text=f"Tråd {t} nr {i}",
                    rader=[("1930", 100 + i), ("3511", -(100 + i))],
                    user=kansli,
                )
        except Exception as exc:  # collected and asserted below
            fel.append(exc)
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=bokfor_manga, args=(t,)) for t in range(6)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert fel == []
    nummer = sorted(Verifikation.objects.filter(serie__kod="A").values_list("nummer", flat=True))
    assert nummer == list(range(1, 61))
