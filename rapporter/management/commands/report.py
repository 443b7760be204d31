import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from forbund.models import Forbund
from rapporter.rendering import render_json, render_pdf, render_pdf_html
from rapporter.sandlada import PdfFel
from rapporter.services import bygg


class Command(BaseCommand):
    help = (
        "Skriver en rapport (årsredovisning, delårsrapport eller verksamhetsplan med budget) "
        "från bokföringen som HTML, PDF, Word (docx) eller JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "rapport", choices=["arsredovisning", "delarsrapport", "verksamhetsplan"]
        )
        parser.add_argument("--forbund", required=True, help="Förbundets organisationsnummer.")
        parser.add_argument("--year", type=int, required=True, help="Rapportåret, t.ex. 2013.")
        parser.add_argument("--until", help="Delårsrapportens slutdatum ÅÅÅÅ-MM-DD.")
        parser.add_argument("--format", choices=["html", "pdf", "json", "docx"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="Fil att skriva.")
        parser.add_argument(
            "--unit",
            choices=["tkr1", "tkr0", "kr"],
            help="Enhet i räkningarna (standard: förbundets inställning).",
        )

    def handle(self, *args, **opts):
        forbund = Forbund.objects.filter(orgnr=opts["forbund"]).first()
        if forbund is None:
            raise CommandError(f"Inget förbund med organisationsnummer {opts['forbund']}.")
        till = None
        if opts["rapport"] == "delarsrapport":
            if not opts["until"]:
                raise CommandError("En delårsrapport behöver --until ÅÅÅÅ-MM-DD.")
            try:
                till = datetime.date.fromisoformat(opts["until"])
            except ValueError as exc:
                raise CommandError(f"Ogiltigt datum: {opts['until']}.") from exc
        try:
            dokument = bygg(
                forbund=forbund,
                typ=opts["rapport"],
                ar=opts["year"],
                till=till,
                enhet=opts["unit"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if opts["format"] == "pdf":
            try:
                data = render_pdf(dokument)
            except PdfFel as exc:
                raise CommandError(str(exc)) from exc
        elif opts["format"] == "docx":
            from rapporter.word import render_docx

            data = render_docx(dokument)
        elif opts["format"] == "json":
            data = render_json(dokument).encode()
        else:
            data = render_pdf_html(dokument).encode()
        with open(opts["output"], "wb") as f:
            f.write(data)
        self.stdout.write(f"Skrev {opts['output']} ({len(data)} byte).")
        kontroll = getattr(dokument, "kontroll", None)
        if kontroll is not None and not kontroll.ok:
            self.stdout.write(
                "Varning: konton utan rad: "
                + ", ".join(k.nummer for k in kontroll.saknas + [k for k, _ in kontroll.dubbla])
            )
