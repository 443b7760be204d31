"""A förbund known only from its SIE file: the onboarding page maps its objects and
members, and the reports stop stating what was never entered (tests/rapporter/nyasen.py)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from ekonomi.models import Dimension, Objekt
from ekonomi.services.kontoplan import kontoplan_skapa_standard
from ekonomi.sie.importer import sie_importera
from forbund.demo import DEMO_ORGNR
from forbund.models import Behorighet, Forbund, Logghandelse, Medlem, Roll
from insatser.models import Insats, Objektroll
from rapporter import onboarding
from rapporter.aggregering import insatsobjekt
from tests.conftest import make_user
from tests.formular import formularvarden
from tests.rapporter.nyasen import FIL, importera_nyasen

pytestmark = pytest.mark.django_db


@pytest.fixture
def chef():
    return make_user("nyasen_chef")


@pytest.fixture
def nyasen(chef):
    return importera_nyasen(anvandare=[(chef, Roll.FORBUNDSCHEF)])


def _url(forbund):
    return reverse("rapporter:onboarding", kwargs={"orgnr": forbund.orgnr})


def _objekt(forbund, kod):
    return Objekt.objects.get(dimension__forbund=forbund, kod=kod)


def test_the_import_makes_no_insats_of_the_administration_object(nyasen):
    assert sorted(Insats.objects.filter(forbund=nyasen).values_list("namn", flat=True)) == [
        "Ungsam",
        "Vuxsam",
    ]
    assert _objekt(nyasen, "ADM").roll.roll == Objektroll.Roll.ADMINISTRATION
    assert sorted(insatsobjekt(forbund=nyasen).values()) == ["Ungsam", "Vuxsam"]


def test_members_are_proposed_from_the_contribution_accounts(nyasen):
    forslag = onboarding.medlemsforslag(forbund=nyasen)
    assert [(f.namn, f.typ, f.konto, f.belopp) for f in forslag] == [
        ("Försäkringskassan", "fk", "3511", 154_000_000),
        ("Region Skåne", "region", "3512", 77_000_000),
        ("Bjuvs kommun", "kommun", "3513", 38_500_000),
        ("Åstorps kommun", "kommun", "3514", 38_500_000),
    ]
    assert all(f.ar == 2019 for f in forslag)


def test_what_the_reports_lack_is_listed_with_links(nyasen):
    saknas = onboarding.saknade_uppgifter(
        forbund=nyasen,
        rapport="arsredovisning",
        ar=2019,
        fran=datetime.date(2019, 1, 1),
        till=datetime.date(2019, 12, 31),
    )
    assert [s.nyckel for s in saknas] == [
        "medlemmar",
        "styrelse",
        "sammantraden",
        "revisorer",
        "budget",
        "texter",
        "objekt",
    ]
    assert saknas[1].url == reverse("forbund:uppdrag-list", kwargs={"orgnr": nyasen.orgnr})


def _post(forbund, *, roller: dict, medlemmar: list[dict]):
    data = {
        "medlem-TOTAL_FORMS": str(len(medlemmar)),
        "medlem-INITIAL_FORMS": str(len(medlemmar)),
        "medlem-MIN_NUM_FORMS": "0",
        "medlem-MAX_NUM_FORMS": "1000",
    }
    for kod, roll in roller.items():
        data[f"objekt-{_objekt(forbund, kod).pk}"] = roll
    for i, m in enumerate(medlemmar):
        for k, v in m.items():
            data[f"medlem-{i}-{k}"] = v
    return data


MEDLEMMAR = [
    {"med": "on", "namn": "Försäkringskassan", "typ": "fk", "intaktskonton": "3511"},
    {"med": "on", "namn": "Arbetsförmedlingen", "typ": "af", "intaktskonton": "3511"},
    {"med": "on", "namn": "Region Skåne", "typ": "region", "intaktskonton": "3512"},
    {"med": "on", "namn": "Bjuvs kommun", "typ": "kommun", "intaktskonton": "3513"},
    {"med": "on", "namn": "Åstorps kommun", "typ": "kommun", "intaktskonton": "3514"},
]
ROLLER = {"U1": "insats", "V1": "insats", "ADM": "administration"}


def test_the_page_proposes_and_saves_roles_and_members(client, chef, nyasen):
    client.force_login(chef)
    sida = client.get(_url(nyasen)).content.decode()
    assert "Uppgift saknas" in sida and "3511 Medlemsbidrag Försäkringskassan" in sida
    svar = client.post(_url(nyasen), _post(nyasen, roller=ROLLER, medlemmar=MEDLEMMAR))
    assert svar.status_code == 302
    assert (
        dict(
            Objektroll.objects.filter(objekt__dimension__forbund=nyasen).values_list(
                "objekt__kod", "roll"
            )
        )
        == ROLLER
    )
    assert sorted(Medlem.objects.filter(forbund=nyasen).values_list("namn", "intaktskonton")) == [
        ("Arbetsförmedlingen", "3511"),
        ("Bjuvs kommun", "3513"),
        ("Försäkringskassan", "3511"),
        ("Region Skåne", "3512"),
        ("Åstorps kommun", "3514"),
    ]
    assert onboarding.medlemsforslag(forbund=nyasen) == []


def test_an_unassigned_object_is_refused_and_nothing_is_saved(client, chef, nyasen):
    client.force_login(chef)
    loggade = Logghandelse.objects.count()
    svar = client.post(
        _url(nyasen),
        _post(
            nyasen, roller={"U1": "insats", "V1": "", "ADM": "administration"}, medlemmar=MEDLEMMAR
        ),
    )
    assert svar.status_code == 200
    assert "Välj vad objektet används till." in svar.content.decode()
    assert Medlem.objects.filter(forbund=nyasen).count() == 0
    assert Objektroll.objects.filter(objekt__dimension__forbund=nyasen).count() == 1  # import
    assert Logghandelse.objects.count() == loggade


def test_only_project_objects_can_be_insatser_and_nothing_is_half_saved(chef, nyasen):
    from django.core.exceptions import ValidationError

    dim1 = Dimension.objects.create(forbund=nyasen, nummer=1, namn="Kostnadsställe")
    k10 = Objekt.objects.create(dimension=dim1, kod="K10", namn="Kansli")
    roller = {_objekt(nyasen, k).pk: r for k, r in ROLLER.items()} | {k10.pk: "insats"}
    with pytest.raises(ValidationError, match="bara objekt i dimension 6"):
        onboarding.onboarding_spara(
            forbund=nyasen,
            user=chef,
            roller=roller,
            medlemmar=[onboarding.NyMedlem("Region Skåne", "region", "3512")],
        )
    assert not Medlem.objects.filter(forbund=nyasen).exists()
    assert not Objektroll.objects.filter(objekt=_objekt(nyasen, "U1")).exists()


def test_a_bad_member_row_is_refused_at_the_field(client, chef, nyasen):
    client.force_login(chef)
    rad = {"med": "on", "namn": "Region Skåne", "typ": "", "intaktskonton": "35x"}
    svar = client.post(_url(nyasen), _post(nyasen, roller=ROLLER, medlemmar=[rad]))
    sida = svar.content.decode()
    assert svar.status_code == 200
    assert "Välj typ av medlem." in sida and "Skriv kontonummer med siffror" in sida
    assert not Objektroll.objects.filter(objekt=_objekt(nyasen, "U1")).exists()


def test_the_import_summary_links_to_the_onboarding(client, chef, nyasen):
    from ekonomi.models import SieImport

    client.force_login(chef)
    imp = SieImport.objects.get(forbund=nyasen)
    sida = client.get(
        reverse("ekonomi:sie-import-detail", kwargs={"orgnr": nyasen.orgnr, "pk": imp.pk})
    ).content.decode()
    assert _url(nyasen) in sida


def test_a_confirmed_account_is_added_to_a_registered_members_accounts(chef, nyasen):
    roller = {_objekt(nyasen, k).pk: r for k, r in ROLLER.items()}
    onboarding.onboarding_spara(
        forbund=nyasen,
        user=chef,
        roller=roller,
        medlemmar=[onboarding.NyMedlem("Region Skåne", "region", "3512")],
    )
    # A later year's chart books the region on a new account; and a kommun pays on two.
    onboarding.onboarding_spara(
        forbund=nyasen,
        user=chef,
        roller=roller,
        medlemmar=[
            onboarding.NyMedlem("Region Skåne", "region", "3516"),
            onboarding.NyMedlem("Bjuvs kommun", "kommun", "3513"),
            onboarding.NyMedlem("Bjuvs kommun", "kommun", "3517"),
        ],
    )
    assert sorted(Medlem.objects.filter(forbund=nyasen).values_list("namn", "intaktskonton")) == [
        ("Bjuvs kommun", "3513,3517"),
        ("Region Skåne", "3512,3516"),
    ]


def _spara_som_foreslaget(client, forbund):
    """GET the onboarding page, post its form exactly as shown; the saved members."""
    sida = client.get(_url(forbund)).content.decode()
    svar = client.post(_url(forbund), formularvarden(sida))
    fel = [] if svar.status_code == 302 else svar.content.decode()
    assert svar.status_code == 302, fel
    return sorted(
        Medlem.objects.filter(forbund=forbund).values_list("namn", "typ", "intaktskonton")
    )


def test_the_page_posted_as_proposed_is_saved_for_a_forbund_with_the_standard_chart(client, chef):
    # The way a new user makes a förbund (create_forbund seeds the standard chart, with
    # "3590 Övriga bidrag"), then its SIE file: the zero-amount account without a member
    # name is proposed unticked, so Spara as shown saves the four members.
    forbund = Forbund.objects.create(namn="Samordningsförbundet Nyåsen", orgnr="222000-1131")
    kontoplan_skapa_standard(forbund=forbund)
    Behorighet.objects.create(user=chef, forbund=forbund, roll=Roll.FORBUNDSCHEF)
    with FIL.open("rb") as fh:
        sie_importera(fil=fh, forbund=forbund, user=None)
    forslag = {f.konto: f for f in onboarding.medlemsforslag(forbund=forbund)}
    assert (forslag["3590"].belopp, forslag["3590"].typ, forslag["3590"].forvald) == (0, "", False)
    client.force_login(chef)
    assert _spara_som_foreslaget(client, forbund) == [
        ("Bjuvs kommun", "kommun", "3513"),
        ("Försäkringskassan", "fk", "3511"),
        ("Region Skåne", "region", "3512"),
        ("Åstorps kommun", "kommun", "3514"),
    ]
    assert [f.konto for f in onboarding.medlemsforslag(forbund=forbund)] == [
        k for k in sorted(forslag) if k not in ("3511", "3512", "3513", "3514")
    ]


def test_the_page_posted_as_proposed_is_saved_for_the_sie_only_forbund(client, chef, nyasen):
    client.force_login(chef)
    assert _spara_som_foreslaget(client, nyasen) == [
        ("Bjuvs kommun", "kommun", "3513"),
        ("Försäkringskassan", "fk", "3511"),
        ("Region Skåne", "region", "3512"),
        ("Åstorps kommun", "kommun", "3514"),
    ]


def test_the_page_posted_as_proposed_is_saved_for_the_demo(client):
    call_command("load_demo", stdout=StringIO())
    forbund = Forbund.objects.get(orgnr=DEMO_ORGNR)
    assert [f.konto for f in onboarding.medlemsforslag(forbund=forbund) if not f.forvald] == [
        "3590"
    ]
    fore = sorted(
        Medlem.objects.filter(forbund=forbund).values_list("namn", "typ", "intaktskonton")
    )
    client.force_login(get_user_model().objects.get(username="forbundschef"))
    assert _spara_som_foreslaget(client, forbund) == fore
