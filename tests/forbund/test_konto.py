"""Invitations by e-mail, "Glömt lösenord?", start passwords and the user's own sessions."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forbund import services
from forbund.models import Behorighet, Inloggning, Roll
from tests.conftest import PASSWORD

NYTT = "ett-eget-langt-losenord-26"


def _bjud_in(forbund, epost="ny@example.se", roll=Roll.KANSLI, now=None):
    return services.inbjudan_create(
        user=None,
        forbund=forbund,
        epost=epost,
        roll=roll,
        bas_url="http://testserver",
        now=now,
    )


def _lank(mail) -> str:
    return re.search(r"http://testserver(/konto/inbjudan/\S+/)", mail.body).group(1)


def _skapa_konto(client, lank, username="nyanstalld", **extra):
    data = {"username": username, "password1": NYTT, "password2": NYTT, **extra}
    return client.post(lank, data)


def test_the_invited_person_sets_a_password_and_logs_in(client, forbund, mailoutbox):
    _bjud_in(forbund)
    lank = _lank(mailoutbox[0])
    assert client.get(lank).status_code == 200
    response = _skapa_konto(client, lank, first_name="Nina")
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    konto = get_user_model().objects.get(username="nyanstalld")
    assert (konto.email, konto.first_name) == ("ny@example.se", "Nina")
    assert konto.behorigheter.get().roll == Roll.KANSLI
    assert (
        client.post(reverse("login"), {"username": "nyanstalld", "password": NYTT}).status_code
        == 302
    )


def test_a_used_link_is_refused(client, forbund, mailoutbox):
    _bjud_in(forbund)
    lank = _lank(mailoutbox[0])
    _skapa_konto(client, lank)
    response = Client().get(lank)
    assert response.status_code == 410
    assert "redan använts" in response.content.decode()
    response = _skapa_konto(Client(), lank, username="andra")
    assert response.status_code == 410
    assert not get_user_model().objects.filter(username="andra").exists()


def test_an_expired_link_is_refused(client, forbund, mailoutbox):
    forr = timezone.now() - datetime.timedelta(days=8)
    _bjud_in(forbund, now=forr)
    lank = _lank(mailoutbox[0])
    response = _skapa_konto(client, lank)
    assert response.status_code == 410
    assert "gått ut" in response.content.decode()
    assert not get_user_model().objects.filter(username="nyanstalld").exists()


def test_a_tampered_link_is_refused(client, forbund, mailoutbox):
    _bjud_in(forbund)
    lank = _lank(mailoutbox[0])
    response = client.get(lank[:-3] + "xx/")
    assert response.status_code == 410


def test_a_withdrawn_and_a_replaced_invitation_no_longer_work(client, forbund, mailoutbox):
    forsta = _bjud_in(forbund)
    _bjud_in(forbund)  # a new invitation to the same address replaces the first
    assert client.get(_lank(mailoutbox[0])).status_code == 410
    forsta.refresh_from_db()
    assert forsta.status() == "aterkallad"
    assert client.get(_lank(mailoutbox[1])).status_code == 200


def test_a_weak_password_or_a_taken_username_is_a_field_error(client, forbund, kansli, mailoutbox):
    _bjud_in(forbund)
    lank = _lank(mailoutbox[0])
    response = client.post(lank, {"username": "ny", "password1": "123", "password2": "123"})
    assert "password1" in response.context["form"].errors
    response = _skapa_konto(client, lank, username="kansli")
    assert response.context["form"].errors["username"] == [
        "Användarnamnet är upptaget. Välj ett annat."
    ]
    response = client.post(lank, {"username": "ny", "password1": NYTT, "password2": NYTT + "x"})
    assert "password2" in response.context["form"].errors
    assert Behorighet.objects.filter(forbund=forbund).count() == 1


def test_an_existing_account_holder_accepts_while_logged_in(client, forbund, outsider, mailoutbox):
    _bjud_in(forbund, roll=Roll.REVISOR)
    lank = _lank(mailoutbox[0])
    client.force_login(outsider)
    page = client.get(lank)
    assert "Du är inloggad som <strong>outsider</strong>" in page.content.decode()
    assert not Behorighet.objects.filter(user=outsider, forbund=forbund).exists()
    response = client.post(lank)
    assert response.status_code == 302
    assert Behorighet.objects.get(user=outsider, forbund=forbund).roll == Roll.REVISOR
    assert client.post(lank).status_code == 410


def test_an_account_that_already_has_a_role_gets_a_message(client, forbund, kansli, mailoutbox):
    _bjud_in(forbund, roll=Roll.FORBUNDSCHEF)
    client.force_login(kansli)
    response = client.post(_lank(mailoutbox[0]))
    assert "Du har redan en roll" in response.content.decode()
    assert kansli.behorigheter.get().roll == Roll.KANSLI


def test_only_the_systemadministrator_links_an_existing_account_directly(
    forbund, forbundschef, outsider
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.behorighet_create(
            user=forbundschef, forbund=forbund, konto=outsider, roll="kansli"
        )
    admin = get_user_model().objects.create_superuser("sysadmin", password="x" * 20)
    beh = services.behorighet_create(user=admin, forbund=forbund, konto=outsider, roll="kansli")
    assert beh.roll == "kansli"


# --- Glömt lösenord? ---------------------------------------------------------------------


def test_login_page_links_to_forgotten_password(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_forgotten_password_mails_a_one_time_link(client, kansli, mailoutbox):
    kansli.email = "kansli@example.se"
    kansli.save()
    response = client.post(reverse("password_reset"), {"email": "kansli@example.se"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Nytt lösenord till Finsam"
    lank = re.search(r"http://testserver(/konto/aterstall/\S+/)", mailoutbox[0].body).group(1)
    response = client.get(lank, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NYTT, "new_password2": NYTT})
    assert response["Location"] == reverse("password_reset_complete")
    kansli.refresh_from_db()
    assert kansli.check_password(NYTT)
    # The link is spent.
    assert "Länken går inte att använda" in Client().get(lank, follow=True).content.decode()


def test_forgotten_password_gives_the_same_answer_for_an_unknown_address(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "ingen@example.se"})
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


# --- Start passwords -----------------------------------------------------------------------


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_start_password_must_be_changed_at_first_login(client, forbund, kansli):
    admin = get_user_model().objects.create_superuser("sysadmin", password="x" * 20)
    services.startlosenord_satt(user=admin, konto=kansli, password="start-losenord-2026")
    assert _login(client, "kansli", "start-losenord-2026").status_code == 302
    response = client.get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr}))
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert "Välj ett eget lösenord" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": "start-losenord-2026", "new_password1": NYTT, "new_password2": NYTT},
    )
    assert response.status_code == 302
    assert client.get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})).status_code == 200
    assert not services.maste_byta_losenord(kansli)


def test_an_own_password_is_not_forced_to_change(client, forbund, kansli):
    _login(client, "kansli", PASSWORD)
    assert client.get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})).status_code == 200


# --- Sessions ------------------------------------------------------------------------------


def _inloggad(username, ip):
    c = Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=f"Webbläsare {ip}")
    assert _login(c, username, PASSWORD).status_code == 302
    c.get(reverse("sessioner"))
    return c


def test_a_user_sees_their_sessions_and_no_one_elses(kansli, styrelse):
    hemma = _inloggad("kansli", "192.0.2.1")
    _inloggad("kansli", "192.0.2.2")
    _inloggad("styrelse", "192.0.2.3")
    sessioner = hemma.get(reverse("sessioner")).context["sessioner"]
    assert sorted((s.inloggning.ip, s.nuvarande) for s in sessioner) == [
        ("192.0.2.1", True),
        ("192.0.2.2", False),
    ]


def test_ending_another_session_logs_that_browser_out(kansli, forbund):
    hemma = _inloggad("kansli", "192.0.2.1")
    jobbet = _inloggad("kansli", "192.0.2.2")
    annan = Inloggning.objects.get(ip="192.0.2.2")
    response = hemma.post(reverse("session-avsluta", kwargs={"inloggning": annan.pk}))
    assert response.status_code == 302
    start = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    assert jobbet.get(start)["Location"].startswith(reverse("login"))
    assert hemma.get(start).status_code == 200


def test_ending_all_other_sessions_keeps_the_current_one(kansli, forbund):
    hemma = _inloggad("kansli", "192.0.2.1")
    andra = [_inloggad("kansli", f"192.0.2.{i}") for i in (2, 3)]
    hemma.post(reverse("sessioner-avsluta-andra"))
    start = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    assert [c.get(start).status_code for c in andra] == [302, 302]
    assert hemma.get(start).status_code == 200
    assert Session.objects.count() == 1


def test_a_user_cannot_end_someone_elses_session(kansli, styrelse, forbund):
    kanslis = _inloggad("kansli", "192.0.2.1")
    _inloggad("styrelse", "192.0.2.3")
    hans = Inloggning.objects.get(user=styrelse)
    assert (
        kanslis.post(reverse("session-avsluta", kwargs={"inloggning": hans.pk})).status_code == 404
    )
    assert Session.objects.count() == 2


def test_the_index_follows_the_key_after_a_password_change(kansli):
    c = _inloggad("kansli", "192.0.2.1")
    c.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NYTT, "new_password2": NYTT},
    )
    sessioner = c.get(reverse("sessioner")).context["sessioner"]
    assert [s.nuvarande for s in sessioner] == [True]
    assert Inloggning.objects.get().session_key == c.session.session_key


def test_sessions_page_needs_login(client, db):
    assert client.get(reverse("sessioner"))["Location"].startswith(reverse("login"))


@pytest.fixture(autouse=True)
def _inga_mejl_utanfor(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_an_account_holder_logs_in_from_the_link_and_comes_back_to_accept(
    client, forbund, outsider, mailoutbox
):
    _bjud_in(forbund, roll=Roll.STYRELSE)
    lank = _lank(mailoutbox[0])
    page = client.get(lank).content.decode()
    login_url = re.search(r'href="(/konto/logga-in/\?next=[^"]+)"', page).group(1)
    response = client.post(
        login_url.replace("&amp;", "&"),
        {"username": "outsider", "password": PASSWORD, "next": lank},
    )
    assert response["Location"] == lank
    assert client.post(lank).status_code == 302
    assert Behorighet.objects.get(user=outsider, forbund=forbund).roll == Roll.STYRELSE


def test_an_expired_link_is_refused_to_a_logged_in_user_too(client, forbund, outsider, mailoutbox):
    _bjud_in(forbund, now=timezone.now() - datetime.timedelta(days=8))
    client.force_login(outsider)
    assert client.post(_lank(mailoutbox[0])).status_code == 410
    assert not Behorighet.objects.filter(user=outsider, forbund=forbund).exists()


def test_logging_out_removes_the_session_from_the_index(kansli):
    c = _inloggad("kansli", "192.0.2.1")
    _inloggad("kansli", "192.0.2.2")
    c.post(reverse("logout"))
    assert list(Inloggning.objects.values_list("ip", flat=True)) == ["192.0.2.2"]
