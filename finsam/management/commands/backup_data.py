import datetime
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from finsam.backup import backup_create


class Command(BaseCommand):
    help = (
        "Säkerhetskopierar databasen (PostgreSQL: pg_dump, SQLite: online backup) och "
        "uppladdade filer till en mapp med manifest (sha256 per del, huvudbokens kontrollsumma)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Mapp att skriva till (skapas). Standard: backups/<tidpunkt> i projektmappen.",
        )

    def handle(self, *args, **options):
        mal = options["output"] or (
            Path(settings.BASE_DIR)
            / "backups"
            / datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        )
        try:
            manifest = backup_create(mal=Path(mal))
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            raise CommandError(f"pg_dump misslyckades: {getattr(e, 'stderr', e)}") from e
        self.stdout.write(self.style.SUCCESS(f"Säkerhetskopia skriven till {mal}"))
        self.stdout.write(
            f"  {manifest['verifikationer']} verifikationer, "
            f"huvudbokens kontrollsumma {manifest['huvudbok_sha256']}"
        )
        for namn, del_ in manifest["delar"].items():
            self.stdout.write(f"  {namn}: {del_['byte']} byte, sha256 {del_['sha256']}")
