"""Kommun-Bas subgroups (two-digit account groups) for the notes, so a balance-sheet note
prints each subgroup with its subtotal and the accounts below, as published reports do.

Only the groups whose name is the same in Kommun-Bas (SKR) and in BAS are named here (17,
18, 19, 20, 22, 23, 29; the issue and seed 003 print 17 and 29 with these names). Every
other group takes its name from a two-digit account in the förbund's own chart when there
is one (an SIE file may carry them), else "Kontogrupp NN" — never a guessed name."""

GRUPPNAMN = {
    "17": "Förutbetalda kostnader och upplupna intäkter",
    "18": "Kortfristiga placeringar",
    "19": "Kassa och bank",
    "20": "Eget kapital",
    "22": "Avsättningar",
    "23": "Långfristiga skulder",
    "29": "Upplupna kostnader och förutbetalda intäkter",
}


def grupp(nummer: str) -> str:
    """The subgroup of an account number: its first two digits."""
    return nummer[:2]


def gruppnamn(grupp_: str, kontoplan_namn: dict[str, str] | None = None) -> str:
    """The subgroup's caption: the chart's own two-digit account, the shared Kommun-Bas/BAS
    name, or "Kontogrupp NN"."""
    if kontoplan_namn and kontoplan_namn.get(grupp_):
        return kontoplan_namn[grupp_]
    return GRUPPNAMN.get(grupp_, f"Kontogrupp {grupp_}")


def har_namn(grupp_: str, kontoplan_namn: dict[str, str] | None = None) -> bool:
    """Whether the subgroup has a real name (not the "Kontogrupp NN" fallback)."""
    return bool(kontoplan_namn and kontoplan_namn.get(grupp_)) or grupp_ in GRUPPNAMN
