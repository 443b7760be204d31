"""Medlemsbidrag: Finsam-lagen's split, the kommuner's key, exact whole kronor, vouchers."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ekonomi import services as ekonomi_services
from ekonomi.models import Konto, Rakenskapsar, Verifikation
from forbund import selectors, services
from forbund.models import Bidragsar, Forbund, Medlem

# ../shared/seeds/002: Samordningsförbundet NNV Skåne, verksamhetsplan och budget 2020.
NNV_KOMMUNER = {
    "Båstads kommun": 247_000,
    "Klippans kommun": 318_700,
    "Perstorps kommun": 133_300,
    "Ängelholms kommun": 747_700,
    "Örkelljunga kommun": 178_800,
}


@pytest.fixture
def nnv(db) -> Forbund:
    f = Forbund.objects.create(namn="Samordningsförbundet NNV Skåne", orgnr="222000-1040")
    start = datetime.date(2018, 1, 1)
    for namn, typ in [
        ("Försäkringskassan", "fk"),
        ("Arbetsförmedlingen", "af"),
        ("Region Skåne", "region"),
        *[(k, "kommun") for k in NNV_KOMMUNER],
    ]:
        Medlem.objects.create(forbund=f, namn=namn, typ=typ, from_datum=start)
    return f


def _underlag(bidragsar, falt, varden: dict[str, object]):
    return {
        a.pk: {falt: varden[a.medlem.namn]}
        for a in bidragsar.andelar.select_related("medlem")
        if a.medlem.namn in varden
    }


def _kr(forbund, ar):
    return {m.namn: kr for m, kr in selectors.medlemsbidrag_for_ar(forbund=forbund, ar=ar)}


def test_seed_002_split_is_reproduced_exactly_with_fixed_shares(nnv, kansli):
    bidragsar = services.bidragsar_create(
        user=kansli, forbund=nnv, ar=2020, statlig_tilldelning=3_251_000, nyckel_kommuner="fast"
    )
    services.bidragsunderlag_spara(
        user=kansli, bidragsar=bidragsar, underlag=_underlag(bidragsar, "fast_andel", NNV_KOMMUNER)
    )
    assert _kr(nnv, 2020) == {
        "Försäkringskassan": 3_251_000,
        "Region Skåne": 1_625_500,
        **NNV_KOMMUNER,
    }


def test_seed_002_total_can_be_entered_instead_of_the_state_allocation(nnv, kansli):
    bidragsar = services.bidragsar_create(
        user=kansli, forbund=nnv, ar=2020, totalt=6_502_000, nyckel_kommuner="fast"
    )
    assert bidragsar.statlig_tilldelning == 3_251_000


def test_selector_lists_state_region_then_kommuner(nnv, kansli):
    bidragsar = services.bidragsar_create(
        user=kansli, forbund=nnv, ar=2020, statlig_tilldelning=3_251_000, nyckel_kommuner="fast"
    )
    services.bidragsunderlag_spara(
        user=kansli, bidragsar=bidragsar, underlag=_underlag(bidragsar, "fast_andel", NNV_KOMMUNER)
    )
    rader = selectors.medlemsbidrag_for_ar(forbund=nnv, ar=2020)
    assert [m.typ for m, _ in rader] == ["fk", "region"] + ["kommun"] * 5
    assert sum(kr for _, kr in rader) == 6_502_000


def test_population_key_sums_exactly_to_the_kommuner_quarter(nnv, kansli):
    befolkning = {
        "Båstads kommun": 8_913,
        "Klippans kommun": 10_391,
        "Perstorps kommun": 4_453,
        "Ängelholms kommun": 24_929,
        "Örkelljunga kommun": 6_018,
    }
    bidragsar = services.bidragsar_create(
        user=kansli,
        forbund=nnv,
        ar=2020,
        statlig_tilldelning=3_251_001,
        nyckel_kommuner="befolkning",
    )
    services.bidragsunderlag_spara(
        user=kansli, bidragsar=bidragsar, underlag=_underlag(bidragsar, "befolkning", befolkning)
    )
    kr = _kr(nnv, 2020)
    # S is odd: the region's and the kommuner's quarters differ by one krona, total exact.
    assert kr["Region Skåne"] == 1_625_501
    assert sum(kr[k] for k in befolkning) == 1_625_500
    assert sum(kr.values()) == 2 * 3_251_001


def test_weighted_key_25_75_sums_exactly(nnv, kansli):
    bidragsar = services.bidragsar_create(
        user=kansli,
        forbund=nnv,
        ar=2020,
        statlig_tilldelning=3_251_000,
        nyckel_kommuner="viktad",
        vikt_befolkning=Decimal("25"),
    )
    underlag = {}
    for a in bidragsar.andelar.select_related("medlem"):
        if a.medlem.typ == "kommun":
            underlag[a.pk] = {
                "befolkning": 1000 + a.pk,
                "forsorjningsmatt": Decimal("123.45") * a.pk,
            }
    services.bidragsunderlag_spara(user=kansli, bidragsar=bidragsar, underlag=underlag)
    kr = _kr(nnv, 2020)
    assert sum(kr[k] for k in NNV_KOMMUNER) == 1_625_500


def test_weighted_key_mixes_the_two_shares():
    """Two kommuner: A has all the population, B all the försörjningsmått → 25 % / 75 %."""
    f = Forbund(namn="X", orgnr="222000-1008")
    bidragsar = Bidragsar(
        forbund=f, ar=2020, statlig_tilldelning=400, nyckel_kommuner="viktad", vikt_befolkning=25
    )

    class A:
        def __init__(self, pk, typ, bef, fors):
            self.medlem_id = pk
            self.medlem = Medlem(pk=pk, typ=typ, namn=str(pk))
            self.befolkning, self.forsorjningsmatt, self.fast_andel = bef, fors, None

    andelar = [
        A(1, "fk", None, None),
        A(2, "region", None, None),
        A(3, "kommun", 100, 0),
        A(4, "kommun", 0, 50),
    ]
    assert services.fordela_medlemsbidrag(bidragsar=bidragsar, andelar=andelar) == {
        1: 400,
        2: 200,
        3: 50,
        4: 150,
    }


def test_missing_basis_for_the_key_is_refused(nnv, kansli):
    bidragsar = services.bidragsar_create(
        user=kansli,
        forbund=nnv,
        ar=2020,
        statlig_tilldelning=3_251_000,
        nyckel_kommuner="befolkning",
    )
    assert bidragsar.beraknat is None
    with pytest.raises(ValidationError):
        services.medlemsbidrag_berakna(user=kansli, bidragsar=bidragsar)


def test_an_odd_total_is_a_field_error(nnv, kansli):
    with pytest.raises(ValidationError) as exc:
        services.bidragsar_create(
            user=kansli, forbund=nnv, ar=2020, totalt=1001, nyckel_kommuner="fast"
        )
    assert "totalt" in exc.value.message_dict


def test_single_region_and_kommun_need_no_basis(forbund, kansli):
    services.bidragsar_create(
        user=kansli,
        forbund=forbund,
        ar=2013,
        statlig_tilldelning=7_000_000,
        nyckel_kommuner="fast",
    )
    assert _kr(forbund, 2013) == {
        "Försäkringskassan": 7_000_000,
        "Region Testland": 3_500_000,
        "Testby kommun": 3_500_000,
    }


def test_underlag_form_puts_missing_population_next_to_the_field(client_as, kansli, nnv):
    from forbund.models import Behorighet

    Behorighet.objects.create(user=kansli, forbund=nnv, roll="kansli")
    bidragsar = services.bidragsar_create(
        user=kansli,
        forbund=nnv,
        ar=2020,
        statlig_tilldelning=3_251_000,
        nyckel_kommuner="befolkning",
    )
    andelar = list(bidragsar.andelar.filter(medlem__typ__in=["kommun", "region"]).order_by("pk"))
    data = {
        "underlag-TOTAL_FORMS": len(andelar),
        "underlag-INITIAL_FORMS": len(andelar),
        "underlag-MIN_NUM_FORMS": 0,
        "underlag-MAX_NUM_FORMS": 1000,
    }
    client = client_as(kansli)
    page = client.get(f"/f/{nnv.orgnr}/medlemsbidrag/{bidragsar.pk}/underlag/")
    for i, form in enumerate(page.context["formset"].forms):
        data[f"underlag-{i}-id"] = form.instance.pk
        data[f"underlag-{i}-befolkning"] = (
            "" if form.instance.medlem.namn == "Båstads kommun" else "1000"
        )
    response = client.post(f"/f/{nnv.orgnr}/medlemsbidrag/{bidragsar.pk}/underlag/", data)
    assert response.status_code == 200
    fel = {
        f.instance.medlem.namn: dict(f.errors)
        for f in response.context["formset"].forms
        if f.errors
    }
    assert list(fel) == ["Båstads kommun"]
    assert "befolkning" in fel["Båstads kommun"]
    assert not bidragsar.andelar.filter(befolkning__isnull=False).exists()


@pytest.fixture
def huvudbok(forbund):
    ar = Rakenskapsar.objects.create(
        forbund=forbund, start=datetime.date(2024, 1, 1), slut=datetime.date(2024, 12, 31)
    )
    Konto.objects.create(forbund=forbund, nummer="1513", namn="Fordringar medlemmar", typ="T")
    Konto.objects.create(forbund=forbund, nummer="3511", namn="Bidrag staten", typ="I")
    Konto.objects.create(forbund=forbund, nummer="3512", namn="Bidrag region", typ="I")
    Konto.objects.create(forbund=forbund, nummer="3513", namn="Bidrag kommun", typ="I")
    for typ, konto in (("fk", "3511"), ("af", "3511"), ("region", "3512"), ("kommun", "3513")):
        forbund.medlemmar.filter(typ=typ).update(intaktskonton=konto)
    return ar


def test_fakturera_books_one_voucher_per_paying_member(forbund, kansli, huvudbok):
    bidragsar = services.bidragsar_create(
        user=kansli,
        forbund=forbund,
        ar=2024,
        statlig_tilldelning=1_000_001,
        nyckel_kommuner="fast",
    )
    vers = ekonomi_services.medlemsbidrag_fakturera(
        user=kansli, bidragsar=bidragsar, datum=datetime.date(2024, 1, 15), fordringskonto="1513"
    )
    assert [(v.serie.kod, v.nummer, v.status) for v in vers] == [
        ("F", 1, "B"),
        ("F", 2, "B"),
        ("F", 3, "B"),
    ]
    rader = {
        (r.konto.nummer, r.belopp)
        for v in Verifikation.objects.filter(rakenskapsar=huvudbok)
        for r in v.rader.select_related("konto")
    }
    assert rader == {
        ("1513", 100_000_100),
        ("3511", -100_000_100),
        ("1513", 50_000_100),
        ("3512", -50_000_100),
        ("1513", 50_000_000),
        ("3513", -50_000_000),
    }
    with pytest.raises(ValidationError):
        services.bidragsar_update(
            user=kansli, bidragsar=bidragsar, statlig_tilldelning=5, nyckel_kommuner="fast"
        )


def test_fakturera_without_a_financial_year_is_a_clear_error(forbund, kansli):
    bidragsar = services.bidragsar_create(
        user=kansli, forbund=forbund, ar=2024, statlig_tilldelning=1000, nyckel_kommuner="fast"
    )
    with pytest.raises(ValidationError) as exc:
        ekonomi_services.medlemsbidrag_fakturera(
            user=kansli,
            bidragsar=bidragsar,
            datum=datetime.date(2024, 1, 15),
            fordringskonto="1513",
        )
    assert "räkenskapsår" in exc.value.message_dict["datum"][0]
    assert Verifikation.objects.count() == 0


def test_fakturera_needs_the_member_revenue_account_in_the_chart(forbund, kansli, huvudbok):
    forbund.medlemmar.filter(typ="kommun").update(intaktskonton="3999")
    bidragsar = services.bidragsar_create(
        user=kansli, forbund=forbund, ar=2024, statlig_tilldelning=1000, nyckel_kommuner="fast"
    )
    with pytest.raises(ValidationError, match="Testby kommun saknar"):
        ekonomi_services.medlemsbidrag_fakturera(
            user=kansli,
            bidragsar=bidragsar,
            datum=datetime.date(2024, 1, 15),
            fordringskonto="1513",
        )
    assert Verifikation.objects.count() == 0


def test_fakturera_form_shows_a_missing_account_next_to_the_field(
    client_as, kansli, forbund, huvudbok
):
    bidragsar = services.bidragsar_create(
        user=kansli, forbund=forbund, ar=2024, statlig_tilldelning=1000, nyckel_kommuner="fast"
    )
    response = client_as(kansli).post(
        f"/f/{forbund.orgnr}/ekonomi/medlemsbidrag/{bidragsar.pk}/fordringar/",
        {"datum": "2024-01-15", "fordringskonto": "1999", "serie": "F"},
    )
    assert "fordringskonto" in response.context["form"].errors
    assert Verifikation.objects.count() == 0
