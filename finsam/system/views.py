"""The systemadministratör's pages. Only superusers (403 for everyone else); every
superuser also needs the second factor (``TvaFaktorMiddleware``)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from finsam.system import selectors, services
from finsam.system.forms import (
    KopplaKontoForm,
    NyttForbundForm,
    StartlosenordForm,
    SystemInbjudanForm,
)
from forbund import selectors as forbund_selectors
from forbund import services as forbund_services
from forbund.models import Forbund
from forbund.views.base import fel_till_formular


def systemadministrator(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied("Sidan är bara för systemadministratören.")
        return view(request, *args, **kwargs)

    return wrapper


def _bas_url(request) -> str:
    return request.build_absolute_uri("/")


@systemadministrator
def index(request):
    """Every förbund's status: users, last SIE import, approved reports, deadlines."""
    return render(
        request,
        "system/index.html",
        {
            "rader": selectors.forbundsstatus(today=timezone.localdate()),
            "today": timezone.localdate(),
        },
    )


@systemadministrator
def forbund_create(request):
    form = NyttForbundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chef_epost = data.pop("chef_epost")
        try:
            forbund = services.forbund_inratta(
                user=request.user, data=data, chef_epost=chef_epost, bas_url=_bas_url(request)
            )
        except ValidationError as exc:
            fel_till_formular(form, exc)
        else:
            text = f"{forbund.namn} är skapat med standardkontoplanen."
            if chef_epost:
                text += f" En inbjudan som förbundschef har skickats till {chef_epost}."
            messages.success(request, text)
            return redirect("system:forbund-detail", orgnr=forbund.orgnr)
    return render(request, "system/forbund_form.html", {"form": form})


def _detalj(request, forbund, *, inbjudan_form=None, koppla_form=None, status=200):
    return render(
        request,
        "system/forbund_detail.html",
        {
            "forbund": forbund,
            "behorigheter": forbund.behorigheter.select_related("user").order_by("user__username"),
            "inbjudningar": forbund_selectors.inbjudningar(forbund=forbund)[:50],
            "inbjudan_form": inbjudan_form or SystemInbjudanForm(),
            "koppla_form": koppla_form or KopplaKontoForm(),
        },
        status=status,
    )


@systemadministrator
def forbund_detail(request, orgnr):
    return _detalj(request, get_object_or_404(Forbund, orgnr=orgnr))


@systemadministrator
@require_POST
def inbjudan_create(request, orgnr):
    forbund = get_object_or_404(Forbund, orgnr=orgnr)
    form = SystemInbjudanForm(request.POST)
    if form.is_valid():
        try:
            inb = forbund_services.inbjudan_create(
                user=request.user, forbund=forbund, bas_url=_bas_url(request), **form.cleaned_data
            )
        except ValidationError as exc:
            fel_till_formular(form, exc)
        else:
            messages.success(request, f"En inbjudan har skickats till {inb.epost}.")
            return redirect("system:forbund-detail", orgnr=forbund.orgnr)
    return _detalj(request, forbund, inbjudan_form=form)


@systemadministrator
@require_POST
def behorighet_create(request, orgnr):
    forbund = get_object_or_404(Forbund, orgnr=orgnr)
    form = KopplaKontoForm(request.POST)
    if form.is_valid():
        konto = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        if konto is None:
            form.add_error("username", "Det finns inget konto med det användarnamnet.")
        else:
            try:
                forbund_services.behorighet_create(
                    user=request.user, forbund=forbund, konto=konto, roll=form.cleaned_data["roll"]
                )
            except ValidationError as exc:
                form.add_error("username", exc.messages)
            else:
                messages.success(request, f"{konto.username} har fått rollen i {forbund}.")
                return redirect("system:forbund-detail", orgnr=forbund.orgnr)
    return _detalj(request, forbund, koppla_form=form)


@systemadministrator
def anvandare_list(request):
    sok = request.GET.get("q", "")[:100]
    sida = Paginator(selectors.konton(sok=sok), 50).get_page(request.GET.get("sida"))
    return render(request, "system/anvandare_list.html", {"sida": sida, "sok": sok})


@systemadministrator
@require_POST
def tvafaktor_aterstall(request, anvandare):
    konto = get_object_or_404(get_user_model(), pk=anvandare)
    antal = forbund_services.tvafaktor_aterstall(user=request.user, konto=konto)
    messages.success(
        request,
        f"Tvåfaktorinloggningen för {konto.username} är återställd ({antal} enhet(er) borttagna). "
        "Användaren aktiverar en ny vid nästa inloggning.",
    )
    return redirect("system:anvandare-list")


@systemadministrator
def startlosenord(request, anvandare):
    konto = get_object_or_404(get_user_model(), pk=anvandare)
    form = StartlosenordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            forbund_services.startlosenord_satt(
                user=request.user, konto=konto, password=form.cleaned_data["password"]
            )
        except ValidationError as exc:
            fel_till_formular(form, exc)
        else:
            messages.success(
                request,
                f"Startlösenordet för {konto.username} är satt; det måste bytas vid inloggning.",
            )
            return redirect("system:anvandare-list")
    return render(request, "system/startlosenord.html", {"form": form, "konto": konto})
