"""Årsredovisning: förvaltningsberättelse, the statements, notes and signatures for one
räkenskapsår."""

import datetime
from dataclasses import dataclass

from forbund.models import Forbund
from insatser.selectors import insatser_rapport
from rapporter.builders.grund import Tabell
from rapporter.builders.kapital import Ekonomi, ekonomi_for
from rapporter.builders.noter import Not, noter
from rapporter.builders.rakningar import (
    Kassaflodesavstamning,
    Kol,
    balansrakning,
    driftredovisning,
    kassaflodesanalys,
    resultatrakning,
)
from rapporter.builders.sektioner import (
    Organisation,
    ar_period,
    berattelse_for,
    fg_fran_ib,
    figurer,
    fingeravtryck,
    kontroll_dict,
    kontroll_for,
    organisation_for,
    som_text,
    underskrifter,
    valj_enhet,
)
from rapporter.builders.underlag import hamta_underlag
from rapporter.definitioner import Kontroll
from rapporter.models import Rapporttyp


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
        return fingeravtryck(figurer(self.tabeller))

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
            "berattelse": {k: t for k, _, t in self.berattelse},
        }


def bygg_arsredovisning(
    *,
    forbund: Forbund,
    ar: int,
    med_budget: bool = True,
    med_foregaende: bool = True,
    enhet: str | None = None,
) -> Arsredovisning:
    fran, till = ar_period(ar)
    u = hamta_underlag(
        forbund=forbund,
        perioder={"ar": (fran, till), "fg": ar_period(ar - 1)},
        objekt_perioder=("ar", "fg"),
        budgetar={"budget": (ar, "budget")},
    )
    valj_enhet(u, enhet)
    bara_ib = fg_fran_ib(u, "fg", "ar")
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
    org = organisation_for(forbund, fran, till)
    return Arsredovisning(
        forbund=forbund,
        ar=ar,
        fran=fran,
        till=till,
        berattelse=berattelse_for(forbund, Rapporttyp.ARSREDOVISNING, ar),
        organisation=org,
        insatser_rapport=insatser_rapport(forbund=forbund, fran=fran, till=till),
        ekonomi=ekonomi_for(u, "ar", "budget"),
        resultatrakning=rr,
        balansrakning=br,
        kassaflodesanalys=kf,
        avstamning=avst,
        driftredovisning=driftredovisning(u, period="ar", budget="budget"),
        noter=nt,
        underskrifter=underskrifter(forbund, till),
        kontroll=kontroll_for(u, "ar", "fg"),
    )
