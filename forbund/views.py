from django.core.paginator import Paginator
from django.shortcuts import render

from forbund import selectors
from forbund.access import Ratt, forbund_view


@forbund_view(Ratt.LASA)
def start(request, forbund):
    return render(
        request,
        "forbund/forbund_start.html",
        {"forbund": forbund, "medlemmar": selectors.medlemmar(forbund=forbund)},
    )


@forbund_view(Ratt.LOGG)
def logg(request, forbund):
    handelser = selectors.logg(
        forbund=forbund,
        objekttyp=request.GET.get("objekttyp", ""),
        objekt_id=request.GET.get("objekt_id", ""),
    )
    sida = Paginator(handelser, 50).get_page(request.GET.get("sida"))
    return render(request, "forbund/logg_list.html", {"forbund": forbund, "sida": sida})
