"""Ledger pages. Reading needs Ratt.EKONOMI, writing Ratt.SKRIVA, locking Ratt.ADMINISTRERA."""

from django.db.models import Count, Q
from django.shortcuts import render

from ekonomi import selectors
from ekonomi.models import Verifikation
from forbund.access import Ratt, forbund_view
from forbund.arbetsar import arbetsar


@forbund_view(Ratt.EKONOMI)
def index(request, forbund):
    ar = selectors.rakenskapsar_valt(
        forbund=forbund, valt=request.GET.get("ar"), arbetsar=arbetsar(request, forbund)
    )
    ar_lista = forbund.rakenskapsar.annotate(
        last=Count("perioder", filter=Q(perioder__last=True)), perioder_antal=Count("perioder")
    ).order_by("-start")
    context = {"forbund": forbund, "ar": ar, "ar_lista": ar_lista}
    if ar is not None:
        context.update(
            {
                "senaste": Verifikation.objects.filter(rakenskapsar=ar)
                .select_related("serie")
                .order_by("-registrerad", "-id")[:10],
                "utkast": Verifikation.objects.filter(
                    rakenskapsar=ar, status=Verifikation.Status.PRELIMINAR
                ).count(),
                "resultat": -selectors.arets_resultat(rakenskapsar=ar),
            }
        )
    return render(request, "ekonomi/index.html", context)
