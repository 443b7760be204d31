"""Participant-level pages: only Ratt.DELTAGARE (kansli, förbundschef), and every view of
participant-level data is written to the audit log (handelse "visad")."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import formset_factory
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from finsam.tabeller import RequestConfig
from forbund.access import Ratt, forbund_view
from forbund.audit import logga
from forbund.models import Logghandelse
from insatser import forms, services
from insatser.filters import DeltagandeFilter
from insatser.models import Deltagande, Insats
from insatser.services.deltagare import RaderFel
from insatser.services.importer import KOLUMNER, ImportFel
from insatser.tables import DeltagandeTable
from insatser.validators import liknar_namn


def _insats(forbund, pk) -> Insats:
    return get_object_or_404(forbund.insatser, pk=pk)


def _logga_visad(request, forbund, *, obj=None, beskrivning: str) -> None:
    logga(
        user=request.user,
        forbund=forbund,
        obj=obj,
        objekttyp=Deltagande._meta.label,
        handelse=Logghandelse.Handelse.VISAD,
        beskrivning=beskrivning,
    )


def _deltagarlista_url(insats: Insats) -> str:
    return reverse(
        "insatser:deltagare-list", kwargs={"orgnr": insats.forbund.orgnr, "pk": insats.pk}
    )


@forbund_view(Ratt.DELTAGARE)
def deltagare_list(request, forbund, pk):
    insats = _insats(forbund, pk)
    qs = insats.deltaganden.select_related("remitterande", "avslutsorsak", "insats__forbund")
    filter = DeltagandeFilter(request.GET, queryset=qs)
    table = DeltagandeTable(filter.qs)
    RequestConfig(request, paginate={"per_page": 100}).configure(table)
    _logga_visad(request, forbund, beskrivning=f"Deltagarlista: {insats}")
    return render(
        request,
        "insatser/deltagare_list.html",
        {"forbund": forbund, "insats": insats, "table": table, "filter": filter},
    )


@forbund_view(Ratt.DELTAGARE)
def deltagare_create(request, forbund, pk):
    insats = _insats(forbund, pk)
    form = forms.DeltagandeForm(request.POST or None, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            services.deltagande_create(user=request.user, insats=insats, **form.cleaned_data)
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, "Deltagaren är registrerad.")
            return redirect(_deltagarlista_url(insats))
    return render(
        request,
        "insatser/form.html",
        {"forbund": forbund, "form": form, "insats": insats, "rubrik": f"Ny deltagare – {insats}"},
    )


@forbund_view(Ratt.DELTAGARE)
def deltagare_update(request, forbund, deltagande):
    d = get_object_or_404(
        Deltagande.objects.select_related("insats"), insats__forbund=forbund, pk=deltagande
    )
    form = forms.DeltagandeForm(request.POST or None, instance=d, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            services.deltagande_update(user=request.user, deltagande=d, **form.cleaned_data)
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, "Ändringarna är sparade.")
            return redirect(_deltagarlista_url(d.insats))
    if request.method == "GET":
        _logga_visad(request, forbund, obj=d, beskrivning=f"Deltagande {d.pk} i {d.insats}")
    return render(
        request,
        "insatser/deltagare_form.html",
        {"forbund": forbund, "form": form, "insats": d.insats, "deltagande": d},
    )


@forbund_view(Ratt.DELTAGARE)
def deltagare_samtycke(request, forbund, deltagande):
    # Look the object up before refusing GET, so another förbund's id is a 404 either way.
    d = get_object_or_404(
        Deltagande.objects.select_related("insats"), insats__forbund=forbund, pk=deltagande
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    insats = d.insats
    services.deltagande_samtycke_atertaget(user=request.user, deltagande=d)
    messages.success(
        request, "Samtycket är återtaget: uppgifterna är borttagna, en anonym räkning kvarstår."
    )
    return redirect(_deltagarlista_url(insats))


@forbund_view(Ratt.DELTAGARE)
def anonyma_create(request, forbund, pk):
    insats = _insats(forbund, pk)
    form = forms.AnonymaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.anonyma_add(user=request.user, insats=insats, **form.cleaned_data)
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, "Anonyma deltagare är registrerade.")
            return redirect(insats)
    return render(
        request,
        "insatser/form.html",
        {
            "forbund": forbund,
            "form": form,
            "insats": insats,
            "rubrik": f"Anonyma deltagare – {insats}",
        },
    )


def _rader_till_formset(formset, exc: RaderFel, index: list[int]) -> None:
    for n, fel in exc.rader.items():
        forms.lagg_fel(formset.forms[index[n - 1]], fel)


@forbund_view(Ratt.DELTAGARE)
def deltagare_registrera(request, forbund, pk):
    """A grid: register several participants at once (all rows or none)."""
    insats = _insats(forbund, pk)
    # absolute_max: a forged TOTAL_FORMS above 200 is refused, not built into 1 200 rows.
    Formset = formset_factory(
        forms.NyDeltagareForm, extra=8, max_num=200, absolute_max=200, validate_max=True
    )
    formset = Formset(request.POST or None, form_kwargs={"forbund": forbund}, prefix="ny")
    if request.method == "POST" and formset.is_valid():
        ifyllda = [(i, f.cleaned_data) for i, f in enumerate(formset.forms) if f.has_changed()]
        if not ifyllda and formset.forms:
            formset.forms[0].add_error(None, "Fyll i minst en rad.")
        elif not ifyllda:  # a posted form count of 0 or less: nothing to register
            messages.error(request, "Fyll i minst en rad.")
        else:
            try:
                skapade = services.deltaganden_create_many(
                    user=request.user, insats=insats, rader=[d for _, d in ifyllda]
                )
            except RaderFel as exc:
                _rader_till_formset(formset, exc, [i for i, _ in ifyllda])
            else:
                messages.success(request, f"{len(skapade)} deltagare är registrerade.")
                return redirect(_deltagarlista_url(insats))
    return render(
        request,
        "insatser/deltagare_grid.html",
        {
            "forbund": forbund,
            "insats": insats,
            "formset": formset,
            "rubrik": f"Registrera flera deltagare – {insats}",
        },
    )


@forbund_view(Ratt.DELTAGARE)
def deltagare_avsluta(request, forbund, pk):
    """A grid of the open participations: close several at once (all rows or none)."""
    insats = _insats(forbund, pk)
    oppna = {
        d.pk: d for d in insats.deltaganden.filter(slut__isnull=True).order_by("start", "kod")
    }
    # One row per open participation: a forged TOTAL_FORMS beyond that is refused
    # (too_many_forms) instead of building up to 2 000 rows.
    tak = max(1, len(oppna))
    Formset = formset_factory(forms.AvslutaForm, extra=0, max_num=tak, absolute_max=tak)
    initial = [{"deltagande": pk} for pk in oppna]
    formset = Formset(
        request.POST or None, initial=initial, form_kwargs={"forbund": forbund}, prefix="avsluta"
    )
    if request.method == "POST" and formset.is_valid():
        valda = []
        for i, f in enumerate(formset.forms):
            data = f.cleaned_data
            if not data or not (data.get("slut") or data.get("avslutsorsak")):
                continue
            d = oppna.get(data["deltagande"])
            if d is None:
                f.add_error(None, "Deltagandet är inte öppet i den här insatsen.")
                continue
            falt = {
                k: data[k] for k in ("avslutsorsak", "sysselsattning_slut", "forsorjning_slut")
            }
            valda.append((i, (d, {"slut": data.get("slut"), **falt})))
        if not any(f.errors for f in formset.forms):
            try:
                with transaction.atomic():
                    klara = services.deltaganden_avsluta_many(
                        user=request.user, insats=insats, rader=[r for _, r in valda]
                    )
            except RaderFel as exc:
                _rader_till_formset(formset, exc, [i for i, _ in valda])
            else:
                messages.success(request, f"{len(klara)} deltagare är avslutade.")
                return redirect(_deltagarlista_url(insats))
    rader = [(f, oppna.get(_int(f["deltagande"].value()))) for f in formset.forms]
    _logga_visad(request, forbund, beskrivning=f"Avsluta deltagare: {insats}")
    return render(
        request,
        "insatser/deltagare_avsluta.html",
        {
            "forbund": forbund,
            "insats": insats,
            "formset": formset,
            "rader": rader,
            "rubrik": f"Avsluta flera deltagare – {insats}",
        },
    )


def _int(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


@forbund_view(Ratt.DELTAGARE)
def deltagare_import(request, forbund, pk):
    insats = _insats(forbund, pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    radfel = []
    if request.method == "POST" and form.is_valid():
        fil = form.cleaned_data["fil"]
        try:
            skapade = services.deltaganden_import(
                user=request.user, insats=insats, fil=fil, filnamn=fil.name
            )
        except ImportFel as exc:
            radfel = exc.radfel
            form.add_error(None, "Inget sparades: rätta raderna nedan och läs in filen igen.")
        except ValidationError as exc:
            forms.lagg_fel(form, exc)
        else:
            messages.success(request, f"{len(skapade)} deltagare är inlästa.")
            namnlika = [d.kod for d in skapade if liknar_namn(d.kod)]
            if namnlika:
                # A file cannot be asked to confirm: a warning, and the codes to change.
                messages.warning(
                    request,
                    f"{len(namnlika)} {'kod' if len(namnlika) == 1 else 'koder'} ser ut som "
                    f"namn ({', '.join(namnlika[:5])}"
                    f"{' …' if len(namnlika) > 5 else ''}). Byt dem mot lokala koder utan "
                    "namn eller personnummer.",
                )
            return redirect(_deltagarlista_url(insats))
    return render(
        request,
        "insatser/deltagare_import.html",
        {
            "forbund": forbund,
            "insats": insats,
            "form": form,
            "radfel": radfel,
            "kolumner": KOLUMNER,
        },
    )
