"""The onboarding page after an SIE import (also in the reports menu): object roles,
members from the income accounts, and what the reports still lack."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from forbund.access import Ratt, forbund_view
from rapporter import onboarding
from rapporter.forms import MedlemsforslagFormSet, ObjektrollForm
from rapporter.models import Rapporttyp

TOMMA_MEDLEMSRADER = 2


@forbund_view(Ratt.SKRIVA)
def onboarding_vy(request, forbund):
    objekt = onboarding.objekt_lista(forbund=forbund)
    forslag = onboarding.medlemsforslag(forbund=forbund)
    initial = [
        {"med": f.forvald, "namn": f.namn, "typ": f.typ, "intaktskonton": f.konto} for f in forslag
    ] + [{}] * TOMMA_MEDLEMSRADER
    data = request.POST if request.method == "POST" else None
    objektform = ObjektrollForm(data, objekt=objekt)
    medlemsformset = MedlemsforslagFormSet(data, initial=initial, prefix="medlem")
    if data is not None and objektform.is_valid() and medlemsformset.is_valid():
        nya = [
            onboarding.NyMedlem(f["namn"], f["typ"], f["intaktskonton"])
            for f in medlemsformset.cleaned_data
            if f.get("med")
        ]
        try:
            onboarding.onboarding_spara(
                forbund=forbund, user=request.user, roller=objektform.roller(), medlemmar=nya
            )
        except ValidationError as exc:
            for m in exc.messages:
                objektform.add_error(None, m)
        else:
            messages.success(request, "Objektens roller och medlemmarna är sparade.")
            return redirect("rapporter:onboarding", orgnr=forbund.orgnr)
    ar = onboarding.senaste_bokforda_ar(forbund=forbund)
    saknas = []
    if ar is not None:
        saknas = onboarding.saknade_uppgifter(
            forbund=forbund,
            rapport=Rapporttyp.ARSREDOVISNING,
            ar=ar,
            fran=datetime.date(ar, 1, 1),
            till=datetime.date(ar, 12, 31),
        )
    return render(
        request,
        "rapporter/onboarding.html",
        {
            "forbund": forbund,
            "objektform": objektform,
            "medlemsformset": medlemsformset,
            "medlemsrader": list(
                zip(medlemsformset.forms, forslag + [None] * TOMMA_MEDLEMSRADER, strict=False)
            ),
            "medlemmar": forbund.medlemmar.all(),
            "ar": ar,
            "saknas": saknas,
        },
    )
