"""Huvudbok and saldobalans (with CSV and Excel downloads)."""

import datetime
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
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


def _kontoval(request, forbund, ar, angivet: str, *, status: int):
    """The account picker with the error at its field (an unknown or empty account)."""
    angivet = angivet.strip()
    fel = (
        f"Konto {angivet} finns inte i kontoplanen. Välj ett konto ur listan."
        if angivet
        else "Ange ett kontonummer."
    )
    return render(
        request,
        "ekonomi/huvudbok_val.html",
        {
            "forbund": forbund,
            "ar": ar,
            "angivet": angivet,
            "fel": fel,
            "konton": forbund.konton.order_by("nummer"),
        },
        status=status,
    )


@forbund_view(Ratt.EKONOMI)
def huvudbok(request, forbund, konto):
    """One account's rows in a year. The picker names the account in ``?konto=`` (the URL
    then holds it); an account the förbund does not have is a field error on the picker
    (404 when it is the URL's own account)."""
    ar = _ar(forbund, request)
    if "konto" in request.GET:
        angivet = request.GET["konto"]
        valt = angivet.strip().split(" ")[0]
        if not forbund.konton.filter(nummer=valt).exists():
            return _kontoval(request, forbund, ar, angivet, status=200)
        if valt != konto:
            url = reverse("ekonomi:huvudbok", kwargs={"orgnr": forbund.orgnr, "konto": valt})
            return redirect(f"{url}?{urlencode({'ar': request.GET.get('ar', '')})}")
    konto_obj = forbund.konton.filter(nummer=konto).first()
    if konto_obj is None:
        return _kontoval(request, forbund, ar, konto, status=404)
    hb = selectors.huvudbok(konto=konto_obj, rakenskapsar=ar, sida=request.GET.get("sida"))
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
