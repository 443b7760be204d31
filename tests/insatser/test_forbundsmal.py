"""The förbund's goals (issue 14.3): constraints, forms, access, copy to a new year and
the follow-up with suppression of small participant counts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from ekonomi.models import Rakenskapsar
from forbund.models import Logghandelse
from insatser import services
from insatser.models import Forbundsmal, Malutfall
from insatser.selectors.forbundsmal import maluppfoljning

D = datetime.date
INRIKTNING, RESULTAT = Forbundsmal.Slag.INRIKTNING, Forbundsmal.Slag.RESULTAT


def _url(name, forbund, **kwargs):
    return reverse(f"insatser:{name}", kwargs={"orgnr": forbund.orgnr, **kwargs})


@pytest.fixture
def ar2013(forbund):
    Rakenskapsar.objects.create(forbund=forbund, start=D(2013, 1, 1), slut=D(2013, 12, 31))
    return 2013


def _mal(forbund, ar=2013, **falt):
    falt.setdefault("slag", INRIKTNING)
    falt.setdefault("text", "Stödja den strukturella samverkan")
    return services.forbundsmal_create(user=None, forbund=forbund, ar=ar, **falt)


# --- model constraints ---


@pytest.mark.parametrize(
    "falt, fel",
    [
        ({"slag": INRIKTNING, "malvarde": Decimal(-1)}, "Målvärdet kan inte vara negativt."),
        ({"slag": RESULTAT, "enhet": "st"}, "Ange målvärdet som ett tal när enheten är angiven."),
        ({"slag": RESULTAT, "ar": 1999}, "Året ska ligga mellan 2004 och 2100."),
    ],
)
def test_database_refuses_a_bad_goal(forbund, falt, fel):
    mal = Forbundsmal(forbund=forbund, ar=falt.pop("ar", 2013), text="Mål", **falt)
    with pytest.raises(ValidationError) as exc:
        mal.full_clean()
    assert fel in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        mal.save()


def test_an_inriktningsmal_cannot_sit_under_another_goal_in_the_database(forbund):
    topp = _mal(forbund)
    with pytest.raises(IntegrityError), transaction.atomic():
        Forbundsmal.objects.create(
            forbund=forbund, ar=2013, slag=INRIKTNING, overordnat=topp, text="Under"
        )


def test_a_goal_is_followed_up_once_per_date_and_never_negative(forbund):
    mal = _mal(forbund)
    Malutfall.objects.create(mal=mal, till=D(2013, 12, 31), bedomning="uppfyllt")
    with pytest.raises(IntegrityError), transaction.atomic():
        Malutfall.objects.create(mal=mal, till=D(2013, 12, 31), bedomning="ej")
    with pytest.raises(IntegrityError), transaction.atomic():
        Malutfall.objects.create(
            mal=mal, till=D(2013, 8, 31), bedomning="ej", utfall=Decimal("-1")
        )


def test_the_same_goal_twice_in_a_year_is_refused_at_the_text(forbund):
    _mal(forbund)
    with pytest.raises(ValidationError) as exc:
        _mal(forbund)
    assert exc.value.message_dict == {"text": ["Förbundet har redan det målet för året."]}


def test_a_resultatmal_belongs_under_an_inriktningsmal_of_the_same_year(forbund):
    topp = _mal(forbund)
    annat_ar = _mal(forbund, ar=2014)
    under = _mal(forbund, slag=RESULTAT, text="Resultat", overordnat=topp)
    with pytest.raises(ValidationError) as exc:
        _mal(forbund, slag=RESULTAT, text="Fel år", overordnat=annat_ar)
    assert exc.value.message_dict == {"overordnat": ["Inriktningsmålet hör inte till samma år."]}
    with pytest.raises(ValidationError) as exc:
        _mal(forbund, slag=RESULTAT, text="Under ett resultatmål", overordnat=under)
    assert exc.value.message_dict == {"overordnat": ["Välj ett inriktningsmål."]}


# --- forms and views ---


def test_kansli_sets_a_goal_in_the_browser(client_as, kansli, forbund, ar2013):
    topp = _mal(forbund)
    svar = client_as(kansli).post(
        _url("forbundsmal-create", forbund, ar=2013),
        {
            "slag": RESULTAT,
            "overordnat": topp.pk,
            "text": "En inspirationsdag för chefer genomförs",
            "matt": "Antal chefer som deltar",
            "malvarde": "1 000,5",
            "enhet": "st",
            "ordning": "10",
        },
    )
    assert svar.status_code == 302
    mal = Forbundsmal.objects.get(text="En inspirationsdag för chefer genomförs")
    assert (mal.overordnat, mal.malvarde, mal.malvarde_text) == (
        topp,
        Decimal("1000.5"),
        "1\u00a0000,5\u00a0st",
    )
    assert (
        Logghandelse.objects.filter(objekttyp="insatser.Forbundsmal", handelse="skapad").count()
        == 2
    )


@pytest.mark.parametrize(
    "data, falt, fel",
    [
        ({"malvarde": "tio"}, "malvarde", "Ange ett tal, t.ex. 30 eller 12,5."),
        ({"malvarde": "1,234"}, "malvarde", "Ange högst två decimaler."),
        ({"malvarde": "-3"}, "malvarde", "Målvärdet kan inte vara negativt."),
        ({"enhet": "st"}, "malvarde", "Ange målvärdet som ett tal när enheten är angiven."),
        ({"text": ""}, "text", "Detta fält måste fyllas i."),
        ({"text": "Finns redan"}, "text", "Förbundet har redan det målet för året."),
    ],
)
def test_bad_goal_input_gets_a_swedish_message_at_the_field_and_nothing_is_saved(
    client_as, kansli, forbund, ar2013, data, falt, fel
):
    _mal(forbund, text="Finns redan")
    post = {"slag": RESULTAT, "text": "Ett nytt mål", "ordning": "0", **data}
    svar = client_as(kansli).post(_url("forbundsmal-create", forbund, ar=2013), post)
    assert svar.status_code == 200
    assert svar.context["form"].errors[falt] == [fel]
    assert Forbundsmal.objects.count() == 1


def test_an_inriktningsmal_cannot_be_put_under_another_in_the_form(
    client_as, kansli, forbund, ar2013
):
    topp = _mal(forbund)
    svar = client_as(kansli).post(
        _url("forbundsmal-create", forbund, ar=2013),
        {"slag": INRIKTNING, "overordnat": topp.pk, "text": "Under", "ordning": "0"},
    )
    assert svar.context["form"].errors["overordnat"] == [
        "Ett inriktningsmål kan inte ligga under ett annat mål."
    ]
    assert Forbundsmal.objects.count() == 1


def test_goal_pages_for_a_year_the_forbund_does_not_have_404(client_as, kansli, forbund, ar2013):
    client = client_as(kansli)
    assert client.get(_url("forbundsmal-list", forbund, ar=2014)).status_code == 200  # next
    assert client.get(_url("forbundsmal-list", forbund, ar=2015)).status_code == 404
    assert client.get(_url("malutfall", forbund, ar=2013) + "?till=2014-08-31").status_code == 404


def test_styrelse_reads_the_goals_but_may_not_change_them(client_as, styrelse, forbund, ar2013):
    mal = _mal(forbund)
    client = client_as(styrelse)
    sida = client.get(_url("forbundsmal-list", forbund, ar=2013)).content.decode()
    assert "Stödja den strukturella samverkan" in sida
    assert _url("forbundsmal-update", forbund, ar=2013, mal=mal.pk) not in sida
    assert client.get(_url("forbundsmal-update", forbund, ar=2013, mal=mal.pk)).status_code == 403
    assert client.post(_url("forbundsmal-delete", forbund, ar=2013, mal=mal.pk)).status_code == 403
    assert Forbundsmal.objects.count() == 1


def test_outsider_gets_404_for_the_goals(client_as, outsider, forbund, ar2013):
    mal = _mal(forbund)
    client = client_as(outsider)
    assert client.get(_url("forbundsmal-list", forbund, ar=2013)).status_code == 404
    assert client.post(_url("forbundsmal-delete", forbund, ar=2013, mal=mal.pk)).status_code == 404


def test_removing_an_inriktningsmal_removes_its_resultatmal(client_as, kansli, forbund, ar2013):
    topp = _mal(forbund)
    _mal(forbund, slag=RESULTAT, text="Under", overordnat=topp)
    client = client_as(kansli)
    assert client.get(_url("forbundsmal-delete", forbund, ar=2013, mal=topp.pk)).status_code == 405
    svar = client.post(_url("forbundsmal-delete", forbund, ar=2013, mal=topp.pk))
    assert svar.status_code == 302
    assert Forbundsmal.objects.count() == 0


# --- copy to a new year ---


def test_last_years_goals_are_copied_into_the_new_year(client_as, kansli, forbund, ar2013):
    topp = _mal(forbund, ordning=10)
    under = _mal(
        forbund,
        slag=RESULTAT,
        overordnat=topp,
        text="Fler verksamheter i nätverket",
        matt="Antal verksamheter",
        malvarde=Decimal(11),
        enhet="st",
        ordning=10,
    )
    Malutfall.objects.create(mal=under, till=D(2013, 12, 31), utfall=11, bedomning="uppfyllt")
    client = client_as(kansli)
    sida = client.get(_url("forbundsmal-list", forbund, ar=2014)).content.decode()
    assert "Kopiera målen från 2013" in sida
    svar = client.post(_url("forbundsmal-kopiera", forbund, ar=2014), follow=True)
    assert "2 mål kopierade från 2013." in svar.content.decode()
    rader = [
        (r.nr, r.mal.text, r.mal.malvarde_text)
        for r in maluppfoljning(forbund=forbund, ar=2014).rader
    ]
    assert rader == [
        ("1", "Stödja den strukturella samverkan", ""),
        ("1.1", "Fler verksamheter i nätverket", "11\u00a0st"),
    ]
    assert not Malutfall.objects.filter(mal__ar=2014).exists()
    # A second copy is refused: the year already has goals.
    svar = client.post(_url("forbundsmal-kopiera", forbund, ar=2014), follow=True)
    assert "Det finns redan mål för 2014." in svar.content.decode()
    assert Forbundsmal.objects.filter(ar=2014).count() == 2


def test_copy_without_last_years_goals_says_so(forbund):
    with pytest.raises(ValidationError) as exc:
        services.forbundsmal_kopiera(user=None, forbund=forbund, ar=2014)
    assert exc.value.messages == ["Det finns inga mål för 2013 att kopiera."]


# --- follow-up ---


def test_kansli_follows_up_the_goals_per_a_delarsrapport_date(client_as, kansli, forbund, ar2013):
    topp = _mal(forbund)
    under = _mal(
        forbund,
        slag=RESULTAT,
        text="Inspirationsdag",
        overordnat=topp,
        malvarde=Decimal(100),
        enhet="st",
    )
    url = _url("malutfall", forbund, ar=2013) + "?till=2013-08-31"
    client = client_as(kansli)
    svar = client.post(
        url,
        {
            f"mal-{under.pk}-utfall": "105",
            f"mal-{under.pk}-bedomning": "uppfyllt",
            f"mal-{under.pk}-kommentar": "Chefer från 11 verksamheter",
        },
    )
    assert svar.status_code == 302
    rad = Malutfall.objects.get()
    assert (rad.mal, rad.till, rad.utfall, rad.bedomning) == (
        under,
        D(2013, 8, 31),
        Decimal("105"),
        "uppfyllt",
    )
    # Emptied again: the follow-up is removed.
    client.post(url, {f"mal-{under.pk}-utfall": "", f"mal-{under.pk}-bedomning": ""})
    assert not Malutfall.objects.exists()


@pytest.mark.parametrize(
    "data, falt, fel",
    [
        ({"utfall": "12"}, "bedomning", "Välj en bedömning."),
        ({"utfall": "-2", "bedomning": "ej"}, "utfall", "Utfallet kan inte vara negativt."),
        ({"utfall": "många", "bedomning": "ej"}, "utfall", "Ange ett tal, t.ex. 30 eller 12,5."),
    ],
)
def test_bad_follow_up_gets_a_message_at_the_field_and_nothing_is_saved(
    client_as, kansli, forbund, ar2013, data, falt, fel
):
    a = _mal(forbund, text="A")
    b = _mal(forbund, text="B")
    svar = client_as(kansli).post(
        _url("malutfall", forbund, ar=2013),
        {
            f"mal-{a.pk}-utfall": "3",
            f"mal-{a.pk}-bedomning": "uppfyllt",
            **{f"mal-{b.pk}-{k}": v for k, v in data.items()},
        },
    )
    assert svar.status_code == 200
    formular = {r.mal.pk: f for r, f in svar.context["formular"]}
    assert formular[b.pk].errors[falt] == [fel]
    assert not Malutfall.objects.exists()


def test_a_small_participant_count_is_suppressed_and_cannot_be_assessed(forbund, settings):
    settings.FINSAM_SMA_CELLER = 5
    mal = _mal(
        forbund,
        slag=RESULTAT,
        text="Unga nås av förstudien",
        malvarde=Decimal(10),
        enhet="deltagare",
        deltagarantal=True,
    )
    services.malutfall_spara(
        user=None,
        mal=mal,
        till=D(2013, 12, 31),
        utfall=Decimal(3),
        utfall_text="3 unga",
        bedomning="ej",
        kommentar="Tre unga",
    )
    rad = maluppfoljning(forbund=forbund, ar=2013, till=D(2013, 12, 31)).rader[0]
    assert (rad.utfall_text, rad.bedomning, rad.kommentar) == ("<5", "Kan inte bedömas", "")
    assert rad.som_dict()["malvarde"] == "10.00"
    # Five or more is shown as entered; a count that is not a participant count is too.
    services.malutfall_spara(
        user=None, mal=mal, till=D(2013, 12, 31), utfall=Decimal(5), bedomning="ej"
    )
    rad = maluppfoljning(forbund=forbund, ar=2013, till=D(2013, 12, 31)).rader[0]
    assert (rad.utfall_text, rad.bedomning) == ("5\u00a0deltagare", "Ej uppfyllt")


def test_follow_up_must_be_dated_in_the_goals_year(forbund):
    mal = _mal(forbund)
    with pytest.raises(ValidationError) as exc:
        services.malutfall_spara(user=None, mal=mal, till=D(2014, 6, 30), bedomning="ej")
    assert exc.value.message_dict == {"till": ["Uppföljningen ska gälla ett datum under 2013."]}


def test_changing_a_goal_records_what_changed(client_as, kansli, forbund, ar2013):
    mal = _mal(forbund, matt="Antal verksamheter")
    svar = client_as(kansli).post(
        _url("forbundsmal-update", forbund, ar=2013, mal=mal.pk),
        {
            "slag": INRIKTNING,
            "text": mal.text,
            "matt": "Antal aktiva verksamheter",
            "ordning": "0",
        },
    )
    assert svar.status_code == 302
    logg = Logghandelse.objects.get(objekttyp="insatser.Forbundsmal", handelse="andrad")
    assert logg.andringar == {"matt": ["Antal verksamheter", "Antal aktiva verksamheter"]}
