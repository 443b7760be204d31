"""Budget versions: a grid (accounts × projekt objects, yearly amounts), import, export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
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


# Fields per grid page: well under Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (5 000), so a
# chart of any size (568 accounts × 11 objects = 6 248 cells) is saved page by page.
GRID_MAX_FALT = 2000


def _grid(forbund, request):
    """The page of the grid: (accounts on it, objects as columns, the page, the account
    prefix, its error). Accounts are I and K accounts starting with ``?konto=`` (digits;
    empty for all), as many per page (``?sida=``) as fit GRID_MAX_FALT cells."""
    prefix, prefix_fel = (request.GET.get("konto") or "").strip(), None
    if prefix and (not prefix.isdigit() or len(prefix) > 10):
        prefix, prefix_fel = "", "Ange början av ett kontonummer med siffror, t.ex. 45."
    objekt = [None] + list(
        Objekt.objects.filter(dimension__forbund=forbund, dimension__nummer=Dimension.PROJEKT)
        .select_related("dimension")
        .order_by("kod")
    )
    konton = forbund.konton.filter(typ__in=["I", "K"])
    if prefix:
        konton = konton.filter(nummer__startswith=prefix)
    paginator = Paginator(konton.order_by("nummer"), max(1, GRID_MAX_FALT // len(objekt)))
    sida = paginator.get_page(request.GET.get("sida"))  # junk or out of range: a valid page
    return {
        "konton": list(sida.object_list),
        "objekt": objekt,
        "sida": sida,
        "prefix": prefix,
        "prefix_fel": prefix_fel,
    }


@forbund_view(Ratt.EKONOMI)
def budget_grid(request, forbund, budget):
    version = _version(forbund, budget)
    grid = _grid(forbund, request)
    fel: dict[str, str] = {}
    varden: dict[str, str] = {}
    if request.method == "POST":
        if not har_ratt(request.roll, Ratt.SKRIVA):
            raise PermissionDenied("Din roll får inte ändra budgeten.")
        nya = {}
        # Only the cells of this page are posted, and only they are saved.
        for k in grid["konton"]:
            for o in grid["objekt"]:
                namn = f"b-{k.pk}-{o.pk if o else 0}"
                if namn not in request.POST:
                    continue
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
            return redirect(request.get_full_path())
        messages.error(request, "Rätta de markerade beloppen; inget sparades.")
    return _grid_sida(request, forbund, version, fel=fel, varden=varden, grid=grid)


def _grid_sida(
    request, forbund, version, *, fel=None, varden=None, grid=None, import_form=None, status=200
):
    """The grid page: the page's account × objekt cells, typed values and errors kept."""
    fel, varden = fel or {}, varden or {}
    grid = grid or _grid(forbund, request)
    celler = budget_celler(version=version)
    rader = []
    for k in grid["konton"]:
        celllista = []
        for o in grid["objekt"]:
            namn = f"b-{k.pk}-{o.pk if o else 0}"
            belopp = naturligt(k, celler.get((k.pk, o.pk if o else None), 0))
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
            "objekt": grid["objekt"],
            "sida": grid["sida"],
            "prefix": grid["prefix"],
            "prefix_fel": grid["prefix_fel"],
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
