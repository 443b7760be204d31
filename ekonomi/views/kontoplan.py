"""Kontoplan, dimensions and objects; räkenskapsår and periods."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ekonomi import services
from ekonomi.forms import DimensionForm, KontoForm, ObjektForm, PeriodForm, RakenskapsarForm
from ekonomi.models import Objekt, Period
from forbund.access import Ratt, forbund_view
from forbund.audit import form_andringar


def _spara_form(request, form, spara, **kwargs):
    """Validate a ModelForm and hand it to a service; service errors go next to fields."""
    if not form.is_valid():
        return None
    try:
        return spara(user=request.user, andringar=form_andringar(form), **kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for falt, fel in exc.message_dict.items():
                form.add_error(falt if falt in form.fields else None, fel)
        else:
            form.add_error(None, exc.messages)
    return None


@forbund_view(Ratt.EKONOMI)
def konto_list(request, forbund):
    konton = forbund.konton.annotate(antal_rader=Count("rader"))
    return render(request, "ekonomi/konto_list.html", {"forbund": forbund, "konton": konton})


@forbund_view(Ratt.SKRIVA)
def konto_create(request, forbund):
    form = KontoForm(request.POST or None, forbund=forbund)
    if request.method == "POST":
        konto = _spara_form(
            request, form, lambda **kw: services.konto_spara(konto=form.instance, **kw)
        )
        if konto is not None:
            messages.success(request, f"Konto {konto} är sparat.")
            return redirect("ekonomi:konto-list", orgnr=forbund.orgnr)
    return render(
        request, "ekonomi/konto_form.html", {"forbund": forbund, "form": form, "konto": None}
    )


@forbund_view(Ratt.SKRIVA)
def konto_update(request, forbund, konto_id):
    konto = get_object_or_404(forbund.konton, pk=konto_id)
    form = KontoForm(request.POST or None, instance=konto, forbund=forbund)
    if request.method == "POST":
        if "ta_bort" in request.POST:
            try:
                services.konto_ta_bort(konto=konto, user=request.user)
            except ValidationError as exc:
                form = KontoForm(instance=konto, forbund=forbund)
                for m in exc.messages:
                    messages.error(request, m)
            else:
                messages.success(request, f"Konto {konto.nummer} är borttaget.")
                return redirect("ekonomi:konto-list", orgnr=forbund.orgnr)
        else:
            sparat = _spara_form(
                request, form, lambda **kw: services.konto_spara(konto=form.instance, **kw)
            )
            if sparat is not None:
                messages.success(request, f"Konto {sparat} är sparat.")
                return redirect("ekonomi:konto-list", orgnr=forbund.orgnr)
    return render(
        request,
        "ekonomi/konto_form.html",
        {"forbund": forbund, "form": form, "konto": konto, "har_rader": konto.rader.exists()},
    )


@forbund_view(Ratt.EKONOMI)
def dimension_list(request, forbund):
    dimensioner = forbund.dimensioner.prefetch_related("objekt")
    return render(
        request,
        "ekonomi/dimension_list.html",
        {"forbund": forbund, "dimensioner": dimensioner, "form": DimensionForm(forbund=forbund)},
    )


@forbund_view(Ratt.SKRIVA)
def dimension_create(request, forbund):
    form = DimensionForm(request.POST or None, forbund=forbund)
    if request.method == "POST":
        dim = _spara_form(
            request, form, lambda **kw: services.dimension_spara(dimension=form.instance, **kw)
        )
        if dim is not None:
            messages.success(request, f"Dimension {dim} är sparad.")
            return redirect("ekonomi:dimension-list", orgnr=forbund.orgnr)
    return render(
        request,
        "ekonomi/simple_form.html",
        {"forbund": forbund, "form": form, "rubrik": "Ny dimension"},
    )


@forbund_view(Ratt.SKRIVA)
def objekt_create(request, forbund, dimension):
    dimension = get_object_or_404(forbund.dimensioner, pk=dimension)
    form = ObjektForm(request.POST or None, dimension=dimension)
    return _objekt_form(request, forbund, form, f"Nytt objekt i dimension {dimension}")


@forbund_view(Ratt.SKRIVA)
def objekt_update(request, forbund, objekt):
    objekt = get_object_or_404(Objekt, dimension__forbund=forbund, pk=objekt)
    form = ObjektForm(request.POST or None, instance=objekt, dimension=objekt.dimension)
    return _objekt_form(request, forbund, form, f"Ändra objekt {objekt}")


def _objekt_form(request, forbund, form, rubrik):
    if request.method == "POST":
        obj = _spara_form(
            request, form, lambda **kw: services.objekt_spara(objekt=form.instance, **kw)
        )
        if obj is not None:
            messages.success(request, f"Objekt {obj} är sparat.")
            return redirect("ekonomi:dimension-list", orgnr=forbund.orgnr)
    return render(
        request,
        "ekonomi/simple_form.html",
        {"forbund": forbund, "form": form, "rubrik": rubrik},
    )


@forbund_view(Ratt.EKONOMI)
def rakenskapsar_list(request, forbund):
    ar_lista = forbund.rakenskapsar.prefetch_related("perioder").order_by("-start")
    return render(
        request,
        "ekonomi/rakenskapsar_list.html",
        {"forbund": forbund, "ar_lista": ar_lista, "form": RakenskapsarForm()},
    )


@forbund_view(Ratt.ADMINISTRERA)
@require_POST
def rakenskapsar_create(request, forbund):
    form = RakenskapsarForm(request.POST)
    if form.is_valid():
        try:
            ar = services.rakenskapsar_skapa(
                forbund=forbund, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(
                request, f"Räkenskapsår {ar} skapat med {ar.perioder.count()} perioder."
            )
    else:
        messages.error(request, "Ange första och sista dag.")
    return redirect("ekonomi:rakenskapsar-list", orgnr=forbund.orgnr)


@forbund_view(Ratt.ADMINISTRERA)
def period_las(request, forbund, period):
    period = get_object_or_404(Period, rakenskapsar__forbund=forbund, pk=period)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        atgard = services.period_las_upp if period.last else services.period_las
        try:
            atgard(period=period, user=request.user, orsak=form.cleaned_data["orsak"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, f"Period {period} är {'upplåst' if period.last else 'låst'}."
            )
            return redirect("ekonomi:rakenskapsar-list", orgnr=forbund.orgnr)
    return render(
        request, "ekonomi/period_form.html", {"forbund": forbund, "form": form, "period": period}
    )


@forbund_view(Ratt.ADMINISTRERA)
def bokslut(request, forbund, ar):
    ar = get_object_or_404(forbund.rakenskapsar, pk=ar)
    problem = services.kontroll_ub_ib(forbund=forbund, ar=ar.ar)
    if request.method == "POST":
        try:
            nasta = services.bokslut(rakenskapsar=ar, user=request.user)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(
                request, f"Bokslut gjort för {ar}; ingående balans skapad för {nasta}."
            )
            return redirect("ekonomi:rakenskapsar-list", orgnr=forbund.orgnr)
    return render(
        request,
        "ekonomi/bokslut_form.html",
        {"forbund": forbund, "ar": ar, "problem": problem},
    )
