"""Report definitions: the default LKBR layout (bilaga 1 and 2) for a samordningsförbund on
Kommun-Bas, account matching, and the check that every account lands in exactly one line.
"""

import re
from dataclasses import dataclass

from django.db import transaction

from forbund.models import Forbund
from rapporter.aggregering import Kontoinfo
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


_INTERVALL = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")


class OgiltigtIntervall(ValueError):
    pass


def tolka_intervall(text: str) -> list[tuple[str, str]]:
    """``"30-39, 84"`` → [("30", "39"), ("84", "84")]; raises on anything else."""
    result = []
    for del_ in (d.strip() for d in text.split(",")):
        if not del_:
            continue
        m = _INTERVALL.match(del_)
        if not m:
            raise OgiltigtIntervall(f"”{del_}” är inte ett kontonummer eller intervall.")
        a, b = m.group(1), m.group(2) or m.group(1)
        if len(a) != len(b) or a > b:
            raise OgiltigtIntervall(f"”{del_}”: ange början och slut med lika många siffror.")
        result.append((a, b))
    return result


def matchar(nummer: str, intervall: list[tuple[str, str]]) -> bool:
    """An account matches a range when its leading digits lie between the bounds."""
    return any(a <= nummer[: len(a)] <= b for a, b in intervall)


def rad_matchar(rad: Rapportrad, konto: Kontoinfo) -> bool:
    if rad.typ != Rapportrad.Typ.KONTON:
        return False
    if rad.kontotyp and konto.typ not in rad.kontotyp:
        return False
    try:
        return matchar(konto.nummer, tolka_intervall(rad.konton))
    except OgiltigtIntervall:
        return False


def placera(rader: list[Rapportrad], konton: list[Kontoinfo]) -> dict[int, list[str]]:
    """Account id → the codes of every line it lands in."""
    return {k.id: [r.kod for r in rader if rad_matchar(r, k)] for k in konton}


@dataclass(frozen=True)
class Kontroll:
    saknas: list[Kontoinfo]  # accounts with a balance that land nowhere
    dubbla: list[tuple[Kontoinfo, list[str]]]  # accounts landing in more than one line
    # Why the kassaflödesanalys or driftredovisning would not reconcile for the accounts
    # with amounts (Swedish messages, ``kontrollera_definition``); checked for the
    # årsredovisning, which prints them.
    grupperingar: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.saknas and not self.dubbla and not self.grupperingar


def kontrollera(
    *, rr: list[Rapportrad], br: list[Rapportrad], konton: dict[int, Kontoinfo], belopp: set[int]
) -> Kontroll:
    """Every account with a balance or result (ids in ``belopp``) must land in exactly one
    line: result accounts (I/K) in the resultaträkning, balance accounts in the balansräkning.
    """
    saknas, dubbla = [], []
    for konto_id in sorted(belopp, key=lambda i: konton[i].nummer):
        konto = konton[konto_id]
        rader = rr if konto.ar_resultatkonto else br
        traffar = [r.kod for r in rader if rad_matchar(r, konto)]
        if not traffar:
            saknas.append(konto)
        elif len(traffar) > 1:
            dubbla.append((konto, traffar))
    return Kontroll(saknas=saknas, dubbla=dubbla)


def _namn(konto: Kontoinfo) -> str:
    return f"{konto.nummer} {konto.namn}".strip()


def _traffar(rader: list[Rapportrad], konto: Kontoinfo) -> list[Rapportrad]:
    return [r for r in rader if rad_matchar(r, konto)]


def kassaflode_placering(
    rader: list[Rapportrad], konto: Kontoinfo, likvida: list[tuple[str, str]]
) -> list[Rapportrad]:
    """The kassaflöde lines an account counts in: the lines whose range takes it, else (a
    balance account) the line with an empty range; never likvida medel."""
    if matchar(konto.nummer, likvida):
        return []
    traffar = _traffar(rader, konto)
    if not traffar and not konto.ar_resultatkonto:
        traffar = [
            r
            for r in rader
            if r.typ == Rapportrad.Typ.KONTON
            and not r.konton.strip()
            and (not r.kontotyp or konto.typ in r.kontotyp)
        ]
    return traffar


def kontrollera_kassaflode(
    rader: list[Rapportrad], konton: list[Kontoinfo], likvida: list[tuple[str, str]]
) -> list[str]:
    """Why a kassaflöde definition would not reconcile to the change in likvida medel
    (Swedish messages; empty when it does): every balance account other than likvida
    medel lands in exactly one line with tecken −, every result account taken into a line
    is added back as often as it is taken off, årets resultat is one line."""
    fel = []
    antal_resultat = sum(1 for r in rader if r.typ == Rapportrad.Typ.RESULTAT)
    if antal_resultat != 1:
        fel.append("Kassaflödesanalysen ska ha precis en rad av typen ”Årets resultat”.")
    tomma = [r.kod for r in rader if r.typ == Rapportrad.Typ.KONTON and not r.konton.strip()]
    if len(tomma) > 1:
        fel.append(
            f"Bara en rad får ha tomt kontointervall (övriga balansposter): {', '.join(tomma)}."
        )
    for konto in sorted(konton, key=lambda k: k.nummer):
        traffar = kassaflode_placering(rader, konto, likvida)
        koder = ", ".join(r.kod for r in traffar)
        if konto.ar_resultatkonto:
            if sum(r.tecken for r in traffar):
                fel.append(
                    f"Konto {_namn(konto)} läggs till och dras av olika många gånger "
                    f"(rad {koder}): ett resultatkonto som inte är ett kassaflöde ska "
                    "läggas tillbaka på en rad och dras av på en annan."
                )
        elif matchar(konto.nummer, likvida):
            continue
        elif not traffar:
            fel.append(f"Konto {_namn(konto)} hamnar inte på någon rad.")
        elif len(traffar) > 1:
            fel.append(f"Konto {_namn(konto)} hamnar på flera rader ({koder}).")
        elif traffar[0].tecken != -1:
            fel.append(
                f"Rad {koder} tar balanskontot {_namn(konto)} med tecken +: balanskonton "
                "räknas med tecken − (en ökning av en tillgång minskar likvida medel)."
            )
    return fel


def kontrollera_drift(rader: list[Rapportrad], konton: list[Kontoinfo]) -> list[str]:
    """Why a driftredovisning definition would not add up to årets resultat (Swedish
    messages; empty when it does): every result account lands in exactly one line not
    specified per insats and in at most one line per insats, all with tecken −."""
    fel = []
    for r in rader:
        if r.typ == Rapportrad.Typ.KONTON and r.tecken != -1:
            fel.append(
                f"Rad {r.kod} ska ha tecken − (intäkter positiva) så att årets resultat "
                "stämmer med resultaträkningen."
            )
    for konto in sorted((k for k in konton if k.ar_resultatkonto), key=lambda k: k.nummer):
        traffar = _traffar(rader, konto)
        ovriga = [r.kod for r in traffar if r.not_typ != Rapportrad.Not.PER_INSATS]
        insats = [r.kod for r in traffar if r.not_typ == Rapportrad.Not.PER_INSATS]
        if not ovriga:
            fel.append(f"Konto {_namn(konto)} hamnar inte på någon rad.")
        elif len(ovriga) > 1:
            fel.append(f"Konto {_namn(konto)} hamnar på flera rader ({', '.join(ovriga)}).")
        if len(insats) > 1:
            fel.append(
                f"Konto {_namn(konto)} hamnar på flera rader per insats ({', '.join(insats)})."
            )
    return fel


def kontrollera_definition(
    *, typ: str, rader: list[Rapportrad], konton: list[Kontoinfo], likvida: str = "19"
) -> list[str]:
    """The Swedish messages that stop a kassaflöde or driftredovisning definition from
    being saved (empty for a definition that places every account of the chart right).
    The resultaträkning and balansräkning are checked against the books instead
    (``kontrollera``), since a line may deliberately wait for accounts."""
    if typ == Rapportdefinition.Typ.KASSAFLODE:
        try:
            intervall = tolka_intervall(likvida or "19")
        except OgiltigtIntervall:
            intervall = [("19", "19")]
        return kontrollera_kassaflode(rader, konton, intervall)
    if typ == Rapportdefinition.Typ.DRIFT:
        return kontrollera_drift(rader, konton)
    return []


def definition_kontrollera(*, definition: Rapportdefinition, rader: list[Rapportrad]) -> None:
    """Raise ``ValidationError`` (Swedish messages) when the rows a kassaflöde or
    driftredovisning definition would have after an edit leave an account of the förbund's
    chart unassigned, assign it twice or would not reconcile (``kontrollera_definition``).
    Two queries (the chart and the likvida medel setting); the caller saves nothing."""
    from django.core.exceptions import ValidationError

    from rapporter.aggregering import kontoplan
    from rapporter.models import Rapportinstallning

    if definition.typ not in (Rapportdefinition.Typ.KASSAFLODE, Rapportdefinition.Typ.DRIFT):
        return
    installning = Rapportinstallning.objects.filter(forbund=definition.forbund).first()
    fel = kontrollera_definition(
        typ=definition.typ,
        rader=rader,
        konton=list(kontoplan(forbund=definition.forbund).values()),
        likvida=installning.likvida_konton if installning else "19",
    )
    if fel:
        raise ValidationError(["Definitionen sparades inte.", *fel])


def rader_efter_redigering(formset) -> list[Rapportrad]:
    """The rows a validated inline formset of ``Rapportrad`` would leave: unchanged and
    edited rows, new rows, deleted ones left out (nothing saved)."""
    rader = []
    for form in formset.forms:
        if form in formset.deleted_forms:
            continue
        if not form.has_changed() and form.instance.pk is None:
            continue  # an empty extra form
        rader.append(form.instance)
    return sorted(rader, key=lambda r: r.ordning or 0)
