"""The check that every account lands in exactly one line of a definition (and the
kassaflöde's and driftredovisning's own rules)."""

from dataclasses import dataclass

from rapporter.aggregering import Kontoinfo
from rapporter.definitioner.matchning import (
    OgiltigtIntervall,
    matchar,
    rad_matchar,
    tolka_intervall,
)
from rapporter.models import Rapportdefinition, Rapportrad


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
