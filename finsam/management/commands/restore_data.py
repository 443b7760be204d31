import subprocess
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from finsam.backup import backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Läser tillbaka en säkerhetskopia från backup_data: kontrollerar manifestets signatur "
        "(FINSAM_BACKUP_KEY) och sha256, läser in i en provdatabas och provmapp och "
        "kontrollerar huvudbokens och filernas kontrollsummor där; först då ERSÄTTS hela "
        "databasen och MEDIA_ROOT. Vid avvikelse ändras ingenting."
    )

    def add_arguments(self, parser):
        parser.add_argument("katalog", help="Mappen som backup_data skrev.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Fråga inte om bekräftelse.",
        )

    def handle(self, *args, **options):
        kalla = Path(options["katalog"])
        try:
            manifest = backup_verify(kalla=kalla)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        self.stdout.write(
            f"Säkerhetskopia från {manifest['skapad']} ({manifest['motor']}, "
            f"{manifest['verifikationer']} verifikationer)."
        )
        if options["interactive"]:
            svar = input("Hela databasen och alla uppladdade filer ersätts. Skriv 'ja': ")
            if svar.strip().lower() != "ja":
                raise CommandError("Avbrutet: ingenting ändrat.")
        try:
            backup_restore(kalla=kalla)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            raise CommandError(
                f"Återläsningen misslyckades ({getattr(e, 'cmd', [''])[0]}): "
                f"{getattr(e, 'stderr', e)}"
            ) from e
        self.stdout.write(
            self.style.SUCCESS("Återläst; huvudbokens och filernas kontrollsummor stämmer.")
        )
