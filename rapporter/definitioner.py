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

STANDARD = {
    Rapportdefinition.Typ.RESULTATRAKNING: ("Resultaträkning (LKBR bilaga 1)", STANDARD_RR),
    Rapportdefinition.Typ.BALANSRAKNING: ("Balansräkning (LKBR bilaga 2)", STANDARD_BR),
}


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


def hamta_definition(*, forbund: Forbund, typ: str) -> tuple[Rapportdefinition, list]:
    """The förbund's definition of ``typ`` with its rows, created on demand."""
    definition = Rapportdefinition.objects.filter(forbund=forbund, typ=typ).first()
    if definition is None:
        definition = definition_skapa(forbund=forbund, typ=typ)
    return definition, list(definition.rader.all())


def hamta_definitioner(*, forbund: Forbund, typer: list[str]) -> dict[str, tuple]:
    """Several definitions with their rows in two queries (created on demand):
    typ -> (definition, rows), as ``hamta_definition`` gives each."""
    funna = {
        d.typ: d
        for d in Rapportdefinition.objects.filter(forbund=forbund, typ__in=typer).prefetch_related(
            "rader"
        )
    }
    resultat = {}
    for typ in typer:
        if typ in funna:
            resultat[typ] = (funna[typ], list(funna[typ].rader.all()))
        else:
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

    @property
    def ok(self) -> bool:
        return not self.saknas and not self.dubbla


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
