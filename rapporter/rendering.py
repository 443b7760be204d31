"""One template per report, rendered for the browser, for PDF (WeasyPrint, print
stylesheet, PDF/UA tagging) and as JSON (``som_dict``)."""

import json

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

MALLAR = {
    "arsredovisning": "rapporter/arsredovisning.html",
    "delarsrapport": "rapporter/delarsrapport.html",
    "verksamhetsplan": "rapporter/verksamhetsplan.html",
}


def _css(namn: str) -> str:
    path = finders.find(f"rapporter/{namn}")
    with open(path, encoding="utf-8") as f:
        return f.read()


def kontext(dokument, **extra) -> dict:
    return {"dok": dokument, "forbund": dokument.forbund, **extra}


def render_html(dokument, *, request=None, **extra) -> str:
    return render_to_string(
        MALLAR[dokument.typ],
        kontext(dokument, bas="base.html", pdf=False, **extra),
        request=request,
    )


def render_pdf_html(dokument) -> str:
    return render_to_string(
        MALLAR[dokument.typ],
        kontext(
            dokument,
            bas="rapporter/pdf_base.html",
            pdf=True,
            skarm_css=_css("rapporter.css"),
            print_css=_css("print.css"),
        ),
    )


def render_pdf(dokument, *, komprimera: bool = True) -> bytes:
    from weasyprint import HTML

    html = render_pdf_html(dokument)
    return HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=not komprimera, custom_metadata=True
    )


def render_json(dokument) -> str:
    return json.dumps(dokument.som_dict(), ensure_ascii=False, indent=2, default=str)
