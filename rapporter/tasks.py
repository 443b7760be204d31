"""Background work of the reports (Django's tasks API through the django-tasks backport,
database backend in production: ``manage.py db_worker``; immediate in DEBUG and tests).

``rendera_utkast`` renders a draft report's PDF outside the web worker and records its
progress on the ``Pdfbestallning`` row the page polls."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django_tasks import task

from rapporter.models import Pdfbestallning, Rapporttyp
from rapporter.sandlada import PdfFel

S = Pdfbestallning.Status


@task()
def rendera_utkast(bestallning_id: int) -> str:
    """Build the report, render its PDF in the sandbox, store it on the order. A failure
    (time or memory limit, a report that cannot be built) is recorded as a Swedish message
    on the order, never raised to the worker. Returns the final status."""
    from rapporter.rendering import render_pdf
    from rapporter.services import bygg

    bestallning = Pdfbestallning.objects.select_related("forbund").get(pk=bestallning_id)
    bestallning.framsteg_spara(10, "Räknar fram rapporten", status=S.PAGAR)
    try:
        dokument = bygg(
            forbund=bestallning.forbund,
            typ=bestallning.typ,
            ar=bestallning.ar,
            till=bestallning.till,
            enhet=bestallning.enhet or None,
            skyddad=bestallning.typ == Rapporttyp.DELARSRAPPORT and bestallning.skyddad,
        )
        bestallning.framsteg_spara(40, "Ritar PDF:en")
        pdf = render_pdf(dokument)
    except (PdfFel, ValidationError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        bestallning.framsteg_spara(100, "Misslyckades", status=S.FEL, fel=text)
        return S.FEL
    bestallning.pdf.save(
        f"{bestallning.forbund.orgnr}/{bestallning.typ}-{bestallning.pk}.pdf",
        ContentFile(pdf),
        save=False,
    )
    bestallning.framsteg_spara(100, "Klar", status=S.KLAR, pdf=bestallning.pdf)
    return S.KLAR


@task()
def rendera_faststalld(bestallning_id: int) -> str:
    """Render an approved report's PDF from the HTML frozen at the approval, store it on
    the ``Rapport`` with its SHA-256 (audited) and tell the förbund's users. Runs once: a
    report that already has its PDF is left as it is. A failure is recorded on the order
    (the approval stands; the förbundschef may order the render again). Returns the final
    status."""
    import hashlib

    from django.db import transaction

    from forbund.audit import logga
    from forbund.models import Logghandelse
    from rapporter.models import Rapport
    from rapporter.sandlada import html_till_pdf

    bestallning = Pdfbestallning.objects.select_related("forbund", "skapad_av").get(
        pk=bestallning_id
    )
    if Rapport.objects.filter(pk=bestallning.rapport_id).exclude(pdf="").exists():
        bestallning.framsteg_spara(100, "Klar", status=S.KLAR)
        return S.KLAR
    bestallning.framsteg_spara(30, "Ritar den fastställda PDF:en", status=S.PAGAR, fel="")
    try:
        pdf = html_till_pdf(bestallning.html)
    except PdfFel as exc:
        bestallning.framsteg_spara(100, "Misslyckades", status=S.FEL, fel=str(exc))
        return S.FEL
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().get(pk=bestallning.rapport_id)
        if not rapport.pdf:
            rapport.sha256 = hashlib.sha256(pdf).hexdigest()
            rapport.pdf.save(
                f"{rapport.forbund.orgnr}/{rapport.typ}-{rapport.till.isoformat()}.pdf",
                ContentFile(pdf),
                save=False,
            )
            rapport.save(update_fields=["pdf", "sha256"])
            logga(
                user=bestallning.skapad_av,
                forbund=rapport.forbund,
                obj=rapport,
                handelse=Logghandelse.Handelse.ANDRAD,
                beskrivning=f"{rapport}: den fastställda PDF:en sparad",
                andringar={"sha256": [None, rapport.sha256]},
            )
            from rapporter.services import meddela_faststalld

            # A failing mail server must not undo the stored PDF.
            transaction.on_commit(
                lambda: meddela_faststalld(rapport, bestallning.skapad_av), robust=True
            )
        bestallning.framsteg_spara(100, "Klar", status=S.KLAR)
    return S.KLAR
