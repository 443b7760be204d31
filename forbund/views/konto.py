"""A person's own account: accepting an invitation, their logged-in sessions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from forbund import selectors, services
from forbund.forms import NyttKontoForm
from forbund.views.base import fel_till_formular


@login_not_required
@never_cache
def inbjudan(request, token: str):
    """The invitation link. Anonymous: create an account with a password of one's own (or
    log in first to use an existing one). Logged in: link this account to the förbund."""
    try:
        inb = services.inbjudan_hamta(token=token)
    except services.OgiltigInbjudan as exc:
        return render(
            request, "registration/inbjudan_ogiltig.html", {"orsak": str(exc)}, status=410
        )
    if request.user.is_authenticated:
        fel = None
        if request.method == "POST":
            try:
                services.inbjudan_acceptera(token=token, user=request.user)
            except services.OgiltigInbjudan as exc:
                return render(
                    request, "registration/inbjudan_ogiltig.html", {"orsak": str(exc)}, status=410
                )
            except ValidationError as exc:
                fel = " ".join(exc.messages)
            else:
                messages.success(
                    request, f"Du har nu rollen {inb.get_roll_display().lower()} i {inb.forbund}."
                )
                return redirect(inb.forbund)
        return render(
            request, "registration/inbjudan.html", {"inbjudan": inb, "fel": fel, "form": None}
        )
    form = NyttKontoForm(request.POST or None, initial={"username": inb.epost})
    if request.method == "POST" and form.is_valid():
        try:
            services.inbjudan_acceptera_nytt_konto(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except services.OgiltigInbjudan as exc:
            return render(
                request, "registration/inbjudan_ogiltig.html", {"orsak": str(exc)}, status=410
            )
        except ValidationError as exc:
            fel_till_formular(form, exc)
        else:
            messages.success(request, "Ditt konto är skapat. Logga in med ditt nya lösenord.")
            return redirect("login")
    return render(
        request,
        "registration/inbjudan.html",
        {
            "inbjudan": inb,
            "form": form,
            "logga_in_url": f"{reverse('login')}?{urlencode({'next': request.path})}",
        },
    )


@never_cache
def sessioner(request):
    """The user's own logged-in sessions, with a way to end the others."""
    return render(
        request,
        "registration/sessioner.html",
        {
            "sessioner": selectors.mina_sessioner(
                user=request.user, nuvarande_nyckel=request.session.session_key
            )
        },
    )


@require_POST
def session_avsluta(request, inloggning: int):
    rad = get_object_or_404(request.user.inloggningar, pk=inloggning)
    if rad.session_key == request.session.session_key:
        messages.error(request, "Den här sessionen avslutar du med Logga ut.")
    else:
        services.session_avsluta(user=request.user, inloggning=rad)
        messages.success(request, "Sessionen är avslutad.")
    return redirect("sessioner")


@require_POST
def sessioner_avsluta_andra(request):
    antal = services.sessioner_avsluta_andra(
        user=request.user, nuvarande_nyckel=request.session.session_key
    )
    messages.success(
        request,
        "Inga andra sessioner var öppna."
        if antal == 0
        else f"{antal} {'session' if antal == 1 else 'sessioner'} avslutade.",
    )
    return redirect("sessioner")
