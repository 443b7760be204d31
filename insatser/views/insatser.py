"""The insats register: list, detail, create/edit, and the things attached to an insats."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from finsam.tabeller import RequestConfig
from forbund.access import Ratt, forbund_view
from insatser import forms, selectors, services
from insatser.filters import InsatsFilter
from insatser.models import Utvardering
from insatser.tables import InsatsTable


def _insats(forbund, pk):
    return get_object_or_404(selectors.insats_list(forbund=forbund), pk=pk)


@forbund_view(Ratt.LASA)
def insats_list(request, forbund):
    filter = InsatsFilter(request.GET, queryset=selectors.insats_list(forbund=forbund))
    table = InsatsTable(filter.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "insatser/insats_list.html",
        {"forbund": forbund, "filter": filter, "table": table},
    )


@forbund_view(Ratt.LASA)
def insats_detail(request, forbund, pk):
    insats = _insats(forbund, pk)
    return render(
        request,
        "insatser/insats_detail.html",
        {
            "forbund": forbund,
            "insats": insats,
            "statusar": insats.statusar.order_by("datum", "id"),
            "mal": selectors.maluppfyllelse(insats=insats),
            "medel": insats.medel.select_related("beslut__sammantrade"),
            "utvarderingar": insats.utvarderingar.all(),
            "strukturaktiviteter": insats.strukturaktiviteter.all(),
            "anonyma": insats.anonyma.all(),
            "styrgrupp": insats.styrgrupp.all(),
        },
    )


def _insats_falt(form) -> dict:
    data = dict(form.cleaned_data)
    return {
        "objektkod": data.pop("objektkod", ""),
        "styrgrupp": list(data.pop("styrgrupp", [])),
        **data,
    }


@forbund_view(Ratt.SKRIVA)
def insats_create(request, forbund):
    form = forms.InsatsForm(request.POST or None, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            insats = services.insats_create(
                user=request.user, forbund=forbund, **_insats_falt(form)
            )
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, f"Insatsen {insats} är registrerad.")
            return redirect(insats)
    return render(
        request,
        "insatser/form.html",
        {"forbund": forbund, "form": form, "rubrik": "Ny insats"},
    )


@forbund_view(Ratt.SKRIVA)
def insats_update(request, forbund, pk):
    insats = _insats(forbund, pk)
    form = forms.InsatsForm(request.POST or None, instance=insats, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            services.insats_update(user=request.user, insats=insats, **_insats_falt(form))
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, "Ändringarna är sparade.")
            return redirect(insats)
    return render(
        request,
        "insatser/form.html",
        {"forbund": forbund, "form": form, "insats": insats, "rubrik": f"Ändra {insats}"},
    )


def _bifogat(request, forbund, pk, *, form_class, service, rubrik, form_kwargs=None, filer=False):
    """The shared shape of the small 'add X to the insats' pages."""
    insats = _insats(forbund, pk)
    form_kwargs = form_kwargs or {}
    data = request.POST if request.method == "POST" else None
    form = form_class(data, request.FILES if filer and data else None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(user=request.user, insats=insats, **form.cleaned_data)
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, f"{rubrik}: sparat.")
            return redirect(insats)
    return render(
        request,
        "insatser/form.html",
        {
            "forbund": forbund,
            "form": form,
            "insats": insats,
            "rubrik": f"{rubrik} – {insats}",
            "filer": filer,
        },
    )


@forbund_view(Ratt.SKRIVA)
def insats_status(request, forbund, pk):
    return _bifogat(
        request,
        forbund,
        pk,
        form_class=forms.StatusForm,
        service=services.insats_status_set,
        rubrik="Ny status",
    )


@forbund_view(Ratt.SKRIVA)
def mal_create(request, forbund, pk):
    return _bifogat(
        request,
        forbund,
        pk,
        form_class=forms.MalForm,
        service=services.mal_create,
        rubrik="Nytt mål",
    )


@forbund_view(Ratt.SKRIVA)
def medel_create(request, forbund, pk):
    return _bifogat(
        request,
        forbund,
        pk,
        form_class=forms.MedelForm,
        service=services.medel_create,
        rubrik="Beviljade medel",
        form_kwargs={"forbund": forbund},
    )


@forbund_view(Ratt.SKRIVA)
def utvardering_create(request, forbund, pk):
    return _bifogat(
        request,
        forbund,
        pk,
        form_class=forms.UtvarderingForm,
        service=services.utvardering_create,
        rubrik="Utvärdering",
        filer=True,
    )


@forbund_view(Ratt.SKRIVA)
def strukturaktivitet_create(request, forbund, pk):
    return _bifogat(
        request,
        forbund,
        pk,
        form_class=forms.StrukturaktivitetForm,
        service=services.strukturaktivitet_create,
        rubrik="Strukturaktivitet",
    )


@forbund_view(Ratt.LASA)
def utvardering_fil(request, forbund, pk, utvardering):
    utv = get_object_or_404(Utvardering, insats__forbund=forbund, insats_id=pk, pk=utvardering)
    if not utv.rapport:
        raise Http404("Ingen rapport är uppladdad.")
    try:
        fil = utv.rapport.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Filen saknas.") from exc
    return FileResponse(fil, as_attachment=True, filename=utv.rapport.name.rsplit("/", 1)[-1])
