"""Read use-cases for insatser."""

from insatser.selectors.aren import ar_med_deltagare
from insatser.selectors.oversikt import insatser_oversikt
from insatser.selectors.rapport import (
    InsatsRapport,
    insats_list,
    insatser_rapport,
    insatser_under,
)
from insatser.selectors.statistik import (
    Deltagarstatistik,
    budget_ore,
    deltagarstatistik,
    maluppfyllelse,
    utfall_ore,
)

__all__ = [
    "Deltagarstatistik",
    "ar_med_deltagare",
    "InsatsRapport",
    "budget_ore",
    "deltagarstatistik",
    "insats_list",
    "insatser_oversikt",
    "insatser_rapport",
    "insatser_under",
    "maluppfyllelse",
    "utfall_ore",
]
