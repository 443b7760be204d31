"""The report side of the kept balances (issue 16.2): ``kontoplan_och_saldon``,
``saldon_per_objekt_perioder`` and ``saldobalans`` equal a sum over the bokförda rows for
any period — whole months (the kept balances) or not (the rows) — in an 18-month first
year and a broken year (0701–0630), with rows on month ends, on 29 February, of zero
amount and with objects in two dimensions."""

import datetime

import pytest
from django.db.models import Q, Sum

from ekonomi import selectors
from ekonomi.models import (
    Dimension,
    Objekt,
    Period,
    Rad,
    RadObjekt,
    Rakenskapsar,
    Serie,
    Verifikation,
)
from ekonomi.services.ar import _manader
from rapporter import aggregering

D = datetime.date


def _ar(forbund, start, slut):
    ar = Rakenskapsar.objects.create(forbund=forbund, start=start, slut=slut)
    Period.objects.bulk_create(
        [Period(rakenskapsar=ar, start=a, slut=b) for a, b in _manader(start, slut)]
    )
    Serie.objects.create(rakenskapsar=ar, kod="A")
    return ar


@pytest.fixture
def bocker(forbund, kontoplan, projekt, bokfor):
    """An 18-month first year 2023-01-01–2024-06-30 and a broken year 2024-07-01–2025-06-30."""
    forsta = _ar(forbund, D(2023, 1, 1), D(2024, 6, 30))
    brutet = _ar(forbund, D(2024, 7, 1), D(2025, 6, 30))
    dim1 = Dimension.objects.get_or_create(forbund=forbund, nummer=1, defaults={"namn": "KS"})[0]
    ks = Objekt.objects.create(dimension=dim1, kod="K1", namn="Kansli")
    k = kontoplan
    bokfor(D(2023, 1, 1), [(k["1930"], 500_00), (k["2910"], -500_00)], serie="IB")
    bokfor(D(2023, 1, 31), [(k["1930"], 1_00), (k["3511"], -1_00)])
    feb = bokfor(
        D(2024, 2, 29), [(k["4610"], 7_77, [projekt, ks]), (k["1930"], -7_77)], bokfor=False
    )
    # A zero-amount row with an object (SIE files have them; the form refuses them).
    noll = Rad.objects.create(verifikation=feb, konto=k["2910"], belopp=0)
    RadObjekt.objects.create(rad=noll, objekt=ks)
    Verifikation.objects.filter(pk=feb.pk).update(status="B", nummer=99)
    bokfor(D(2024, 6, 30), [(k["4610"], 30_00, [projekt]), (k["1930"], -30_00)])
    bokfor(D(2024, 7, 1), [(k["1930"], 461_23), (k["2910"], -461_23)], serie="IB")
    bokfor(D(2024, 7, 1), [(k["4610"], 2_00, [ks]), (k["1930"], -2_00)])
    bokfor(D(2024, 12, 31), [(k["4610"], 3_00, [projekt]), (k["1930"], -3_00)])
    bokfor(D(2025, 6, 30), [(k["3511"], -9_00), (k["1930"], 9_00)])
    return forsta, brutet, projekt, ks


PERIODER = {
    "forsta": (D(2023, 1, 1), D(2024, 6, 30)),
    "brutet": (D(2024, 7, 1), D(2025, 6, 30)),
    "kalender2024": (D(2024, 1, 1), D(2024, 12, 31)),
    "februari": (D(2024, 2, 1), D(2024, 2, 29)),
    "over_arsskiftet": (D(2024, 6, 1), D(2024, 7, 31)),
    "dagar": (D(2024, 2, 29), D(2024, 7, 1)),
    "nastan_allt": (D(2023, 1, 2), D(2025, 6, 30)),
    "tomt": (D(2026, 1, 1), D(2026, 1, 31)),
}


def _rader(forbund, fran, till):
    return Rad.objects.filter(
        verifikation__rakenskapsar__forbund=forbund,
        verifikation__status="B",
        verifikation__datum__range=(fran, till),
    )


def test_kontoplan_och_saldon_equals_the_rows_for_every_period(bocker, forbund):
    _, saldon = aggregering.kontoplan_och_saldon(forbund=forbund, perioder=PERIODER)
    for namn, (fran, till) in PERIODER.items():
        farsk = {
            r["konto_id"]: (r["s"], r["i"])
            for r in _rader(forbund, fran, till)
            .values("konto_id")
            .annotate(s=Sum("belopp"), i=Sum("belopp", filter=Q(verifikation__serie__kod="IB")))
            .order_by()
        }
        got = {k: (saldon[namn].total[k], saldon[namn].ib.get(k) or 0) for k in saldon[namn].total}
        assert got == {k: (s, i or 0) for k, (s, i) in farsk.items()}, namn


@pytest.mark.parametrize("dimension", [1, 6])
def test_saldon_per_objekt_perioder_equals_the_rows(bocker, forbund, dimension):
    ut = aggregering.saldon_per_objekt_perioder(
        forbund=forbund, perioder=PERIODER, dimension=dimension
    )
    for namn, (fran, till) in PERIODER.items():
        farsk = {
            (r["rad__konto_id"], r["objekt_id"]): r["s"]
            for r in Rad.radobjekt.rel.related_model.objects.filter(
                rad__in=_rader(forbund, fran, till), objekt__dimension__nummer=dimension
            )
            .values("rad__konto_id", "objekt_id")
            .annotate(s=Sum("rad__belopp"))
            .order_by()
        }
        assert ut[namn] == farsk, namn


def test_the_row_with_objects_in_two_dimensions_counts_once_in_each(bocker, forbund, kontoplan):
    _, _, projekt, ks = bocker
    feb = PERIODER["februari"]
    assert aggregering.saldon_per_objekt(
        forbund=forbund, fran=feb[0], till=feb[1], dimension=6
    ) == {(kontoplan["4610"].pk, projekt.pk): 7_77}
    assert aggregering.saldon_per_objekt(
        forbund=forbund, fran=feb[0], till=feb[1], dimension=1
    ) == {
        (kontoplan["4610"].pk, ks.pk): 7_77,
        (kontoplan["2910"].pk, ks.pk): 0,
    }
    # The same from the rows (29 February to 1 March is not whole months).
    assert aggregering.saldon_per_objekt(
        forbund=forbund, fran=feb[1], till=D(2024, 3, 1), dimension=6
    ) == {(kontoplan["4610"].pk, projekt.pk): 7_77}


@pytest.mark.parametrize(
    ("ar_index", "fran", "till"),
    [
        (0, None, None),
        (0, D(2024, 2, 1), D(2024, 2, 29)),
        (0, D(2024, 2, 29), D(2024, 6, 30)),
        (0, D(2023, 2, 1), D(2024, 5, 31)),
        (1, None, None),
        (1, D(2025, 1, 1), D(2025, 6, 30)),
        (1, D(2024, 7, 2), D(2025, 6, 29)),
        (1, D(2024, 12, 1), D(2024, 12, 31)),
    ],
)
def test_saldobalans_equals_the_rows(bocker, ar_index, fran, till):
    ar = bocker[ar_index]
    sb = selectors.saldobalans(rakenskapsar=ar, fran=fran, till=till)
    fran, till = fran or ar.start, till or ar.slut
    ib_villkor = Q(verifikation__serie__kod="IB") | Q(verifikation__datum__lt=fran)
    farsk = {
        r["konto__nummer"]: (r["ib"] or 0, r["andr"] or 0)
        for r in selectors.bokforda_rader(rakenskapsar=ar)
        .filter(verifikation__datum__lte=till)
        .values("konto__nummer")
        .annotate(ib=Sum("belopp", filter=ib_villkor), andr=Sum("belopp", filter=~ib_villkor))
        .order_by()
    }
    assert {r.konto.nummer: (r.ib, r.forandring) for r in sb.rader} == farsk
    assert selectors.periodsaldon_avviker(rakenskapsar=ar) == []
