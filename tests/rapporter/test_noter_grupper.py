"""Notes at the published granularity, on the books of a förbund known only from SIE:
Kommun-Bas subgroups with subtotals, each eget kapital account and change; and the
contribution accounts read from the ledger when no member has accounts."""

import datetime

import pytest

from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.medlemsbidrag import bidragskonton, medlemsbidrag
from rapporter.builders.underlag import hamta_underlag
from tests.rapporter.nyasen import importera_nyasen

pytestmark = pytest.mark.django_db


@pytest.fixture
def nyasen():
    return importera_nyasen()


def _not(rapport, rubrik):
    return next(n for n in rapport.noter if n.rubrik == rubrik).tabell


def _rader(tabell):
    return [(r.rubrik, None if r.visat[0] is None else str(r.visat[0])) for r in tabell.rader]


def test_fordringar_note_prints_group_17_with_its_subtotal(nyasen):
    tabell = _not(bygg_arsredovisning(forbund=nyasen, ar=2019), "Fordringar")
    assert _rader(tabell) == [
        ("Kundfordringar", "8.0"),
        ("Förutbetalda kostnader och upplupna intäkter", None),
        ("Förutbetalda hyror", "15.0"),
        ("Övriga förutbetalda kostnader och upplupna intäkter", "1.2"),
        ("Summa förutbetalda kostnader och upplupna intäkter", "16.2"),
        ("Summa", "24.2"),
    ]


def test_kortfristiga_skulder_note_prints_group_29_with_its_subtotal(nyasen):
    tabell = _not(bygg_arsredovisning(forbund=nyasen, ar=2019), "Kortfristiga skulder")
    assert _rader(tabell) == [
        ("Leverantörsskulder", "12.0"),
        ("Upplupna kostnader och förutbetalda intäkter", None),
        ("Upplupna löner", "60.0"),
        ("Förutbetalda medlemsbidrag", "508.0"),
        ("Summa upplupna kostnader och förutbetalda intäkter", "568.0"),
        ("Summa", "580.0"),
    ]


def test_eget_kapital_note_lists_the_amount_booked_straight_to_eget_kapital(nyasen):
    tabell = _not(bygg_arsredovisning(forbund=nyasen, ar=2019), "Eget kapital")
    assert _rader(tabell) == [
        ("Ingående eget kapital", "0.0"),
        ("Årets resultat", "-430.8"),
        ("Kapital överfört från Bjuvs och Åstorps förbund (bokfört mot eget kapital)", "2800.0"),
        ("Utgående eget kapital", "2369.2"),
    ]


def test_each_eget_kapital_account_is_listed_at_the_start(nyasen):
    from tests.rapporter.bok import Bok

    bok = Bok(nyasen)
    bok.konton = {k.nummer: k for k in nyasen.konton.all()}
    bok.ib(2020, [("1930", 2_000_000), ("2010", -1_500_000), ("2090", -500_000)])
    tabell = _not(bygg_arsredovisning(forbund=nyasen, ar=2020), "Eget kapital")
    assert _rader(tabell)[:3] == [
        ("Eget kapital", "1500.0"),
        ("Kapital överfört från Bjuvs och Åstorps förbund", "500.0"),
        ("Ingående eget kapital", "2000.0"),
    ]


def test_contribution_accounts_come_from_the_ledger_when_no_member_has_accounts(nyasen):
    u = hamta_underlag(
        forbund=nyasen, perioder={"ar": (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))}
    )
    ids, kalla = bidragskonton(u)
    assert kalla == "kontotyp"
    assert sorted(u.konton[i].nummer for i in ids) == ["3511", "3512", "3513", "3514"]
    assert medlemsbidrag(u, u.saldon["ar"].total) == 308_000_000


def test_mapped_member_accounts_win_over_the_account_type(nyasen):
    from forbund.models import Medlem

    Medlem.objects.create(forbund=nyasen, namn="Region Skåne", typ="region", intaktskonton="3512")
    u = hamta_underlag(
        forbund=nyasen, perioder={"ar": (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))}
    )
    ids, kalla = bidragskonton(u)
    assert kalla == "medlemmar"
    assert medlemsbidrag(u, u.saldon["ar"].total) == 77_000_000


def test_a_note_may_list_each_object_of_a_chosen_dimension(nyasen):
    """A creditor list: kortfristiga skulder per object of a "Motpart" dimension."""
    from ekonomi.models import Dimension, Objekt
    from rapporter.definitioner import hamta_definition
    from rapporter.models import Rapportdefinition
    from tests.rapporter.bok import Bok

    motpart = Dimension.objects.create(forbund=nyasen, nummer=7, namn="Motpart")
    bok = Bok(nyasen)
    bok.konton = {k.nummer: k for k in nyasen.konton.all()}
    bok.ar = {a.slut.year: a for a in nyasen.rakenskapsar.all()}
    for kod, namn in [("M1", "Bjuvs kommun"), ("M2", "Revisionsbyrån AB")]:
        bok.objekt[kod] = Objekt.objects.create(dimension=motpart, kod=kod, namn=namn)
    bok.ver(
        datetime.date(2019, 12, 30),
        [("4610", 30_000), ("2440", -25_000, "M1"), ("2440", -5_000, "M2")],
    )
    _, rader = hamta_definition(forbund=nyasen, typ=Rapportdefinition.Typ.BALANSRAKNING)
    ks = next(r for r in rader if r.kod == "KS")
    ks.not_typ, ks.not_dimension = "objekt", 7
    ks.save()
    tabell = _not(bygg_arsredovisning(forbund=nyasen, ar=2019), "Kortfristiga skulder")
    assert _rader(tabell) == [
        ("Bjuvs kommun", "25.0"),
        ("Revisionsbyrån AB", "5.0"),
        ("Utan objekt i dimensionen", "580.0"),
        ("Summa", "610.0"),
    ]


def test_a_note_per_object_needs_its_dimension(nyasen):
    from rapporter.forms import RapportradForm

    form = RapportradForm(
        data={
            "ordning": 10,
            "kod": "KS",
            "rubrik": "Kortfristiga skulder",
            "typ": "konton",
            "konton": "24-29",
            "tecken": -1,
            "not_typ": "objekt",
        }
    )
    assert not form.is_valid()
    assert form.errors["not_dimension"] == ["Ange vilken dimensions objekt noten visar."]
