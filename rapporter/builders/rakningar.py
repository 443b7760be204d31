"""The statements: resultaträkning, balansräkning, kassaflödesanalys, driftredovisning
and the generated noter. Pure functions of an ``Underlag``."""

from dataclasses import dataclass
from decimal import Decimal

from rapporter import aggregering as agg
from rapporter.builders.grund import (
    Kolumn,
    Tabell,
    Tabellrad,
    bygg_tabell,
    summor_stammer,
)
from rapporter.builders.underlag import Underlag
from rapporter.definitioner import matchar, tolka_intervall
from rapporter.models import Rapportrad


@dataclass(frozen=True)
class Kol:
    """A statement column: a label and the name of a period (or budget) in the Underlag."""

    namn: str
    period: str = ""
    budget: str = ""
    fasta: tuple = ()  # ((radkod, presented öre), ...) overrides (prognos)


def _kolumn(u: Underlag, kol: Kol, resultat_visat: dict | None = None) -> Kolumn:
    if kol.budget:
        per_konto = u.budget_konto.get(kol.budget, {})
        resultat = -sum(v for k, v in per_konto.items() if u.konton[k].ar_resultatkonto)
    else:
        saldon = u.saldon[kol.period]
        per_konto = saldon.total
        resultat = u.arets_resultat(saldon)
    return Kolumn(
        namn=kol.namn,
        per_konto=per_konto,
        arets_resultat=resultat,
        arets_resultat_visat=(resultat_visat or {}).get(kol.period),
        fasta=dict(kol.fasta),
    )


def resultatrakning(
    u: Underlag,
    kolumner: list[Kol],
    *,
    avvikelse: tuple[int, int] | None = None,
    titel: str = "Resultaträkning",
) -> Tabell:
    """``avvikelse=(i, j)`` appends column i − j (utfall − budget)."""
    tabell = bygg_tabell(
        titel=titel,
        rader=u.rr,
        konton={k: v for k, v in u.konton.items() if v.ar_resultatkonto},
        kolumner=[_kolumn(u, k) for k in kolumner],
        enhet=u.enhet,
        summera_avrundade=u.summera_avrundade,
        nyckel="resultatrakning",
    )
    if avvikelse is not None:
        i, j = avvikelse
        tabell.kolumner.append("Avvikelse")
        for rad in tabell.rader:
            if rad.belopp[i] is None:
                rad.belopp.append(None)
                rad.visat.append(None)
            else:
                rad.belopp.append(rad.belopp[i] - rad.belopp[j])
                rad.visat.append(rad.visat[i] - rad.visat[j])
    return tabell


def har_resultat(u: Underlag, period: str) -> bool:
    """Whether the period has any amount on a result account (a column of its result
    means something)."""
    return any(v and u.konton[k].ar_resultatkonto for k, v in u.saldon[period].total.items())


def tom_resultatcell(tabell: Tabell, kolumn: int) -> None:
    """Blank (printed "–") the årets-resultat line of one balance-sheet column whose result
    is not known (a previous year known only from this year's IB voucher, where that
    result already sits inside eget kapital)."""
    for rad in tabell.rader:
        if rad.typ == Rapportrad.Typ.RESULTAT:
            rad.belopp[kolumn] = None
            rad.visat[kolumn] = None


def arets_resultat_rad(rr: Tabell) -> Tabellrad:
    """The resultaträkning's bottom line: its last subtotal, or (a definition without
    subtotals) the sum of its account lines."""
    summor = [r for r in rr.rader if r.typ == Rapportrad.Typ.SUMMA]
    if summor:
        return summor[-1]
    konton = [r for r in rr.rader if r.typ == Rapportrad.Typ.KONTON]
    n = len(rr.kolumner)
    return Tabellrad(
        "AR",
        "Årets resultat",
        "summa",
        [sum(r.belopp[i] or 0 for r in konton) for i in range(n)],
        [sum((r.visat[i] or Decimal(0) for r in konton), Decimal(0)) for i in range(n)],
    )


def balansrakning(
    u: Underlag, kolumner: list[Kol], *, rr: Tabell | None = None, rr_kolumner: list[int] = ()
) -> Tabell:
    """Balances at the columns' end dates. With ``rr`` the årets-resultat line prints the
    resultaträkning's figure (matters when sums follow the printed figures)."""
    resultat_visat = {}
    if rr is not None:
        slut = arets_resultat_rad(rr)
        for kol, i in zip(kolumner, rr_kolumner, strict=False):
            resultat_visat[kol.period] = slut.visat[i]
    return bygg_tabell(
        titel="Balansräkning",
        rader=u.br,
        konton={k: v for k, v in u.konton.items() if not v.ar_resultatkonto},
        kolumner=[_kolumn(u, k, resultat_visat) for k in kolumner],
        enhet=u.enhet,
        summera_avrundade=u.summera_avrundade,
        nyckel="balansrakning",
    )


# --- kassaflödesanalys -------------------------------------------------------------------

KF_GRUPPER = {
    "avskrivningar": "78",
    "anlaggning": "10-13",
    "fordringar": "14-17",
    "placeringar": "18",
    "eget_kapital": "20-21",
    "avsattningar": "22",
    "langfristiga": "23",
    "kortfristiga": "24-29",
}


@dataclass(frozen=True)
class Kassaflodesavstamning:
    kassaflode: int
    forandring_likvida: int

    @property
    def stammer(self) -> bool:
        return self.kassaflode == self.forandring_likvida


def _kassaflode_kolumn(u: Underlag, saldon: agg.Saldon) -> dict[str, int]:
    likvida = tolka_intervall(u.installning.likvida_konton or "19")
    grupper = {g: tolka_intervall(t) for g, t in KF_GRUPPER.items()}
    d = dict.fromkeys(list(KF_GRUPPER) + ["ovriga", "likvida", "likvida_ib"], 0)
    for konto_id in saldon.total:
        konto = u.konton[konto_id]
        if konto.ar_resultatkonto:
            if matchar(konto.nummer, grupper["avskrivningar"]):
                d["avskrivningar"] += saldon.rorelse(konto_id)
            continue
        delta = saldon.rorelse(konto_id)  # change during the year, IB voucher excluded
        if matchar(konto.nummer, likvida):
            d["likvida"] += delta
            d["likvida_ib"] += saldon.ib.get(konto_id, 0)
            continue
        grupp = next(
            (g for g, iv in grupper.items() if g != "avskrivningar" and matchar(konto.nummer, iv)),
            "ovriga",
        )
        d[grupp] += delta
    resultat = u.arets_resultat(saldon)
    rader = {
        "AR": resultat,
        "AVS": d["avskrivningar"],
        "AVSA": -d["avsattningar"],
        "FO": -d["fordringar"],
        "KP": -d["placeringar"],
        "KS": -d["kortfristiga"],
        "OV": -d["ovriga"],
    }
    rader["LV"] = sum(rader.values())
    rader["INV"] = -d["anlaggning"] - d["avskrivningar"]
    rader["FIN"] = -d["langfristiga"] - d["eget_kapital"]
    rader["KF"] = rader["LV"] + rader["INV"] + rader["FIN"]
    rader["LMB"] = d["likvida_ib"]
    rader["LMS"] = d["likvida_ib"] + d["likvida"]
    rader["_delta"] = d["likvida"]
    return rader


KF_RADER = [
    ("RL", "Den löpande verksamheten", "rubrik"),
    ("AR", "Årets resultat", "post"),
    ("AVS", "Justering för av- och nedskrivningar", "post"),
    ("AVSA", "Justering för gjorda avsättningar", "post"),
    ("FO", "Ökning (−) / minskning (+) av kortfristiga fordringar", "post"),
    ("KP", "Ökning (−) / minskning (+) av kortfristiga placeringar", "post"),
    ("KS", "Ökning (+) / minskning (−) av kortfristiga skulder", "post"),
    ("OV", "Övriga balansposter", "post"),
    ("LV", "Kassaflöde från den löpande verksamheten", "summa"),
    ("INV", "Kassaflöde från investeringsverksamheten", "post"),
    ("FIN", "Kassaflöde från finansieringsverksamheten", "post"),
    ("KF", "Årets kassaflöde", "summa"),
    ("LMB", "Likvida medel vid periodens början", "post"),
    ("LMS", "Likvida medel vid periodens slut", "post"),
]


def kassaflodesanalys(
    u: Underlag, kolumner: list[Kol]
) -> tuple[Tabell, list[Kassaflodesavstamning]]:
    """Indirect method. Every balance account that is not likvida medel lands in exactly
    one line, so the year's kassaflöde equals the change in likvida medel to the öre."""
    data = [_kassaflode_kolumn(u, u.saldon[k.period]) for k in kolumner]
    enhet = u.enhet
    rader = []
    for kod, rubrik, typ in KF_RADER:
        if typ == "rubrik":
            rader.append(Tabellrad(kod, rubrik, typ, [None] * len(data), [None] * len(data)))
            continue
        belopp = [d[kod] for d in data]
        if typ == "post" and kod not in ("AR", "LMB", "LMS") and not any(belopp):
            continue
        rader.append(Tabellrad(kod, rubrik, typ, belopp, [enhet.visa(b) for b in belopp]))
    if u.summera_avrundade:
        # Printed sums add up the printed lines; the balances stay as in the balansräkning.
        vis = {r.kod: r.visat for r in rader}
        nollor = [Decimal(0)] * len(data)
        for i in range(len(data)):
            lv = sum(vis.get(k, nollor)[i] for k in ("AR", "AVS", "AVSA", "FO", "KP", "KS", "OV"))
            kf = lv + vis.get("INV", nollor)[i] + vis.get("FIN", nollor)[i]
            for r in rader:
                if r.kod == "LV":
                    r.visat[i] = lv
                if r.kod == "KF":
                    r.visat[i] = kf
    tabell = Tabell(
        "Kassaflödesanalys", [k.namn for k in kolumner], rader, enhet, nyckel="kassaflodesanalys"
    )
    lv = [(1, k) for k in ("AR", "AVS", "AVSA", "FO", "KP", "KS", "OV")]
    tabell.avrundningsdifferens = not summor_stammer(
        tabell,
        {
            "LV": lv,
            "KF": [(1, "LV"), (1, "INV"), (1, "FIN")],
            "LMS": [(1, "LMB"), (1, "KF")],
        },
    )
    avstamning = [Kassaflodesavstamning(d["KF"], d["_delta"]) for d in data]
    return tabell, avstamning


# --- driftredovisning --------------------------------------------------------------------


def driftredovisning(u: Underlag, *, period: str, budget: str) -> Tabell:
    """Utfall, budget and avvikelse per budget post: intäkter and administration per
    account (rows without an insats object) and per insats (dimension-6 objects)."""
    enhet = u.enhet
    utfall = u.resultatkonton(u.saldon[period])
    per_objekt = {k: v for k, v in u.per_objekt.get(period, {}).items() if k[1] in u.insatser}
    budget_konto = u.budget_konto.get(budget, {})
    budget_objekt = {
        k: v for k, v in u.budget_objekt.get(budget, {}).items() if k[1] in u.insatser
    }

    def utan_objekt(per_konto: dict[int, int], per_obj: dict) -> dict[int, int]:
        rest = {k: v for k, v in per_konto.items() if u.konton[k].ar_resultatkonto}
        for (konto_id, _), b in per_obj.items():
            if konto_id in rest:
                rest[konto_id] -= b
        return rest

    adm_utfall = utan_objekt(utfall, per_objekt)
    adm_budget = utan_objekt(budget_konto, budget_objekt)
    rader: list[Tabellrad] = []

    med_budget = bool(budget_konto)

    def post(kod, rubrik, u_ore, b_ore, typ="post"):
        b = [u_ore, b_ore, u_ore - b_ore] if med_budget else [u_ore]
        rader.append(Tabellrad(kod, rubrik, typ, b, [enhet.visa(x) for x in b]))

    def rubrik(kod, text):
        n = 3 if med_budget else 1
        rader.append(Tabellrad(kod, text, "rubrik", [None] * n, [None] * n))

    summor = {"I": [0, 0], "K": [0, 0]}
    for typ, text in (("I", "Intäkter"), ("K", "Administration")):
        rubrik(f"r{typ}", text)
        ids = sorted(
            {k for k in list(adm_utfall) + list(adm_budget) if u.konton[k].typ == typ},
            key=lambda k: u.konton[k].nummer,
        )
        for k in ids:
            a, b = -adm_utfall.get(k, 0), -adm_budget.get(k, 0)
            if a or b:
                post(f"k{u.konton[k].nummer}", u.konton[k].namn, a, b)
                summor[typ][0] += a
                summor[typ][1] += b
        post(f"s{typ}", f"Summa {text.lower()}", *summor[typ], typ="summa")
    rubrik("rX", "Insatser")
    ins = [0, 0]
    for objekt_id in sorted(u.insatser, key=lambda o: u.insatser[o]):
        a = -sum(
            v
            for (k, o), v in per_objekt.items()
            if o == objekt_id and u.konton[k].ar_resultatkonto
        )
        b = -sum(
            v
            for (k, o), v in budget_objekt.items()
            if o == objekt_id and u.konton[k].ar_resultatkonto
        )
        if a or b:
            post(f"o{objekt_id}", u.insatser[objekt_id], a, b)
            ins[0] += a
            ins[1] += b
    post("sX", "Summa insatser", *ins, typ="summa")
    total = [summor["I"][i] + summor["K"][i] + ins[i] for i in range(2)]
    post("AR", "Årets resultat", *total, typ="summa")
    if u.summera_avrundade:
        vis = {r.kod: r.visat for r in rader}
        for r in rader:
            if r.kod == "AR":
                r.visat = [vis["sI"][i] + vis["sK"][i] + vis["sX"][i] for i in range(len(r.visat))]
    tabell = Tabell(
        "Driftredovisning",
        ["Utfall", "Budget", "Avvikelse"] if med_budget else ["Utfall"],
        rader,
        enhet,
        nyckel="driftredovisning",
    )
    delar: dict[str, list[str]] = {"sI": [], "sK": [], "sX": []}
    grupp = ""
    for r in rader:
        if r.typ == "rubrik":
            grupp = {"rI": "sI", "rK": "sK", "rX": "sX"}.get(r.kod, "")
        elif r.typ == "post" and grupp:
            delar[grupp].append(r.kod)
    summor = {k: [(1, x) for x in v] for k, v in delar.items()}
    summor["AR"] = [(1, "sI"), (1, "sK"), (1, "sX")]
    avvikelse_stammer = not med_budget or all(
        r.visat[2] == r.visat[0] - r.visat[1] for r in rader if r.visat[0] is not None
    )
    tabell.avrundningsdifferens = not (summor_stammer(tabell, summor) and avvikelse_stammer)
    return tabell
