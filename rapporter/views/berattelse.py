"""Editing the document: the narrative texts of a report and year (formatted, sanitised)
and the förbund's section structure per report kind."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from forbund.access import Ratt, forbund_view
from rapporter import services
from rapporter.forms import AvsnittForm, BerattelseForm, EgetAvsnittForm
from rapporter.models import Berattelseavsnitt, Rapport, Rapporttyp
from rapporter.struktur import avsnittslista, textavsnitt
from rapporter.views.grund import _kontrollera_ar, _kontrollera_planar


@forbund_view(Ratt.SKRIVA)
def berattelse(request, forbund, rapport: str, ar: int):
    if rapport not in Rapporttyp.values:
        raise Http404
    if rapport == Rapporttyp.VERKSAMHETSPLAN:
        _kontrollera_planar(forbund, ar)
    else:
        _kontrollera_ar(forbund, ar)
    texter = dict(
        Berattelseavsnitt.objects.filter(forbund=forbund, rapport=rapport, ar=ar).values_list(
            "nyckel", "text"
        )
    )
    kopia = False
    if not any(texter.values()):
        texter = services.fjolarets_texter(forbund=forbund, rapport=rapport, ar=ar)
        kopia = bool(texter)
    sektioner = textavsnitt(forbund=forbund, rapport=rapport, ar=ar)
    form = BerattelseForm(request.POST or None, sektioner=sektioner, texter=texter)
    if request.method == "POST" and form.is_valid():
        services.berattelse_spara(
            forbund=forbund, rapport=rapport, ar=ar, texter=form.cleaned_data, user=request.user
        )
        messages.success(request, "Texten är sparad.")
        return redirect(f"rapporter:{rapport}", orgnr=forbund.orgnr, ar=ar)
    return render(
        request,
        "rapporter/berattelse_form.html",
        {
            "forbund": forbund,
            "form": form,
            "ar": ar,
            "rapport": Rapporttyp(rapport),
            "kopia": kopia,
        },
    )


@forbund_view(Ratt.ADMINISTRERA)
def avsnitt(request, forbund):
    """The förbund's structure of one report kind (``?rapport=``): order, own headings,
    hidden sections and sections of its own (for every year)."""
    rapport = request.GET.get("rapport", Rapporttyp.ARSREDOVISNING)
    if rapport not in Rapporttyp.values:
        raise Http404
    rader = avsnittslista(forbund=forbund, rapport=rapport, med_dolda=True)
    data = request.POST if request.method == "POST" and "spara" in request.POST else None
    formular = [
        (
            s,
            AvsnittForm(
                data,
                prefix=s.nyckel,
                initial={
                    "ordning": v.ordning if v else (i + 1) * 10,
                    "rubrik": (v.rubrik if v and v.rubrik else "") or s.rubrik,
                    "dold": bool(v and v.dold),
                },
            ),
        )
        for i, (s, v) in enumerate(rader)
    ]
    ny = EgetAvsnittForm(request.POST if "lagg_till" in request.POST else None)
    if data is not None and all(f.is_valid() for _, f in formular):
        try:
            services.avsnitt_spara(
                forbund=forbund,
                rapport=rapport,
                val={s.nyckel: f.cleaned_data for s, f in formular},
                user=request.user,
            )
        except ValidationError as exc:
            for s, f in formular:
                for m in exc.message_dict.get(s.nyckel, []):
                    f.add_error("dold", m)
        else:
            messages.success(request, "Avsnitten är sparade.")
            return _tillbaka(forbund, rapport)
    if "lagg_till" in request.POST and ny.is_valid():
        services.eget_avsnitt_skapa(
            forbund=forbund, rapport=rapport, rubrik=ny.cleaned_data["rubrik"], user=request.user
        )
        messages.success(request, "Avsnittet är tillagt.")
        return _tillbaka(forbund, rapport)
    return render(
        request,
        "rapporter/avsnitt_form.html",
        {"forbund": forbund, "rapport": Rapporttyp(rapport), "formular": formular, "ny": ny},
    )


def _tillbaka(forbund, rapport: str):
    url = reverse("rapporter:avsnitt", kwargs={"orgnr": forbund.orgnr})
    return redirect(f"{url}?rapport={rapport}")


@forbund_view(Ratt.ADMINISTRERA)
def faststall_bekrafta(request, forbund, ar: int):
    """Confirm an approval: the report, the periods it locks and the styrelse decision
    (§) that approved it. The form posts to ``faststall``."""
    import datetime

    from rapporter.faststallelse import rapportdatum

    typ = request.GET.get("typ", "")
    if typ not in Rapporttyp.values:
        raise Http404
    try:
        till = request.GET.get("till") or None
        till = datetime.date.fromisoformat(till) if till else None
    except ValueError as exc:
        raise Http404 from exc
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        _kontrollera_planar(forbund, ar)
    else:
        _kontrollera_ar(forbund, ar)
    till = rapportdatum(typ, ar, till)
    if till is None:
        raise Http404
    return bekrafta_sida(request, forbund, typ=typ, ar=ar, till=till)


def bekrafta_sida(request, forbund, *, typ: str, ar: int, till, fel: str = "", status=200):
    """The confirmation page of an approval (``fel``: the message at the decision field)."""
    from rapporter.faststallelse import beslut_att_valja, perioder_som_lases

    return render(
        request,
        "rapporter/faststall_bekrafta.html",
        {
            "forbund": forbund,
            "typ": Rapporttyp(typ),
            "ar": ar,
            "till": till,
            "perioder": perioder_som_lases(forbund=forbund, typ=typ, till=till),
            "beslut": beslut_att_valja(forbund=forbund, typ=typ, ar=ar, till=till),
            "fel": fel,
        },
        status=status,
    )


@forbund_view(Ratt.ADMINISTRERA)
def rapport_pdf_igen(request, forbund, rapport_pk: int):
    """Render an approved report's PDF again after its render failed (POST only; another
    förbund's report is 404 whatever the method)."""
    rapport = get_object_or_404(
        Rapport, forbund=forbund, pk=rapport_pk, status=Rapport.Status.FASTSTALLD
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        bestallning = services.faststalld_pdf_igen(rapport=rapport, user=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("rapporter:rapport-pdf", orgnr=forbund.orgnr, rapport_pk=rapport.pk)
    return redirect("rapporter:pdf-bestallning", orgnr=forbund.orgnr, bestallning=bestallning.pk)
