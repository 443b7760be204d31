"""The SIE import's bulk insert (ekonomi.sie.infoga) over several statements."""

import datetime

from django.db import transaction

from ekonomi.models import (
    Dimension,
    Konto,
    Objekt,
    Rad,
    RadObjekt,
    Rakenskapsar,
    Serie,
    Verifikation,
)
from ekonomi.sie import infoga as modul
from ekonomi.sie.infoga import infoga


def test_rows_in_several_statements_get_their_ids_in_order(forbund, monkeypatch):
    """Eleven parameters per statement: two rows of (id + four columns) each, so five rows
    take three statements; the ids come back in row order and each row holds its own
    values, and row objects (no ids asked for) go in the same way."""
    monkeypatch.setattr(modul, "_SQLITE_PARAMETRAR", 11)
    ar = Rakenskapsar.objects.create(
        forbund=forbund, start=datetime.date(2024, 1, 1), slut=datetime.date(2024, 12, 31)
    )
    serie = Serie.objects.create(rakenskapsar=ar, kod="A")
    konto = Konto.objects.create(forbund=forbund, nummer="4010", namn="Kostnad", typ="K")
    dim, _ = Dimension.objects.get_or_create(forbund=forbund, nummer=1, defaults={"namn": "KS"})
    objekt = [Objekt.objects.create(dimension=dim, kod=f"K{i}", namn=f"K{i}") for i in range(3)]
    with transaction.atomic():
        ver = Verifikation.objects.create(
            rakenskapsar=ar, serie=serie, nummer=1, datum=datetime.date(2024, 3, 1), text="X"
        )
        rader = [(ver.pk, konto.pk, 100 * i, f"rad {i}") for i in range(1, 6)]
        ids = infoga(
            Rad,
            ["verifikation_id", "konto_id", "belopp", "text"],
            rader,
            aterfinn=("verifikation_id = ANY(%s)", [[ver.pk]]),
        )
        ro = [(ids[i], objekt[i % 3].pk) for i in range(5)]
        assert infoga(RadObjekt, ["rad_id", "objekt_id"], ro, returnera=False) == []
    assert list(
        Rad.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "belopp", "text")
    ) == [(i, 100 * n, f"rad {n}") for n, i in enumerate(ids, 1)]
    assert sorted(RadObjekt.objects.values_list("rad_id", "objekt_id")) == sorted(ro)
