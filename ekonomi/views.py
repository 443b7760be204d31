from django.shortcuts import render

from forbund.access import Ratt, forbund_view


@forbund_view(Ratt.EKONOMI)
def index(request, forbund):
    return render(
        request,
        "ekonomi/index.html",
        {"forbund": forbund, "ar": forbund.rakenskapsar.order_by("-start")},
    )
