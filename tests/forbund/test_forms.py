"""Bad input through the browser forms: an error next to the field, nothing saved."""

import datetime

from django.urls import reverse

from forbund.models import Forbund, Logghandelse, Medlem, Styrelseuppdrag


def _url(forbund, namn, **kwargs):
    return reverse(f"forbund:{namn}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def _uppdrag_data(person, medlem, **andra):
    data = {
        "person": person.pk,
        "medlem": medlem.pk,
        "typ": "ledamot",
        "presidium": "",
        "from_datum": "2024-01-01",
        "tom_datum": "2024-12-31",
    }
    data.update(andra)
    return data


def test_forbund_form_refuses_an_orgnr_outside_the_222000_form(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url(forbund, "forbund-update"),
        {"namn": "Nytt namn", "orgnr": "556000-0001", "delarsrapport_manad": 8},
    )
    assert response.status_code == 200
    assert "orgnr" in response.context["form"].errors
    forbund.refresh_from_db()
    assert (forbund.namn, forbund.orgnr) == ("Samordningsförbundet Testbygden", "222000-1008")


def test_forbund_form_refuses_a_wrong_check_digit(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url(forbund, "forbund-update"),
        {"namn": "Nytt namn", "orgnr": "222000-1009", "delarsrapport_manad": 8},
    )
    assert response.context["form"].errors["orgnr"] == [
        "Organisationsnumret har fel kontrollsiffra."
    ]
    assert Forbund.objects.filter(namn="Nytt namn").count() == 0


def test_forbund_form_saves_and_audits_valid_details(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url(forbund, "forbund-update"),
        {
            "namn": "Samordningsförbundet Testbygden",
            "orgnr": "2220001008",
            "sate": "Nyby",
            "bildat": "2010-01-01",
            "delarsrapport_kravs": "on",
            "delarsrapport_manad": 6,
        },
    )
    assert response.status_code == 302
    forbund.refresh_from_db()
    assert (forbund.sate, forbund.bildat, forbund.delarsrapport_manad) == (
        "Nyby",
        datetime.date(2010, 1, 1),
        6,
    )
    logg = Logghandelse.objects.get(forbund=forbund, objekttyp="forbund.Forbund")
    assert logg.user == kansli
    assert logg.andringar["sate"] == ["Testby", "Nyby"]


def test_overlapping_mandate_of_same_person_and_role_is_a_field_error(
    client_as, kansli, forbund, ledamot, person, medlemmar
):
    response = client_as(kansli).post(
        _url(forbund, "uppdrag-create"), _uppdrag_data(person, medlemmar["region"])
    )
    assert response.status_code == 200
    assert "överlappar" in response.context["form"].errors["from_datum"][0]
    assert Styrelseuppdrag.objects.count() == 1


def test_same_person_may_be_ledamot_after_the_mandate_ended(
    client_as, kansli, forbund, ledamot, person, medlemmar
):
    data = _uppdrag_data(person, medlemmar["region"], from_datum="2027-01-01", tom_datum="")
    response = client_as(kansli).post(_url(forbund, "uppdrag-create"), data)
    assert response.status_code == 302
    assert Styrelseuppdrag.objects.count() == 2


def test_end_before_start_is_an_error_on_the_end_date(
    client_as, kansli, forbund, person, medlemmar
):
    data = _uppdrag_data(
        person, medlemmar["kommun"], from_datum="2024-06-01", tom_datum="2024-05-31"
    )
    response = client_as(kansli).post(_url(forbund, "uppdrag-create"), data)
    assert response.context["form"].errors["tom_datum"] == ["Slutet kan inte ligga före början."]
    assert Styrelseuppdrag.objects.count() == 0


def test_a_second_ordforande_at_the_same_time_is_refused(
    client_as, kansli, forbund, ledamot, medlemmar
):
    ledamot.presidium = "ordforande"
    ledamot.save()
    from forbund.models import Person

    annan = Person.objects.create(forbund=forbund, namn="Bo Bengtsson")
    data = _uppdrag_data(annan, medlemmar["region"], presidium="ordforande")
    response = client_as(kansli).post(_url(forbund, "uppdrag-create"), data)
    assert "ordförande" in response.context["form"].errors["presidium"][0]
    assert Styrelseuppdrag.objects.count() == 1


def test_member_type_outside_the_law_is_a_field_error(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url(forbund, "medlem-create"), {"namn": "Svenska kyrkan", "typ": "forsamling"}
    )
    assert "typ" in response.context["form"].errors
    assert not Medlem.objects.filter(namn="Svenska kyrkan").exists()


def test_member_with_valid_type_is_saved_and_audited(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url(forbund, "medlem-create"),
        {
            "namn": "Grannby kommun",
            "typ": "kommun",
            "from_datum": "2018-01-01",
            "intaktskonton": "3511, 3512",
        },
    )
    assert response.status_code == 302
    medlem = Medlem.objects.get(namn="Grannby kommun")
    assert medlem.intaktskonton == "3511,3512"
    assert Logghandelse.objects.filter(
        objekttyp="forbund.Medlem", objekt_id=str(medlem.pk), handelse="skapad", user=kansli
    ).exists()


def test_member_form_refuses_non_numeric_revenue_accounts(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url(forbund, "medlem-create"),
        {"namn": "X kommun", "typ": "kommun", "intaktskonton": "abc"},
    )
    assert "intaktskonton" in response.context["form"].errors
    assert not Medlem.objects.filter(namn="X kommun").exists()


def test_people_of_another_forbund_cannot_be_chosen(
    client_as, kansli, forbund, annat_forbund, medlemmar
):
    from forbund.models import Person

    frammande = Person.objects.create(forbund=annat_forbund, namn="Främling")
    response = client_as(kansli).post(
        _url(forbund, "uppdrag-create"), _uppdrag_data(frammande, medlemmar["kommun"])
    )
    assert "person" in response.context["form"].errors
    assert Styrelseuppdrag.objects.count() == 0


def test_editing_a_mandate_records_before_and_after(
    client_as, kansli, forbund, ledamot, person, medlemmar
):
    data = _uppdrag_data(
        person, medlemmar["kommun"], from_datum="2023-01-01", tom_datum="2024-09-30"
    )
    response = client_as(kansli).post(_url(forbund, "uppdrag-update", uppdrag=ledamot.pk), data)
    assert response.status_code == 302
    logg = Logghandelse.objects.get(objekttyp="forbund.Styrelseuppdrag", handelse="andrad")
    assert logg.andringar == {"tom_datum": ["2026-12-31", "2024-09-30"]}


def test_finansiering_needs_an_amount(client_as, kansli, forbund):
    from forbund.models import Beslut, Sammantrade

    mote = Sammantrade.objects.create(forbund=forbund, datum=datetime.date(2024, 3, 1))
    response = client_as(kansli).post(
        _url(forbund, "beslut-create"),
        {"sammantrade": mote.pk, "paragraf": "5", "rubrik": "Finansiering", "typ": "finansiering"},
    )
    assert "belopp" in response.context["form"].errors
    assert Beslut.objects.count() == 0


def test_meeting_with_attendees_and_decision_is_saved(client_as, kansli, forbund, person):
    from forbund.models import Beslut, Sammantrade

    c = client_as(kansli)
    response = c.post(
        _url(forbund, "sammantrade-create"),
        {
            "datum": "2024-03-01",
            "typ": "styrelse",
            "protokollnummer": "2024:1",
            "narvarande": [person.pk],
        },
    )
    assert response.status_code == 302
    mote = Sammantrade.objects.get()
    assert list(mote.narvarande.all()) == [person]
    response = c.post(
        _url(forbund, "beslut-create"),
        {
            "sammantrade": mote.pk,
            "paragraf": "5",
            "rubrik": "Finansiering av IPS",
            "typ": "finansiering",
            "belopp": "2426000",
            "from_ar": 2024,
            "tom_ar": 2025,
        },
    )
    assert response.status_code == 302
    beslut = Beslut.objects.get()
    assert (beslut.belopp, beslut.from_ar, beslut.tom_ar) == (2426000, 2024, 2025)


def test_ansvarsfrihet_twice_for_the_same_member_and_year_is_refused(
    client_as, kansli, forbund, medlemmar
):
    from forbund.models import Ansvarsfrihet

    Ansvarsfrihet.objects.create(forbund=forbund, medlem=medlemmar["kommun"], ar=2023)
    response = client_as(kansli).post(
        _url(forbund, "ansvarsfrihet-create"), {"medlem": medlemmar["kommun"].pk, "ar": 2023}
    )
    assert "ar" in response.context["form"].errors
    assert Ansvarsfrihet.objects.count() == 1


def test_ansvarsfrihet_decision_needs_its_date(client_as, kansli, forbund, medlemmar):
    from forbund.models import Ansvarsfrihet

    response = client_as(kansli).post(
        _url(forbund, "ansvarsfrihet-create"),
        {"medlem": medlemmar["kommun"].pk, "ar": 2023, "beslut": "beviljad"},
    )
    assert "beslutsdatum" in response.context["form"].errors
    assert Ansvarsfrihet.objects.count() == 0


def test_styrelse_user_cannot_post_a_member(client_as, styrelse, forbund):
    response = client_as(styrelse).post(
        _url(forbund, "medlem-create"), {"namn": "X", "typ": "kommun"}
    )
    assert response.status_code == 403
    assert not Medlem.objects.filter(namn="X").exists()


def test_revisor_cannot_post_a_mandate(client_as, revisor, forbund, person, medlemmar):
    response = client_as(revisor).post(
        _url(forbund, "uppdrag-create"), _uppdrag_data(person, medlemmar["kommun"])
    )
    assert response.status_code == 403
    assert Styrelseuppdrag.objects.count() == 0


def test_outsider_gets_404_on_post(client_as, outsider, forbund):
    response = client_as(outsider).post(
        _url(forbund, "medlem-create"), {"namn": "X", "typ": "kommun"}
    )
    assert response.status_code == 404


def test_forbund_create_validates_the_orgnr_and_audits(kansli):
    import pytest
    from django.core.exceptions import ValidationError

    from forbund import services

    with pytest.raises(ValidationError) as exc:
        services.forbund_create(user=kansli, namn="Fel", orgnr="556000-0001")
    assert "orgnr" in exc.value.message_dict
    f = services.forbund_create(user=kansli, namn="Nytt förbund", orgnr="2220001040")
    assert f.orgnr == "222000-1040"
    assert Logghandelse.objects.filter(
        forbund=f, handelse="skapad", objekttyp="forbund.Forbund"
    ).exists()


def test_kansli_enters_revisor_kansli_and_group_in_the_browser(
    client_as, kansli, forbund, person, medlemmar
):
    from forbund.models import Grupp, Gruppmedlem, Kanslitjanst, Revisor

    c = client_as(kansli)
    r = c.post(
        _url(forbund, "revisor-create"),
        {
            "person": person.pk,
            "utsedd_av": [medlemmar["fk"].pk, medlemmar["af"].pk],
            "firma": "Deloitte AB",
            "auktoriserad": "on",
            "from_datum": "2011-01-01",
            "tom_datum": "2014-12-31",
        },
    )
    assert r.status_code == 302
    revisor = Revisor.objects.get()
    assert sorted(m.typ for m in revisor.utsedd_av.all()) == ["af", "fk"]
    r = c.post(
        _url(forbund, "kansli-create"),
        {
            "person": person.pk,
            "roll": "Sekreterare",
            "arbetsgivare": "Testby kommun",
            "tjanstgoringsgrad": 20,
            "from_datum": "2013-01-01",
        },
    )
    assert r.status_code == 302
    assert Kanslitjanst.objects.get().tjanstgoringsgrad == 20
    r = c.post(_url(forbund, "grupp-create"), {"namn": "Chefsnätverket", "typ": "chefsnatverk"})
    grupp = Grupp.objects.get()
    r = c.post(
        _url(forbund, "gruppmedlem-create"),
        {"grupp": grupp.pk, "person": person.pk, "roll": "Ordförande"},
    )
    assert r.status_code == 302
    assert Gruppmedlem.objects.get().grupp == grupp
    assert (
        Logghandelse.objects.filter(forbund=forbund, user=kansli, handelse="skapad").count() == 4
    )


def test_tjanstgoringsgrad_above_100_is_a_field_error(client_as, kansli, forbund, person):
    from forbund.models import Kanslitjanst

    r = client_as(kansli).post(
        _url(forbund, "kansli-create"),
        {
            "person": person.pk,
            "roll": "Sekreterare",
            "tjanstgoringsgrad": 150,
            "from_datum": "2013-01-01",
        },
    )
    assert "tjanstgoringsgrad" in r.context["form"].errors
    assert Kanslitjanst.objects.count() == 0
