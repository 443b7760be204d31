"""Kommun-Bas subgroups (two-digit account groups) for the notes, so a note prints each
subgroup with its subtotal and the accounts below, as published reports do.

Names follow Kommun-Bas 19 (SKR; the group structure is unchanged since Kommun-Bas 13):
every group of classes 1 and 2, and those groups of classes 3–8 whose name is certain.
Where Kommun-Bas takes BAS's group (24–28, the short-term liabilities a förbund's chart
numbers BAS-style, e.g. 2440 leverantörsskulder, 2710 personalens källskatt) the shared
name is used, as seed 003 prints "Övriga kortfristiga fordringar" and "Övriga kortfristiga
skulder". A förbund's own two-digit account (an SIE file may carry them) always wins, so
a chart that names a group differently prints its own name."""

GRUPPNAMN = {
    # Klass 1 Tillgångar
    "10": "Immateriella anläggningstillgångar",
    "11": "Mark, byggnader och tekniska anläggningar",
    "12": "Maskiner och inventarier",
    "13": "Finansiella anläggningstillgångar",
    "14": "Förråd, lager och exploateringsfastigheter",
    "15": "Kundfordringar",
    "16": "Övriga kortfristiga fordringar",
    "17": "Förutbetalda kostnader och upplupna intäkter",
    "18": "Kortfristiga placeringar",
    "19": "Kassa och bank",
    # Klass 2 Eget kapital, avsättningar och skulder
    "20": "Eget kapital",
    "21": "Övrigt eget kapital",
    "22": "Avsättningar",
    "23": "Långfristiga skulder",
    "24": "Kortfristiga skulder till kreditinstitut, kunder och leverantörer",
    "25": "Skatteskulder",
    "26": "Mervärdesskatt och punktskatter",
    "27": "Personalens skatter, avgifter och löneavdrag",
    "28": "Övriga kortfristiga skulder",
    "29": "Upplupna kostnader och förutbetalda intäkter",
    # Klasser 3–8, the groups the resultaträkning's lines take. Only the groups whose
    # Kommun-Bas name is certain (DOMAIN.md and the default chart's accounts); any other
    # prints the chart's own two-digit account or "Kontogrupp NN", never a guessed name.
    "35": "Bidrag",
    "36": "Försäljning av verksamhet",
    "39": "Övriga intäkter",
    # 50 and 51 are left out: Kommun-Bas files arvoden (501) under 50 with the wages for
    # worked time, and förbund number wages 50xx (Helsingborg's 5010 Löner) as often as
    # 51xx, so neither "Arvoden" nor "Löner" is certain for the group.
    "54": "Sociala avgifter enligt lag och avtal",
    "55": "Pensionskostnader",
    "58": "Övriga personalkostnader",
    "78": "Avskrivningar",
    "80": "Skatteintäkter",
    "82": "Generella statsbidrag och utjämning",
    "84": "Finansiella intäkter",
    "85": "Finansiella kostnader",
}


def grupp(nummer: str) -> str:
    """The subgroup of an account number: its first two digits."""
    return nummer[:2]


def gruppnamn(grupp_: str, kontoplan_namn: dict[str, str] | None = None) -> str:
    """The subgroup's caption: the chart's own two-digit account, the Kommun-Bas name, or
    "Kontogrupp NN" (a group outside the table, e.g. 81 or 9x)."""
    if kontoplan_namn and kontoplan_namn.get(grupp_):
        return kontoplan_namn[grupp_]
    return GRUPPNAMN.get(grupp_, f"Kontogrupp {grupp_}")


def har_namn(grupp_: str, kontoplan_namn: dict[str, str] | None = None) -> bool:
    """Whether the subgroup has a real name (not the "Kontogrupp NN" fallback)."""
    return bool(kontoplan_namn and kontoplan_namn.get(grupp_)) or grupp_ in GRUPPNAMN
