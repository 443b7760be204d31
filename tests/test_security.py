"""Security hardening: CSRF, login throttling, two-factor login, session timeouts, CSP and
upload limits. (Outsiders and other förbund's ids → 404 is proven by tests/test_access.py.)"""

import datetime
import time

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from finsam.middleware import SESSION_INLOGGAD, SESSION_SENAST_AKTIV
from tests.conftest import PASSWORD


def _login(client, username, password, ip="192.0.2.10"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _kod(device: TOTPDevice) -> str:
    kod = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{kod:06d}"


# --- CSRF -------------------------------------------------------------------------------


def test_post_without_csrf_token_is_refused(kansli):
    client = Client(enforce_csrf_checks=True)
    client.force_login(kansli)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_login_without_csrf_token_is_refused(kansli):
    client = Client(enforce_csrf_checks=True)
    response = _login(client, "kansli", PASSWORD)
    assert response.status_code == 403


def test_post_with_csrf_token_is_accepted(kansli):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        {"username": "kansli", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


# --- Login throttling (django-axes) -----------------------------------------------------


def test_five_failures_lock_that_username_from_that_ip(client, kansli, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "kansli", "fel-losenord").status_code == 200
    assert _login(client, "kansli", "fel-losenord").status_code == 429
    # Now even the right password is refused, without being checked.
    response = _login(client, "kansli", PASSWORD)
    assert response.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_does_not_lock_the_user_out_from_another_ip(client, kansli, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "kansli", "fel-losenord", ip="203.0.113.66")
    response = _login(Client(), "kansli", PASSWORD, ip="192.0.2.10")
    assert response.status_code == 302


def test_lockout_does_not_lock_other_users_from_the_same_ip(client, kansli, styrelse, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "kansli", "fel-losenord")
    assert _login(Client(), "styrelse", PASSWORD).status_code == 302


def test_lockout_lifts_after_the_cool_off(client, kansli, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "kansli", "fel-losenord")
    assert _login(client, "kansli", PASSWORD).status_code == 429
    # Move the attempts back past the cool-off instead of sleeping.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC)
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(seconds=1)
    )
    assert _login(client, "kansli", PASSWORD).status_code == 302


def test_test_client_login_still_works(client, kansli):
    assert client.login(username="kansli", password=PASSWORD)


def test_fewer_failures_than_the_limit_do_not_lock(client, kansli, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "kansli", "fel-losenord")
    assert _login(client, "kansli", PASSWORD).status_code == 302


def test_password_spraying_across_usernames_locks_the_ip(client, kansli, settings):
    """One guess at each of many usernames never reaches the per-user limit; the IP's total
    does, and then even a real user's right password from that address is refused."""
    settings.FINSAM_AXES_IP_FAILURE_LIMIT = 8
    for i in range(7):
        assert _login(client, f"gissning{i}", "Sommar2026!").status_code == 200
    assert _login(client, "gissning7", "Sommar2026!").status_code == 429
    response = _login(Client(), "kansli", PASSWORD)
    assert response.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in response.content.decode()
    # Another address is not affected.
    assert _login(Client(), "kansli", PASSWORD, ip="198.51.100.7").status_code == 302


def test_failures_below_the_ip_limit_do_not_lock_other_users(client, kansli, settings):
    settings.FINSAM_AXES_IP_FAILURE_LIMIT = 8
    for i in range(7):
        _login(client, f"gissning{i}", "Sommar2026!")
    assert _login(Client(), "kansli", PASSWORD).status_code == 302


def test_a_successful_login_does_not_clear_the_ips_other_failures(
    client, kansli, styrelse, settings
):
    """A sprayer with one valid account cannot reset the address's count by logging in."""
    settings.FINSAM_AXES_IP_FAILURE_LIMIT = 8
    for i in range(7):
        _login(client, f"gissning{i}", "Sommar2026!")
    assert _login(Client(), "styrelse", PASSWORD).status_code == 302
    assert _login(client, "gissning7", "Sommar2026!").status_code == 429


def test_the_ip_lock_lifts_after_the_cool_off(client, kansli, settings):
    settings.FINSAM_AXES_IP_FAILURE_LIMIT = 3
    for i in range(3):
        _login(client, f"gissning{i}", "fel")
    assert _login(Client(), "kansli", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC)
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(seconds=1)
    )
    assert _login(Client(), "kansli", PASSWORD).status_code == 302


# --- Two-factor login -------------------------------------------------------------------


@pytest.fixture
def krav_2fa(settings):
    settings.FINSAM_KRAV_2FA = True


@pytest.fixture
def chefens_enhet(forbundschef):
    return TOTPDevice.objects.create(user=forbundschef, name="Telefon", confirmed=True)


def test_forbundschef_without_device_is_sent_to_enrolment(client, forbundschef, krav_2fa):
    _login(client, "forbundschef", PASSWORD)
    url = reverse("forbund:start", kwargs={"orgnr": forbundschef.behorigheter.get().forbund.orgnr})
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("tvafaktor-aktivera"))
    html = response.content.decode()
    assert "otpauth://totp/" in html
    assert "<svg" in html


def test_forbundschef_must_give_a_code_before_any_forbund_page(
    client, forbundschef, chefens_enhet, krav_2fa, forbund
):
    _login(client, "forbundschef", PASSWORD)
    url = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("tvafaktor"))
    for other in (reverse("ekonomi:index", kwargs={"orgnr": forbund.orgnr}), "/admin/"):
        assert client.get(other)["Location"].startswith(reverse("tvafaktor"))


def test_a_wrong_code_is_refused(client, forbundschef, chefens_enhet, krav_2fa, forbund):
    _login(client, "forbundschef", PASSWORD)
    wrong = f"{(int(_kod(chefens_enhet)) + 1) % 1000000:06d}"
    response = client.post(reverse("tvafaktor"), {"kod": wrong})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    url = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    assert client.get(url).status_code == 302


def test_the_right_code_opens_the_forbund(client, forbundschef, chefens_enhet, krav_2fa, forbund):
    _login(client, "forbundschef", PASSWORD)
    url = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    response = client.post(reverse("tvafaktor"), {"kod": _kod(chefens_enhet), "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_enrolment_confirms_the_device_with_one_code(client, forbundschef, krav_2fa, forbund):
    _login(client, "forbundschef", PASSWORD)
    client.get(reverse("tvafaktor-aktivera"))
    device = TOTPDevice.objects.get(user=forbundschef)
    assert not device.confirmed
    client.post(reverse("tvafaktor-aktivera"), {"kod": _kod(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})).status_code == 200


def test_password_alone_cannot_replace_a_confirmed_device(
    client, forbundschef, chefens_enhet, krav_2fa
):
    _login(client, "forbundschef", PASSWORD)
    response = client.get(reverse("tvafaktor-aktivera"))
    assert response["Location"].startswith(reverse("tvafaktor"))
    assert TOTPDevice.objects.filter(user=forbundschef).count() == 1


def test_superuser_must_use_two_factor(client, db, krav_2fa):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("admin", password=PASSWORD)
    _login(client, "admin", PASSWORD)
    assert client.get("/admin/")["Location"].startswith(reverse("tvafaktor"))


def test_kansli_needs_no_second_factor(client, kansli, krav_2fa, forbund):
    _login(client, "kansli", PASSWORD)
    assert client.get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})).status_code == 200


def test_two_factor_can_be_turned_off_for_development(client, forbundschef, settings, forbund):
    settings.FINSAM_KRAV_2FA = False
    _login(client, "forbundschef", PASSWORD)
    assert client.get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})).status_code == 200


# --- Session timeouts -------------------------------------------------------------------


def _age_session(client, *, idle: int = 0, since_login: int = 0) -> None:
    session = client.session
    nu = int(time.time())
    session[SESSION_SENAST_AKTIV] = nu - idle
    session[SESSION_INLOGGAD] = nu - since_login
    session.save()


def test_idle_session_is_logged_out(client_as, kansli, forbund, settings):
    client = client_as(kansli)
    url = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    assert client.get(url).status_code == 200
    _age_session(client, idle=settings.FINSAM_SESSION_IDLE_SECONDS + 1)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "inaktivitet" in client.get(response["Location"]).content.decode()


def test_active_session_stays(client_as, kansli, forbund, settings):
    client = client_as(kansli)
    url = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    client.get(url)
    _age_session(client, idle=settings.FINSAM_SESSION_IDLE_SECONDS - 60)
    assert client.get(url).status_code == 200


def test_session_ends_at_the_absolute_limit_even_when_active(client_as, kansli, forbund, settings):
    client = client_as(kansli)
    url = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    client.get(url)
    _age_session(client, idle=10, since_login=settings.SESSION_COOKIE_AGE + 1)
    assert client.get(url)["Location"].startswith(reverse("login"))


# --- Headers, cookies, limits -----------------------------------------------------------


def test_csp_header_allows_only_our_own_origin(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_pages_cannot_be_framed_nor_sniffed(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_logged_in_pages_are_never_cached(client_as, kansli, forbund):
    response = client_as(kansli).get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr}))
    assert response["Cache-Control"] == "private, no-store"


def test_request_over_the_cap_is_refused_before_it_is_read(client_as, kansli, settings):
    settings.FINSAM_MAX_REQUEST_BYTES = 1000
    client = client_as(kansli)
    response = client.post(reverse("start"), {"fil": "x" * 2000})
    assert response.status_code == 413


def test_request_under_the_cap_passes_the_guard(client_as, kansli, settings):
    settings.FINSAM_MAX_REQUEST_BYTES = 100_000
    client = client_as(kansli)
    response = client.post(reverse("start"), {"fil": "x" * 2000})
    assert response.status_code != 413


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("kort", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("korrekt-hast-batteri-2013")


def test_request_cap_leaves_room_above_the_file_limit():
    from django.conf import settings

    assert settings.FINSAM_MAX_REQUEST_BYTES > settings.FINSAM_MAX_UPLOAD_BYTES


def _production(extra: dict | None = None):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FINSAM_"))}
    env.update(
        {
            "DJANGO_ENV_FILE": os.devnull,
            "DJANGO_SETTINGS_MODULE": "finsam.settings",
            "DJANGO_SECRET_KEY": "p" * 60,
            **(extra or {}),
        }
    )
    code = (
        "import django;from django.conf import settings as s;django.setup();"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_SSL_REDIRECT, s.FINSAM_KRAV_2FA, s.STORAGES['staticfiles']['BACKEND'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_production_has_secure_cookies_hsts_and_two_factor():
    secure, csrf_secure, hsts, redirect, krav_2fa, storage = _production()
    assert (secure, csrf_secure, redirect, krav_2fa) == ("True", "True", "True", "True")
    assert int(hsts) >= 31536000
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_development_turns_two_factor_off_by_default():
    assert _production({"DJANGO_DEBUG": "true"})[4] == "False"
