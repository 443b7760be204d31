"""Daily: mail the förbundschefer the deadlines that reached a new reminder step."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forbund.services.meddelanden import paminnelser_skicka


class Command(BaseCommand):
    help = (
        "Skickar påminnelser om tidsfrister (budget, årsredovisning, delårsrapport, "
        "ansvarsfrihet) till förbundscheferna: 30, 7 och 1 dag före och när fristen passerat. "
        "Kör dagligen (cron eller systemd-timer); samma påminnelse skickas aldrig två gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Dagens datum (ÅÅÅÅ-MM-DD) för beräkningen; standard är dagens datum.",
        )

    def handle(self, *args, **options):
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(
                    f"Ogiltigt datum: {options['today']} (ange ÅÅÅÅ-MM-DD)."
                ) from exc
        else:
            today = timezone.localdate()
        utskick = paminnelser_skicka(today=today, bas_url=settings.FINSAM_BASE_URL)
        for u in utskick:
            self.stdout.write(
                f"{u.forbund}: {len(u.frister)} påminnelse(r) till {', '.join(u.mottagare)}"
            )
        antal = sum(len(u.frister) for u in utskick)
        self.stdout.write(f"Skickade {antal} påminnelse(r) till {len(utskick)} förbund.")
