"""Texts whose wording depends on the report year or kind — set here, and only here.

Sources:
- Lag (1997:614) om kommunal redovisning (KRL) applied to räkenskapsår up to and including
  2018; Lag (2018:597) om kommunal bokföring och redovisning (LKBR) applies from the
  räkenskapsår 2019 (SFS 2018:597, övergångsbestämmelser 1–2).
- Sveriges Kommuner och Landsting (SKL) took the name Sveriges Kommuner och Regioner (SKR)
  at the turn of 2019/2020; reports for 2020 onwards say SKR.
- RKR R17 (delårsrapport): the interim report applies the same principles as the latest
  årsredovisning and says so.
"""

from dataclasses import dataclass

LKBR_FRAN_AR = 2019
SKR_FRAN_AR = 2020

AVRUNDNING = (
    "Beloppen i tabellerna är avrundade var för sig. Summor och delsummor räknas på de "
    "exakta beloppen, så avrundningsdifferenser kan förekomma."
)


@dataclass(frozen=True)
class Lag:
    kort: str  # "KRL" / "LKBR"
    sfs: str  # "1997:614"
    namn: str  # "lagen (1997:614) om kommunal redovisning"


KRL = Lag("KRL", "1997:614", "lagen (1997:614) om kommunal redovisning")
LKBR = Lag("LKBR", "2018:597", "lagen (2018:597) om kommunal bokföring och redovisning")


def redovisningslag(ar: int) -> Lag:
    """The accounting law that governs the report for räkenskapsår ``ar``."""
    return LKBR if ar >= LKBR_FRAN_AR else KRL


def kommunorganisation(ar: int, *, kort: bool = False) -> str:
    """The name of the association of municipalities and regions in year ``ar``."""
    if ar >= SKR_FRAN_AR:
        return "SKR" if kort else "Sveriges Kommuner och Regioner (SKR)"
    return "SKL" if kort else "Sveriges Kommuner och Landsting (SKL)"


# Texts Finsam itself once shipped as the förbund's principles: they cite one law for every
# year, so they are replaced by the year-aware sentence instead of printed after it.
GAMLA_STANDARDTEXTER = frozenset(
    {
        "Årsredovisningen har upprättats enligt lagen (2018:597) om kommunal bokföring "
        "och redovisning och Rådet för kommunal redovisnings rekommendationer.",
        "Förbundets årsredovisning har upprättats enligt god kommunal redovisningssed i "
        "överensstämmelse med lagen om kommunal bokföring och redovisning, gällande "
        "rekommendationer från Rådet för kommunal redovisning samt Sveriges Kommuner och "
        "Regioners rekommendationer.",
    }
)


def fyll_i(text: str, ar: int) -> str:
    """Replace the placeholders a förbund may use in its own texts: ``{lag}``,
    ``{lag_kort}``, ``{kommunorganisation}`` and ``{ar}`` (unknown braces stay as typed)."""
    lag = redovisningslag(ar)
    for nyckel, varde in (
        ("{lag}", lag.namn),
        ("{lag_kort}", lag.kort),
        ("{kommunorganisation}", kommunorganisation(ar)),
        ("{ar}", str(ar)),
    ):
        text = text.replace(nyckel, varde)
    return text


def redovisningsprinciper(*, ar: int, rapport: str, egen_text: str = "") -> str:
    """The principles note for ``rapport`` ("arsredovisning", "delarsrapport", ...) of year
    ``ar``: the generated, year-aware opening, then the förbund's own text (placeholders
    filled in; an old generic default is dropped)."""
    lag = redovisningslag(ar)
    if rapport == "delarsrapport":
        inledning = (
            f"Delårsrapporten har upprättats enligt {lag.namn} och Rådet för kommunal "
            "redovisnings rekommendation om delårsrapport. Samma redovisningsprinciper och "
            "beräkningsmetoder har använts som i den senaste årsredovisningen."
        )
    else:
        inledning = (
            f"Årsredovisningen har upprättats enligt {lag.namn}, god kommunal "
            "redovisningssed och Rådet för kommunal redovisnings rekommendationer. "
            f"Kontoplanen bygger på Kommun-Bas från {kommunorganisation(ar)}."
        )
    egen = (egen_text or "").strip()
    if not egen or egen in GAMLA_STANDARDTEXTER:
        return inledning
    return f"{inledning}\n\n{fyll_i(egen, ar)}"


def resultat_rubrik(rapport: str) -> str:
    """ "Periodens resultat" in a delårsrapport, "Årets resultat" otherwise."""
    return "Periodens resultat" if rapport == "delarsrapport" else "Årets resultat"


def byt_resultatord(text: str, rapport: str) -> str:
    """A caption written for the year ("Årets resultat", "ÅRETS RESULTAT", "årets
    kassaflöde") reworded for a delårsrapport's period; other reports unchanged."""
    if rapport != "delarsrapport":
        return text
    for fore, efter in (
        ("ÅRETS ", "PERIODENS "),
        ("Årets ", "Periodens "),
        ("årets ", "periodens "),
    ):
        text = text.replace(fore, efter)
    return text
