"""One template per report, rendered for the browser, for PDF (WeasyPrint, print
stylesheet, PDF/UA tagging) and as JSON (``som_dict``).

The PDF's HTML holds no user text inside ``<style>``: the running header takes the
förbund's name and the report title from hidden elements (CSS ``string-set``), and the
stylesheets are linked static files that only the sandboxed fetcher resolves
(``rapporter.sandlada``)."""

import json

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from rapporter.sandlada import html_till_pdf, statisk_url

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
            stilmallar=[
                statisk_url("rapporter/rapporter.css"),
                statisk_url("rapporter/print.css"),
            ],
        ),
    )


def render_pdf(dokument, *, komprimera: bool = True) -> bytes:
    """The report as PDF/UA-1 bytes, rendered in the sandbox. Raises
    ``rapporter.sandlada.PdfFel`` when the time or memory limit is hit."""
    return html_till_pdf(render_pdf_html(dokument), komprimera=komprimera)


def render_json(dokument) -> str:
    return json.dumps(dokument.som_dict(), ensure_ascii=False, indent=2, default=str)
