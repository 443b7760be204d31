from django.core.management.base import BaseCommand, CommandError

from ekonomi.sie.exporter import sie_exportera
from forbund.models import Forbund
from forbund.validators import normalisera_orgnr


class Command(BaseCommand):
    help = "Skriver ett räkenskapsår som SIE-fil (PC8/CP437, typ 1–4, med #KSUMMA)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets organisationsnummer")
        parser.add_argument(
            "--year", required=True, type=int, help="räkenskapsåret (året det slutar)"
        )
        parser.add_argument("--type", type=int, default=4, choices=[1, 2, 3, 4], help="SIE-typ")
        parser.add_argument("-o", "--output", required=True, help="filen som skrivs")

    def handle(self, *args, forbund, year, type, output, **options):
        f = Forbund.objects.filter(orgnr=normalisera_orgnr(forbund)).first()
        if f is None:
            raise CommandError(f"Förbundet {forbund} finns inte.")
        ar = f.rakenskapsar.filter(slut__year=year).order_by("-start").first()
        if ar is None:
            raise CommandError(f"{f} har inget räkenskapsår {year}.")
        storlek = 0
        with open(output, "wb") as fh:
            for chunk in sie_exportera(forbund=f, ar=ar, typ=type):
                fh.write(chunk)
                storlek += len(chunk)
        self.stdout.write(f"Skrev {output} ({storlek} byte): {f}, {ar}, SIE typ {type}.")
