"""Medlemsbidrag per year: the state allocation and keys, the basis per member, the
computed table (the fordran vouchers are ``ekonomi.views.medlemsbidrag``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect, render

from finsam.tabeller import RequestConfig
from forbund import services
from forbund.access import Ratt, forbund_view
from forbund.forms import BidragsarForm, UnderlagForm
from forbund.models import Bidragsandel, Bidragsar, Medlem
from forbund.tables import BidragsarTable
from forbund.views.base import PER_SIDA, fel_till_formular

_ORDNING = {"fk": 0, "af": 1, "region": 2, "kommun": 3}


def _andelar(bidragsar: Bidragsar) -> list[Bidragsandel]:
    andelar = bidragsar.andelar.select_related("medlem", "verifikation", "verifikation__serie")
    return sorted(andelar, key=lambda a: (_ORDNING.get(a.medlem.typ, 9), a.medlem.namn))


def _kravs(bidragsar: Bidragsar, andel: Bidragsandel, antal: dict[str, int]) -> tuple[str, ...]:
    """The basis fields the year's key needs from this member."""
    typ = andel.medlem.typ
    if typ not in (Medlem.Typ.KOMMUN, Medlem.Typ.REGION) or antal.get(typ, 0) < 2:
        return ()
    nyckel = bidragsar.nyckel_kommuner if typ == Medlem.Typ.KOMMUN else bidragsar.nyckel_regioner
    return {
        Bidragsar.Nyckel.BEFOLKNING: ("befolkning",),
        Bidragsar.Nyckel.FORSORJNING: ("forsorjningsmatt",),
        Bidragsar.Nyckel.VIKTAD: ("befolkning", "forsorjningsmatt"),
        Bidragsar.Nyckel.FAST: ("fast_andel",),
    }[nyckel]


@forbund_view(Ratt.LASA)
def bidrag_list(request, forbund):
    table = BidragsarTable(forbund.bidragsar.all())
    table.caption = "Medlemsbidrag per år"
    RequestConfig(request, paginate={"per_page": PER_SIDA}).configure(table)
    return render(request, "forbund/bidrag_list.html", {"forbund": forbund, "table": table})


@forbund_view(Ratt.LASA)
def bidrag_detail(request, forbund, bidragsar):
    obj = get_object_or_404(forbund.bidragsar, pk=bidragsar)
    andelar = _andelar(obj)
    return render(
        request,
        "forbund/bidrag_detail.html",
        {
            "forbund": forbund,
            "objekt": obj,
            "andelar": andelar,
            "summa": sum(a.belopp or 0 for a in andelar),
            "fakturerat": any(a.verifikation_id for a in andelar),
        },
    )


def _bidragsar_formular(request, forbund, obj):
    ny = obj is None
    if request.method == "POST":
        form = BidragsarForm(request.POST, forbund=forbund, andra=not ny)
        if form.is_valid():
            try:
                if ny:
                    obj = services.bidragsar_create(
                        user=request.user, forbund=forbund, **form.cleaned_data
                    )
                else:
                    obj = services.bidragsar_update(
                        user=request.user, bidragsar=obj, **form.cleaned_data
                    )
            except ValidationError as exc:
                fel_till_formular(form, exc)
            else:
                messages.success(request, "Medlemsbidragen sparade.")
                return redirect(obj)
    else:
        initial = {}
        if obj is not None:
            initial = {
                "statlig_tilldelning": obj.statlig_tilldelning,
                "nyckel_kommuner": obj.nyckel_kommuner,
                "nyckel_regioner": obj.nyckel_regioner,
                "vikt_befolkning": obj.vikt_befolkning,
            }
        form = BidragsarForm(initial=initial, forbund=forbund, andra=not ny)
    return render(
        request,
        "forbund/bidrag_form.html",
        {"forbund": forbund, "form": form, "objekt": obj, "rubrik": "Medlemsbidrag"},
    )


@forbund_view(Ratt.SKRIVA)
def bidrag_create(request, forbund):
    return _bidragsar_formular(request, forbund, None)


@forbund_view(Ratt.SKRIVA)
def bidrag_update(request, forbund, bidragsar):
    return _bidragsar_formular(
        request, forbund, get_object_or_404(forbund.bidragsar, pk=bidragsar)
    )


@forbund_view(Ratt.SKRIVA)
def bidrag_underlag(request, forbund, bidragsar):
    """The basis per member (population, försörjningsmått, fixed shares); saving computes."""
    obj = get_object_or_404(forbund.bidragsar, pk=bidragsar)
    andelar = [a for a in _andelar(obj) if a.medlem.typ in (Medlem.Typ.KOMMUN, Medlem.Typ.REGION)]
    antal: dict[str, int] = {}
    for a in andelar:
        antal[a.medlem.typ] = antal.get(a.medlem.typ, 0) + 1
    # Only the listed members' rows: a posted form count or id beyond them is a formset
    # error, never a new row or a crash (issue 17.8).
    FormSet = modelformset_factory(
        Bidragsandel,
        form=UnderlagForm,
        extra=0,
        max_num=len(andelar),
        absolute_max=max(1, len(andelar)),
        validate_max=True,
        edit_only=True,
    )
    qs = Bidragsandel.objects.filter(pk__in=[a.pk for a in andelar]).select_related("medlem")
    kravs = {a.pk: _kravs(obj, a, antal) for a in andelar}

    def bygg(data=None):
        fs = FormSet(data, queryset=qs, prefix="underlag")
        for form in fs.forms:
            form.kravs = kravs.get(form.instance.pk, ())
        return fs

    if request.method == "POST":
        formset = bygg(request.POST)
        if formset.is_valid():
            underlag = {
                f.instance.pk: {k: f.cleaned_data.get(k) for k in UnderlagForm.Meta.fields}
                for f in formset.forms
                if f.instance.pk in kravs
            }
            try:
                services.bidragsunderlag_spara(user=request.user, bidragsar=obj, underlag=underlag)
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                messages.success(request, "Underlaget sparat och bidragen beräknade.")
                return redirect(obj)
    else:
        formset = bygg()
    return render(
        request,
        "forbund/bidrag_underlag.html",
        {"forbund": forbund, "objekt": obj, "formset": formset},
    )
