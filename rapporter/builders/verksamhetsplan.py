"""Verksamhetsplan med budget: the budget for the year and prognoses for the two
following, with the accumulated capital."""

import datetime
from dataclasses import dataclass, field

from forbund import selectors as reg
from forbund.models import Forbund
from insatser.selectors.rapport import beviljade_medel_for_ar
from rapporter.builders.grund import Enhet, Tabell, Tabellrad, avrundningsnot, summor_stammer
from rapporter.builders.kapital import eget_kapital, eget_kapital_direkt, ingaende_eget_kapital
from rapporter.builders.sektioner import (
    Organisation,
    ar_period,
    avsnitt_dict,
    avsnitt_for,
    figurer,
    figurer_alla,
    fingeravtryck,
    forbundsmal_dict,
    forbundsmal_for,
    organisation_for,
)
from rapporter.builders.underlag import hamta_underlag
from rapporter.definitioner import matchar
from rapporter.models import Rapporttyp


@dataclass
class Verksamhetsplan:
    forbund: Forbund
    ar: int
    tabell: Tabell
    kapital: Tabell
    versioner: list[str]
    ingaende_kalla: str = "bokföringen"
    typ: str = Rapporttyp.VERKSAMHETSPLAN
    jamforelse: frozenset = frozenset()  # headings of comparison columns
    faststallelse: object = None  # rapporter.faststallelse.Faststallelse once approved
    logotyp: str = ""  # the cover logo as a data: URI (never fetched from outside)
    titel: str = "Verksamhetsplan med budget"
    avsnitt: list = field(default_factory=list)
    organisation: Organisation | None = None
    beviljade: list = field(default_factory=list)  # BeviljadeMedel of the year (öre)
    bidragsar: object = None  # the year's Bidragsar (state allocation and keys), if any
    medlemsbidrag: list = field(default_factory=list)  # [(Medlem, kr)] as computed
    forbundsmal: object = None  # insatser.selectors.forbundsmal.Maluppfoljning, if printed

    @property
    def saknas_nycklar(self) -> dict:
        """Register facts the plan's generated sections lack: the year's goals. Shown as
        "Uppgift saknas" in the section; a plan has no fastställ check for them."""
        from rapporter.builders.saknas import mal_saknas

        if self.forbundsmal is None:
            return {}
        return {
            s.nyckel: s
            for s in mal_saknas(forbund=self.forbund, uppfoljning=self.forbundsmal, undantag={})
        }

    @property
    def kapitel(self) -> list:
        """The contents list: each section is a chapter (``[(nr, id, rubrik, None)]``)."""
        return [(a.nr, f"avsnitt-{a.nyckel}", a.rubrik, None) for a in self.avsnitt]

    @property
    def beviljat_totalt(self) -> int:
        """Sum of the year's granted funds (öre)."""
        return sum(m.belopp for m in self.beviljade)

    @property
    def tabeller(self) -> list[Tabell]:
        return [self.tabell, self.kapital]

    @property
    def avrundning(self) -> str:
        """The one sentence on rounding differences, or "" when every table adds up."""
        return avrundningsnot(self.tabeller)

    @property
    def fingeravtryck(self) -> str:
        """SHA-256 of the figures of the report's own periods (see ``figurer``)."""
        return fingeravtryck(figurer(self.tabeller, self.jamforelse))

    @property
    def fingeravtryck_tidigare(self) -> str:
        """The fingerprint as computed before it left out comparison columns."""
        return fingeravtryck(figurer_alla(self.tabeller))

    def som_dict(self) -> dict:
        return {
            "rapport": self.typ,
            "forbund": {"namn": self.forbund.namn, "orgnr": self.forbund.orgnr},
            "ar": self.ar,
            "versioner": self.versioner,
            "ingaende_kapital_enligt": self.ingaende_kalla,
            "fingeravtryck": self.fingeravtryck,
            "budget": self.tabell.som_dict(),
            "kapital": self.kapital.som_dict(),
            "beviljade_medel": [
                {"insats": m.insats.namn, "belopp": m.belopp, "beslut": str(m.beslut)}
                for m in self.beviljade
            ],
            "medlemsbidrag": [{"medlem": m.namn, "kr": kr} for m, kr in self.medlemsbidrag],
            "avrundning": self.avrundning or None,
            "forbundsmal": forbundsmal_dict(self.forbundsmal),
            **avsnitt_dict(self.avsnitt),
        }


def bygg_verksamhetsplan(
    *, forbund: Forbund, ar: int, idag: datetime.date | None = None
) -> Verksamhetsplan:
    """Budget for ``ar`` and prognos versions for the two following years.

    The opening capital is eget kapital at the end of the previous year from the ledger; a
    plan made before that year has ended (the budget is set by 30 November) uses the
    previous year's opening capital plus its forecast result instead (its prognos version,
    else its budget) and the amounts already booked straight to eget kapital that year,
    when there is a forecast."""
    from django.utils import timezone

    idag = idag or timezone.localdate()
    u = hamta_underlag(
        forbund=forbund,
        perioder={"fg": ar_period(ar - 1)},
        budgetar={
            "b0": (ar, "budget"),
            "b1": (ar + 1, "prognos"),
            "b2": (ar + 2, "prognos"),
            "fgp": (ar - 1, "prognos"),
            "fgb": (ar - 1, "budget"),
        },
    )
    nycklar = ["b0", "b1", "b2"]
    enhet = Enhet("kr")
    n = len(nycklar)
    rader: list[Tabellrad] = []

    def post(kod, rubrik, belopp, typ="post"):
        rader.append(Tabellrad(kod, rubrik, typ, list(belopp), [enhet.visa(b) for b in belopp]))

    def rubrik(kod, text):
        rader.append(Tabellrad(kod, text, "rubrik", [None] * n, [None] * n))

    def kontosumma(nyckel, ids):
        return -sum(u.budget_konto[nyckel].get(k, 0) for k in ids)

    resultatkonton = [k for k, v in u.konton.items() if v.ar_resultatkonto]
    anvanda = set()
    rubrik("rI", "Intäkter")
    intakter = [0] * n
    for m in u.medlemmar:
        if not m.konton:
            continue
        ids = [
            k
            for k in resultatkonton
            if matchar(u.konton[k].nummer, list(m.konton)) and k not in anvanda
        ]
        anvanda.update(ids)
        belopp = [kontosumma(x, ids) for x in nycklar]
        if any(belopp):
            post(f"m{len(rader)}", m.namn, belopp)
            intakter = [a + b for a, b in zip(intakter, belopp, strict=True)]
    for k in sorted(resultatkonton, key=lambda k: u.konton[k].nummer):
        if k in anvanda or u.konton[k].typ != "I":
            continue
        belopp = [kontosumma(x, [k]) for x in nycklar]
        if any(belopp):
            anvanda.add(k)
            post(f"k{u.konton[k].nummer}", u.konton[k].namn, belopp)
            intakter = [a + b for a, b in zip(intakter, belopp, strict=True)]
    post("SI", "Summa intäkter", intakter, "summa")
    rubrik("rK", "Kostnader")
    rubrik("rA", "Administrativa kostnader")
    kostnader = [0] * n
    objektsummor = {x: {} for x in nycklar}
    for x in nycklar:
        for (k, o), b in u.budget_objekt[x].items():
            if o in u.insatser:
                objektsummor[x][k] = objektsummor[x].get(k, 0) + b
    for k in sorted(resultatkonton, key=lambda k: u.konton[k].nummer):
        if k in anvanda:
            continue
        belopp = [-(u.budget_konto[x].get(k, 0) - objektsummor[x].get(k, 0)) for x in nycklar]
        if any(belopp):
            post(f"k{u.konton[k].nummer}", u.konton[k].namn, belopp)
            kostnader = [a + b for a, b in zip(kostnader, belopp, strict=True)]
    rubrik("rX", "Insatser")
    for o in sorted(u.insatser, key=lambda o: u.insatser[o]):
        belopp = [-sum(b for (k, oo), b in u.budget_objekt[x].items() if oo == o) for x in nycklar]
        if any(belopp):
            post(f"o{o}", u.insatser[o], belopp)
            kostnader = [a + b for a, b in zip(kostnader, belopp, strict=True)]
    post("SK", "Summa kostnader", kostnader, "summa")
    resultat = [a + b for a, b in zip(intakter, kostnader, strict=True)]
    post("AR", "Årets resultat", resultat, "summa")
    kolumner = [str(ar), f"{ar + 1} (prognos)", f"{ar + 2} (prognos)"]
    tabell = Tabell("Budget", kolumner, rader, enhet, nyckel="budget")
    # The rounding rule (issue 13.8): totals are the exact sums rounded to whole kronor;
    # a budget with öre may then print rows that do not add up, and the plan says so once.
    delar: dict[str, list[tuple[int, str]]] = {"SI": [], "SK": []}
    summa = "SI"
    for r in rader:
        if r.kod == "rK":
            summa = "SK"
        elif r.typ == "post":
            delar[summa].append((1, r.kod))
    delar["AR"] = [(1, "SI"), (1, "SK")]
    tabell.avrundningsdifferens = not summor_stammer(tabell, delar)
    ingaende = eget_kapital(u, "fg")
    ingaende_kalla = "bokföringen"
    if idag <= datetime.date(ar - 1, 12, 31):
        prognos = u.budget_konto.get("fgp") or u.budget_konto.get("fgb")
        if prognos:
            # Opening capital, plus what has already been booked straight to eget kapital
            # this year (capital from a predecessor, contributions to eget kapital), plus
            # the forecast result.
            ingaende = (
                ingaende_eget_kapital(u, "fg")
                + eget_kapital_direkt(u, "fg")
                - sum(v for k, v in prognos.items() if u.konton[k].ar_resultatkonto)
            )
            ingaende_kalla = u.budget_namn.get("fgp") or u.budget_namn.get("fgb")
    ib, ub = [], []
    for r in resultat:
        ib.append(ingaende)
        ingaende += r
        ub.append(ingaende)
    kapital = Tabell(
        "Ackumulerat kapital",
        kolumner,
        [
            Tabellrad(
                "IB", "Ingående ackumulerat kapital", "post", ib, [enhet.visa(b) for b in ib]
            ),
            Tabellrad("AR", "Årets resultat", "post", resultat, [enhet.visa(b) for b in resultat]),
            Tabellrad(
                "UB", "Utgående ackumulerat kapital", "summa", ub, [enhet.visa(b) for b in ub]
            ),
        ],
        enhet,
        nyckel="kapital",
    )
    kapital.avrundningsdifferens = not summor_stammer(kapital, {"UB": [(1, "IB"), (1, "AR")]})
    avsnitt = avsnitt_for(forbund, Rapporttyp.VERKSAMHETSPLAN, ar)
    return Verksamhetsplan(
        logotyp=u.installning.logotyp_data_uri,
        forbund=forbund,
        ar=ar,
        tabell=tabell,
        kapital=kapital,
        versioner=[u.budget_namn.get(x, "") for x in nycklar],
        ingaende_kalla=ingaende_kalla,
        avsnitt=avsnitt,
        forbundsmal=forbundsmal_for(forbund, avsnitt, "mal", ar, None),
        organisation=organisation_for(forbund, *ar_period(ar)),
        beviljade=beviljade_medel_for_ar(forbund=forbund, ar=ar),
        bidragsar=forbund.bidragsar.filter(ar=ar).first(),
        medlemsbidrag=reg.medlemsbidrag_for_ar(forbund=forbund, ar=ar),
    )
