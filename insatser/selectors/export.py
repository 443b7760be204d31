"""Export for "Uppföljning Finsam" (the national aggregate follow-up): per insats the
number of participants by kön, budget and utfall for a year."""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from finsam.celler import ofarlig_rad
from finsam.money import avrunda, ore_till_kr
from forbund.models import Forbund
from insatser.models import AnonymaDeltagare
from insatser.models.deltagare import Kon
from insatser.selectors.statistik import (
    Raknare,
    budget_ore,
    deltaganden_under,
    skydda,
    utfall_ore,
)


@dataclass(frozen=True)
class UppfoljningRad:
    insats: str
    objektkod: str
    typ: str
    kvinnor: str
    man: str
    annat: str
    totalt: str
    strukturdeltagare: int  # people reached by strukturövergripande activities (not by kön)
    budget_ore: int | None
    utfall_ore: int


def uppfoljning_finsam(
    *, forbund: Forbund, ar: int, publicering: bool = False
) -> list[UppfoljningRad]:
    fran, till = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
    raknare = Raknare(publicering, settings.FINSAM_SMA_CELLER)
    rader = []
    insatser = forbund.insatser.select_related("objekt").order_by("namn")
    for insats in insatser:
        if insats.start and insats.start > till or insats.slut and insats.slut < fran:
            continue
        per_kon = dict.fromkeys(Kon.values, 0)
        for d in deltaganden_under(forbund=forbund, insats=insats, fran=fran, till=till):
            per_kon[d.kon] += 1
        for kon, antal in (
            AnonymaDeltagare.objects.filter(insats=insats, ar=ar)
            .values_list("kon")
            .annotate(s=Sum("antal"))
        ):
            per_kon[kon] += antal
        # The total is shown: one suppressed kön would follow from it (secondary suppression).
        tal = skydda(
            per_kon | {"totalt": sum(per_kon.values())},
            raknare,
            grupper=[("totalt", list(per_kon))],
        )
        rader.append(
            UppfoljningRad(
                insats=insats.namn,
                objektkod=insats.objekt.kod if insats.objekt else "",
                typ=insats.get_typ_display(),
                kvinnor=str(tal[Kon.KVINNA]),
                man=str(tal[Kon.MAN]),
                annat=str(tal[Kon.ANNAT]),
                totalt=str(tal["totalt"]),
                strukturdeltagare=insats.strukturaktiviteter.filter(
                    datum__gte=fran, datum__lte=till
                ).aggregate(s=Sum("antal"))["s"]
                or 0,
                budget_ore=budget_ore(forbund=forbund, insats=insats, ar=ar),
                utfall_ore=utfall_ore(forbund=forbund, insats=insats, fran=fran, till=till),
            )
        )
    return rader


def _kr(ore: int | None) -> str:
    # Whole kronor, plain digits and an ASCII minus: what a spreadsheet reads.
    return "" if ore is None else str(avrunda(ore_till_kr(ore), Decimal(1)))


class _OfarligSkrivare:
    """A csv writer whose rows pass through ``finsam.celler.ofarlig``."""

    def __init__(self, skrivare):
        self._skrivare = skrivare

    def writerow(self, rad) -> None:
        self._skrivare.writerow(ofarlig_rad(rad))


def uppfoljning_csv(rader: list[UppfoljningRad], ar: int) -> str:
    ut = io.StringIO()
    w = _OfarligSkrivare(csv.writer(ut, delimiter=";", lineterminator="\r\n"))
    # Insats names and object codes are user text: no cell may start a formula.
    w.writerow(
        [
            "År",
            "Insats",
            "Objekt",
            "Typ",
            "Kvinnor",
            "Män",
            "Annat/uppgift saknas",
            "Totalt",
            "Deltagare i strukturaktiviteter",
            "Budget (kr)",
            "Utfall (kr)",
        ]
    )
    for r in rader:
        w.writerow(
            [
                ar,
                r.insats,
                r.objektkod,
                r.typ,
                r.kvinnor,
                r.man,
                r.annat,
                r.totalt,
                r.strukturdeltagare,
                _kr(r.budget_ore),
                _kr(r.utfall_ore),
            ]
        )
    return ut.getvalue()
