"""What the årsredovisning and the delårsrapport share: the fields of a period report and
the figures derived from them (fingerprint, rounding note, goals, missing facts, the
contents list and its numbers, the per-insats statistics appendix)."""

import datetime
from dataclasses import dataclass, field
from typing import ClassVar

from forbund.models import Forbund
from rapporter.builders.grund import Tabell, avrundningsnot
from rapporter.builders.noter import Not
from rapporter.builders.saknas import Saknas, oppna
from rapporter.builders.sektioner import (
    Organisation,
    figurer,
    figurer_alla,
    fingeravtryck,
    kapitel,
    malrader,
)
from rapporter.definitioner import Kontroll

BILAGA_ID = "bilaga"
BILAGA_RUBRIK = "Statistik per insats"


@dataclass(kw_only=True)
class Periodrapport:
    """The shared fields (keyword-only, so each report adds its own in any order).
    ``statistik_i_bilaga``: the förbund's setting that moves the per-insats statistics
    (participant tables, goals, charts) from the insats section to an appendix."""

    # The statements' chapters after the förvaltningsberättelse: [(id, heading)].
    RAKNINGAR: ClassVar[list[tuple[str, str]]] = []

    forbund: Forbund
    ar: int
    fran: datetime.date
    till: datetime.date
    avsnitt: list
    organisation: Organisation
    insatser_rapport: list
    resultatrakning: Tabell
    balansrakning: Tabell
    noter: list[Not]
    underskrifter: list
    kontroll: Kontroll
    budgetversion: str = ""  # the budget version the budget columns show ("" without)
    saknas: list = field(default_factory=list)  # Saknas: register facts not entered
    jamforelse: frozenset = frozenset()  # headings of comparison columns
    faststallelse: object = None  # rapporter.faststallelse.Faststallelse once approved
    logotyp: str = ""  # the cover logo as a data: URI (never fetched from outside)
    forbundsmal: object = None  # insatser.selectors.forbundsmal.Maluppfoljning, if printed
    deltagare: object = None  # förbund-wide Deltagarstatistik (published, suppressed)
    deltagare_diagram: list = field(default_factory=list)
    statistik_i_bilaga: bool = False

    @property
    def tabeller(self) -> list[Tabell]:
        return [self.resultatrakning, self.balansrakning] + [
            n.tabell for n in self.noter if n.tabell
        ]

    @property
    def malrader(self) -> list:
        return malrader(self.insatser_rapport)

    @property
    def bilaga(self) -> list:
        """The insatser whose statistics the appendix prints (empty without the setting,
        or when no insats has any statistics)."""
        if not self.statistik_i_bilaga:
            return []
        return [r for r in self.insatser_rapport if r.statistik or r.mal or r.diagram]

    @property
    def kapitel(self) -> list:
        """The contents list ``[(nr, id, rubrik, avsnitt | None)]``: the same numbers the
        headings print (the templates take them from :attr:`nr`)."""
        ut = kapitel(self.avsnitt, self.RAKNINGAR)
        if self.bilaga:
            ut.append(("Bilaga", BILAGA_ID, BILAGA_RUBRIK, None))
        return ut

    @property
    def nr(self) -> dict[str, str]:
        """Each chapter's number by its id (``{"resultatrakning": "2", ...}``)."""
        return {id_: nr for nr, id_, _, _ in self.kapitel}

    @property
    def fingeravtryck(self) -> str:
        """SHA-256 of the figures of the report's own periods (see ``figurer``)."""
        return fingeravtryck(figurer(self.tabeller, self.jamforelse))

    @property
    def fingeravtryck_tidigare(self) -> str:
        """The fingerprint as computed before it left out comparison columns."""
        return fingeravtryck(figurer_alla(self.tabeller))

    @property
    def avrundning(self) -> str:
        """The one sentence on rounding differences, or "" when every table adds up."""
        return avrundningsnot(self.tabeller)

    @property
    def saknas_oppna(self) -> list[Saknas]:
        return oppna(self.saknas)

    @property
    def saknas_nycklar(self) -> dict[str, Saknas]:
        return {s.nyckel: s for s in self.saknas}
