"""Medlemsbidrag in the ledger: the fordran vouchers of a year's computed contributions
(the year itself is the förbund's, ``forbund.views.bidrag``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from ekonomi.forms import FaktureraForm
from ekonomi.services import medlemsbidrag_fakturera
from forbund.access import Ratt, forbund_view
from forbund.views.base import fel_till_formular


@forbund_view(Ratt.SKRIVA)
def bidrag_fakturera(request, forbund, bidragsar):
    """Create the fordran vouchers per member in one action."""
    obj = get_object_or_404(forbund.bidragsar, pk=bidragsar)
    if request.method == "POST":
        form = FaktureraForm(request.POST)
        if form.is_valid():
            try:
                vers = medlemsbidrag_fakturera(
                    user=request.user, bidragsar=obj, **form.cleaned_data
                )
            except ValidationError as exc:
                fel_till_formular(form, exc)
            else:
                messages.success(request, f"{len(vers)} fordringsverifikationer bokförda.")
                return redirect(obj)
    else:
        form = FaktureraForm(initial={"serie": "F"})
    return render(
        request,
        "forbund/bidrag_form.html",
        {
            "forbund": forbund,
            "form": form,
            "objekt": obj,
            "rubrik": f"Skapa fordringar för medlemsbidrag {obj.ar}",
        },
    )
