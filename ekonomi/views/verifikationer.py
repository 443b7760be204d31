from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery, Sum
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ekonomi import services
from ekonomi.filters import VerifikationFilter
from ekonomi.forms import (
    RADER_PREFIX,
    RadFormSet,
    RattelseForm,
    UnderlagForm,
    VerifikationForm,
    rader_data,
)
from ekonomi.models import Objekt, Rad, Underlag, Verifikation
from ekonomi.tables import VerifikationTable
from finsam.tabeller import RequestConfig
from forbund.access import Ratt, forbund_view


def _verifikation(forbund, pk) -> Verifikation:
    return get_object_or_404(
        Verifikation.objects.select_related("serie", "rakenskapsar", "rattar__serie"),
        rakenskapsar__forbund=forbund,
        pk=pk,
    )


@forbund_view(Ratt.EKONOMI)
def verifikation_list(request, forbund):
    omslutning = (
        Rad.objects.filter(verifikation=OuterRef("pk"), belopp__gt=0)
        .values("verifikation")
        .annotate(s=Sum("belopp"))
        .values("s")
    )
    qs = (
        Verifikation.objects.filter(rakenskapsar__forbund=forbund)
        .select_related("serie")
        .annotate(omslutning=Subquery(omslutning))
    )
    filtret = VerifikationFilter(request.GET or None, queryset=qs, forbund=forbund)
    tabell = VerifikationTable(filtret.qs, orgnr=forbund.orgnr)
    RequestConfig(request, paginate={"per_page": 50}).configure(tabell)
    return render(
        request,
        "ekonomi/verifikation_list.html",
        {"forbund": forbund, "filter": filtret, "tabell": tabell},
    )


@forbund_view(Ratt.EKONOMI)
def verifikation_detail(request, forbund, pk):
    return _detalj(request, forbund, _verifikation(forbund, pk))


def _detalj(request, forbund, ver, *, underlag_form=None):
    """The voucher page; ``underlag_form`` is a rejected attachment with its errors."""
    rader = list(ver.rader.select_related("konto").prefetch_related("objekt__dimension"))
    for r in rader:
        r.debet, r.kredit = max(r.belopp, 0), max(-r.belopp, 0)
    return render(
        request,
        "ekonomi/verifikation_detail.html",
        {
            "forbund": forbund,
            "ver": ver,
            "rader": rader,
            "debet": sum(r.belopp for r in rader if r.belopp > 0),
            "kredit": -sum(r.belopp for r in rader if r.belopp < 0),
            "rattelser": ver.rattelser.select_related("serie"),
            "underlag": ver.underlag.all(),
            "rattelse_form": RattelseForm(initial={"datum": ver.datum}),
            "underlag_form": underlag_form or UnderlagForm(),
        },
    )


def _fel_till_formular(exc: ValidationError, form, formset, index: list[int]) -> list[str]:
    """Service errors next to their fields; returns the voucher-level messages."""
    allmant = []
    for key, msgs in exc.message_dict.items():
        if key in ("datum", "text", "serie"):
            form.add_error(key, msgs)
        elif key.startswith("rad_"):
            _, i, falt = key.split("_", 2)
            f = formset.forms[index[int(i)]]
            if falt == "belopp":
                falt = "debet" if f.cleaned_data.get("debet") else "kredit"
            f.add_error(falt, msgs)
        else:
            allmant.extend(msgs)
    return allmant


@forbund_view(Ratt.SKRIVA)
def verifikation_create(request, forbund):
    allmant: list[str] = []
    if request.method == "POST":
        form = VerifikationForm(request.POST)
        formset = RadFormSet(
            rader_data(request.POST), prefix=RADER_PREFIX, form_kwargs={"forbund": forbund}
        )
        if form.is_valid() and formset.is_valid():
            rader = formset.rader()
            try:
                ver = services.verifikation_create(
                    forbund=forbund,
                    datum=form.cleaned_data["datum"],
                    text=form.cleaned_data["text"],
                    serie=form.cleaned_data["serie"],
                    rader=[r for _, r in rader],
                    user=request.user,
                    bokfor="spara" not in request.POST,
                )
            except ValidationError as exc:
                allmant = _fel_till_formular(exc, form, formset, [i for i, _ in rader])
            else:
                messages.success(
                    request,
                    f"Verifikation {ver} bokförd."
                    if ver.ar_bokford
                    else "Verifikationen är sparad som preliminär.",
                )
                if "ny" in request.POST:
                    return redirect("ekonomi:verifikation-create", orgnr=forbund.orgnr)
                return redirect("ekonomi:verifikation-detail", orgnr=forbund.orgnr, pk=ver.pk)
        allmant += list(formset.non_form_errors())
    else:
        form = VerifikationForm(initial={"serie": "A"})
        formset = RadFormSet(
            prefix=RADER_PREFIX,
            form_kwargs={"forbund": forbund},
            initial=[{} for _ in range(4)],
        )
    return render(
        request,
        "ekonomi/verifikation_form.html",
        {
            "forbund": forbund,
            "form": form,
            "formset": formset,
            "allmant": allmant,
            "konton": forbund.konton.filter(aktiv=True),
            "objektlista": Objekt.objects.filter(dimension__forbund=forbund, aktiv=True)
            .select_related("dimension")
            .order_by("dimension__nummer", "kod"),
        },
    )


@forbund_view(Ratt.SKRIVA)
def verifikation_bokfor(request, forbund, pk):
    ver = _verifikation(forbund, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        ver = services.verifikation_bokfor(verifikation=ver, user=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, f"Verifikation {ver} bokförd.")
    return redirect("ekonomi:verifikation-detail", orgnr=forbund.orgnr, pk=ver.pk)


@forbund_view(Ratt.SKRIVA)
def verifikation_delete(request, forbund, pk):
    ver = _verifikation(forbund, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.verifikation_ta_bort_utkast(verifikation=ver, user=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("ekonomi:verifikation-detail", orgnr=forbund.orgnr, pk=ver.pk)
    messages.success(request, "Den preliminära verifikationen är borttagen.")
    return redirect("ekonomi:verifikation-list", orgnr=forbund.orgnr)


@forbund_view(Ratt.SKRIVA)
def verifikation_reverse(request, forbund, pk):
    ver = _verifikation(forbund, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RattelseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ange rättelsens datum.")
        return redirect("ekonomi:verifikation-detail", orgnr=forbund.orgnr, pk=ver.pk)
    try:
        ny = services.verifikation_reverse(
            verifikation=ver, user=request.user, datum=form.cleaned_data["datum"]
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("ekonomi:verifikation-detail", orgnr=forbund.orgnr, pk=ver.pk)
    messages.success(request, f"Rättelseverifikation {ny} bokförd.")
    return redirect("ekonomi:verifikation-detail", orgnr=forbund.orgnr, pk=ny.pk)


@forbund_view(Ratt.SKRIVA)
def underlag_create(request, forbund, pk):
    ver = _verifikation(forbund, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = UnderlagForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.underlag_lagg_till(
                verifikation=ver, fil=form.cleaned_data["fil"], user=request.user
            )
        except ValidationError as exc:
            fel = exc.message_dict if hasattr(exc, "error_dict") else {"fil": exc.messages}
            for falt, meddelanden in fel.items():
                form.add_error("fil" if falt not in form.fields else falt, meddelanden)
    if form.errors:
        # Shown at the field on the voucher page itself; the focus (and the scroll) goes
        # to the field with the message.
        form.fields["fil"].widget.attrs.update(
            {"autofocus": True, "aria-describedby": form["fil"].auto_id + "_error"}
        )
        return _detalj(request, forbund, ver, underlag_form=form)
    messages.success(request, "Underlaget är sparat.")
    return redirect(
        reverse("ekonomi:verifikation-detail", kwargs={"orgnr": forbund.orgnr, "pk": ver.pk})
        + "#underlag"
    )


@forbund_view(Ratt.EKONOMI)
def underlag_detail(request, forbund, underlag):
    underlag = get_object_or_404(
        Underlag, verifikation__rakenskapsar__forbund=forbund, pk=underlag
    )
    try:
        fil = underlag.fil.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Filen saknas.") from exc
    resp = FileResponse(fil, content_type=underlag.innehallstyp, filename=underlag.filnamn)
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp
