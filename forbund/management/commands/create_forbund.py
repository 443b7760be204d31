"""``manage.py create_forbund --orgnr 222000-NNNN --namn "…"``: a förbund from the command
line, through the same service as the admin (orgnr rule, standard chart, audit row)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from forbund.models import Forbund
from forbund.services import forbund_create
from forbund.validators import normalisera_orgnr


def _datum(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--bildat ”{text}” är inget datum (ÅÅÅÅ-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Skapar ett samordningsförbund (organisationsnummer 222000-NNNN) med Finsams "
        "standardkontoplan och dimensionerna 1 och 6, som i administrationen. Därefter kan "
        "böcker läsas in med import_sie --forbund."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orgnr", required=True, help="organisationsnummer, 222000-NNNN")
        parser.add_argument("--namn", required=True, help="förbundets namn")
        parser.add_argument("--sate", default="", help="säte (en kommun)")
        parser.add_argument("--bildat", type=_datum, help="bildat, ÅÅÅÅ-MM-DD")

    def handle(self, *args, orgnr, namn, sate="", bildat=None, **options):
        namn = (namn or "").strip()
        if not namn:
            raise CommandError("--namn får inte vara tomt.")
        befintligt = Forbund.objects.filter(orgnr=normalisera_orgnr(orgnr)).first()
        if befintligt is not None:
            raise CommandError(
                f"Förbundet {befintligt.orgnr} finns redan ({befintligt}); inget ändrades."
            )
        try:
            forbund = forbund_create(
                user=None, namn=namn, orgnr=orgnr, sate=sate.strip(), bildat=bildat
            )
        except ValidationError as exc:
            fel = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            text = "; ".join(
                f"{falt}: {m}" if falt and falt != "__all__" else m
                for falt, meddelanden in fel.items()
                for m in meddelanden
            )
            raise CommandError(f"Förbundet skapades inte: {text}") from None
        konton = forbund.konton.count()
        self.stdout.write(
            f"Skapade {forbund} ({forbund.orgnr}) med {konton} konton i standardkontoplanen."
        )
