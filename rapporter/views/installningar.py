"""The förbund's report definitions, settings and forecast adjustments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from ekonomi.models import Rakenskapsar
from forbund.access import Ratt, forbund_view
from rapporter import services
from rapporter.builders.underlag import installning_for
from rapporter.definitioner import hamta_definition, hamta_definitioner
from rapporter.forms import (
    PrognosForm,
    RadFormSet,
    RapportinstallningForm,
)
from rapporter.models import (
    Prognosjustering,
    Rapportdefinition,
)
from rapporter.views.grund import (
    _kontrollera_ar,
)


@forbund_view(Ratt.ADMINISTRERA)
def definitioner(request, forbund):
    from rapporter.builders.sektioner import kontroll_for
    from rapporter.builders.underlag import hamta_underlag

    alla = hamta_definitioner(forbund=forbund, typer=list(Rapportdefinition.Typ.values))
    senaste = Rakenskapsar.objects.filter(forbund=forbund).order_by("-start").first()
    kontroll = None
    if senaste is not None:
        u = hamta_underlag(forbund=forbund, perioder={"ar": (senaste.start, senaste.slut)})
        kontroll = kontroll_for(u, "ar")
    return render(
        request,
        "rapporter/definitioner.html",
        {
            "forbund": forbund,
            "definitioner": list(alla.values()),
            "kontroll": kontroll,
            "senaste": senaste,
        },
    )


@forbund_view(Ratt.ADMINISTRERA)
def definition_redigera(request, forbund, pk: int):
    definition = get_object_or_404(Rapportdefinition, forbund=forbund, pk=pk)
    formset = RadFormSet(request.POST or None, instance=definition)
    if request.method == "POST" and formset.is_valid():
        try:
            services.definition_spara(definition=definition, formset=formset, user=request.user)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, "Rapportdefinitionen är sparad.")
            return redirect("rapporter:definitioner", orgnr=forbund.orgnr)
    return render(
        request,
        "rapporter/definition_form.html",
        {"forbund": forbund, "definition": definition, "formset": formset},
    )


@forbund_view(Ratt.ADMINISTRERA)
def installningar(request, forbund):
    installning = installning_for(forbund)
    form = RapportinstallningForm(
        request.POST or None, request.FILES or None, instance=installning
    )
    if request.method == "POST" and form.is_valid():
        services.installning_spara(forbund=forbund, form=form, user=request.user)
        messages.success(request, "Inställningarna är sparade.")
        return redirect("rapporter:index", orgnr=forbund.orgnr)
    return render(request, "rapporter/installningar_form.html", {"forbund": forbund, "form": form})


@forbund_view(Ratt.SKRIVA)
def prognos(request, forbund, ar: int):
    _kontrollera_ar(forbund, ar)
    _, rr_rader = hamta_definition(forbund=forbund, typ=Rapportdefinition.Typ.RESULTATRAKNING)
    rader = [(r.kod, r.rubrik) for r in rr_rader if r.typ == "konton"]
    form = PrognosForm(None, rader=rader)
    if request.method == "POST":
        if "ta_bort" in request.POST:
            pk = request.POST["ta_bort"]
            if not (pk.isdigit() and len(pk) <= 18):  # a forged value: no such adjustment
                raise Http404("Ingen sådan justering.")
            justering = get_object_or_404(Prognosjustering, forbund=forbund, ar=ar, pk=int(pk))
            services.prognos_ta_bort(justering=justering, user=request.user)
            messages.success(request, "Justeringen är borttagen.")
            return redirect("rapporter:prognos", orgnr=forbund.orgnr, ar=ar)
        form = PrognosForm(request.POST, rader=rader)
        if form.is_valid():
            try:
                services.prognos_spara(
                    forbund=forbund, ar=ar, user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                for falt, fel in exc.message_dict.items():
                    form.add_error(falt if falt in form.fields else None, fel)
            else:
                messages.success(request, "Prognosen är sparad.")
                return redirect("rapporter:prognos", orgnr=forbund.orgnr, ar=ar)
    namn = dict(rader)
    justeringar = [
        (j, namn.get(j.radkod, j.radkod))
        for j in Prognosjustering.objects.filter(forbund=forbund, ar=ar).order_by("radkod")
    ]
    return render(
        request,
        "rapporter/prognos_form.html",
        {"forbund": forbund, "form": form, "ar": ar, "justeringar": justeringar},
    )
