import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ekonomi.models import Rakenskapsar
from forbund.access import Ratt, forbund_view, har_ratt
from forbund.models import Beslut
from rapporter import services
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.delarsrapport import bygg_delarsrapport
from rapporter.builders.underlag import installning_for
from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan
from rapporter.definitioner import hamta_definition, hamta_definitioner
from rapporter.forms import (
    PrognosForm,
    RadFormSet,
    RapportinstallningForm,
)
from rapporter.models import (
    Pdfbestallning,
    Prognosjustering,
    Rapport,
    Rapportdefinition,
    Rapporttyp,
)
from rapporter.rendering import render_html, render_json


def _kontrollera_ar(forbund, ar: int) -> None:
    """Reports exist for the förbund's own räkenskapsår only (others 404)."""
    if not Rakenskapsar.objects.filter(forbund=forbund, slut__year=ar).exists():
        raise Http404("Räkenskapsåret finns inte.")


def _ar_saknas(request, forbund, ar: int):
    """A report for a year without books: a clear page (status 404, as for any year the
    förbund does not have) naming the years that do have books; None when the year exists."""
    aren = list(
        Rakenskapsar.objects.filter(forbund=forbund)
        .order_by("start")
        .values_list("slut", flat=True)
    )
    if any(d.year == ar for d in aren):
        return None
    return render(
        request,
        "rapporter/ar_saknas.html",
        {"forbund": forbund, "ar": ar, "aren": [d.year for d in aren]},
        status=404,
    )


def _kontrollera_planar(forbund, ar: int) -> None:
    """A verksamhetsplan exists for the years of ``services.planar`` (others 404)."""
    if ar not in services.planar(forbund=forbund):
        raise Http404("Verksamhetsplan kan inte tas fram för året.")


def _plan_saknas(request, forbund, ar: int):
    """A plan for a year outside ``services.planar``: the same clear 404 page as a report
    for a year without books, naming the years a plan can be made for; None when allowed."""
    aren = services.planar(forbund=forbund)
    if ar in aren:
        return None
    return render(
        request,
        "rapporter/ar_saknas.html",
        {"forbund": forbund, "ar": ar, "planar": aren},
        status=404,
    )


def _svar(request, dokument, *, filnamn: str, **extra):
    faststalld = extra.get("faststalld")
    if faststalld is not None and faststalld.fingeravtryck in (
        dokument.fingeravtryck,
        dokument.fingeravtryck_tidigare,
    ):
        from rapporter.faststallelse import faststallelse_for

        dokument.faststallelse = faststallelse_for(faststalld)
    fmt = request.GET.get("format", "html")
    if fmt == "pdf":
        # A fastställd report is never rendered again: its stored PDF is served. A draft
        # is rendered by a background task (pdf_bestall), never inside this request.
        faststalld = extra.get("faststalld")
        if faststalld is not None:  # its stored PDF, or the progress of its render
            return redirect(
                "rapporter:rapport-pdf", orgnr=dokument.forbund.orgnr, rapport_pk=faststalld.pk
            )
        return render(
            request,
            "rapporter/pdf_utkast.html",
            {"forbund": dokument.forbund, "dok": dokument, "filnamn": filnamn, **extra},
        )
    if fmt == "json":
        return HttpResponse(render_json(dokument), content_type="application/json; charset=utf-8")
    if fmt == "docx":
        from rapporter.word import render_docx

        return HttpResponse(
            render_docx(dokument),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={"Content-Disposition": f'attachment; filename="{filnamn}.docx"'},
        )
    return HttpResponse(render_html(dokument, request=request, **extra))


@forbund_view(Ratt.LASA)
def index(request, forbund):
    ar = list(
        Rakenskapsar.objects.filter(forbund=forbund)
        .order_by("-start")
        .values_list("slut", flat=True)
    )
    faststallda = Rapport.objects.filter(forbund=forbund, status=Rapport.Status.FASTSTALLD)
    return render(
        request,
        "rapporter/index.html",
        {
            "forbund": forbund,
            "aren": [d.year for d in ar],
            # plans that can be made before their räkenskapsår is in the books
            "planar": [
                a
                for a in services.planar(forbund=forbund)
                if a not in {d.year for d in ar} and (not ar or a > ar[0].year)
            ],
            "faststallda": faststallda,
        },
    )


@forbund_view(Ratt.LASA)
def arsredovisning(request, forbund, ar: int):
    if (saknas := _ar_saknas(request, forbund, ar)) is not None:
        return saknas
    dokument = bygg_arsredovisning(forbund=forbund, ar=ar, enhet=request.GET.get("enhet"))
    return _svar(
        request,
        dokument,
        filnamn=f"arsredovisning-{ar}",
        faststalld=services.faststalld_rapport(
            forbund=forbund, typ=Rapporttyp.ARSREDOVISNING, till=dokument.till
        ),
        faststall_typ=Rapporttyp.ARSREDOVISNING,
        redigera_url=reverse(
            "rapporter:berattelse",
            kwargs={"orgnr": forbund.orgnr, "rapport": Rapporttyp.ARSREDOVISNING, "ar": ar},
        ),
    )


def _till(request, ar: int) -> datetime.date:
    text = request.GET.get("till", "")
    if not text:
        return datetime.date(ar, 8, 31)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


@forbund_view(Ratt.LASA)
def delarsrapport(request, forbund, ar: int):
    if (saknas := _ar_saknas(request, forbund, ar)) is not None:
        return saknas
    till = _till(request, ar)
    try:
        if till is None:
            raise ValidationError({"till": "Ange datumet som ÅÅÅÅ-MM-DD."})
        if (till + datetime.timedelta(days=1)).day != 1 and not har_ratt(
            request.roll, Ratt.DELTAGARE
        ):
            # The report's participant figures cover 1 January–till: windows a day apart
            # would single out a participant by difference (issue 17.3).
            raise ValidationError(
                {"till": "Din roll kan ta ut delårsrapporten per en månads sista dag."}
            )
        dokument = bygg_delarsrapport(
            forbund=forbund, ar=ar, till=till, enhet=request.GET.get("enhet")
        )
    except ValidationError as exc:
        return render(
            request,
            "rapporter/delar_fel.html",
            {"forbund": forbund, "ar": ar, "fel": exc.messages, "till": request.GET.get("till")},
            status=400,
        )
    return _svar(
        request,
        dokument,
        filnamn=f"delarsrapport-{till.isoformat()}",
        till_param=till.isoformat(),
        faststalld=services.faststalld_rapport(
            forbund=forbund, typ=Rapporttyp.DELARSRAPPORT, till=till
        ),
        faststall_typ=Rapporttyp.DELARSRAPPORT,
        redigera_url=reverse(
            "rapporter:berattelse",
            kwargs={"orgnr": forbund.orgnr, "rapport": Rapporttyp.DELARSRAPPORT, "ar": ar},
        ),
        prognos_url=reverse("rapporter:prognos", kwargs={"orgnr": forbund.orgnr, "ar": ar}),
    )


@forbund_view(Ratt.LASA)
def verksamhetsplan(request, forbund, ar: int):
    if (saknas := _plan_saknas(request, forbund, ar)) is not None:
        return saknas
    dokument = bygg_verksamhetsplan(forbund=forbund, ar=ar)
    return _svar(
        request,
        dokument,
        filnamn=f"verksamhetsplan-{ar}",
        faststalld=services.faststalld_rapport(
            forbund=forbund, typ=Rapporttyp.VERKSAMHETSPLAN, till=datetime.date(ar, 1, 1)
        ),
        faststall_typ=Rapporttyp.VERKSAMHETSPLAN,
        redigera_url=reverse(
            "rapporter:berattelse",
            kwargs={"orgnr": forbund.orgnr, "rapport": Rapporttyp.VERKSAMHETSPLAN, "ar": ar},
        ),
    )


RAKNINGAR = {
    "resultatrakning": "Resultaträkning",
    "balansrakning": "Balansräkning",
    "kassaflodesanalys": "Kassaflödesanalys",
    "driftredovisning": "Driftredovisning",
    "noter": "Noter",
}


@forbund_view(Ratt.LASA)
def rakning(request, forbund, ar: int, vilken: str):
    """One statement of the year (the same builder and figures as the årsredovisning)."""
    if (saknas := _ar_saknas(request, forbund, ar)) is not None:
        return saknas
    dokument = bygg_arsredovisning(forbund=forbund, ar=ar)
    if request.GET.get("format") == "json":
        data = dokument.som_dict()
        return HttpResponse(
            render_json_del(data, vilken), content_type="application/json; charset=utf-8"
        )
    return render(
        request,
        "rapporter/rakning.html",
        {
            "forbund": forbund,
            "dok": dokument,
            "ar": ar,
            "vilken": vilken,
            "titel": RAKNINGAR[vilken],
            "tabell": getattr(dokument, vilken) if vilken != "noter" else None,
        },
    )


def render_json_del(data: dict, vilken: str) -> str:
    import json

    return json.dumps(
        {"rapport": vilken, "forbund": data["forbund"], "ar": data["ar"], vilken: data[vilken]},
        ensure_ascii=False,
        indent=2,
    )


@forbund_view(Ratt.ADMINISTRERA)
@require_POST
def faststall(request, forbund):
    typ = request.POST.get("typ", "")
    if typ not in Rapporttyp.values:
        raise Http404
    try:
        ar = int(request.POST.get("ar", ""))
        till = request.POST.get("till") or None
        till = datetime.date.fromisoformat(till) if till else None
    except ValueError as exc:
        raise Http404 from exc
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        _kontrollera_planar(forbund, ar)
    else:
        _kontrollera_ar(forbund, ar)
    bekrafta = reverse(
        "rapporter:faststall-bekrafta", kwargs={"orgnr": forbund.orgnr, "ar": ar}
    ) + (f"?typ={typ}" + (f"&till={till.isoformat()}" if till else ""))
    beslut = None
    if "bekraftat" in request.POST:
        pk = request.POST.get("beslut") or ""
        beslut = (
            Beslut.objects.filter(sammantrade__forbund=forbund, pk=int(pk))
            .select_related("sammantrade")
            .first()
            if pk.isdigit()
            else None
        )
        if beslut is None:
            messages.error(request, "Välj styrelsens beslut (§) som fastställer rapporten.")
            return redirect(bekrafta)
    try:
        rapport = services.rapport_faststall(
            forbund=forbund, typ=typ, ar=ar, till=till, user=request.user, beslut=beslut
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "beslut" in exc.error_dict:
            # The message belongs at the decision field; nothing was changed.
            from rapporter.faststallelse import rapportdatum
            from rapporter.views_dokument import bekrafta_sida

            return bekrafta_sida(
                request,
                forbund,
                typ=typ,
                ar=ar,
                till=rapportdatum(typ, ar, till),
                fel=" ".join(exc.error_dict["beslut"][0].messages),
                status=400,
            )
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, f"{rapport.get_typ_display()} {ar} är fastställd.")
        # The approved PDF is rendered in the background: its page shows the progress.
        return redirect(
            "rapporter:pdf-bestallning", orgnr=forbund.orgnr, bestallning=rapport.bestallning.pk
        )
    url = reverse(f"rapporter:{typ}", kwargs={"orgnr": forbund.orgnr, "ar": ar})
    if typ == Rapporttyp.DELARSRAPPORT and till:
        url += f"?till={till.isoformat()}"
    return redirect(url)


@forbund_view(Ratt.LASA)
def rapport_pdf(request, forbund, rapport_pk: int):
    rapport = get_object_or_404(
        Rapport, forbund=forbund, pk=rapport_pk, status=Rapport.Status.FASTSTALLD
    )
    if not rapport.pdf:
        # Approved, its PDF not rendered yet (or the render failed): the order's page.
        bestallning = Pdfbestallning.objects.filter(rapport=rapport).first()
        if bestallning is None:
            raise Http404
        return redirect(
            "rapporter:pdf-bestallning", orgnr=forbund.orgnr, bestallning=bestallning.pk
        )
    try:
        fil = rapport.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        fil, content_type="application/pdf", filename=f"{rapport.typ}-{rapport.till}.pdf"
    )


@forbund_view(Ratt.ADMINISTRERA)
def definitioner(request, forbund):
    from rapporter.builders.sektioner import kontroll_for
    from rapporter.builders.underlag import hamta_underlag

    alla = hamta_definitioner(forbund=forbund, typer=list(Rapportdefinition.Typ.values))
    senaste = Rakenskapsar.objects.filter(forbund=forbund).order_by("-start").first()
    kontroll = None
    if senaste is not None:
        u = hamta_underlag(forbund=forbund, perioder={"ar": (senaste.start, senaste.slut)})
        kontroll = kontroll_for(u, "ar")
    return render(
        request,
        "rapporter/definitioner.html",
        {
            "forbund": forbund,
            "definitioner": list(alla.values()),
            "kontroll": kontroll,
            "senaste": senaste,
        },
    )


@forbund_view(Ratt.ADMINISTRERA)
def definition_redigera(request, forbund, pk: int):
    definition = get_object_or_404(Rapportdefinition, forbund=forbund, pk=pk)
    formset = RadFormSet(request.POST or None, instance=definition)
    if request.method == "POST" and formset.is_valid():
        try:
            services.definition_spara(definition=definition, formset=formset, user=request.user)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, "Rapportdefinitionen är sparad.")
            return redirect("rapporter:definitioner", orgnr=forbund.orgnr)
    return render(
        request,
        "rapporter/definition_form.html",
        {"forbund": forbund, "definition": definition, "formset": formset},
    )


@forbund_view(Ratt.ADMINISTRERA)
def installningar(request, forbund):
    installning = installning_for(forbund)
    form = RapportinstallningForm(
        request.POST or None, request.FILES or None, instance=installning
    )
    if request.method == "POST" and form.is_valid():
        services.installning_spara(forbund=forbund, form=form, user=request.user)
        messages.success(request, "Inställningarna är sparade.")
        return redirect("rapporter:index", orgnr=forbund.orgnr)
    return render(request, "rapporter/installningar_form.html", {"forbund": forbund, "form": form})


@forbund_view(Ratt.SKRIVA)
def prognos(request, forbund, ar: int):
    _kontrollera_ar(forbund, ar)
    _, rr_rader = hamta_definition(forbund=forbund, typ=Rapportdefinition.Typ.RESULTATRAKNING)
    rader = [(r.kod, r.rubrik) for r in rr_rader if r.typ == "konton"]
    form = PrognosForm(None, rader=rader)
    if request.method == "POST":
        if "ta_bort" in request.POST:
            justering = get_object_or_404(
                Prognosjustering, forbund=forbund, ar=ar, pk=request.POST["ta_bort"]
            )
            services.prognos_ta_bort(justering=justering, user=request.user)
            messages.success(request, "Justeringen är borttagen.")
            return redirect("rapporter:prognos", orgnr=forbund.orgnr, ar=ar)
        form = PrognosForm(request.POST, rader=rader)
        if form.is_valid():
            try:
                services.prognos_spara(
                    forbund=forbund, ar=ar, user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                for falt, fel in exc.message_dict.items():
                    form.add_error(falt if falt in form.fields else None, fel)
            else:
                messages.success(request, "Prognosen är sparad.")
                return redirect("rapporter:prognos", orgnr=forbund.orgnr, ar=ar)
    namn = dict(rader)
    justeringar = [
        (j, namn.get(j.radkod, j.radkod))
        for j in Prognosjustering.objects.filter(forbund=forbund, ar=ar).order_by("radkod")
    ]
    return render(
        request,
        "rapporter/prognos_form.html",
        {"forbund": forbund, "form": form, "ar": ar, "justeringar": justeringar},
    )


@forbund_view(Ratt.ADMINISTRERA)
@require_POST
def ej_tillampligt(request, forbund):
    """Mark a fact a report lacks "ej tillämpligt" with a reason; back to the report."""
    typ = request.POST.get("rapport", "")
    if typ not in Rapporttyp.values:
        raise Http404
    try:
        ar = int(request.POST.get("ar", ""))
    except ValueError as exc:
        raise Http404 from exc
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        _kontrollera_planar(forbund, ar)
    else:
        _kontrollera_ar(forbund, ar)
    try:
        services.undantag_spara(
            forbund=forbund,
            rapport=typ,
            ar=ar,
            nyckel=request.POST.get("nyckel", ""),
            motivering=request.POST.get("motivering", ""),
            user=request.user,
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, "Uppgiften är markerad som ej tillämplig.")
    url = reverse(f"rapporter:{typ}", kwargs={"orgnr": forbund.orgnr, "ar": ar})
    till = request.POST.get("till", "")
    if typ == Rapporttyp.DELARSRAPPORT and till:
        url += "?" + urlencode({"till": till})
    return redirect(url)


@forbund_view(Ratt.LASA)
@require_POST
def pdf_bestall(request, forbund):
    """Order a draft report's PDF; the answer is the order's page, which shows progress."""
    try:
        ar = int(request.POST.get("ar", ""))
        till = request.POST.get("till") or None
        till = datetime.date.fromisoformat(till) if till else None
    except ValueError as exc:
        raise Http404 from exc
    typ = request.POST.get("typ", "")
    if typ not in Rapporttyp.values:
        raise Http404
    _kontrollera_ar(forbund, ar)
    try:
        bestallning = services.pdf_bestall(
            forbund=forbund,
            typ=typ,
            ar=ar,
            till=till,
            enhet=request.POST.get("enhet"),
            user=request.user,
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect(f"rapporter:{typ}", orgnr=forbund.orgnr, ar=ar)
    return redirect("rapporter:pdf-bestallning", orgnr=forbund.orgnr, bestallning=bestallning.pk)


@forbund_view(Ratt.LASA)
def pdf_bestallning(request, forbund, bestallning: int):
    """The order's progress (while it runs, finsam/bevakning.js follows it without a timed
    reload), then the file or the refusal."""
    bestallning = get_object_or_404(Pdfbestallning, forbund=forbund, pk=bestallning)
    return render(
        request,
        "rapporter/pdf_bestallning.html",
        {
            "forbund": forbund,
            "bestallning": bestallning,
            "kan_bestalla_igen": har_ratt(request.roll, Ratt.ADMINISTRERA),
        },
    )


@forbund_view(Ratt.LASA)
def pdf_bestallning_fil(request, forbund, bestallning: int):
    bestallning = get_object_or_404(
        Pdfbestallning, forbund=forbund, pk=bestallning, status=Pdfbestallning.Status.KLAR
    )
    if bestallning.rapport_id:  # an approval's PDF is kept on the report
        return redirect(
            "rapporter:rapport-pdf", orgnr=forbund.orgnr, rapport_pk=bestallning.rapport_id
        )
    try:
        fil = bestallning.pdf.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    namn = f"{bestallning.typ}-{(bestallning.till or bestallning.ar)}-utkast.pdf"
    return FileResponse(fil, content_type="application/pdf", filename=namn)
