"""Shared by the report views: the year checks (a year without books, or outside the plan
years, is a clear 404) and the answer in each format."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from ekonomi.models import Rakenskapsar
from rapporter import services
from rapporter.rendering import render_html, render_json


def _kontrollera_ar(forbund, ar: int) -> None:
    """Reports exist for the förbund's own räkenskapsår only (others 404)."""
    if not Rakenskapsar.objects.filter(forbund=forbund, slut__year=ar).exists():
        raise Http404("Räkenskapsåret finns inte.")


def _ar_saknas(request, forbund, ar: int):
    """A report for a year without books: a clear page (status 404, as for any year the
    förbund does not have) naming the years that do have books; None when the year exists."""
    aren = list(
        Rakenskapsar.objects.filter(forbund=forbund)
        .order_by("start")
        .values_list("slut", flat=True)
    )
    if any(d.year == ar for d in aren):
        return None
    return render(
        request,
        "rapporter/ar_saknas.html",
        {"forbund": forbund, "ar": ar, "aren": [d.year for d in aren]},
        status=404,
    )


def _kontrollera_planar(forbund, ar: int) -> None:
    """A verksamhetsplan exists for the years of ``services.planar`` (others 404)."""
    if ar not in services.planar(forbund=forbund):
        raise Http404("Verksamhetsplan kan inte tas fram för året.")


def _plan_saknas(request, forbund, ar: int):
    """A plan for a year outside ``services.planar``: the same clear 404 page as a report
    for a year without books, naming the years a plan can be made for; None when allowed."""
    aren = services.planar(forbund=forbund)
    if ar in aren:
        return None
    return render(
        request,
        "rapporter/ar_saknas.html",
        {"forbund": forbund, "ar": ar, "planar": aren},
        status=404,
    )


def _svar(request, dokument, *, filnamn: str, **extra):
    faststalld = extra.get("faststalld")
    if faststalld is not None and faststalld.fingeravtryck in (
        dokument.fingeravtryck,
        dokument.fingeravtryck_tidigare,
    ):
        from rapporter.faststallelse import faststallelse_for

        dokument.faststallelse = faststallelse_for(faststalld)
    fmt = request.GET.get("format", "html")
    if fmt == "pdf":
        # A fastställd report is never rendered again: its stored PDF is served. A draft
        # is rendered by a background task (pdf_bestall), never inside this request.
        faststalld = extra.get("faststalld")
        if faststalld is not None:  # its stored PDF, or the progress of its render
            return redirect(
                "rapporter:rapport-pdf", orgnr=dokument.forbund.orgnr, rapport_pk=faststalld.pk
            )
        return render(
            request,
            "rapporter/pdf_utkast.html",
            {"forbund": dokument.forbund, "dok": dokument, "filnamn": filnamn, **extra},
        )
    if fmt == "json":
        return HttpResponse(render_json(dokument), content_type="application/json; charset=utf-8")
    if fmt == "docx":
        from rapporter.word import render_docx

        return HttpResponse(
            render_docx(dokument),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={"Content-Disposition": f'attachment; filename="{filnamn}.docx"'},
        )
    return HttpResponse(render_html(dokument, request=request, **extra))
