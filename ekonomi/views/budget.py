"""Budget versions: a grid (accounts × projekt objects, yearly amounts), import, export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ekonomi import selectors, services
from ekonomi.export import csv_svar, excel_svar, kr
from ekonomi.forms import BudgetversionForm
from ekonomi.models import Budgetversion, Dimension, Objekt
from ekonomi.services.budget import budget_celler, naturligt
from finsam import kalkylblad
from finsam.money import OgiltigtBelopp, tolka_belopp
from finsam.templatetags.svenska import ore_kr
from forbund.access import Ratt, forbund_view, har_ratt


def _version(forbund, pk) -> Budgetversion:
    return get_object_or_404(
        Budgetversion.objects.select_related("rakenskapsar"),
        rakenskapsar__forbund=forbund,
        pk=pk,
    )


class ImportForm(forms.Form):
    fil = forms.FileField(label="Fil (CSV med semikolon eller Excel .xlsx)")

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > kalkylblad.MAX_FIL_BYTE:
            raise ValidationError(kalkylblad.STORLEKSFEL)
        return fil


@forbund_view(Ratt.EKONOMI)
def budget_list(request, forbund):
    versioner = Budgetversion.objects.filter(rakenskapsar__forbund=forbund).select_related(
        "rakenskapsar"
    )
    return render(
        request,
        "ekonomi/budget_list.html",
        {
            "forbund": forbund,
            "versioner": versioner.order_by("-rakenskapsar__start", "skapad"),
            "form": BudgetversionForm(),
            "ar_lista": forbund.rakenskapsar.order_by("-start"),
        },
    )


@forbund_view(Ratt.SKRIVA)
@require_POST
def budgetversion_create(request, forbund):
    form = BudgetversionForm(request.POST)
    ar = selectors.rakenskapsar_for(forbund=forbund, ar=request.POST.get("ar"))
    kopia = request.POST.get("kopiera")
    kopiera_fran = (
        Budgetversion.objects.filter(rakenskapsar__forbund=forbund, pk=kopia).first()
        if kopia and kopia.isdigit()
        else None
    )
    if ar is None or not form.is_valid():
        messages.error(request, "Välj år, typ och ett namn.")
        return redirect("ekonomi:budget-list", orgnr=forbund.orgnr)
    try:
        version = services.budgetversion_skapa(
            rakenskapsar=ar, user=request.user, kopiera_fran=kopiera_fran, **form.cleaned_data
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("ekonomi:budget-list", orgnr=forbund.orgnr)
    return redirect("ekonomi:budget-grid", orgnr=forbund.orgnr, budget=version.pk)


def _grid(forbund, version):
    konton = list(forbund.konton.filter(typ__in=["I", "K"]).order_by("nummer"))
    objekt = [None] + list(
        Objekt.objects.filter(dimension__forbund=forbund, dimension__nummer=Dimension.PROJEKT)
        .select_related("dimension")
        .order_by("kod")
    )
    return konton, objekt


@forbund_view(Ratt.EKONOMI)
def budget_grid(request, forbund, budget):
    version = _version(forbund, budget)
    konton, objekt = _grid(forbund, version)
    fel: dict[str, str] = {}
    varden: dict[str, str] = {}
    if request.method == "POST":
        if not har_ratt(request.roll, Ratt.SKRIVA):
            raise PermissionDenied("Din roll får inte ändra budgeten.")
        nya = {}
        for k in konton:
            for o in objekt:
                namn = f"b-{k.pk}-{o.pk if o else 0}"
                text = request.POST.get(namn, "").strip()
                varden[namn] = text
                if not text:
                    belopp = 0
                else:
                    try:
                        belopp = tolka_belopp(text)
                    except OgiltigtBelopp as exc:
                        fel[namn] = str(exc)
                        continue
                nya[(k, o)] = naturligt(k, belopp)
        if not fel:
            services.budget_spara(
                version=version,
                celler=nya,
                user=request.user,
                per_manad=bool(request.POST.get("per_manad")),
            )
            messages.success(request, f"Budgeten {version} är sparad.")
            return redirect("ekonomi:budget-grid", orgnr=forbund.orgnr, budget=version.pk)
        messages.error(request, "Rätta de markerade beloppen; inget sparades.")
    return _grid_sida(request, forbund, version, fel=fel, varden=varden, grid=(konton, objekt))


def _grid_sida(
    request, forbund, version, *, fel=None, varden=None, grid=None, import_form=None, status=200
):
    """The grid page: every account × objekt cell, typed values and errors kept."""
    fel, varden = fel or {}, varden or {}
    konton, objekt = grid or _grid(forbund, version)
    celler = budget_celler(version=version)
    rader = []
    summa_kol = [0] * len(objekt)
    for k in konton:
        celllista = []
        for j, o in enumerate(objekt):
            namn = f"b-{k.pk}-{o.pk if o else 0}"
            belopp = naturligt(k, celler.get((k.pk, o.pk if o else None), 0))
            summa_kol[j] += celler.get((k.pk, o.pk if o else None), 0)
            celllista.append(
                {
                    "namn": namn,
                    "objekt": o,
                    "varde": varden.get(namn, ore_kr(belopp) if belopp else ""),
                    "fel": fel.get(namn),
                }
            )
        rader.append({"konto": k, "celler": celllista})
    return render(
        request,
        "ekonomi/budget_grid.html",
        {
            "forbund": forbund,
            "version": version,
            "objekt": objekt,
            "rader": rader,
            "resultat": -sum(celler.values()),
            "import_form": import_form or ImportForm(),
        },
        status=status,
    )


@forbund_view(Ratt.SKRIVA)
def budget_import(request, forbund, budget):
    version = _version(forbund, budget)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Importen avbröts, inget sparades.")
        return _grid_sida(request, forbund, version, import_form=form, status=400)
    fil = form.cleaned_data["fil"]
    try:
        antal = services.budget_import(
            version=version, innehall=fil.read(), filnamn=fil.name, user=request.user
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "fil" in exc.error_dict:
            for e in exc.error_dict["fil"]:
                form.add_error("fil", e)
            messages.error(request, "Importen avbröts, inget sparades.")
            return _grid_sida(request, forbund, version, import_form=form, status=400)
        messages.error(request, "Importen avbröts, inget sparades:")
        for m in exc.messages[:50]:
            messages.error(request, m)
    else:
        messages.success(request, f"{antal} budgetrader importerade.")
    return redirect("ekonomi:budget-grid", orgnr=forbund.orgnr, budget=version.pk)


@forbund_view(Ratt.EKONOMI)
def budget_export(request, forbund, budget):
    version = _version(forbund, budget)
    rs = version.rakenskapsar
    # A year longer than 12 months names each month with its year (ÅÅÅÅMM).
    lang = (rs.slut.year - rs.start.year) * 12 + rs.slut.month - rs.start.month >= 12
    rader = [
        [
            r.konto.nummer,
            r.objekt.kod if r.objekt else "",
            ("{}{:02d}".format(*r.period(rs)) if lang else r.manad) if r.manad else "",
            kr(naturligt(r.konto, r.belopp)),
        ]
        for r in version.rader.select_related("konto", "objekt").order_by(
            "konto__nummer", "objekt__kod", "ar", "manad"
        )
    ]
    filnamn = f"budget-{forbund.orgnr}-{version.rakenskapsar.ar}-{version.pk}"
    rubriker = ["konto", "objekt", "manad", "belopp"]
    if request.GET.get("format") == "xlsx":
        return excel_svar(filnamn, rubriker, rader, blad="Budget")
    return csv_svar(filnamn, rubriker, rader)
