import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from ekonomi import selectors
from finsam.money import ore_till_kr
from forbund.models import Forbund


class Command(BaseCommand):
    help = (
        "Skriver saldobalansen (IB, förändring och UB per konto, i kronor) för ett "
        "förbund och räkenskapsår, som CSV (standard) eller JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="Förbundets organisationsnummer")
        parser.add_argument("--year", required=True, type=int, help="Räkenskapsåret, t.ex. 2013")
        parser.add_argument("--until", help="Till och med datum (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, **opts):
        forbund = Forbund.objects.filter(orgnr=opts["forbund"]).first()
        if forbund is None:
            raise CommandError(f"Förbundet {opts['forbund']} finns inte.")
        ar = selectors.rakenskapsar_for(forbund=forbund, ar=opts["year"])
        if ar is None:
            raise CommandError(f"{forbund} har inget räkenskapsår {opts['year']}.")
        till = None
        if opts["until"]:
            try:
                till = datetime.date.fromisoformat(opts["until"])
            except ValueError as exc:
                raise CommandError(
                    f"--until {opts['until']} är inte ett datum (ÅÅÅÅ-MM-DD)."
                ) from exc
            if not ar.start <= till <= ar.slut:
                raise CommandError(f"--until {till} ligger utanför räkenskapsåret {ar}.")
        sb = selectors.saldobalans(rakenskapsar=ar, till=till)
        rader = [
            {
                "konto": r.konto.nummer,
                "namn": r.konto.namn,
                "typ": r.konto.typ,
                "ib": str(ore_till_kr(r.ib)),
                "forandring": str(ore_till_kr(r.forandring)),
                "ub": str(ore_till_kr(r.ub)),
            }
            for r in sb.rader
        ]
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "forbund": forbund.orgnr,
                        "ar": ar.ar,
                        "fran": sb.fran.isoformat(),
                        "till": sb.till.isoformat(),
                        "konton": rader,
                        "summa_ub": str(ore_till_kr(sb.summa_ub)),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        w = csv.DictWriter(
            self.stdout,
            fieldnames=list(rader[0]) if rader else ["konto"],
            delimiter=";",
            lineterminator="\n",
        )
        w.writeheader()
        w.writerows(rader)
