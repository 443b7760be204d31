"""The förbundschef manages the förbund's users; every change is audited."""

from django.contrib.auth import get_user_model

from forbund.models import Behorighet, Logghandelse, Roll
from tests.conftest import make_user


def _url(forbund, rest=""):
    return f"/f/{forbund.orgnr}/anvandare/{rest}"


def test_chef_invites_by_email_and_nothing_is_linked_yet(
    client_as, forbundschef, forbund, mailoutbox
):
    make_user("ny_revisor")
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"), {"epost": "Revisor@Example.se", "roll": "revisor"}
    )
    assert response.status_code == 302
    assert not Behorighet.objects.filter(user__username="ny_revisor").exists()
    inbjudan = forbund.inbjudningar.get()
    assert (inbjudan.epost, inbjudan.roll) == ("Revisor@example.se", "revisor")
    assert [m.to for m in mailoutbox] == [["Revisor@example.se"]]
    assert "/konto/inbjudan/" in mailoutbox[0].body
    assert Logghandelse.objects.filter(
        objekttyp="forbund.Inbjudan", handelse="skapad", user=forbundschef
    ).exists()


def test_same_answer_whether_an_account_exists_or_not(client_as, forbundschef, outsider, forbund):
    """The address of another förbund's user and an unknown address give the same page,
    the same message (but the address) and link nothing."""
    outsider.email = "outsider@example.se"
    outsider.save()
    client = client_as(forbundschef)
    svar = []
    for epost in ("outsider@example.se", "okand@example.se"):
        response = client.post(
            _url(forbund, "ny/"), {"epost": epost, "roll": "kansli"}, follow=True
        )
        text = response.content.decode().replace(epost, "ADRESS")
        svar.append((response.status_code, [str(m) for m in response.context["messages"]]))
        assert "Outsider" not in text
    assert svar[0][0] == svar[1][0] == 200
    assert [m.replace("outsider@", "X@") for m in svar[0][1]] == [
        m.replace("okand@", "X@") for m in svar[1][1]
    ]
    assert Behorighet.objects.filter(forbund=forbund).count() == 1


def test_chef_can_no_longer_attach_a_username_directly(client_as, forbundschef, outsider, forbund):
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"), {"username": "outsider", "roll": "kansli"}
    )
    assert response.status_code == 200
    assert "epost" in response.context["form"].errors
    assert not Behorighet.objects.filter(user=outsider, forbund=forbund).exists()


def test_an_invalid_address_is_a_field_error(client_as, forbundschef, forbund, mailoutbox):
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"), {"epost": "inte-en-adress", "roll": "kansli"}
    )
    assert "epost" in response.context["form"].errors
    assert forbund.inbjudningar.count() == 0
    assert mailoutbox == []


def test_chef_withdraws_an_invitation(client_as, forbundschef, forbund):
    client = client_as(forbundschef)
    client.post(_url(forbund, "ny/"), {"epost": "a@example.se", "roll": "kansli"})
    inbjudan = forbund.inbjudningar.get()
    response = client.post(_url(forbund, f"inbjudan/{inbjudan.pk}/aterkalla/"))
    assert response.status_code == 302
    inbjudan.refresh_from_db()
    assert inbjudan.status() == "aterkallad"


def test_chef_cannot_withdraw_another_forbunds_invitation(
    client_as, forbundschef, annat_forbund, forbund
):
    from forbund import services

    annan = services.inbjudan_create(
        user=None, forbund=annat_forbund, epost="x@example.se", roll="kansli", bas_url="http://t"
    )
    response = client_as(forbundschef).post(_url(forbund, f"inbjudan/{annan.pk}/aterkalla/"))
    assert response.status_code == 404
    annan.refresh_from_db()
    assert annan.status() == "vantar"


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


def test_kansli_cannot_manage_users(client_as, kansli, forbund, mailoutbox):
    response = client_as(kansli).post(
        _url(forbund, "ny/"), {"epost": "k@example.se", "roll": "forbundschef"}
    )
    assert response.status_code == 403
    assert kansli.behorigheter.get().roll == "kansli"
    assert mailoutbox == []


def test_chef_cannot_remove_a_membership_of_another_forbund(
    client_as, forbundschef, outsider, forbund
):
    beh = outsider.behorigheter.get()
    response = client_as(forbundschef).post(_url(forbund, f"{beh.pk}/ta-bort/"))
    assert response.status_code == 404
    assert Behorighet.objects.filter(pk=beh.pk).exists()


def test_a_mail_server_that_refuses_is_a_field_error(client_as, forbundschef, forbund, settings):
    settings.EMAIL_BACKEND = "tests.forbund.test_anvandare.TrasigPost"
    response = client_as(forbundschef).post(
        _url(forbund, "ny/"), {"epost": "a@example.se", "roll": "kansli"}
    )
    assert response.status_code == 200
    assert "kunde inte skickas" in response.context["form"].errors["epost"][0]
    assert forbund.inbjudningar.get().status() == "aterkallad"


class TrasigPost:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP-servern svarar inte")
