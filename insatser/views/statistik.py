"""Aggregate statistics (all roles) and the Uppföljning Finsam export."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from forbund.access import Ratt, forbund_view, har_ratt
from forbund.arbetsar import ar_text, arbetsar, giltigt_ar
from insatser import forms, selectors
from insatser.selectors.diagram import diagram_for
from insatser.selectors.export import uppfoljning_csv, uppfoljning_finsam


def _skyddad(request) -> bool:
    """Roles without participant rights get protected statistics only (issue 17.3)."""
    return not har_ratt(request.roll, Ratt.DELTAGARE)


def _statistik(request, forbund, insats):
    skyddad = _skyddad(request)
    form, fran, till = forms.period_fran_request(
        request, ar=arbetsar(request, forbund), today=timezone.localdate(), hela_perioder=skyddad
    )
    publicering = skyddad or request.GET.get("publicering") == "1"
    stat = selectors.deltagarstatistik(
        forbund=forbund,
        insats=insats,
        fran=fran,
        till=till,
        publicering=publicering,
        skyddad=skyddad,
    )
    return render(
        request,
        "insatser/statistik.html",
        {
            "forbund": forbund,
            "insats": insats,
            "form": form,
            "stat": stat,
            "diagram": diagram_for(stat),
            "ar_med_deltagare": (
                ar_text(selectors.ar_med_deltagare(forbund=forbund, insats=insats))
                if not stat.totalt.antal and not stat.totalt.dold
                else ""
            ),
            "oversikt": (
                selectors.insatser_oversikt(
                    forbund=forbund,
                    fran=fran,
                    till=till,
                    publicering=publicering,
                    skyddad=skyddad,
                )
                if insats is None
                else []
            ),
        },
    )


@forbund_view(Ratt.LASA)
def insats_statistik(request, forbund, pk):
    return _statistik(request, forbund, get_object_or_404(forbund.insatser, pk=pk))


@forbund_view(Ratt.LASA)
def forbund_statistik(request, forbund):
    return _statistik(request, forbund, None)


@forbund_view(Ratt.LASA)
def uppfoljning_export(request, forbund):
    """The CSV for the year in ``?ar=`` (default: the working year)."""
    ar = giltigt_ar(request.GET.get("ar")) or arbetsar(request, forbund)
    # An export meant to be shared: small cells are always suppressed (issue 17.3). It
    # covers whole calendar years only, so windows never overlap.
    rader = uppfoljning_finsam(forbund=forbund, ar=ar, publicering=True)
    response = HttpResponse(
        "\ufeff" + uppfoljning_csv(rader, ar), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="uppfoljning-finsam-{forbund.orgnr}-{ar}.csv"'
    )
    return response
