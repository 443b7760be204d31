"""One statement of the årsredovisning on its own page: the statements and notes only
(``bygg_arsrakningar``), without the sections' queries."""

from django.http import HttpResponse
from django.shortcuts import render

from forbund.access import Ratt, forbund_view
from rapporter.builders.arsredovisning import bygg_arsrakningar
from rapporter.views.grund import _ar_saknas

RAKNINGAR = {
    "resultatrakning": "Resultaträkning",
    "balansrakning": "Balansräkning",
    "kassaflodesanalys": "Kassaflödesanalys",
    "driftredovisning": "Driftredovisning",
    "noter": "Noter",
}


@forbund_view(Ratt.LASA)
def rakning(request, forbund, ar: int, vilken: str):
    """One statement of the year: the årsredovisning's statements and notes (the same
    underlag, builders, figures and note numbers), without its sections, so a page reads
    the year's kept balances and a fixed handful of other rows."""
    if (saknas := _ar_saknas(request, forbund, ar)) is not None:
        return saknas
    dokument = bygg_arsrakningar(forbund=forbund, ar=ar)
    if request.GET.get("format") == "json":
        data = dokument.som_dict()
        return HttpResponse(
            render_json_del(data, vilken), content_type="application/json; charset=utf-8"
        )
    return render(
        request,
        "rapporter/rakning.html",
        {
            "forbund": forbund,
            "dok": dokument,
            "ar": ar,
            "vilken": vilken,
            "titel": RAKNINGAR[vilken],
            "tabell": getattr(dokument, vilken) if vilken != "noter" else None,
        },
    )


def render_json_del(data: dict, vilken: str) -> str:
    import json

    return json.dumps(
        {"rapport": vilken, "forbund": data["forbund"], "ar": data["ar"], vilken: data[vilken]},
        ensure_ascii=False,
        indent=2,
    )
