"""Huvudbok and saldobalans (with CSV and Excel downloads)."""

import datetime
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ekonomi import selectors
from ekonomi.export import csv_svar, excel_svar, kr
from forbund.access import Ratt, forbund_view
from forbund.arbetsar import arbetsar


def _ar(forbund, request):
    ar = selectors.rakenskapsar_valt(
        forbund=forbund, valt=request.GET.get("ar"), arbetsar=arbetsar(request, forbund)
    )
    if ar is None:
        raise Http404("Räkenskapsåret finns inte.")
    return ar


def _datum(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@forbund_view(Ratt.EKONOMI)
def huvudbok(request, forbund, konto):
    # The account picker (a GET form) names the account in ?konto=; the URL holds it.
    valt = request.GET.get("konto", "").strip().split(" ")[0]
    if valt and valt != konto:
        url = reverse("ekonomi:huvudbok", kwargs={"orgnr": forbund.orgnr, "konto": valt})
        return redirect(f"{url}?{urlencode({'ar': request.GET.get('ar', '')})}")
    konto = get_object_or_404(forbund.konton, nummer=konto)
    ar = _ar(forbund, request)
    hb = selectors.huvudbok(konto=konto, rakenskapsar=ar, sida=request.GET.get("sida"))
    return render(
        request,
        "ekonomi/huvudbok.html",
        {
            "forbund": forbund,
            "hb": hb,
            "sida": hb.sida,
            "ar_lista": forbund.rakenskapsar.order_by("-start"),
            "konton": forbund.konton.all(),
        },
    )


@forbund_view(Ratt.EKONOMI)
def saldobalans(request, forbund):
    ar = _ar(forbund, request)
    dimension = request.GET.get("dimension")
    dimension = int(dimension) if dimension and dimension.isdigit() else None
    sb = selectors.saldobalans(
        rakenskapsar=ar,
        fran=_datum(request.GET.get("fran")),
        till=_datum(request.GET.get("till")),
        dimension=dimension,
    )
    format_ = request.GET.get("format")
    if format_ in ("csv", "xlsx"):
        rubriker = ["Konto", "Kontonamn", "Typ"]
        if dimension is not None:
            rubriker += ["Objekt", "Objektnamn"]
        rubriker += ["IB", "Förändring", "UB"]
        rader = []
        for r in sb.rader:
            rad = [r.konto.nummer, r.konto.namn, r.konto.typ]
            if dimension is not None:
                rad += [r.objekt.kod if r.objekt else "", r.objekt.namn if r.objekt else ""]
            rader.append(rad + [kr(r.ib), kr(r.forandring), kr(r.ub)])
        filnamn = f"saldobalans-{forbund.orgnr}-{sb.till.isoformat()}"
        if format_ == "csv":
            return csv_svar(filnamn, rubriker, rader)
        return excel_svar(filnamn, rubriker, rader, blad="Saldobalans")
    return render(
        request,
        "ekonomi/saldobalans.html",
        {
            "forbund": forbund,
            "sb": sb,
            "ar_lista": forbund.rakenskapsar.order_by("-start"),
            "dimensioner": forbund.dimensioner.all(),
        },
    )
