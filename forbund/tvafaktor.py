"""Two-factor login (TOTP, RFC 6238) for förbundschef and systemadministratör.

After the password, such a user must give a six-digit code from an authenticator app
before any other page (``forbund.middleware.TvaFaktorMiddleware``). A user without a device
first enrols one: the secret is shown as text, as an otpauth:// URI and as a QR code drawn
on the server (SVG, no outside request). Only a user who has no confirmed device may enrol,
so a stolen password alone cannot replace the device.
"""

import logging
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from forbund.models import Behorighet, Roll

logger = logging.getLogger("finsam.security")


def kraver_tvafaktor(user) -> bool:
    """Förbundschef anywhere, and superusers (systemadministratör), need a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Behorighet.objects.filter(user=user, roll=Roll.FORBUNDSCHEF).exists()


class KodForm(forms.Form):
    kod = forms.CharField(
        label="Engångskod (6 siffror)",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_kod(self) -> str:
        kod = self.cleaned_data["kod"].strip()
        if not kod.isdigit():
            raise forms.ValidationError("Koden består av sex siffror.")
        return kod


def _nasta(request) -> str:
    nasta = request.POST.get("next") or request.GET.get("next") or ""
    if nasta and url_has_allowed_host_and_scheme(
        nasta, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nasta
    return reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
def verifiera(request):
    """Ask for the TOTP code of a user who has a confirmed device."""
    if request.user.is_verified():
        return redirect(_nasta(request))
    if not user_has_device(request.user):
        return redirect(f"{reverse('tvafaktor-aktivera')}?{urlencode({'next': _nasta(request)})}")
    form = KodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["kod"])
        if device is not None:
            otp_login(request, device)
            return redirect(_nasta(request))
        logger.warning("Felaktig tvåfaktorkod för användare %s", request.user.pk)
        form.add_error("kod", "Koden stämmer inte. Vänta på nästa kod och försök igen.")
    return render(request, "otp/verifiera.html", {"form": form, "next": _nasta(request)})


def _otpauth_uri(device: TOTPDevice) -> str:
    return device.config_url


def _qr_svg(uri: str) -> str:
    # segno escapes nothing user-controlled here: the URI is built from our own key and
    # the username, and segno encodes it as path data, not as text.
    return mark_safe(
        segno.make(uri, error="m").svg_inline(scale=4, title="QR-kod för autentiseringsappen")
    )


@never_cache
def aktivera(request):
    """Enrol a TOTP device: show the secret, confirm it with one code."""
    if user_has_device(request.user):
        if request.user.is_verified():
            return render(request, "otp/aktiverad.html", {})
        # A confirmed device exists: the user must prove it, never replace it from here.
        return redirect(f"{reverse('tvafaktor')}?{urlencode({'next': _nasta(request)})}")
    device = next(iter(devices_for_user(request.user, confirmed=False)), None)
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Autentiseringsapp", confirmed=False
        )
    form = KodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["kod"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            logger.info("Tvåfaktorinloggning aktiverad för användare %s", request.user.pk)
            messages.success(request, "Tvåfaktorinloggning är aktiverad.")
            return redirect(_nasta(request))
        form.add_error(
            "kod", "Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."
        )
    hemlighet = b32encode(device.bin_key).decode()
    uri = _otpauth_uri(device)
    return render(
        request,
        "otp/aktivera.html",
        {
            "form": form,
            "next": _nasta(request),
            "hemlighet": " ".join(hemlighet[i : i + 4] for i in range(0, len(hemlighet), 4)),
            "uri": uri,
            "qr_svg": _qr_svg(uri),
        },
    )
