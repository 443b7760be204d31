"""The report pages: the list of reports, årsredovisning, delårsrapport and verksamhetsplan."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from ekonomi.models import Rakenskapsar
from forbund.access import Ratt, forbund_view, har_ratt
from rapporter import services
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.delarsrapport import bygg_delarsrapport
from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan
from rapporter.models import (
    Rapport,
    Rapporttyp,
)
from rapporter.views.grund import (
    _ar_saknas,
    _plan_saknas,
    _svar,
)


@forbund_view(Ratt.LASA)
def index(request, forbund):
    ar = list(
        Rakenskapsar.objects.filter(forbund=forbund)
        .order_by("-start")
        .values_list("slut", flat=True)
    )
    faststallda = Rapport.objects.filter(forbund=forbund, status=Rapport.Status.FASTSTALLD)
    return render(
        request,
        "rapporter/index.html",
        {
            "forbund": forbund,
            "aren": [d.year for d in ar],
            # plans that can be made before their räkenskapsår is in the books
            "planar": [
                a
                for a in services.planar(forbund=forbund)
                if a not in {d.year for d in ar} and (not ar or a > ar[0].year)
            ],
            "faststallda": faststallda,
        },
    )


@forbund_view(Ratt.LASA)
def arsredovisning(request, forbund, ar: int):
    if (saknas := _ar_saknas(request, forbund, ar)) is not None:
        return saknas
    dokument = bygg_arsredovisning(forbund=forbund, ar=ar, enhet=request.GET.get("enhet"))
    return _svar(
        request,
        dokument,
        filnamn=f"arsredovisning-{ar}",
        faststalld=services.faststalld_rapport(
            forbund=forbund, typ=Rapporttyp.ARSREDOVISNING, till=dokument.till
        ),
        faststall_typ=Rapporttyp.ARSREDOVISNING,
        redigera_url=reverse(
            "rapporter:berattelse",
            kwargs={"orgnr": forbund.orgnr, "rapport": Rapporttyp.ARSREDOVISNING, "ar": ar},
        ),
    )


def _till(request, ar: int) -> datetime.date:
    text = request.GET.get("till", "")
    if not text:
        return datetime.date(ar, 8, 31)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


@forbund_view(Ratt.LASA)
def delarsrapport(request, forbund, ar: int):
    if (saknas := _ar_saknas(request, forbund, ar)) is not None:
        return saknas
    till = _till(request, ar)
    try:
        if till is None:
            raise ValidationError({"till": "Ange datumet som ÅÅÅÅ-MM-DD."})
        if (till + datetime.timedelta(days=1)).day != 1 and not har_ratt(
            request.roll, Ratt.DELTAGARE
        ):
            # The report's participant figures cover 1 January–till: windows a day apart
            # would single out a participant by difference (issue 17.3).
            raise ValidationError(
                {"till": "Din roll kan ta ut delårsrapporten per en månads sista dag."}
            )
        # Roles without participant rights get the draft's participant figures protected
        # and rounded, as on the statistics pages (issue 17.3).
        dokument = bygg_delarsrapport(
            forbund=forbund,
            ar=ar,
            till=till,
            enhet=request.GET.get("enhet"),
            skyddad=not har_ratt(request.roll, Ratt.DELTAGARE),
        )
    except ValidationError as exc:
        return render(
            request,
            "rapporter/delar_fel.html",
            {"forbund": forbund, "ar": ar, "fel": exc.messages, "till": request.GET.get("till")},
            status=400,
        )
    return _svar(
        request,
        dokument,
        filnamn=f"delarsrapport-{till.isoformat()}",
        till_param=till.isoformat(),
        faststalld=services.faststalld_rapport(
            forbund=forbund, typ=Rapporttyp.DELARSRAPPORT, till=till
        ),
        faststall_typ=Rapporttyp.DELARSRAPPORT,
        redigera_url=reverse(
            "rapporter:berattelse",
            kwargs={"orgnr": forbund.orgnr, "rapport": Rapporttyp.DELARSRAPPORT, "ar": ar},
        ),
        prognos_url=reverse("rapporter:prognos", kwargs={"orgnr": forbund.orgnr, "ar": ar}),
    )


@forbund_view(Ratt.LASA)
def verksamhetsplan(request, forbund, ar: int):
    if (saknas := _plan_saknas(request, forbund, ar)) is not None:
        return saknas
    dokument = bygg_verksamhetsplan(forbund=forbund, ar=ar)
    return _svar(
        request,
        dokument,
        filnamn=f"verksamhetsplan-{ar}",
        faststalld=services.faststalld_rapport(
            forbund=forbund, typ=Rapporttyp.VERKSAMHETSPLAN, till=datetime.date(ar, 1, 1)
        ),
        faststall_typ=Rapporttyp.VERKSAMHETSPLAN,
        redigera_url=reverse(
            "rapporter:berattelse",
            kwargs={"orgnr": forbund.orgnr, "rapport": Rapporttyp.VERKSAMHETSPLAN, "ar": ar},
        ),
    )
