from django.shortcuts import get_object_or_404, render

from forbund.access import Ratt, forbund_view


@forbund_view(Ratt.LASA)
def insats_list(request, forbund):
    return render(
        request,
        "insatser/insats_list.html",
        {"forbund": forbund, "insatser": forbund.insatser.all()},
    )


@forbund_view(Ratt.LASA)
def insats_detail(request, forbund, pk):
    insats = get_object_or_404(forbund.insatser, pk=pk)
    return render(request, "insatser/insats_detail.html", {"forbund": forbund, "insats": insats})
