"""The förbundschef manages the förbund's users and their roles, and invites new ones."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from forbund import selectors, services
from forbund.access import Ratt, forbund_view
from forbund.forms import BehorighetForm, InbjudanForm
from forbund.views.base import fel_till_formular


def _lista_url(forbund) -> str:
    return reverse("forbund:anvandare-list", kwargs={"orgnr": forbund.orgnr})


@forbund_view(Ratt.ADMINISTRERA)
def anvandare_list(request, forbund):
    behorigheter = forbund.behorigheter.select_related("user").order_by("user__username")
    return render(
        request,
        "forbund/anvandare_list.html",
        {
            "forbund": forbund,
            "behorigheter": behorigheter,
            "inbjudningar": selectors.inbjudningar(forbund=forbund)[:50],
        },
    )


@forbund_view(Ratt.ADMINISTRERA)
def anvandare_create(request, forbund):
    """Invite by e-mail: the same answer whether the address has an account or not."""
    if request.method == "POST":
        form = InbjudanForm(request.POST, forbund=forbund)
        if form.is_valid():
            try:
                inbjudan = services.inbjudan_create(
                    user=request.user,
                    forbund=forbund,
                    bas_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                fel_till_formular(form, exc)
            else:
                messages.success(
                    request,
                    f"En inbjudan har skickats till {inbjudan.epost}. Länken gäller till "
                    f"{timezone.localtime(inbjudan.giltig_till):%Y-%m-%d %H:%M}.",
                )
                return redirect(_lista_url(forbund))
    else:
        form = InbjudanForm(forbund=forbund)
    return render(
        request,
        "forbund/bidrag_form.html",
        {
            "forbund": forbund,
            "form": form,
            "rubrik": "Bjud in användare",
            "knapp": "Skicka inbjudan",
        },
    )


@forbund_view(Ratt.ADMINISTRERA)
def inbjudan_aterkalla(request, forbund, inbjudan):
    obj = get_object_or_404(forbund.inbjudningar, pk=inbjudan)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.inbjudan_aterkalla(user=request.user, inbjudan=obj)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Inbjudan till {obj.epost} är återkallad.")
    return redirect(_lista_url(forbund))


@forbund_view(Ratt.ADMINISTRERA)
def anvandare_update(request, forbund, behorighet):
    beh = get_object_or_404(forbund.behorigheter.select_related("user"), pk=behorighet)
    if request.method == "POST":
        form = BehorighetForm(request.POST, forbund=forbund)
        if form.is_valid():
            try:
                services.behorighet_update(user=request.user, behorighet=beh, **form.cleaned_data)
            except ValidationError as exc:
                fel_till_formular(form, exc)
            else:
                messages.success(request, "Rollen är ändrad.")
                return redirect(_lista_url(forbund))
    else:
        form = BehorighetForm(initial={"roll": beh.roll}, forbund=forbund)
    return render(
        request,
        "forbund/bidrag_form.html",
        {"forbund": forbund, "form": form, "rubrik": f"Ändra roll för {beh.user.username}"},
    )


@forbund_view(Ratt.ADMINISTRERA)
def anvandare_delete(request, forbund, behorighet):
    # Look up first: another förbund's id is 404 whatever the method.
    beh = get_object_or_404(forbund.behorigheter.select_related("user"), pk=behorighet)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.behorighet_delete(user=request.user, behorighet=beh)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{beh.user.username} har inte längre någon roll i förbundet.")
    return redirect(_lista_url(forbund))
