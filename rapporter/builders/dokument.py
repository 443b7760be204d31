"""The three reports: årsredovisning, delårsrapport, verksamhetsplan med budget. Each
``bygg_*`` fetches one Underlag (fixed query count) plus the registers, and returns a
dataclass that the one template per report renders to HTML and PDF, and ``som_dict`` to
JSON."""

import calendar
import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError

from forbund import selectors as reg
from forbund.models import Forbund, Styrelseuppdrag
from insatser.selectors import insatser_rapport
from rapporter import aggregering as agg
from rapporter.builders.grund import Enhet, Tabell, Tabellrad
from rapporter.builders.rakningar import (
    KF_GRUPPER,
    Kassaflodesavstamning,
    Kol,
    Not,
    arets_resultat_rad,
    balansrakning,
    driftredovisning,
    kassaflodesanalys,
    noter,
    resultatrakning,
)
from rapporter.builders.underlag import Underlag, hamta_underlag
from rapporter.definitioner import Kontroll, kontrollera, matchar, tolka_intervall
from rapporter.models import Berattelseavsnitt, Prognosjustering, Rapporttyp


def _ar(ar: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)


def _samma_dag_fg_ar(d: datetime.date) -> datetime.date:
    dag = min(d.day, calendar.monthrange(d.year - 1, d.month)[1])
    return datetime.date(d.year - 1, d.month, dag)


def fingeravtryck(figurer: dict) -> str:
    """SHA-256 of the report's figures (öre), so a later change to the books shows."""
    data = json.dumps(figurer, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def _figurer(tabeller: list[Tabell]) -> dict:
    return {t.nyckel or t.titel: [[r.kod, r.belopp] for r in t.rader] for t in tabeller}


def _kontroll(u: Underlag, *perioder: str) -> Kontroll:
    belopp = {k for p in perioder for k, v in u.saldon[p].total.items() if v}
    return kontrollera(rr=u.rr, br=u.br, konton=u.konton, belopp=belopp)


def _berattelse(forbund: Forbund, rapport: str, ar: int) -> list[tuple[str, str, str]]:
    texter = {
        a.nyckel: a.text
        for a in Berattelseavsnitt.objects.filter(forbund=forbund, rapport=rapport, ar=ar)
    }
    return [(n.value, n.label, texter.get(n.value, "")) for n in Berattelseavsnitt.Nyckel]


@dataclass
class Organisation:
    medlemmar: list
    styrelse: list  # (medlem, [ledamöter], [ersättare]) over the period, incl. changes
    byten: list
    sammantraden: list
    beslut: list
    revisorer: list
    kansli: list


def _organisation(forbund: Forbund, fran: datetime.date, till: datetime.date) -> Organisation:
    per_medlem: dict = {}
    for u in reg.styrelse_under(forbund=forbund, fran=fran, till=till):
        post = per_medlem.setdefault(u.medlem_id, (u.medlem, [], []))
        (post[1] if u.typ == Styrelseuppdrag.Typ.LEDAMOT else post[2]).append(u)
    return Organisation(
        medlemmar=list(reg.medlemmar_under(forbund=forbund, fran=fran, till=till)),
        styrelse=list(per_medlem.values()),
        byten=reg.styrelsebyten(forbund=forbund, fran=fran, till=till),
        sammantraden=list(reg.sammantraden_under(forbund=forbund, fran=fran, till=till)),
        beslut=list(reg.viktiga_beslut_under(forbund=forbund, fran=fran, till=till)),
        revisorer=list(reg.revisorer_under(forbund=forbund, fran=fran, till=till)),
        kansli=list(reg.kansli_under(forbund=forbund, fran=fran, till=till)),
    )


def _medlemsbidrag(u: Underlag, per_konto: dict[int, int]) -> int:
    """Presented (positive) contributions booked on the members' revenue accounts."""
    intervall = [iv for m in u.medlemmar for iv in m.konton]
    return -sum(
        v
        for k, v in per_konto.items()
        if u.konton[k].ar_resultatkonto and intervall and matchar(u.konton[k].nummer, intervall)
    )


def _eget_kapital(u: Underlag, period: str) -> int:
    """Presented eget kapital at the period's end: EK accounts plus the computed result."""
    ek = tolka_intervall(KF_GRUPPER["eget_kapital"])
    s = u.saldon[period]
    return -sum(
        v
        for k, v in s.total.items()
        if not u.konton[k].ar_resultatkonto and matchar(u.konton[k].nummer, ek)
    ) + u.arets_resultat(s)


def _ingaende_eget_kapital(u: Underlag, period: str) -> int:
    ek = tolka_intervall(KF_GRUPPER["eget_kapital"])
    s = u.saldon[period]
    return -sum(
        v
        for k, v in s.ib.items()
        if not u.konton[k].ar_resultatkonto and matchar(u.konton[k].nummer, ek)
    )


@dataclass
class Kapitaltak:
    bidrag: int
    eget_kapital: int
    procent: Decimal
    tak: int

    @property
    def marginal(self) -> int:
        return self.tak - self.eget_kapital

    @property
    def overskridet(self) -> bool:
        return self.eget_kapital > self.tak

    @property
    def over_taket(self) -> int:
        """How much the eget kapital exceeds the ceiling (0 when it does not)."""
        return max(0, self.eget_kapital - self.tak)

    @property
    def andel(self) -> Decimal | None:
        if not self.bidrag:
            return None
        return (Decimal(self.eget_kapital) * 100 / self.bidrag).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )


def kapitaltak(*, trappa: list, bidrag: int, eget_kapital: int) -> Kapitaltak:
    """The recommended ceiling: the first step whose limit (kr) covers the contributions."""
    procent = Decimal(0)
    for grans, pct in trappa:
        procent = Decimal(str(pct))
        if grans is None or bidrag <= int(grans) * 100:
            break
    tak = int((Decimal(bidrag) * procent / 100).to_integral_value(ROUND_HALF_UP))
    return Kapitaltak(bidrag=bidrag, eget_kapital=eget_kapital, procent=procent, tak=tak)


@dataclass
class Ekonomi:
    resultat: int
    resultat_budget: int | None
    kostnader: int
    administration: int
    insatser: int
    tak: Kapitaltak

    def _pct(self, del_: int) -> Decimal | None:
        if not self.kostnader:
            return None
        return (Decimal(del_) * 100 / self.kostnader).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def administration_procent(self) -> Decimal | None:
        return self._pct(self.administration)

    @property
    def insatser_procent(self) -> Decimal | None:
        return self._pct(self.insatser)


def _ekonomi(u: Underlag, period: str, budget: str | None) -> Ekonomi:
    s = u.saldon[period]
    kostnader = sum(v for k, v in s.total.items() if u.konton[k].typ == "K")
    insatser = sum(
        v
        for (k, o), v in u.per_objekt.get(period, {}).items()
        if o in u.insatser and u.konton[k].typ == "K"
    )
    resultat_budget = None
    if budget and u.budget_konto.get(budget):
        resultat_budget = -sum(
            v for k, v in u.budget_konto[budget].items() if u.konton[k].ar_resultatkonto
        )
    return Ekonomi(
        resultat=u.arets_resultat(s),
        resultat_budget=resultat_budget,
        kostnader=kostnader,
        administration=kostnader - insatser,
        insatser=insatser,
        tak=kapitaltak(
            trappa=u.installning.kapitaltak or [],
            bidrag=_medlemsbidrag(u, s.total),
            eget_kapital=_eget_kapital(u, period),
        ),
    )


@dataclass
class Arsredovisning:
    forbund: Forbund
    ar: int
    fran: datetime.date
    till: datetime.date
    berattelse: list
    organisation: Organisation
    insatser_rapport: list
    ekonomi: Ekonomi
    resultatrakning: Tabell
    balansrakning: Tabell
    kassaflodesanalys: Tabell
    avstamning: list[Kassaflodesavstamning]
    driftredovisning: Tabell
    noter: list[Not]
    underskrifter: list
    kontroll: Kontroll
    typ: str = Rapporttyp.ARSREDOVISNING
    titel: str = "Årsredovisning"

    @property
    def tabeller(self) -> list[Tabell]:
        return [
            self.resultatrakning,
            self.balansrakning,
            self.kassaflodesanalys,
            self.driftredovisning,
        ] + [n.tabell for n in self.noter if n.tabell]

    @property
    def fingeravtryck(self) -> str:
        return fingeravtryck(_figurer(self.tabeller))

    def som_dict(self) -> dict:
        e = self.ekonomi
        return {
            "rapport": self.typ,
            "forbund": {"namn": self.forbund.namn, "orgnr": self.forbund.orgnr},
            "ar": self.ar,
            "period": [self.fran.isoformat(), self.till.isoformat()],
            "fingeravtryck": self.fingeravtryck,
            "kontroll": _kontroll_dict(self.kontroll),
            "ekonomi": {
                "arets_resultat": e.resultat,
                "budgeterat_resultat": e.resultat_budget,
                "kostnader": e.kostnader,
                "administration": e.administration,
                "insatser": e.insatser,
                "administration_procent": _s(e.administration_procent),
                "insatser_procent": _s(e.insatser_procent),
                "eget_kapital": e.tak.eget_kapital,
                "medlemsbidrag": e.tak.bidrag,
                "kapitaltak_procent": _s(e.tak.procent),
                "kapitaltak": e.tak.tak,
                "marginal": e.tak.marginal,
                "overskridet": e.tak.overskridet,
            },
            "resultatrakning": self.resultatrakning.som_dict(),
            "balansrakning": self.balansrakning.som_dict(),
            "kassaflodesanalys": self.kassaflodesanalys.som_dict(),
            "kassaflode_avstamning": [
                {"kassaflode": a.kassaflode, "forandring_likvida_medel": a.forandring_likvida}
                for a in self.avstamning
            ],
            "driftredovisning": self.driftredovisning.som_dict(),
            "noter": [n.som_dict() for n in self.noter],
            "berattelse": {k: t for k, _, t in self.berattelse},
        }


def _s(v) -> str | None:
    return None if v is None else str(v)


def _kontroll_dict(k: Kontroll) -> dict:
    return {
        "ok": k.ok,
        "konton_utan_rad": [f"{x.nummer} {x.namn}" for x in k.saknas],
        "konton_pa_flera_rader": [[f"{x.nummer} {x.namn}", koder] for x, koder in k.dubbla],
    }


def _fg_fran_ib(u: Underlag, fg: str, ar: str) -> bool:
    """Without any vouchers for the previous year (only this year imported), last year's
    closing balances are this year's IB voucher (UB(N-1) = IB(N)); its result is then
    already inside eget kapital. Returns True when this fallback is used."""
    if u.saldon[fg].total or not u.saldon[ar].ib:
        return False
    ib = {k: v for k, v in u.saldon[ar].ib.items() if not u.konton[k].ar_resultatkonto}
    u.saldon[fg] = agg.Saldon(total=dict(ib), ib=dict(ib))
    return True


def _enhet(u: Underlag, enhet: str | None) -> None:
    """A per-report choice of unit (``tkr1``, ``tkr0``, ``kr``) over the förbund's default."""
    if enhet in ("tkr1", "tkr0", "kr"):
        u.installning.enhet_rakningar = enhet


def bygg_arsredovisning(
    *,
    forbund: Forbund,
    ar: int,
    med_budget: bool = True,
    med_foregaende: bool = True,
    enhet: str | None = None,
) -> Arsredovisning:
    fran, till = _ar(ar)
    u = hamta_underlag(
        forbund=forbund,
        perioder={"ar": (fran, till), "fg": _ar(ar - 1)},
        objekt_perioder=("ar", "fg"),
        budgetar={"budget": (ar, "budget")},
    )
    _enhet(u, enhet)
    bara_ib = _fg_fran_ib(u, "fg", "ar")
    utfall, fg = Kol(str(ar), period="ar"), Kol(str(ar - 1), period="fg")
    rr_kol = [utfall] + ([fg] if med_foregaende else [])
    har_budget = med_budget and bool(u.budget_konto.get("budget"))
    if har_budget:
        rr_kol.append(Kol(f"Budget {ar}", budget="budget"))
    rr = resultatrakning(u, rr_kol, avvikelse=(0, len(rr_kol) - 1) if har_budget else None)
    br_kol = [Kol(f"{till.isoformat()}", period="ar")]
    if med_foregaende:
        br_kol.append(Kol(f"{ar - 1}-12-31", period="fg"))
    br = balansrakning(u, br_kol, rr=rr, rr_kolumner=[0, 1])
    kf, avst = kassaflodesanalys(u, [utfall] + ([fg] if med_foregaende and not bara_ib else []))
    not_rr_kol = [utfall] + ([fg] if med_foregaende else [])
    nt = noter(u, rr=rr, rr_kolumner=not_rr_kol, br=br, br_kolumner=br_kol)
    org = _organisation(forbund, fran, till)
    underskrifter = [
        s
        for s in reg.styrelse_pa_datum(forbund=forbund, datum=till)
        if s.typ == Styrelseuppdrag.Typ.LEDAMOT
    ]
    return Arsredovisning(
        forbund=forbund,
        ar=ar,
        fran=fran,
        till=till,
        berattelse=_berattelse(forbund, Rapporttyp.ARSREDOVISNING, ar),
        organisation=org,
        insatser_rapport=insatser_rapport(forbund=forbund, fran=fran, till=till),
        ekonomi=_ekonomi(u, "ar", "budget"),
        resultatrakning=rr,
        balansrakning=br,
        kassaflodesanalys=kf,
        avstamning=avst,
        driftredovisning=driftredovisning(u, period="ar", budget="budget"),
        noter=nt,
        underskrifter=underskrifter,
        kontroll=_kontroll(u, "ar", "fg"),
    )


# --- delårsrapport -----------------------------------------------------------------------


def manader_i_perioden(till: datetime.date) -> Fraction:
    dagar = calendar.monthrange(till.year, till.month)[1]
    return Fraction(till.month - 1) + Fraction(till.day, dagar)


def validera_delarsdatum(ar: int, till: datetime.date) -> None:
    if till.year != ar:
        raise ValidationError({"till": "Datumet ska ligga i rapportåret."})
    m = manader_i_perioden(till)
    if not Fraction(6) <= m <= Fraction(8):
        raise ValidationError(
            {
                "till": "En delårsrapport ska omfatta hälften till två tredjedelar av året "
                "(30 juni – 31 augusti)."
            }
        )


def extrapolera(ore: int, till: datetime.date) -> int:
    """The period's figure extrapolated to twelve months, rounded half up to the öre."""
    v = Fraction(ore) * 12 / manader_i_perioden(till)
    d = Decimal(v.numerator) / Decimal(v.denominator)
    return int(d.to_integral_value(ROUND_HALF_UP))


@dataclass
class Delarsrapport:
    forbund: Forbund
    ar: int
    fran: datetime.date
    till: datetime.date
    berattelse: list
    organisation: Organisation
    insatser_rapport: list
    resultatrakning: Tabell
    balansrakning: Tabell
    noter: list[Not]
    eget_kapital_ingaende: int
    eget_kapital_prognos: int
    eget_kapital_prognos_visat: Decimal
    enhet: Enhet
    underskrifter: list
    kontroll: Kontroll
    prognoser: list
    typ: str = Rapporttyp.DELARSRAPPORT
    titel: str = "Delårsrapport"

    @property
    def tabeller(self) -> list[Tabell]:
        return [self.resultatrakning, self.balansrakning] + [
            n.tabell for n in self.noter if n.tabell
        ]

    @property
    def fingeravtryck(self) -> str:
        return fingeravtryck(_figurer(self.tabeller))

    def som_dict(self) -> dict:
        return {
            "rapport": self.typ,
            "forbund": {"namn": self.forbund.namn, "orgnr": self.forbund.orgnr},
            "ar": self.ar,
            "period": [self.fran.isoformat(), self.till.isoformat()],
            "fingeravtryck": self.fingeravtryck,
            "kontroll": _kontroll_dict(self.kontroll),
            "resultatrakning": self.resultatrakning.som_dict(),
            "balansrakning": self.balansrakning.som_dict(),
            "noter": [n.som_dict() for n in self.noter],
            "eget_kapital": {
                "ingaende": self.eget_kapital_ingaende,
                "prognos_vid_arets_slut": self.eget_kapital_prognos,
                "prognos_visat": str(self.eget_kapital_prognos_visat),
            },
            "berattelse": {k: t for k, _, t in self.berattelse},
        }


def bygg_delarsrapport(
    *, forbund: Forbund, ar: int, till: datetime.date, enhet: str | None = None
) -> Delarsrapport:
    validera_delarsdatum(ar, till)
    fran = datetime.date(ar, 1, 1)
    fg_till = _samma_dag_fg_ar(till)
    u = hamta_underlag(
        forbund=forbund,
        perioder={
            "period": (fran, till),
            "fg": (datetime.date(ar - 1, 1, 1), fg_till),
            "fgar": _ar(ar - 1),
        },
        objekt_perioder=("period", "fg"),
        budgetar={"budget": (ar, "budget")},
    )
    _enhet(u, enhet)
    _fg_fran_ib(u, "fgar", "period")
    justeringar = {p.radkod: p for p in Prognosjustering.objects.filter(forbund=forbund, ar=ar)}
    # Default forecast: each account line extrapolated; overrides replace a line.
    utfall_kol = Kol(f"{fran.isoformat()} – {till.isoformat()}", period="period")
    rr_utfall = resultatrakning(u, [utfall_kol])
    fasta = []
    for rad in rr_utfall.rader:
        if rad.typ != "konton":
            continue
        if rad.kod in justeringar:
            fasta.append((rad.kod, justeringar[rad.kod].belopp))
        else:
            fasta.append((rad.kod, extrapolera(rad.belopp[0], till)))
    kolumner = [
        utfall_kol,
        Kol(f"Prognos {ar}", period="period", fasta=tuple(fasta)),
        Kol(f"Budget {ar}", budget="budget"),
        Kol(f"{datetime.date(ar - 1, 1, 1).isoformat()} – {fg_till.isoformat()}", period="fg"),
    ]
    rr = resultatrakning(u, kolumner, titel="Resultaträkning")
    for rad in rr.rader:
        if rad.kod in justeringar:
            rad.kommentar = justeringar[rad.kod].kommentar
    samma = u.installning.delar_br_jamforelse == "samma_datum"
    br_kol = [
        Kol(till.isoformat(), period="period"),
        Kol(fg_till.isoformat() if samma else f"{ar - 1}-12-31", period="fg" if samma else "fgar"),
    ]
    br = balansrakning(u, br_kol, rr=rr, rr_kolumner=[0, 3] if samma else [0])
    not_kol = [utfall_kol, kolumner[3]]
    nt = noter(u, rr=rr, rr_kolumner=not_kol, br=br, br_kolumner=br_kol)
    ingaende = _ingaende_eget_kapital(u, "period")
    slut = arets_resultat_rad(rr)
    prognos = ingaende + slut.belopp[1]
    prognos_visat = (
        u.enhet.visa(ingaende) + slut.visat[1] if u.summera_avrundade else u.enhet.visa(prognos)
    )
    return Delarsrapport(
        forbund=forbund,
        ar=ar,
        fran=fran,
        till=till,
        berattelse=_berattelse(forbund, Rapporttyp.DELARSRAPPORT, ar),
        organisation=_organisation(forbund, fran, till),
        insatser_rapport=insatser_rapport(forbund=forbund, fran=fran, till=till),
        resultatrakning=rr,
        balansrakning=br,
        noter=nt,
        eget_kapital_ingaende=ingaende,
        eget_kapital_prognos=prognos,
        eget_kapital_prognos_visat=prognos_visat,
        enhet=u.enhet,
        underskrifter=[
            s
            for s in reg.styrelse_pa_datum(forbund=forbund, datum=till)
            if s.typ == Styrelseuppdrag.Typ.LEDAMOT
        ],
        kontroll=_kontroll(u, "period"),
        prognoser=[(k, j.belopp, j.kommentar) for k, j in sorted(justeringar.items())],
    )


# --- verksamhetsplan med budget ------------------------------------------------------------


@dataclass
class Verksamhetsplan:
    forbund: Forbund
    ar: int
    tabell: Tabell
    kapital: Tabell
    versioner: list[str]
    ingaende_kalla: str = "bokföringen"
    typ: str = Rapporttyp.VERKSAMHETSPLAN
    titel: str = "Verksamhetsplan med budget"
    berattelse: list = field(default_factory=list)

    @property
    def tabeller(self) -> list[Tabell]:
        return [self.tabell, self.kapital]

    @property
    def fingeravtryck(self) -> str:
        return fingeravtryck(_figurer(self.tabeller))

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
            "berattelse": {k: t for k, _, t in self.berattelse},
        }


def bygg_verksamhetsplan(
    *, forbund: Forbund, ar: int, idag: datetime.date | None = None
) -> Verksamhetsplan:
    """Budget for ``ar`` and prognos versions for the two following years.

    The opening capital is eget kapital at the end of the previous year from the ledger; a
    plan made before that year has ended (the budget is set by 30 November) uses the
    previous year's opening capital plus its forecast result instead (its prognos version,
    else its budget), when there is one."""
    from django.utils import timezone

    idag = idag or timezone.localdate()
    u = hamta_underlag(
        forbund=forbund,
        perioder={"fg": _ar(ar - 1)},
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
    ingaende = _eget_kapital(u, "fg")
    ingaende_kalla = "bokföringen"
    if idag <= datetime.date(ar - 1, 12, 31):
        prognos = u.budget_konto.get("fgp") or u.budget_konto.get("fgb")
        if prognos:
            ingaende = _ingaende_eget_kapital(u, "fg") - sum(
                v for k, v in prognos.items() if u.konton[k].ar_resultatkonto
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
    return Verksamhetsplan(
        forbund=forbund,
        ar=ar,
        tabell=tabell,
        kapital=kapital,
        versioner=[u.budget_namn.get(x, "") for x in nycklar],
        ingaende_kalla=ingaende_kalla,
        berattelse=_berattelse(forbund, Rapporttyp.VERKSAMHETSPLAN, ar),
    )
