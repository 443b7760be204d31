"""SIE pages: upload (kansli, förbundschef), the list and detail of imports and the export
download (everyone who may read the ledger)."""

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ekonomi.models import SieImport, Sieinlasning
from ekonomi.sie.bakgrund import framsteg_las, sie_bestall_import, sie_i_bakgrunden
from ekonomi.sie.exporter import sie_exportera
from ekonomi.sie.forms import SieExportForm, SieImportForm
from ekonomi.sie.importer import InteSieFil, SieFel, sie_importera, sie_registrera_nekad
from ekonomi.sie.parser import las_kodning
from forbund.access import Ratt, forbund_view

SAMMANFATTNING = [
    ("forbund_skapat", "Förbund skapat"),
    ("orgnr_fil", "Organisationsnummer i filen"),
    ("rakenskapsar", "Räkenskapsår"),
    ("rakenskapsar_skapat", "Räkenskapsår skapade"),
    ("konton_nya", "Nya konton"),
    ("konton_namn_fran_filen", "Oanvända konton som fick filens namn"),
    ("dimensioner_nya", "Nya dimensioner"),
    ("objekt_nya", "Nya objekt"),
    ("insatser_nya", "Nya insatser (dimension 6)"),
    ("insatser_kopplade", "Insatser kopplade till objekt"),
    ("ib_rader", "Rader i IB-verifikationen"),
    ("verifikationer_nya", "Nya verifikationer"),
    ("standardserie", "Verifikationer utan serie, lagda i serie"),
    ("rader_nya", "Nya verifikationsrader"),
    ("verifikationer_redan", "Verifikationer som redan fanns (oförändrade)"),
    ("tomma_hoppade", "Tomma verifikationer som hoppades över"),
    ("saldofil", "Saldofil (bara saldon, inga verifikationer)"),
    ("saldofil_perioder_nya", "Perioder med nya saldon"),
    ("saldofil_perioder_andrade", "Perioder med ändrade saldon (differensverifikation)"),
    ("saldoverifikationer_nya", "Nya saldoverifikationer (serie SALDO)"),
    ("saldofil_foregaende_ar", "Föregående års saldon bokförda för"),
    ("saldofil_foregaende_perioder_nya", "Föregående år: perioder med nya saldon"),
    ("budgetrader", "Budgetrader"),
    ("kontrollerade_saldon", "Saldon kontrollerade mot filen (#UB, #RES, #OUB)"),
    ("kodning", "Teckenkodning"),
    ("flagga", "#FLAGGA"),
    ("sietyp", "SIE-typ"),
    ("ksumma", "Kontrollsumma (#KSUMMA)"),
]


def sammanfattning(data: dict) -> list[tuple[str, object]]:
    return [(text, data[nyckel]) for nyckel, text in SAMMANFATTNING if data.get(nyckel)]


@forbund_view(Ratt.SKRIVA)
def importera(request, forbund):
    resultat = None
    if request.method == "POST":
        form = SieImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["fil"]
            dry_run = form.cleaned_data["dry_run"]
            if not dry_run and sie_i_bakgrunden(upload.size):
                jobb = sie_bestall_import(
                    forbund=forbund,
                    upload=upload,
                    user=request.user,
                    standardserie=form.cleaned_data["standardserie"],
                    bekrafta=form.cleaned_data["bekrafta"],
                )
                return redirect("ekonomi:sie-jobb", orgnr=forbund.orgnr, jobb=jobb.pk)
            try:
                resultat = sie_importera(
                    fil=upload.file,
                    forbund=forbund,
                    user=request.user,
                    dry_run=dry_run,
                    filnamn=upload.name,
                    standardserie=form.cleaned_data["standardserie"],
                    bekrafta=form.cleaned_data["bekrafta"],
                )
            except SieFel as fel:
                form.add_error("fil", str(fel))
                # Not SIE at all (an image, a PDF): nothing is recorded, not even a refusal.
                if not dry_run and not isinstance(fel, InteSieFil):
                    sie_registrera_nekad(
                        forbund=forbund,
                        user=request.user,
                        filnamn=upload.name,
                        sha256=las_kodning(upload.file).sha256,
                        fel=str(fel),
                    )
            else:
                if not dry_run:
                    return redirect(
                        "ekonomi:sie-import-detail", orgnr=forbund.orgnr, pk=resultat.pk
                    )
    else:
        form = SieImportForm()
    return render(
        request,
        "ekonomi/sie/import_form.html",
        {
            "forbund": forbund,
            "form": form,
            "resultat": resultat,
            "rader": sammanfattning(resultat.sammanfattning) if resultat else [],
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@forbund_view(Ratt.EKONOMI)
def import_list(request, forbund):
    importer = forbund.sie_importer.select_related("user").order_by("-tidpunkt", "-pk")
    return render(
        request, "ekonomi/sie/import_list.html", {"forbund": forbund, "importer": importer[:200]}
    )


@forbund_view(Ratt.EKONOMI)
def import_detail(request, forbund, pk: int):
    imp = get_object_or_404(SieImport.objects.select_related("user"), forbund=forbund, pk=pk)
    return render(
        request,
        "ekonomi/sie/import_detail.html",
        {
            "forbund": forbund,
            "imp": imp,
            "rader": sammanfattning(imp.sammanfattning),
            "verifikationer": imp.verifikationer.count(),
        },
    )


@forbund_view(Ratt.EKONOMI)
def jobb_detail(request, forbund, jobb: int):
    """A background import's progress (while it runs, finsam/bevakning.js fetches the page
    again every two seconds and swaps the status in; no timed reload), then its summary or
    its refusal."""
    jobb = get_object_or_404(
        Sieinlasning.objects.select_related("sie_import"), forbund=forbund, pk=jobb
    )
    procent, steg = framsteg_las(jobb)
    imp = jobb.sie_import
    return render(
        request,
        "ekonomi/sie/jobb_detail.html",
        {
            "forbund": forbund,
            "jobb": jobb,
            "procent": procent,
            "steg": steg,
            "imp": imp,
            "rader": sammanfattning(imp.sammanfattning) if imp else [],
        },
    )


@forbund_view(Ratt.EKONOMI)
def exportera(request, forbund):
    form = SieExportForm(request.GET or None, forbund=forbund)
    if request.GET and form.is_valid():
        ar, typ = form.cleaned_data["ar"], form.cleaned_data["typ"]
        svar = StreamingHttpResponse(
            sie_exportera(forbund=forbund, ar=ar, typ=typ),
            content_type="text/plain; charset=IBM437",
        )
        filnamn = f"SIE{typ}_{forbund.orgnr}_{ar.start:%Y%m%d}.se"
        svar["Content-Disposition"] = f'attachment; filename="{filnamn}"'
        return svar
    return render(request, "ekonomi/sie/export_form.html", {"forbund": forbund, "form": form})
