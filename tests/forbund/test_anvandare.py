"""The förbundschef manages the förbund's users; every change is audited."""

from django.contrib.auth import get_user_model

from forbund.models import Behorighet, Logghandelse, Roll
from tests.conftest import make_user


def _url(forbund, rest=""):
    return f"/f/{forbund.orgnr}/anvandare/{rest}"


def test_chef_adds_an_existing_user_with_a_role(client_as, forbundschef, forbund):
    make_user("ny_revisor")
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"), {"username": "ny_revisor", "roll": "revisor"}
    )
    assert response.status_code == 302
    beh = Behorighet.objects.get(user__username="ny_revisor")
    assert (beh.forbund, beh.roll) == (forbund, "revisor")
    assert Logghandelse.objects.filter(
        objekttyp="forbund.Behorighet", handelse="skapad", user=forbundschef
    ).exists()


def test_chef_creates_a_new_user(client_as, forbundschef, forbund):
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"),
        {
            "username": "sekreteraren",
            "ny": "on",
            "first_name": "Sara",
            "password": "ett-langt-losenord-2024",
            "roll": "kansli",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="sekreteraren")
    assert user.check_password("ett-langt-losenord-2024")
    assert user.behorigheter.get().roll == "kansli"


def test_adding_an_unknown_user_is_a_field_error(client_as, forbundschef, forbund):
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"), {"username": "finns_inte", "roll": "kansli"}
    )
    assert "username" in response.context["form"].errors
    assert Behorighet.objects.filter(forbund=forbund).count() == 1


def test_weak_password_for_a_new_user_is_a_field_error(client_as, forbundschef, forbund):
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"), {"username": "svag", "ny": "on", "password": "123", "roll": "kansli"}
    )
    assert "password" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="svag").exists()


def test_chef_changes_a_role(client_as, forbundschef, kansli, forbund):
    beh = kansli.behorigheter.get()
    response = client_as(forbundschef).post(_url(forbund, f"{beh.pk}/"), {"roll": "styrelse"})
    assert response.status_code == 302
    beh.refresh_from_db()
    assert beh.roll == Roll.STYRELSE
    logg = Logghandelse.objects.get(objekttyp="forbund.Behorighet", handelse="andrad")
    assert logg.andringar == {"roll": ["kansli", "styrelse"]}


def test_the_last_forbundschef_keeps_the_role(client_as, forbundschef, forbund):
    beh = forbundschef.behorigheter.get()
    response = client_as(forbundschef).post(_url(forbund, f"{beh.pk}/"), {"roll": "kansli"})
    assert "roll" in response.context["form"].errors
    beh.refresh_from_db()
    assert beh.roll == Roll.FORBUNDSCHEF


def test_chef_removes_a_membership_but_not_the_account(client_as, forbundschef, kansli, forbund):
    beh = kansli.behorigheter.get()
    response = client_as(forbundschef).post(_url(forbund, f"{beh.pk}/ta-bort/"))
    assert response.status_code == 302
    assert not Behorighet.objects.filter(pk=beh.pk).exists()
    assert get_user_model().objects.filter(pk=kansli.pk).exists()
    assert (
        Logghandelse.objects.filter(objekttyp="forbund.Behorighet", handelse="borttagen").count()
        == 1
    )


def test_chef_cannot_remove_self(client_as, forbundschef, forbund):
    beh = forbundschef.behorigheter.get()
    client_as(forbundschef).post(_url(forbund, f"{beh.pk}/ta-bort/"))
    assert Behorighet.objects.filter(pk=beh.pk).exists()


def test_kansli_cannot_manage_users(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url(forbund, "ny/"), {"username": "kansli", "roll": "forbundschef"}
    )
    assert response.status_code == 403
    assert kansli.behorigheter.get().roll == "kansli"


def test_chef_cannot_remove_a_membership_of_another_forbund(
    client_as, forbundschef, outsider, forbund
):
    beh = outsider.behorigheter.get()
    response = client_as(forbundschef).post(_url(forbund, f"{beh.pk}/ta-bort/"))
    assert response.status_code == 404
    assert Behorighet.objects.filter(pk=beh.pk).exists()
