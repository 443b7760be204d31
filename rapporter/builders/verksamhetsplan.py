"""Verksamhetsplan med budget: the budget for the year and prognoses for the two
following, with the accumulated capital."""

import datetime
from dataclasses import dataclass, field

from forbund import selectors as reg
from forbund.models import Forbund
from insatser.selectors.rapport import beviljade_medel_for_ar
from rapporter.builders.grund import Enhet, Tabell, Tabellrad, avrundningsnot, summor_stammer
from rapporter.builders.kapital import eget_kapital, eget_kapital_direkt, ingaende_eget_kapital
from rapporter.builders.saknas import Saknas, oppna, saknas_i_rapport, undantag_for
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
    saknas: list = field(default_factory=list)  # Saknas: register facts not entered
    har_budget: list = field(default_factory=list)  # per column: a version exists

    @property
    def saknas_oppna(self) -> list[Saknas]:
        return oppna(self.saknas)

    @property
    def saknas_nycklar(self) -> dict[str, Saknas]:
        """The plan's missing facts by key, with the year's goals (shown as "Uppgift
        saknas" in their section; a plan's fastställ does not ask for them)."""
        from rapporter.builders.saknas import mal_saknas

        ut = {s.nyckel: s for s in self.saknas}
        if self.forbundsmal is not None:
            for s in mal_saknas(forbund=self.forbund, uppfoljning=self.forbundsmal, undantag={}):
                ut.setdefault(s.nyckel, s)
        return ut

    @property
    def nagon_budget(self) -> bool:
        """True when the budget or a prognos version exists for any of the three years."""
        return any(self.har_budget)

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
            "uppgift_saknas": [{"nyckel": s.nyckel, "text": s.text} for s in self.saknas],
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
    when there is a forecast.

    Nothing missing is printed as 0 (issue 13.2): a year without its budget or prognos
    version prints "–" in its column (and the capital plan from that year on), headings
    with no line under them are left out, and ``saknas`` lists the budget, the prognoses,
    the opening capital (no books for the year before and no forecast), the members'
    contributions, the förbundsordning, styrelse, kansli and texts that are missing, so
    fastställ refuses until they are entered or marked "ej tillämpligt"."""
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
    har = [bool(u.budget_konto.get(x)) for x in nycklar]
    enhet = Enhet("kr")
    n = len(nycklar)
    rader: list[Tabellrad] = []

    def post(kod, rubrik, belopp, typ="post"):
        belopp = [b if h else None for b, h in zip(belopp, har, strict=True)]
        rader.append(Tabellrad(kod, rubrik, typ, belopp, [enhet.visa(b) for b in belopp]))

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
    # Each budget's sum per object, once (not once per insats).
    per_objekt = {x: {} for x in nycklar}
    for x in nycklar:
        for (_k, o), b in u.budget_objekt[x].items():
            per_objekt[x][o] = per_objekt[x].get(o, 0) + b
    for o in sorted(u.insatser, key=lambda o: u.insatser[o]):
        belopp = [-per_objekt[x].get(o, 0) for x in nycklar]
        if any(belopp):
            post(f"o{o}", u.insatser[o], belopp)
            kostnader = [a + b for a, b in zip(kostnader, belopp, strict=True)]
    post("SK", "Summa kostnader", kostnader, "summa")
    resultat = [a + b for a, b in zip(intakter, kostnader, strict=True)]
    post("AR", "Årets resultat", resultat, "summa")
    kolumner = [str(ar), f"{ar + 1} (prognos)", f"{ar + 2} (prognos)"]
    tabell = Tabell("Budget", kolumner, utan_tomma_rubriker(rader), enhet, nyckel="budget")
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
    bok_fg = any(u.saldon["fg"].total.values()) or any(u.saldon["fg"].ib.values())
    ingaende = eget_kapital(u, "fg") if bok_fg else None
    ingaende_kalla = "bokföringen" if bok_fg else ""
    if bok_fg and idag <= datetime.date(ar - 1, 12, 31):
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
    kand_ingaende = ingaende is not None
    ib, ub, resultat = [], [], [r if h else None for r, h in zip(resultat, har, strict=True)]
    for r in resultat:
        ib.append(ingaende)
        ingaende = None if ingaende is None or r is None else ingaende + r
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
    org = organisation_for(forbund, *ar_period(ar), medlemmar=u.medlem_register)
    medlemsbidrag = reg.medlemsbidrag_for_ar(forbund=forbund, ar=ar)
    ovriga = []
    if not (har[1] and har[2]):
        saknade = " och ".join(str(ar + i) for i in (1, 2) if not har[i])
        ovriga.append(("prognos", f"budgetprognos för {saknade}", "ekonomi:budget-list", {}))
    if not kand_ingaende:
        ovriga.append(
            (
                "ingaende_kapital",
                f"eget kapital vid ingången av {ar} (bokföring eller prognos för {ar - 1})",
                "ekonomi:budget-list",
                {},
            )
        )
    if not medlemsbidrag:
        ovriga.append(
            (
                "medlemsbidrag",
                f"medlemsbidragen och fördelningsnyckeln för {ar}",
                "forbund:bidrag-list",
                {},
            )
        )
    return Verksamhetsplan(
        saknas=saknas_i_rapport(
            forbund=forbund,
            rapport=Rapporttyp.VERKSAMHETSPLAN,
            ar=ar,
            organisation=org,
            har_budget=har[0],
            berattelse=[(a.nyckel, a.rubrik, a.text) for a in avsnitt],
            undantag=undantag_for(forbund=forbund, rapport=Rapporttyp.VERKSAMHETSPLAN, ar=ar),
            avsnitt={a.nyckel for a in avsnitt},
            ovriga=ovriga,
        ),
        har_budget=har,
        logotyp=u.installning.logotyp_data_uri,
        forbund=forbund,
        ar=ar,
        tabell=tabell,
        kapital=kapital,
        versioner=[u.budget_namn.get(x, "") for x in nycklar],
        ingaende_kalla=ingaende_kalla,
        avsnitt=avsnitt,
        forbundsmal=forbundsmal_for(forbund, avsnitt, "mal", ar, None),
        organisation=org,
        beviljade=beviljade_medel_for_ar(forbund=forbund, ar=ar),
        bidragsar=forbund.bidragsar.filter(ar=ar).first(),
        medlemsbidrag=medlemsbidrag,
    )


def utan_tomma_rubriker(rader: list[Tabellrad]) -> list[Tabellrad]:
    """The rows without a heading that has no line under it (before the next heading of
    the same level or a sum): "Administrativa kostnader" with nothing budgeted is left
    out, and "Kostnader" too when neither of its subheadings remains."""
    ut: list[Tabellrad] = []
    for r in reversed(rader):
        if r.typ == "rubrik":
            foljande = ut[-1] if ut else None
            if foljande is None or foljande.typ == "summa":
                continue
            if foljande.typ == "rubrik" and r.kod != "rK":
                continue
        ut.append(r)
    return list(reversed(ut))
