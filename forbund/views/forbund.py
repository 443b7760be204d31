"""The förbund's own pages: start (details, checks, deadlines), edit, the styrelse for a
year or a day, the audit trail, and the private files."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from forbund import selectors, services
from forbund.access import Ratt, forbund_view
from forbund.arbetsar import ar_text, arbetsar, arbetsdag, giltigt_ar, spara_arbetsar
from forbund.forms import ForbundForm
from forbund.loggtext import i_ord
from forbund.models import Bilaga, Gruppmedlem, Styrelseuppdrag
from forbund.views.base import fel_till_formular


@forbund_view(Ratt.LASA)
def start(request, forbund):
    """Details, checks and deadlines as of the working year (today inside it, its last
    day for a past year)."""
    today = arbetsdag(arbetsar(request, forbund), timezone.localdate())
    return render(
        request,
        "forbund/forbund_start.html",
        {
            "forbund": forbund,
            "today": today,
            "medlemmar": selectors.medlemmar_under(forbund=forbund, fran=today, till=today),
            "forbundsordning": forbund.forbundsordningar.filter(giltig_fran__lte=today).first(),
            "foregangare": forbund.foregangare.all(),
            "kontroller": selectors.kontroller(forbund=forbund, today=today),
            "tidsfrister": selectors.tidsfrister(forbund=forbund, today=today),
        },
    )


@forbund_view(Ratt.SKRIVA)
def forbund_update(request, forbund):
    if request.method == "POST":
        form = ForbundForm(request.POST, instance=forbund, forbund=forbund)
        if form.is_valid():
            farsk = type(forbund).objects.get(pk=forbund.pk)
            try:
                farsk = services.forbund_update(
                    user=request.user, forbund=farsk, **form.cleaned_data
                )
            except ValidationError as exc:
                fel_till_formular(form, exc)
            else:
                messages.success(request, "Förbundets uppgifter sparade.")
                return redirect(farsk)
    else:
        form = ForbundForm(instance=forbund, forbund=forbund)
    return render(request, "forbund/forbund_form.html", {"forbund": forbund, "form": form})


@forbund_view(Ratt.LASA)
@require_POST
def arbetsar_byt(request, forbund):
    """Remember the year picked in the header and go back to the page it was picked on."""
    ar = giltigt_ar(request.POST.get("ar"))
    if ar is None:
        messages.error(request, "Välj ett år mellan 1990 och 2100.")
    else:
        spara_arbetsar(request, forbund, ar)
        messages.success(request, f"Arbetsåret är nu {ar}.")
    nasta = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        nasta, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        nasta = forbund.get_absolute_url()
    return redirect(nasta)


@forbund_view(Ratt.LASA)
def styrelse(request, forbund):
    """The styrelse during a year (default: the working year, with mid-year changes) or on
    a day (``?datum=``). An empty year names the years that have mandates."""
    ar = giltigt_ar(request.GET.get("ar")) or arbetsar(request, forbund)
    datum = None
    if request.GET.get("datum"):
        try:
            datum = datetime.date.fromisoformat(request.GET["datum"])
        except ValueError:
            datum = None
    if datum is not None:
        uppdrag = selectors.styrelse_pa_datum(forbund=forbund, datum=datum).order_by(
            "medlem__typ", "medlem__namn", "typ", "from_datum"
        )
        byten = []
    else:
        fran, till = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
        uppdrag = selectors.styrelse_under(forbund=forbund, fran=fran, till=till)
        byten = selectors.styrelsebyten(forbund=forbund, fran=fran, till=till)
    return render(
        request,
        "forbund/styrelse.html",
        {
            "forbund": forbund,
            "ar": ar,
            "datum": datum,
            "ledamoter": [u for u in uppdrag if u.typ == Styrelseuppdrag.Typ.LEDAMOT],
            "ersattare": [u for u in uppdrag if u.typ == Styrelseuppdrag.Typ.ERSATTARE],
            "byten": byten,
            "ar_med_uppdrag": ar_text(
                selectors.ar_med_uppdrag(forbund=forbund, today=timezone.localdate())
            )
            if not uppdrag
            else "",
        },
    )


@forbund_view(Ratt.LOGG)
def logg(request, forbund):
    handelser = selectors.logg(
        forbund=forbund,
        objekttyp=request.GET.get("objekttyp", ""),
        objekt_id=request.GET.get("objekt_id", ""),
    )
    sida = Paginator(handelser, 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "forbund/logg_list.html",
        {"forbund": forbund, "sida": sida, "rader": [i_ord(h) for h in sida]},
    )


def _fil(falt, filnamn: str):
    try:
        fh = falt.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("Filen finns inte.") from exc
    return FileResponse(fh, filename=filnamn or "dokument.pdf", content_type="application/pdf")


@forbund_view(Ratt.LASA)
def bilaga_fil(request, forbund, bilaga):
    obj = get_object_or_404(Bilaga.objects.filter(sammantrade__forbund=forbund), pk=bilaga)
    return _fil(obj.fil, obj.filnamn)


@forbund_view(Ratt.LASA)
def forbundsordning_fil(request, forbund, forbundsordning):
    obj = get_object_or_404(forbund.forbundsordningar, pk=forbundsordning)
    return _fil(obj.fil, obj.filnamn)


@forbund_view(Ratt.SKRIVA)
def gruppmedlem_delete(request, forbund, gruppmedlem):
    # Look up first: another förbund's id is 404 whatever the method.
    obj = get_object_or_404(Gruppmedlem.objects.filter(grupp__forbund=forbund), pk=gruppmedlem)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    grupp = obj.grupp
    services.gruppmedlem_delete(user=request.user, gruppmedlem=obj)
    messages.success(request, f"{obj.person} togs bort ur gruppen.")
    return redirect(grupp)
