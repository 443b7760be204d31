"""The förbundschef manages the förbund's users and their roles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from forbund import services
from forbund.access import Ratt, forbund_view
from forbund.forms import BehorighetCreateForm, BehorighetForm
from forbund.views.base import fel_till_formular


def _lista_url(forbund) -> str:
    return reverse("forbund:anvandare-list", kwargs={"orgnr": forbund.orgnr})


@forbund_view(Ratt.ADMINISTRERA)
def anvandare_list(request, forbund):
    behorigheter = forbund.behorigheter.select_related("user").order_by("user__username")
    return render(
        request, "forbund/anvandare_list.html", {"forbund": forbund, "behorigheter": behorigheter}
    )


@forbund_view(Ratt.ADMINISTRERA)
def anvandare_create(request, forbund):
    if request.method == "POST":
        form = BehorighetCreateForm(request.POST, forbund=forbund)
        if form.is_valid():
            try:
                services.behorighet_create(user=request.user, forbund=forbund, **form.cleaned_data)
            except ValidationError as exc:
                fel_till_formular(form, exc)
            else:
                messages.success(request, "Användaren har fått sin roll i förbundet.")
                return redirect(_lista_url(forbund))
    else:
        form = BehorighetCreateForm(forbund=forbund)
    return render(
        request,
        "forbund/bidrag_form.html",
        {"forbund": forbund, "form": form, "rubrik": "Lägg till användare"},
    )


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
