"""The default LKBR layout (bilaga 1 and 2) for a samordningsförbund on Kommun-Bas, and
making and fetching a förbund's definitions."""

from django.db import transaction

from forbund.models import Forbund
from rapporter.models import Rapportdefinition, Rapportrad

R = Rapportrad.Typ

# (kod, rubrik, typ, konton, kontotyp, formel, tecken, not)
# Financial items are told apart by the stored account type, so Kommun-Bas (84 intäkter,
# 85 kostnader) and BAS-style charts (83 ränteintäkter, 84 räntekostnader) both land right.
# Skatteintäkter och generella statsbidrag are not used by a förbund; Extraordinära poster
# has no accounts until a förbund gives it some (a line without accounts is not printed).
STANDARD_RR = [
    ("VI", "Verksamhetens intäkter", R.KONTON, "30-39", "", "", -1, "medlem"),
    ("VK", "Verksamhetens kostnader", R.KONTON, "40-77,79", "", "", -1, "konto"),
    ("AV", "Avskrivningar", R.KONTON, "78", "", "", -1, ""),
    ("VN", "Verksamhetens nettokostnader", R.SUMMA, "", "", "VI+VK+AV", -1, ""),
    ("VR", "Verksamhetens resultat", R.SUMMA, "", "", "VN", -1, ""),
    ("FI", "Finansiella intäkter", R.KONTON, "80-89", "I", "", -1, "konto"),
    ("FK", "Finansiella kostnader", R.KONTON, "80-89", "K", "", -1, "konto"),
    ("RF", "Resultat efter finansiella poster", R.SUMMA, "", "", "VR+FI+FK", -1, ""),
    ("EX", "Extraordinära poster", R.KONTON, "", "", "", -1, ""),
    ("AR", "Årets resultat", R.SUMMA, "", "", "RF+EX", -1, ""),
]

STANDARD_BR = [
    ("TI", "Tillgångar", R.RUBRIK, "", "", "", 1, ""),
    ("AT", "Anläggningstillgångar", R.KONTON, "10-13", "", "", 1, "konto"),
    ("OT", "Omsättningstillgångar", R.RUBRIK, "", "", "", 1, ""),
    ("FO", "Fordringar", R.KONTON, "14-17", "", "", 1, "konto"),
    ("KP", "Kortfristiga placeringar", R.KONTON, "18", "", "", 1, ""),
    ("KB", "Kassa och bank", R.KONTON, "19", "", "", 1, "konto"),
    ("SO", "Summa omsättningstillgångar", R.SUMMA, "", "", "FO+KP+KB", 1, ""),
    ("ST", "SUMMA TILLGÅNGAR", R.SUMMA, "", "", "AT+SO", 1, ""),
    ("EKS", "Eget kapital, avsättningar och skulder", R.RUBRIK, "", "", "", -1, ""),
    ("ARE", "Årets resultat", R.RESULTAT, "", "", "", -1, ""),
    ("OEK", "Övrigt eget kapital", R.KONTON, "20-21", "", "", -1, ""),
    ("EK", "Summa eget kapital", R.SUMMA, "", "", "ARE+OEK", -1, ""),
    ("AVS", "Avsättningar", R.KONTON, "22", "", "", -1, "konto"),
    ("LS", "Långfristiga skulder", R.KONTON, "23", "", "", -1, "konto"),
    ("KS", "Kortfristiga skulder", R.KONTON, "24-29", "", "", -1, "konto"),
    ("SS", "Summa skulder", R.SUMMA, "", "", "LS+KS", -1, ""),
    ("SEK", "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", R.SUMMA, "", "", "EK+AVS+SS", -1, ""),
]

# Kassaflödesanalys, indirect method (RKR R13/R14 captions). A line of accounts sums the
# change during the period of its balance accounts (IB voucher excluded) and the period's
# amount of its result accounts, times ``tecken``. Balance accounts count with − (an
# increase of an asset uses cash); a result account that is no cash flow (78
# avskrivningar) is added back in one line and taken off in another, so the year's
# kassaflöde equals the change in likvida medel (the accounts of the setting "likvida
# medel", never on a line of accounts) to the öre. A line of accounts with an empty range
# takes every balance account no other line takes.
STANDARD_KF = [
    ("RL", "Den löpande verksamheten", R.RUBRIK, "", "", "", 1, ""),
    ("AR", "Årets resultat", R.RESULTAT, "", "", "", 1, ""),
    ("AVS", "Justering för av- och nedskrivningar", R.KONTON, "78", "", "", 1, ""),
    ("AVSA", "Justering för gjorda avsättningar", R.KONTON, "22", "", "", -1, ""),
    (
        "FO",
        "Ökning (−) / minskning (+) av kortfristiga fordringar",
        R.KONTON,
        "14-17",
        "",
        "",
        -1,
        "",
    ),
    (
        "KP",
        "Ökning (−) / minskning (+) av kortfristiga placeringar",
        R.KONTON,
        "18",
        "",
        "",
        -1,
        "",
    ),
    (
        "KS",
        "Ökning (+) / minskning (−) av kortfristiga skulder",
        R.KONTON,
        "24-29",
        "",
        "",
        -1,
        "",
    ),
    ("OV", "Övriga balansposter", R.KONTON, "", "", "", -1, ""),
    (
        "LV",
        "Kassaflöde från den löpande verksamheten",
        R.SUMMA,
        "",
        "",
        "AR+AVS+AVSA+FO+KP+KS+OV",
        1,
        "",
    ),
    ("INV", "Kassaflöde från investeringsverksamheten", R.KONTON, "10-13, 78", "", "", -1, ""),
    ("FIN", "Kassaflöde från finansieringsverksamheten", R.KONTON, "20-21, 23", "", "", -1, ""),
    ("KF", "Årets kassaflöde", R.SUMMA, "", "", "LV+INV+FIN", 1, ""),
    ("LMB", "Likvida medel vid periodens början", R.LIKVIDA_IB, "", "", "", 1, ""),
    ("LMS", "Likvida medel vid periodens slut", R.LIKVIDA_UB, "", "", "", 1, ""),
]

# Driftredovisning (budget follow-up): amounts booked on an insats object (dimension 6) go
# to the line specified per insats; the rest of each result account to exactly one other
# line, here per account: intäkter and administration. Presented: income positive.
STANDARD_DR = [
    ("rI", "Intäkter", R.RUBRIK, "", "", "", -1, ""),
    ("I", "Intäkter", R.KONTON, "0-9", "I", "", -1, "konto"),
    ("sI", "Summa intäkter", R.SUMMA, "", "", "I", -1, ""),
    ("rK", "Administration", R.RUBRIK, "", "", "", -1, ""),
    ("K", "Administration", R.KONTON, "0-9", "K", "", -1, "konto"),
    ("sK", "Summa administration", R.SUMMA, "", "", "K", -1, ""),
    ("rX", "Insatser", R.RUBRIK, "", "", "", -1, ""),
    ("X", "Insatser", R.KONTON, "0-9", "", "", -1, "insats"),
    ("sX", "Summa insatser", R.SUMMA, "", "", "X", -1, ""),
    ("AR", "Årets resultat", R.SUMMA, "", "", "sI+sK+sX", -1, ""),
]

STANDARD = {
    Rapportdefinition.Typ.RESULTATRAKNING: ("Resultaträkning (LKBR bilaga 1)", STANDARD_RR),
    Rapportdefinition.Typ.BALANSRAKNING: ("Balansräkning (LKBR bilaga 2)", STANDARD_BR),
    Rapportdefinition.Typ.KASSAFLODE: ("Kassaflödesanalys (indirekt metod)", STANDARD_KF),
    Rapportdefinition.Typ.DRIFT: ("Driftredovisning", STANDARD_DR),
}

# The eget kapital accounts (Kommun-Bas 20 eget kapital, 21 reserved for it), for the eget
# kapital note, the ceiling and the forecast.
EGET_KAPITAL = "20-21"


@transaction.atomic
def definition_skapa(
    *, forbund: Forbund, typ: str, rader: list | None = None, namn: str = ""
) -> Rapportdefinition:
    """Create the förbund's definition of ``typ`` (the LKBR default unless ``rader``)."""
    standard_namn, standard_rader = STANDARD[typ]
    definition = Rapportdefinition.objects.create(
        forbund=forbund, typ=typ, namn=namn or standard_namn
    )
    for i, (kod, rubrik, radtyp, konton, kontotyp, formel, tecken, not_typ) in enumerate(
        rader if rader is not None else standard_rader, start=1
    ):
        Rapportrad(
            definition=definition,
            ordning=i * 10,
            kod=kod,
            rubrik=rubrik,
            typ=radtyp,
            konton=konton,
            kontotyp=kontotyp,
            formel=formel,
            tecken=tecken,
            not_typ=not_typ,
        ).save()
    return definition


def definitioner_skapa_standard(*, forbund: Forbund) -> None:
    """Every report definition the förbund lacks, with the default rows (a new förbund
    gets them when it is created; ``hamta_definition`` also creates one on demand)."""
    finns = set(Rapportdefinition.objects.filter(forbund=forbund).values_list("typ", flat=True))
    for typ in STANDARD:
        if typ not in finns:
            definition_skapa(forbund=forbund, typ=typ)


def hamta_definition(*, forbund: Forbund, typ: str) -> tuple[Rapportdefinition, list]:
    """The förbund's definition of ``typ`` with its rows, created on demand."""
    definition = Rapportdefinition.objects.filter(forbund=forbund, typ=typ).first()
    if definition is None:
        definition = definition_skapa(forbund=forbund, typ=typ)
    return definition, list(definition.rader.all())


def hamta_definitioner(*, forbund: Forbund, typer: list[str]) -> dict[str, tuple]:
    """Several definitions with their rows in one query (created on demand):
    typ -> (definition, rows), as ``hamta_definition`` gives each."""
    resultat: dict[str, tuple] = {}
    for rad in (
        Rapportrad.objects.filter(definition__forbund=forbund, definition__typ__in=typer)
        .select_related("definition")
        .order_by("definition_id", "ordning")
    ):
        resultat.setdefault(rad.definition.typ, (rad.definition, []))[1].append(rad)
    for typ in typer:
        if typ not in resultat:  # not made yet (or without rows): the general path
            resultat[typ] = hamta_definition(forbund=forbund, typ=typ)
    return resultat
