"""Building blocks of every statement: presentation units and the generic table builder
that turns a definition and per-account sums into presented lines. Pure data in, plain
dataclasses out — no queries here."""

from dataclasses import dataclass, field
from decimal import Decimal

from finsam.money import avrunda
from rapporter.aggregering import Kontoinfo
from rapporter.definitioner import rad_matchar
from rapporter.models import Rapportrad

R = Rapportrad.Typ


@dataclass(frozen=True)
class Enhet:
    kod: str = "tkr1"

    @property
    def namn(self) -> str:
        return "kr" if self.kod == "kr" else "tkr"

    @property
    def decimaler(self) -> int:
        return 1 if self.kod == "tkr1" else 0

    def visa(self, ore: int | None) -> Decimal | None:
        if ore is None:
            return None
        divisor = 100 if self.kod == "kr" else 100_000
        return avrunda(Decimal(ore) / divisor, Decimal(1).scaleb(-self.decimaler))


@dataclass
class Tabellrad:
    kod: str
    rubrik: str
    typ: str  # rubrik / konton / summa / resultat / post
    belopp: list[int | None]  # öre per column, presented sign
    visat: list[Decimal | None]  # what is printed, in the table's unit
    not_nr: int | None = None
    kommentar: str = ""

    @property
    def ar_summa(self) -> bool:
        return self.typ in (R.SUMMA, R.RESULTAT, "summa")


@dataclass
class Tabell:
    titel: str
    kolumner: list[str]
    rader: list[Tabellrad]
    enhet: Enhet
    nyckel: str = ""
    # True when a printed total differs from the sum of its printed parts (the rounding
    # rule: totals are the exact sums rounded, unless the förbund asks for sums of the
    # rounded lines; the report then says once that rounding differences occur).
    avrundningsdifferens: bool = False

    def rad(self, kod: str) -> Tabellrad | None:
        return next((r for r in self.rader if r.kod == kod), None)

    def som_dict(self) -> dict:
        return {
            "nyckel": self.nyckel,
            "titel": self.titel,
            "enhet": self.enhet.namn,
            "decimaler": self.enhet.decimaler,
            "kolumner": self.kolumner,
            "avrundningsdifferens": self.avrundningsdifferens,
            "rader": [
                {
                    "kod": r.kod,
                    "rubrik": r.rubrik,
                    "typ": r.typ,
                    "not": r.not_nr,
                    "ore": r.belopp,
                    "visat": [None if v is None else str(v) for v in r.visat],
                    **({"kommentar": r.kommentar} if r.kommentar else {}),
                }
                for r in self.rader
            ],
        }


def tolka_formel(formel: str) -> list[tuple[int, str]]:
    """``"VI+VK-AV"`` → [(1, "VI"), (1, "VK"), (-1, "AV")]."""
    result, tecken, kod = [], 1, ""
    for ch in formel.replace(" ", "") + "+":
        if ch in "+-":
            if kod:
                result.append((tecken, kod))
            tecken, kod = (1 if ch == "+" else -1), ""
        else:
            kod += ch
    return result


def placering(rader: list[Rapportrad], konton: dict[int, Kontoinfo]) -> dict[str, list[int]]:
    """Line code → ids of the accounts that land on it (first matching line wins)."""
    result: dict[str, list[int]] = {r.kod: [] for r in rader}
    for konto in konton.values():
        for r in rader:
            if rad_matchar(r, konto):
                result[r.kod].append(konto.id)
                break
    return result


@dataclass
class Kolumn:
    namn: str
    per_konto: dict[int, int] = field(default_factory=dict)  # ledger sign öre
    arets_resultat: int = 0  # presented (profit positive), for RESULTAT lines
    arets_resultat_visat: Decimal | None = None  # when sums follow the printed figures
    fasta: dict[str, int] = field(default_factory=dict)  # line code → presented öre override


def bygg_tabell(
    *,
    titel: str,
    rader: list[Rapportrad],
    konton: dict[int, Kontoinfo],
    kolumner: list[Kolumn],
    enhet: Enhet,
    summera_avrundade: bool = False,
    dolj_nollrader: bool = True,
    nyckel: str = "",
) -> Tabell:
    """Lines of a definition, evaluated for each column."""
    plats = placering(rader, konton)
    varden: dict[str, list[int]] = {}
    visade: dict[str, list[Decimal]] = {}
    ut: list[Tabellrad] = []
    differens = False
    for rad in rader:
        belopp: list[int | None] = []
        visat: list[Decimal | None] = []
        for i, kol in enumerate(kolumner):
            if rad.typ == R.RUBRIK:
                belopp.append(None)
                visat.append(None)
                continue
            if rad.kod in kol.fasta:  # None: not known, printed "–"
                b = kol.fasta[rad.kod]
                v = enhet.visa(b)
            elif rad.typ == R.KONTON:
                b = rad.tecken * sum(kol.per_konto.get(k, 0) for k in plats[rad.kod])
                v = enhet.visa(b)
            elif rad.typ == R.RESULTAT:
                b = kol.arets_resultat
                v = (
                    kol.arets_resultat_visat
                    if summera_avrundade and kol.arets_resultat_visat is not None
                    else enhet.visa(b)
                )
            else:  # SUMMA (unknown when a part is: a forecast that cannot be made)
                delar = tolka_formel(rad.formel)
                if any(varden.get(k, [0] * len(kolumner))[i] is None for _, k in delar):
                    belopp.append(None)
                    visat.append(None)
                    continue
                b = sum(t * varden.get(k, [0] * len(kolumner))[i] for t, k in delar)
                tryckt = sum(
                    (t * visade.get(k, [Decimal(0)] * len(kolumner))[i] for t, k in delar),
                    Decimal(0),
                )
                v = tryckt if summera_avrundade else enhet.visa(b)
                differens = differens or v != tryckt
            belopp.append(b)
            visat.append(v)
        if rad.typ != R.RUBRIK:
            varden[rad.kod] = list(belopp)  # None only where a forecast is unknown
            visade[rad.kod] = [
                None if b is None else v or Decimal(0) for b, v in zip(belopp, visat, strict=True)
            ]
        if (
            dolj_nollrader
            and rad.typ == R.KONTON
            and not plats[rad.kod]
            and all(not b for b in belopp)
        ):
            continue
        ut.append(Tabellrad(rad.kod, rad.rubrik, rad.typ, belopp, visat))
    return Tabell(
        titel=titel,
        kolumner=[k.namn for k in kolumner],
        rader=ut,
        enhet=enhet,
        nyckel=nyckel,
        avrundningsdifferens=differens,
    )


def enkel_tabell(
    *,
    titel: str,
    kolumner: list[str],
    poster: list[tuple[str, list[int]]],
    enhet: Enhet,
    summa: str | None = "Summa",
    summera_avrundade: bool = False,
    nyckel: str = "",
) -> Tabell:
    """A note-style table: posts (presented öre per column) and an optional total."""
    rader = [
        Tabellrad(f"p{i}", rubrik, "post", list(b), [enhet.visa(x) for x in b])
        for i, (rubrik, b) in enumerate(poster, start=1)
    ]
    differens = False
    if summa is not None:
        n = len(kolumner)
        tot = [sum(r.belopp[i] or 0 for r in rader) for i in range(n)]
        tryckt = [sum((r.visat[i] or Decimal(0) for r in rader), Decimal(0)) for i in range(n)]
        vis = tryckt if summera_avrundade else [enhet.visa(x) for x in tot]
        differens = vis != tryckt
        rader.append(Tabellrad("summa", summa, "summa", tot, vis))
    return Tabell(
        titel=titel,
        kolumner=kolumner,
        rader=rader,
        enhet=enhet,
        nyckel=nyckel,
        avrundningsdifferens=differens,
    )


def summor_stammer(tabell: Tabell, summor: dict[str, list[tuple[int, str]]]) -> bool:
    """Whether each total line (code → signed part codes) equals the sum of its printed
    parts in every column. Missing parts count as 0."""
    vis = {r.kod: r.visat for r in tabell.rader}
    for kod, delar in summor.items():
        if kod not in vis:
            continue
        for i, v in enumerate(vis[kod]):
            if v is None:
                continue
            tryckt = sum(
                (t * (vis.get(k, [None] * (i + 1))[i] or Decimal(0)) for t, k in delar),
                Decimal(0),
            )
            if tryckt != v:
                return False
    return True


def avrundningsnot(tabeller: list[Tabell]) -> str:
    """The one sentence a report prints when any of its tables does not add up as
    printed (empty when all do)."""
    from rapporter.texter import AVRUNDNING

    return AVRUNDNING if any(t.avrundningsdifferens for t in tabeller) else ""
