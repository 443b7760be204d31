from django.shortcuts import render

from forbund.access import Ratt, forbund_view


@forbund_view(Ratt.LASA)
def index(request, forbund):
    return render(request, "rapporter/index.html", {"forbund": forbund})
