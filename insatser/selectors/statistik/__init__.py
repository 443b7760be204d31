"""Participant statistics for one insats or the whole förbund over any period, goal
fulfilment, and cost per participant with utfall from the ledger.

Period terms (for [fran, till]):
- aktuella vid start: started before ``fran`` and not ended before ``fran``;
- nya: started within the period; avslutade: ended within the period;
- pågående vid slut: started on or before ``till`` and not ended by ``till``;
- totalt (deltagare under perioden) = aktuella vid start + nya.

Cost per participant = the period's booked cost (K accounts) of the insats, or for the
förbund of its individinriktade insatser only, divided by ``totalt``: the registered
participations active in the period. Anonymous counts (no written consent, counted per
year and kön) are shown beside it and left out of the divisor: they are not dated within
the year, and a cost over a sum that includes a suppressed count would give that count
back. The demo 2013: 10 827 137 kr (published Not 3 less HIT-processen, a
kompetensinsats) over 117 participations is 92 540 kr; issue 15's "about 90 226" divided
the same cost by 120, a count the demo has not held (117 registered, 10 anonymous).

``publicering`` and ``skyddad`` (suppression, secondary suppression and rounding) are
described in ``insatser.selectors.skydd``.
"""

from insatser.selectors.skydd import Andel, Raknare, Tal, avrunda_antal, skydda
from insatser.selectors.statistik.deltagare import (
    Deltagarstatistik,
    ForsorjningRad,
    Rad_,
    deltagarstatistik,
)
from insatser.selectors.statistik.kostnad import budget_ore, insatsobjekt, utfall_ore
from insatser.selectors.statistik.mal import (
    KAN_INTE_BEDOMAS,
    Maluppfyllelse,
    bedom,
    maluppfyllelse,
)
from insatser.selectors.statistik.perioden import (
    anonyma_under,
    deltaganden_under,
    rakna_perioden,
    slut_senast,
)

__all__ = [
    "KAN_INTE_BEDOMAS",
    "Andel",
    "Deltagarstatistik",
    "ForsorjningRad",
    "Maluppfyllelse",
    "Rad_",
    "Raknare",
    "Tal",
    "anonyma_under",
    "avrunda_antal",
    "bedom",
    "budget_ore",
    "deltaganden_under",
    "deltagarstatistik",
    "insatsobjekt",
    "maluppfyllelse",
    "rakna_perioden",
    "skydda",
    "slut_senast",
    "utfall_ore",
]
