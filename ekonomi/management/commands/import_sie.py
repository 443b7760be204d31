from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ekonomi.sie.importer import (
    STANDARDSERIE,
    InteSieFil,
    SieFel,
    sie_importera,
    sie_registrera_nekad,
)
from ekonomi.sie.parser import las_kodning
from forbund.models import Forbund
from forbund.validators import normalisera_orgnr


class Command(BaseCommand):
    help = (
        "Läser in en SIE-fil (typ 1–4, E eller I) helt eller inte alls. Utan --forbund "
        "väljs förbundet efter filens #ORGNR (och skapas från #FNAMN om det saknas); med "
        "--forbund hindrar ett ogiltigt eller saknat #ORGNR aldrig inläsningen."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", help="SIE-filen")
        parser.add_argument("--forbund", help="förbundets organisationsnummer")
        parser.add_argument(
            "--dry-run", action="store_true", help="kontrollera och visa, men spara inget"
        )
        parser.add_argument(
            "--serie",
            default=STANDARDSERIE,
            help=f"serie för verifikationer utan serie (typ 4I); standard {STANDARDSERIE}",
        )
        parser.add_argument(
            "--bekrafta",
            action="store_true",
            help="läs in verifikationer utan nummer även om filen har #FLAGGA 1 "
            "(redan inläst i ett program)",
        )

    def handle(
        self,
        *args,
        fil,
        forbund=None,
        dry_run=False,
        serie=STANDARDSERIE,
        bekrafta=False,
        **options,
    ):
        sokvag = Path(fil)
        if not sokvag.is_file():
            raise CommandError(f"Filen {fil} finns inte.")
        valt = None
        if forbund:
            valt = Forbund.objects.filter(orgnr=normalisera_orgnr(forbund)).first()
            if valt is None:
                raise CommandError(f"Förbundet {forbund} finns inte.")
        with sokvag.open("rb") as fh:
            try:
                imp = sie_importera(
                    fil=fh,
                    forbund=valt,
                    user=None,
                    dry_run=dry_run,
                    filnamn=sokvag.name,
                    standardserie=serie,
                    bekrafta=bekrafta,
                )
            except SieFel as fel:
                if valt is not None and not dry_run and not isinstance(fel, InteSieFil):
                    sie_registrera_nekad(
                        forbund=valt,
                        user=None,
                        filnamn=sokvag.name,
                        sha256=las_kodning(fh).sha256,
                        fel=str(fel),
                    )
                raise CommandError(f"{sokvag.name}: {fel}") from None
        rubrik = "Provkörning (inget sparat)" if dry_run else f"Inläst i {imp.forbund}"
        self.stdout.write(f"{rubrik}: {sokvag.name}")
        for nyckel, varde in imp.sammanfattning.items():
            if varde not in (None, "", 0):
                self.stdout.write(f"  {nyckel}: {varde}")
        for varning in imp.varningar:
            self.stdout.write(f"  varning: {varning}")
