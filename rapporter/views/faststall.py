"""Approving a report (fastställ) and marking a missing fact "ej tillämpligt"."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from forbund.access import Ratt, forbund_view
from forbund.models import Beslut
from rapporter import services
from rapporter.models import (
    Rapporttyp,
)
from rapporter.views.grund import (
    _kontrollera_ar,
    _kontrollera_planar,
)


@forbund_view(Ratt.ADMINISTRERA)
@require_POST
def faststall(request, forbund):
    typ = request.POST.get("typ", "")
    if typ not in Rapporttyp.values:
        raise Http404
    try:
        ar = int(request.POST.get("ar", ""))
        till = request.POST.get("till") or None
        till = datetime.date.fromisoformat(till) if till else None
    except ValueError as exc:
        raise Http404 from exc
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        _kontrollera_planar(forbund, ar)
    else:
        _kontrollera_ar(forbund, ar)
    bekrafta = reverse(
        "rapporter:faststall-bekrafta", kwargs={"orgnr": forbund.orgnr, "ar": ar}
    ) + (f"?typ={typ}" + (f"&till={till.isoformat()}" if till else ""))
    beslut = None
    if "bekraftat" in request.POST:
        pk = request.POST.get("beslut") or ""
        beslut = (
            Beslut.objects.filter(sammantrade__forbund=forbund, pk=int(pk))
            .select_related("sammantrade")
            .first()
            if pk.isdigit()
            else None
        )
        if beslut is None:
            messages.error(request, "Välj styrelsens beslut (§) som fastställer rapporten.")
            return redirect(bekrafta)
    try:
        rapport = services.rapport_faststall(
            forbund=forbund, typ=typ, ar=ar, till=till, user=request.user, beslut=beslut
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "beslut" in exc.error_dict:
            # The message belongs at the decision field; nothing was changed.
            from rapporter.faststallelse import rapportdatum
            from rapporter.views.berattelse import bekrafta_sida

            return bekrafta_sida(
                request,
                forbund,
                typ=typ,
                ar=ar,
                till=rapportdatum(typ, ar, till),
                fel=" ".join(exc.error_dict["beslut"][0].messages),
                status=400,
            )
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, f"{rapport.get_typ_display()} {ar} är fastställd.")
        # The approved PDF is rendered in the background: its page shows the progress.
        return redirect(
            "rapporter:pdf-bestallning", orgnr=forbund.orgnr, bestallning=rapport.bestallning.pk
        )
    url = reverse(f"rapporter:{typ}", kwargs={"orgnr": forbund.orgnr, "ar": ar})
    if typ == Rapporttyp.DELARSRAPPORT and till:
        url += f"?till={till.isoformat()}"
    return redirect(url)


@forbund_view(Ratt.ADMINISTRERA)
@require_POST
def ej_tillampligt(request, forbund):
    """Mark a fact a report lacks "ej tillämpligt" with a reason; back to the report."""
    typ = request.POST.get("rapport", "")
    if typ not in Rapporttyp.values:
        raise Http404
    try:
        ar = int(request.POST.get("ar", ""))
    except ValueError as exc:
        raise Http404 from exc
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        _kontrollera_planar(forbund, ar)
    else:
        _kontrollera_ar(forbund, ar)
    try:
        services.undantag_spara(
            forbund=forbund,
            rapport=typ,
            ar=ar,
            nyckel=request.POST.get("nyckel", ""),
            motivering=request.POST.get("motivering", ""),
            user=request.user,
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, "Uppgiften är markerad som ej tillämplig.")
    url = reverse(f"rapporter:{typ}", kwargs={"orgnr": forbund.orgnr, "ar": ar})
    till = request.POST.get("till", "")
    if typ == Rapporttyp.DELARSRAPPORT and till:
        url += "?" + urlencode({"till": till})
    return redirect(url)
