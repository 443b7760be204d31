"""The förbund's goals (issue 14.3): the year's goals and their follow-up per report
period (everyone in the förbund reads), set and followed up by kansli and förbundschef."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from forbund.access import Ratt, forbund_view, har_ratt
from insatser import services
from insatser.forms_mal import ForbundsmalForm, MalutfallForm
from insatser.models import Forbundsmal, Malutfall
from insatser.selectors.forbundsmal import forbundsmal_qs, malar_tillatet, maluppfoljning
from insatser.services.forbundsmal import MAL_FALT


def _ar(forbund, ar: int) -> int:
    """404 unless goals may be set for ``ar`` (a räkenskapsår or the next year)."""
    if not malar_tillatet(forbund=forbund, ar=ar):
        raise Http404("Räkenskapsåret finns inte.")
    return ar


def _till(request, ar: int) -> datetime.date | None:
    """``?till=ÅÅÅÅ-MM-DD`` (a day of ``ar``), else None; another year or a bad date 404s."""
    text = request.GET.get("till", "")
    if not text:
        return None
    try:
        till = datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise Http404 from exc
    if till.year != ar:
        raise Http404
    return till


def _lista(forbund, ar: int, till: datetime.date | None = None) -> str:
    url = reverse("insatser:forbundsmal-list", kwargs={"orgnr": forbund.orgnr, "ar": ar})
    return f"{url}?till={till.isoformat()}" if till else url


@forbund_view(Ratt.LASA)
def forbundsmal_list(request, forbund, ar: int):
    """The year's goals (text, measure, target); with ``?till=`` their follow-up per that
    date, as the reports print it (suppressed outcomes too)."""
    _ar(forbund, ar)
    till = _till(request, ar)
    uppfoljning = maluppfoljning(forbund=forbund, ar=ar, till=till)
    perioder = sorted(
        set(
            Malutfall.objects.filter(mal__forbund=forbund, mal__ar=ar).values_list(
                "till", flat=True
            )
        )
        | {datetime.date(ar, 12, 31)}
    )
    return render(
        request,
        "insatser/forbundsmal_list.html",
        {
            "forbund": forbund,
            "ar": ar,
            "till": till,
            "uppfoljning": uppfoljning,
            "perioder": perioder,
            "kan_skriva": har_ratt(request.roll, Ratt.SKRIVA),
            "kan_kopiera": not uppfoljning.rader
            and forbundsmal_qs(forbund=forbund, ar=ar - 1).exists(),
        },
    )


def _mal_falt(form) -> dict:
    return {k: form.cleaned_data[k] for k in MAL_FALT if k in form.cleaned_data}


def _spara_mal(request, forbund, ar: int, mal: Forbundsmal, rubrik: str):
    form = ForbundsmalForm(request.POST or None, instance=mal)
    if request.method == "POST" and form.is_valid():
        try:
            if mal.pk:
                # The form has already set its values on ``mal``: the service compares
                # against the stored row, so the audit records what changed.
                fore = forbundsmal_qs(forbund=forbund, ar=ar).get(pk=mal.pk)
                services.forbundsmal_update(user=request.user, mal=fore, **_mal_falt(form))
            else:
                services.forbundsmal_create(
                    user=request.user, forbund=forbund, ar=ar, **_mal_falt(form)
                )
        except ValidationError as exc:
            for falt, fel in exc.message_dict.items():
                form.add_error(falt if falt in form.fields else None, fel)
        else:
            messages.success(request, "Målet är sparat.")
            return redirect(_lista(forbund, ar))
    return render(
        request,
        "insatser/forbundsmal_form.html",
        {"forbund": forbund, "form": form, "rubrik": rubrik, "ar": ar, "mal": mal},
    )


@forbund_view(Ratt.SKRIVA)
def forbundsmal_create(request, forbund, ar: int):
    _ar(forbund, ar)
    return _spara_mal(
        request, forbund, ar, Forbundsmal(forbund=forbund, ar=ar), f"Nytt mål för {ar}"
    )


@forbund_view(Ratt.SKRIVA)
def forbundsmal_update(request, forbund, ar: int, mal: int):
    _ar(forbund, ar)
    objekt = get_object_or_404(forbundsmal_qs(forbund=forbund, ar=ar), pk=mal)
    return _spara_mal(request, forbund, ar, objekt, f"Ändra mål för {ar}")


@forbund_view(Ratt.SKRIVA)
def forbundsmal_delete(request, forbund, ar: int, mal: int):
    # The year and goal are looked up first: another förbund's ids 404 even on GET.
    objekt = get_object_or_404(forbundsmal_qs(forbund=forbund, ar=_ar(forbund, ar)), pk=mal)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.forbundsmal_delete(user=request.user, mal=objekt)
    messages.success(request, "Målet är borttaget.")
    return redirect(_lista(forbund, ar))


@forbund_view(Ratt.SKRIVA)
def forbundsmal_kopiera(request, forbund, ar: int):
    """Copy last year's goals into ``ar`` (the button on an empty year)."""
    _ar(forbund, ar)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        nya = services.forbundsmal_kopiera(user=request.user, forbund=forbund, ar=ar)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, f"{len(nya)} mål kopierade från {ar - 1}.")
    return redirect(_lista(forbund, ar))


@forbund_view(Ratt.SKRIVA)
def malutfall(request, forbund, ar: int):
    """Follow up every goal of ``ar`` per ``?till=`` (default 31 December: the
    årsredovisning; a delårsrapport's date for that report)."""
    till = _till(request, _ar(forbund, ar)) or datetime.date(ar, 12, 31)
    rader = maluppfoljning(forbund=forbund, ar=ar, till=till).rader
    formular = []
    for r in rader:
        u = r.uppfoljning
        initial = {}
        if u is not None:
            initial = {
                "utfall": ""
                if u.utfall is None
                else f"{u.utfall.normalize():f}".replace(".", ","),
                "utfall_text": u.utfall_text,
                "bedomning": u.bedomning,
                "kommentar": u.kommentar,
            }
        formular.append(
            (
                r,
                MalutfallForm(
                    request.POST or None, prefix=f"mal-{r.mal.pk}", mal=r.mal, initial=initial
                ),
            )
        )
    if request.method == "POST" and all(f.is_valid() for _, f in formular):
        try:
            services.malutfall_spara_alla(
                user=request.user,
                till=till,
                rader=[(r.mal, dict(f.cleaned_data)) for r, f in formular],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Uppföljningen är sparad.")
            return redirect(_lista(forbund, ar, till))
    return render(
        request,
        "insatser/malutfall_form.html",
        {"forbund": forbund, "ar": ar, "till": till, "formular": formular},
    )
