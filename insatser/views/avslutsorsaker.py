"""The editable code table of avslutsorsaker: shared codes are shown, the förbund's own
codes can be added and edited."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from forbund.access import Ratt, forbund_view
from insatser import forms, services
from insatser.models import Avslutsorsak


def _lista(forbund) -> str:
    return reverse("insatser:avslutsorsak-list", kwargs={"orgnr": forbund.orgnr})


@forbund_view(Ratt.LASA)
def avslutsorsak_list(request, forbund):
    orsaker = Avslutsorsak.objects.filter(Q(forbund__isnull=True) | Q(forbund=forbund))
    return render(
        request, "insatser/avslutsorsak_list.html", {"forbund": forbund, "orsaker": orsaker}
    )


@forbund_view(Ratt.SKRIVA)
def avslutsorsak_create(request, forbund):
    form = forms.AvslutsorsakForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.avslutsorsak_create(user=request.user, forbund=forbund, **form.cleaned_data)
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, "Avslutsorsaken är sparad.")
            return redirect(_lista(forbund))
    return render(
        request,
        "insatser/form.html",
        {
            "forbund": forbund,
            "form": form,
            "rubrik": "Ny avslutsorsak",
            "tillbaka": _lista(forbund),
        },
    )


@forbund_view(Ratt.SKRIVA)
def avslutsorsak_update(request, forbund, avslutsorsak):
    orsak = get_object_or_404(Avslutsorsak, forbund=forbund, pk=avslutsorsak)
    form = forms.AvslutsorsakForm(request.POST or None, instance=orsak)
    if request.method == "POST" and form.is_valid():
        try:
            services.avslutsorsak_update(user=request.user, orsak=orsak, **form.cleaned_data)
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, "Ändringarna är sparade.")
            return redirect(_lista(forbund))
    return render(
        request,
        "insatser/form.html",
        {
            "forbund": forbund,
            "form": form,
            "rubrik": f"Ändra avslutsorsak {orsak.kod}",
            "tillbaka": _lista(forbund),
        },
    )
