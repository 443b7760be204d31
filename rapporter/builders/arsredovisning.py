"""Årsredovisning: förvaltningsberättelse, the statements, notes and signatures for one
räkenskapsår."""

import datetime
from dataclasses import dataclass
from typing import ClassVar

from forbund.models import Forbund
from insatser.selectors import insatser_rapport
from insatser.selectors.rapport import rapportdata
from rapporter.builders.bas import Periodrapport
from rapporter.builders.drift import driftredovisning
from rapporter.builders.grund import Tabell
from rapporter.builders.kapital import Ekonomi, ekonomi_for
from rapporter.builders.kassaflode import Kassaflodesavstamning, kassaflodesanalys
from rapporter.builders.noter import noter
from rapporter.builders.rakningar import (
    Kol,
    arets_resultat_rad,
    balansrakning,
    har_resultat,
    resultatrakning,
    tom_resultatcell,
)
from rapporter.builders.saknas import ovriga_saknas, saknas_i_rapport, undantag_for
from rapporter.builders.sektioner import (
    ar_period,
    avsnitt_dict,
    avsnitt_for,
    deltagare_for,
    fg_fran_ib,
    forbundsmal_dict,
    forbundsmal_for,
    kontroll_dict,
    kontroll_for,
    organisation_for,
    som_text,
    valj_enhet,
)
from rapporter.builders.underlag import Underlag, hamta_underlag
from rapporter.models import Rapporttyp
from rapporter.struktur import berattelsetexter, med_insatstexter


@dataclass(kw_only=True)
class Arsredovisning(Periodrapport):
    RAKNINGAR: ClassVar[list[tuple[str, str]]] = [
        ("resultatrakning", "Resultaträkning"),
        ("balansrakning", "Balansräkning"),
        ("kassaflodesanalys", "Kassaflödesanalys"),
        ("driftredovisning", "Driftredovisning"),
        ("noter", "Noter"),
        ("underskrifter", "Underskrifter"),
    ]

    ekonomi: Ekonomi
    kassaflodesanalys: Tabell
    avstamning: list[Kassaflodesavstamning]
    driftredovisning: Tabell
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

    def som_dict(self) -> dict:
        e = self.ekonomi
        return {
            "rapport": self.typ,
            "forbund": {"namn": self.forbund.namn, "orgnr": self.forbund.orgnr},
            "ar": self.ar,
            "period": [self.fran.isoformat(), self.till.isoformat()],
            "fingeravtryck": self.fingeravtryck,
            "kontroll": kontroll_dict(self.kontroll),
            "ekonomi": {
                "arets_resultat": e.resultat,
                "budgeterat_resultat": e.resultat_budget,
                "kostnader": e.kostnader,
                "administration": e.administration,
                "insatser": e.insatser,
                "administration_procent": som_text(e.administration_procent),
                "insatser_procent": som_text(e.insatser_procent),
                "eget_kapital": e.tak.eget_kapital,
                "medlemsbidrag": e.tak.bidrag,
                "kapitaltak_procent": som_text(e.tak.procent),
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
            "budgetversion": self.budgetversion or None,
            "avrundning": self.avrundning or None,
            "forbundsmal": forbundsmal_dict(self.forbundsmal),
            "uppgift_saknas": [{"nyckel": s.nyckel, "text": s.text} for s in self.saknas],
            **avsnitt_dict(self.avsnitt),
        }


@dataclass(kw_only=True)
class Arsrakningar:
    """The årsredovisning's statements and notes without its sections (the statement
    pages): the same underlag, columns, figures and note numbers as the årsredovisning."""

    forbund: Forbund
    ar: int
    fran: datetime.date
    till: datetime.date
    resultatrakning: Tabell
    balansrakning: Tabell
    kassaflodesanalys: Tabell
    avstamning: list[Kassaflodesavstamning]
    driftredovisning: Tabell
    noter: list
    har_budget: bool
    jamforelse: frozenset

    def som_dict(self) -> dict:
        return {
            "forbund": {"namn": self.forbund.namn, "orgnr": self.forbund.orgnr},
            "ar": self.ar,
            "resultatrakning": self.resultatrakning.som_dict(),
            "balansrakning": self.balansrakning.som_dict(),
            "kassaflodesanalys": self.kassaflodesanalys.som_dict(),
            "driftredovisning": self.driftredovisning.som_dict(),
            "noter": [n.som_dict() for n in self.noter],
        }


def arsunderlag(*, forbund: Forbund, ar: int, enhet: str | None = None) -> Underlag:
    """What the årsredovisning's statements read: the year and the year before (balances
    per account and per insats object, from the kept monthly balances) and the year's
    budget; seven queries whatever the history's length."""
    u = hamta_underlag(
        forbund=forbund,
        perioder={"ar": ar_period(ar), "fg": ar_period(ar - 1)},
        objekt_perioder=("ar", "fg"),
        budgetar={"budget": (ar, "budget")},
    )
    valj_enhet(u, enhet)
    return u


def arsrakningar(
    u: Underlag, ar: int, *, med_budget: bool = True, med_foregaende: bool = True
) -> Arsrakningar:
    """The statements and notes of year ``ar`` from ``arsunderlag`` (no queries)."""
    fran, till = ar_period(ar)
    bara_ib = fg_fran_ib(u, "fg", "ar")
    # A comparison column is printed only where its data exists: the previous year's
    # result and cash flow need its vouchers; its balance sheet may come from this year's
    # IB voucher. A förbund formed this year has neither.
    fg_resultat = med_foregaende and not bara_ib and har_resultat(u, "fg")
    fg_balans = med_foregaende and any(u.saldon["fg"].total.values())
    utfall, fg = Kol(str(ar), period="ar"), Kol(str(ar - 1), period="fg")
    rr_kol = [utfall] + ([fg] if fg_resultat else [])
    har_budget = med_budget and bool(u.budget_konto.get("budget"))
    if har_budget:
        rr_kol.append(Kol(f"Budget {ar}", budget="budget"))
    rr = resultatrakning(u, rr_kol, avvikelse=(0, len(rr_kol) - 1) if har_budget else None)
    br_kol = [Kol(f"{till.isoformat()}", period="ar")]
    if fg_balans:
        br_kol.append(Kol(f"{ar - 1}-12-31", period="fg"))
    br = balansrakning(u, br_kol, rr=rr, rr_kolumner=[0, 1] if fg_resultat else [0])
    if fg_balans and not fg_resultat:
        tom_resultatcell(br, 1)
    kf, avst = kassaflodesanalys(
        u,
        [utfall] + ([fg] if fg_resultat else []),
        resultat_visat=arets_resultat_rad(rr).visat[: 2 if fg_resultat else 1],
    )
    not_rr_kol = [utfall] + ([fg] if fg_resultat else [])
    nt = noter(
        u,
        rr=rr,
        rr_kolumner=not_rr_kol,
        br=br,
        br_kolumner=br_kol,
        ar=ar,
        rapport=Rapporttyp.ARSREDOVISNING,
        ek_kolumner=br_kol[:1] if bara_ib else None,
    )
    return Arsrakningar(
        forbund=u.forbund,
        ar=ar,
        fran=fran,
        till=till,
        resultatrakning=rr,
        balansrakning=br,
        kassaflodesanalys=kf,
        avstamning=avst,
        driftredovisning=driftredovisning(
            u,
            period="ar",
            budget="budget" if har_budget else "",
            resultat_visat=arets_resultat_rad(rr).visat[0],
        ),
        noter=nt,
        har_budget=har_budget,
        jamforelse=frozenset(k.namn for k in rr_kol + br_kol if k.period == "fg"),
    )


def bygg_arsrakningar(*, forbund: Forbund, ar: int, enhet: str | None = None) -> Arsrakningar:
    """Only the årsredovisning's statements and notes (a statement page): the same
    figures, columns and note numbers, without the sections' queries."""
    return arsrakningar(arsunderlag(forbund=forbund, ar=ar, enhet=enhet), ar)


def bygg_arsredovisning(
    *,
    forbund: Forbund,
    ar: int,
    med_budget: bool = True,
    med_foregaende: bool = True,
    enhet: str | None = None,
) -> Arsredovisning:
    fran, till = ar_period(ar)
    u = arsunderlag(forbund=forbund, ar=ar, enhet=enhet)
    r = arsrakningar(u, ar, med_budget=med_budget, med_foregaende=med_foregaende)
    rr, br, har_budget = r.resultatrakning, r.balansrakning, r.har_budget
    org = organisation_for(forbund, fran, till, medlemmar=u.medlem_register)
    kostnad = u.kostnad_per_objekt("ar")
    # The insatser and the whole förbund's participations in one load: the förbund total
    # and the insats sections share its queries.
    forhamtat = rapportdata(
        forbund=forbund, fran=fran, till=till, utfall_per_objekt=kostnad, hela_forbundet=True
    )
    deltagare, deltagare_diagram = deltagare_for(
        forbund, fran, till, kostnad, data=forhamtat[1], individobjekt=u.individobjekt
    )
    texter = berattelsetexter(forbund=forbund, rapport=Rapporttyp.ARSREDOVISNING, ar=ar)
    avsnitt = avsnitt_for(forbund, Rapporttyp.ARSREDOVISNING, ar, texter)
    mal = forbundsmal_for(forbund, avsnitt, "maluppfyllelse", ar, till)
    ir = med_insatstexter(
        forbund=forbund,
        rapport=Rapporttyp.ARSREDOVISNING,
        ar=ar,
        texter=texter,
        insatser_rapport=insatser_rapport(
            forbund=forbund, fran=fran, till=till, forhamtat=forhamtat
        ),
    )
    return Arsredovisning(
        logotyp=u.installning.logotyp_data_uri,
        forbund=forbund,
        ar=ar,
        fran=fran,
        till=till,
        avsnitt=avsnitt,
        organisation=org,
        insatser_rapport=ir,
        ekonomi=ekonomi_for(u, "ar", "budget"),
        resultatrakning=rr,
        balansrakning=br,
        kassaflodesanalys=r.kassaflodesanalys,
        avstamning=r.avstamning,
        driftredovisning=r.driftredovisning,
        budgetversion=u.budget_namn.get("budget", "") if har_budget else "",
        noter=r.noter,
        underskrifter=org.underskrifter(till),
        kontroll=kontroll_for(u, "ar", "fg", grupperingar=True),
        saknas=saknas_i_rapport(
            forbund=forbund,
            rapport=Rapporttyp.ARSREDOVISNING,
            ar=ar,
            organisation=org,
            medlemmar=u.medlemmar,
            har_budget=bool(u.budget_konto.get("budget")),
            berattelse=[(a.nyckel, a.rubrik, a.text) for a in avsnitt],
            undantag=undantag_for(forbund=forbund, rapport=Rapporttyp.ARSREDOVISNING, ar=ar),
            forbundsmal=mal,
            avsnitt={a.nyckel for a in avsnitt},
            ovriga=ovriga_saknas(
                avsnitt={a.nyckel for a in avsnitt},
                insatser_rapport=ir,
                deltagare=deltagare,
                ansvarsforbindelser=u.installning.ansvarsforbindelser,
            ),
        ),
        forbundsmal=mal,
        deltagare=deltagare,
        deltagare_diagram=deltagare_diagram,
        jamforelse=r.jamforelse,
        statistik_i_bilaga=u.installning.insatsstatistik_i_bilaga,
    )
