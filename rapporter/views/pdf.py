"""PDFs: an approved report's stored file, and drafts ordered and rendered in the background."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from forbund.access import Ratt, forbund_view, har_ratt
from rapporter import services
from rapporter.models import (
    Pdfbestallning,
    Rapport,
    Rapporttyp,
)
from rapporter.views.grund import (
    _kontrollera_ar,
)


@forbund_view(Ratt.LASA)
def rapport_pdf(request, forbund, rapport_pk: int):
    rapport = get_object_or_404(
        Rapport, forbund=forbund, pk=rapport_pk, status=Rapport.Status.FASTSTALLD
    )
    if not rapport.pdf:
        # Approved, its PDF not rendered yet (or the render failed): the order's page.
        bestallning = Pdfbestallning.objects.filter(rapport=rapport).first()
        if bestallning is None:
            raise Http404
        return redirect(
            "rapporter:pdf-bestallning", orgnr=forbund.orgnr, bestallning=bestallning.pk
        )
    try:
        fil = rapport.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        fil, content_type="application/pdf", filename=f"{rapport.typ}-{rapport.till}.pdf"
    )


@forbund_view(Ratt.LASA)
@require_POST
def pdf_bestall(request, forbund):
    """Order a draft report's PDF; the answer is the order's page, which shows progress."""
    try:
        ar = int(request.POST.get("ar", ""))
        till = request.POST.get("till") or None
        till = datetime.date.fromisoformat(till) if till else None
    except ValueError as exc:
        raise Http404 from exc
    typ = request.POST.get("typ", "")
    if typ not in Rapporttyp.values:
        raise Http404
    _kontrollera_ar(forbund, ar)
    try:
        bestallning = services.pdf_bestall(
            forbund=forbund,
            typ=typ,
            ar=ar,
            till=till,
            enhet=request.POST.get("enhet"),
            user=request.user,
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect(f"rapporter:{typ}", orgnr=forbund.orgnr, ar=ar)
    return redirect("rapporter:pdf-bestallning", orgnr=forbund.orgnr, bestallning=bestallning.pk)


@forbund_view(Ratt.LASA)
def pdf_bestallning(request, forbund, bestallning: int):
    """The order's progress (while it runs, finsam/bevakning.js follows it without a timed
    reload), then the file or the refusal."""
    bestallning = get_object_or_404(Pdfbestallning, forbund=forbund, pk=bestallning)
    return render(
        request,
        "rapporter/pdf_bestallning.html",
        {
            "forbund": forbund,
            "bestallning": bestallning,
            "kan_bestalla_igen": har_ratt(request.roll, Ratt.ADMINISTRERA),
        },
    )


@forbund_view(Ratt.LASA)
def pdf_bestallning_fil(request, forbund, bestallning: int):
    bestallning = get_object_or_404(
        Pdfbestallning, forbund=forbund, pk=bestallning, status=Pdfbestallning.Status.KLAR
    )
    if bestallning.rapport_id:  # an approval's PDF is kept on the report
        return redirect(
            "rapporter:rapport-pdf", orgnr=forbund.orgnr, rapport_pk=bestallning.rapport_id
        )
    if (
        bestallning.typ == Rapporttyp.DELARSRAPPORT
        and not har_ratt(request.roll, Ratt.DELTAGARE)
        and not bestallning.skyddad
    ):
        # A draft ordered with participant rights has exact participant figures: not for
        # a role that sees them protected (issue 17.3).
        raise Http404
    try:
        fil = bestallning.pdf.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    namn = f"{bestallning.typ}-{(bestallning.till or bestallning.ar)}-utkast.pdf"
    return FileResponse(fil, content_type="application/pdf", filename=namn)
