"""Delårsrapport: the period's statements with a helårsprognos and the eget kapital
forecast."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.urls import reverse

from forbund.models import Forbund
from insatser.selectors import insatser_rapport
from insatser.selectors.rapport import beviljade_medel_per_objekt, rapportdata
from rapporter.builders.bas import Periodrapport
from rapporter.builders.grund import Enhet, Tabell
from rapporter.builders.kapital import (
    Kapitaltak,
    eget_kapital_direkt,
    ingaende_eget_kapital,
    kapitaltak,
)
from rapporter.builders.noter import noter
from rapporter.builders.prognos import (
    BESLUT_SAKNAS,
    beslutade_bidrag,
    extrapolera,
    manader_i_perioden,
    prognos_per_rad,
)

__all__ = ["Delarsrapport", "bygg_delarsrapport", "extrapolera", "validera_delarsdatum"]
from rapporter.builders.rakningar import (
    Kol,
    arets_resultat_rad,
    balansrakning,
    har_resultat,
    resultatrakning,
    tom_resultatcell,
)
from rapporter.builders.saknas import Saknas, ovriga_saknas, saknas_i_rapport, undantag_for
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
    samma_dag_fg_ar,
    valj_enhet,
)
from rapporter.builders.underlag import hamta_underlag
from rapporter.models import Prognosjustering, Rapporttyp
from rapporter.struktur import berattelsetexter, med_insatstexter
from rapporter.texter import byt_resultatord


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


@dataclass(kw_only=True)
class Delarsrapport(Periodrapport):
    RAKNINGAR: ClassVar[list[tuple[str, str]]] = [
        ("resultatrakning", "Resultaträkning"),
        ("balansrakning", "Balansräkning"),
        ("noter", "Noter"),
        ("underskrifter", "Styrelsens underskrifter"),
    ]

    eget_kapital_ingaende: int
    eget_kapital_prognos: int | None  # None: the result forecast cannot be known
    eget_kapital_prognos_visat: Decimal | None
    enhet: Enhet
    prognoser: list
    eget_kapital_direkt: int = 0  # booked straight to eget kapital in the period, öre
    tak: Kapitaltak | None = None  # forecast eget kapital against the ceiling
    budgetandel: list = field(default_factory=list)  # (rubrik, utfall, budget, procent)
    typ: str = Rapporttyp.DELARSRAPPORT
    titel: str = "Delårsrapport"

    def som_dict(self) -> dict:
        return {
            "rapport": self.typ,
            "forbund": {"namn": self.forbund.namn, "orgnr": self.forbund.orgnr},
            "ar": self.ar,
            "period": [self.fran.isoformat(), self.till.isoformat()],
            "fingeravtryck": self.fingeravtryck,
            "kontroll": kontroll_dict(self.kontroll),
            "resultatrakning": self.resultatrakning.som_dict(),
            "balansrakning": self.balansrakning.som_dict(),
            "noter": [n.som_dict() for n in self.noter],
            "eget_kapital": {
                "ingaende": self.eget_kapital_ingaende,
                "bokfort_direkt": self.eget_kapital_direkt,
                "kapitaltak": self.tak.tak if self.tak else None,
                "over_taket": self.tak.over_taket if self.tak else None,
                "prognos_vid_arets_slut": self.eget_kapital_prognos,
                "prognos_visat": (
                    None
                    if self.eget_kapital_prognos_visat is None
                    else str(self.eget_kapital_prognos_visat)
                ),
            },
            "prognosmetod": {
                r.kod: r.kommentar for r in self.resultatrakning.rader if r.kommentar
            },
            "budgetversion": self.budgetversion or None,
            "andel_av_budget": [
                {"rubrik": r, "utfall": a, "budget": b, "procent": None if p is None else str(p)}
                for r, a, b, p in self.budgetandel
            ],
            "avrundning": self.avrundning or None,
            "forbundsmal": forbundsmal_dict(self.forbundsmal),
            "uppgift_saknas": [{"nyckel": s.nyckel, "text": s.text} for s in self.saknas],
            **avsnitt_dict(self.avsnitt),
        }

    @property
    def resultat_rad(self):
        """The resultaträkning's bottom line (periodens resultat)."""
        return arets_resultat_rad(self.resultatrakning)


def budgetandel(rr: Tabell, utfall: int, budget: int) -> list:
    """(rubrik, utfall öre, budget öre, share in % with one decimal | None) per line of
    accounts: how much of the year's budget the period has used. Sums and results are
    left out (a net of income and costs used "−222,5 %" of its budget says nothing), so
    are lines with neither outcome nor budget; the share is None (printed "–") where the
    budget is 0 or the outcome and the budget have different signs."""
    ut = []
    for rad in rr.rader:
        if rad.typ != "konton" or len(rad.belopp) <= budget:
            continue
        u, b = rad.belopp[utfall] or 0, rad.belopp[budget] or 0
        if not u and not b:
            continue
        procent = None
        if b and (u >= 0) == (b > 0):
            procent = (Decimal(u) * 100 / b).quantize(Decimal("0.1"), ROUND_HALF_UP)
        ut.append((rad.rubrik, u, b, procent))
    return ut


def beslut_saknas(forbund: Forbund, ar: int, prognoser: dict, undantag: dict) -> list[Saknas]:
    """Uppgift saknas for the decision on the year's member contributions when a
    contribution account had to be forecast without budget or decision (prognos.py)."""
    if not any(BESLUT_SAKNAS in p.metod for p in prognoser.values()):
        return []
    url = reverse("forbund:bidrag-list", kwargs={"orgnr": forbund.orgnr})
    text = f"beslut om medlemsbidragen {ar} (underlag för helårsprognosen)"
    return [Saknas("medlemsbidrag", text, url, undantag.get("medlemsbidrag", ""))]


def bygg_delarsrapport(
    *,
    forbund: Forbund,
    ar: int,
    till: datetime.date,
    enhet: str | None = None,
    skyddad: bool = False,
) -> Delarsrapport:
    """The delårsrapport 1 January–``till`` (``enhet`` "tkr1"/"tkr0"/"kr"). ``skyddad``:
    a draft read by a role without participant rights: every participant count (per
    insats and förbund-wide) is suppressed, secondarily suppressed and rounded to
    FINSAM_AVRUNDNINGSBAS, so two month-end drafts differ by 0 or at least the base in
    every cell (issue 17.3, docs/SECURITY.md V14). An approval builds it exact.
    Raises ``ValidationError`` for a ``till`` outside the year."""
    validera_delarsdatum(ar, till)
    fran = datetime.date(ar, 1, 1)
    fg_till = samma_dag_fg_ar(till)
    u = hamta_underlag(
        forbund=forbund,
        perioder={
            "period": (fran, till),
            "fg": (datetime.date(ar - 1, 1, 1), fg_till),
            "fgar": ar_period(ar - 1),
        },
        objekt_perioder=("period", "fg"),
        budgetar={"budget": (ar, "budget")},
    )
    valj_enhet(u, enhet)
    fgar_fran_ib = fg_fran_ib(u, "fgar", "period")
    justeringar = {p.radkod: p for p in Prognosjustering.objects.filter(forbund=forbund, ar=ar)}
    har_budget = bool(u.budget_konto.get("budget"))
    # Last year counts as a full year only if its books start on 1 January and go past
    # the same date last year; this year's books may start later (a first year).
    starter = dict(
        forbund.rakenskapsar.filter(slut__year__in=[ar - 1, ar]).values_list("slut__year", "start")
    )
    fgar, fg = u.saldon["fgar"].total, u.saldon["fg"].total
    hela_fgar = starter.get(ar - 1) == datetime.date(ar - 1, 1, 1) and any(
        fgar.get(k, 0) != fg.get(k, 0) for k in u.resultatkonton(u.saldon["fgar"])
    )
    prognoser = prognos_per_rad(
        u,
        period="period",
        till=till,
        budget="budget",
        beslut=beslutade_bidrag(forbund=forbund, ar=ar, u=u),
        justeringar=justeringar,
        beviljade=beviljade_medel_per_objekt(forbund=forbund, ar=ar),
        foregaende_ar="fgar" if hela_fgar else None,
        start=starter.get(ar),
    )
    undantag = undantag_for(forbund=forbund, rapport=Rapporttyp.DELARSRAPPORT, ar=ar)
    utfall_kol = Kol(f"{fran.isoformat()} – {till.isoformat()}", period="period")
    fasta = tuple((kod, p.belopp) for kod, p in prognoser.items())
    kolumner = [utfall_kol, Kol(f"Prognos {ar}", period="period", fasta=fasta)]
    # Comparison columns only where their data exists (budget; the same period last year).
    if har_budget:
        kolumner.append(Kol(f"Budget {ar}", budget="budget"))
    fg_kol = None
    if har_resultat(u, "fg"):
        fg_kol = Kol(
            f"{datetime.date(ar - 1, 1, 1).isoformat()} – {fg_till.isoformat()}", period="fg"
        )
        kolumner.append(fg_kol)
    rr = resultatrakning(u, kolumner, titel="Resultaträkning")
    for rad in rr.rader:
        if rad.kod in prognoser:
            rad.kommentar = prognoser[rad.kod].metod
    samma = u.installning.delar_br_jamforelse == "samma_datum"
    br_kol = [Kol(till.isoformat(), period="period")]
    rr_index = [0]
    if samma and fg_kol is not None:
        br_kol.append(Kol(fg_till.isoformat(), period="fg"))
        rr_index.append(kolumner.index(fg_kol))
    elif not samma and any(u.saldon["fgar"].total.values()):
        br_kol.append(Kol(f"{ar - 1}-12-31", period="fgar"))
    br = balansrakning(u, br_kol, rr=rr, rr_kolumner=rr_index)
    if len(br_kol) > len(rr_index) and (fgar_fran_ib or not har_resultat(u, "fgar")):
        # Known only from this year's IB voucher: last year's result is already inside
        # eget kapital. With last year's vouchers the column prints that year's result,
        # so its eget kapital adds up.
        tom_resultatcell(br, 1)
    not_kol = [utfall_kol] + ([fg_kol] if fg_kol is not None else [])
    nt = noter(
        u,
        rr=rr,
        rr_kolumner=not_kol,
        br=br,
        br_kolumner=br_kol,
        ar=ar,
        rapport=Rapporttyp.DELARSRAPPORT,
        ek_kolumner=[k for k in br_kol if k.period != "fgar"] if fgar_fran_ib else None,
    )
    for tabell in [rr, br] + [n.tabell for n in nt if n.tabell]:
        for rad in tabell.rader:
            rad.rubrik = byt_resultatord(rad.rubrik, Rapporttyp.DELARSRAPPORT)
    ingaende = ingaende_eget_kapital(u, "period")
    direkt = eget_kapital_direkt(u, "period")
    slut = arets_resultat_rad(rr)
    prognos = prognos_visat = tak = None
    if slut.belopp[1] is not None:
        prognos = ingaende + direkt + slut.belopp[1]
        prognos_visat = (
            u.enhet.visa(ingaende) + u.enhet.visa(direkt) + slut.visat[1]
            if u.summera_avrundade
            else u.enhet.visa(prognos)
        )
        tak = kapitaltak(
            trappa=u.installning.kapitaltak or [],
            bidrag=sum(p.bidrag or 0 for p in prognoser.values()),
            eget_kapital=prognos,
        )
    org = organisation_for(forbund, fran, till, medlemmar=u.medlem_register)
    texter = berattelsetexter(forbund=forbund, rapport=Rapporttyp.DELARSRAPPORT, ar=ar)
    avsnitt = avsnitt_for(forbund, Rapporttyp.DELARSRAPPORT, ar, texter)
    mal = forbundsmal_for(forbund, avsnitt, "maluppfyllelse", ar, till)
    kostnad = u.kostnad_per_objekt("period")
    # The insatser and the whole förbund's participations in one load (see the
    # årsredovisning).
    forhamtat = rapportdata(
        forbund=forbund, fran=fran, till=till, utfall_per_objekt=kostnad, hela_forbundet=True
    )
    deltagare, deltagare_diagram = deltagare_for(
        forbund,
        fran,
        till,
        kostnad,
        data=forhamtat[1],
        individobjekt=u.individobjekt,
        skyddad=skyddad,
    )
    ir = med_insatstexter(
        forbund=forbund,
        rapport=Rapporttyp.DELARSRAPPORT,
        ar=ar,
        texter=texter,
        insatser_rapport=insatser_rapport(
            forbund=forbund, fran=fran, till=till, forhamtat=forhamtat, skyddad=skyddad
        ),
    )
    return Delarsrapport(
        logotyp=u.installning.logotyp_data_uri,
        forbund=forbund,
        ar=ar,
        fran=fran,
        till=till,
        avsnitt=avsnitt,
        organisation=org,
        insatser_rapport=ir,
        resultatrakning=rr,
        balansrakning=br,
        noter=nt,
        eget_kapital_ingaende=ingaende,
        eget_kapital_prognos=prognos,
        eget_kapital_prognos_visat=prognos_visat,
        enhet=u.enhet,
        underskrifter=org.underskrifter(till),
        kontroll=kontroll_for(u, "period"),
        prognoser=[(k, j.belopp, j.kommentar) for k, j in sorted(justeringar.items())],
        eget_kapital_direkt=direkt,
        tak=tak,
        budgetversion=u.budget_namn.get("budget", "") if har_budget else "",
        budgetandel=budgetandel(rr, 0, 2) if har_budget else [],
        saknas=saknas_i_rapport(
            forbund=forbund,
            rapport=Rapporttyp.DELARSRAPPORT,
            ar=ar,
            organisation=org,
            medlemmar=u.medlemmar,
            har_budget=har_budget,
            berattelse=[(a.nyckel, a.rubrik, a.text) for a in avsnitt],
            undantag=undantag,
            forbundsmal=mal,
            avsnitt={a.nyckel for a in avsnitt},
            ovriga=ovriga_saknas(
                avsnitt={a.nyckel for a in avsnitt},
                insatser_rapport=ir,
                deltagare=deltagare,
                ansvarsforbindelser=u.installning.ansvarsforbindelser,
            ),
        )
        + beslut_saknas(forbund, ar, prognoser, undantag),
        forbundsmal=mal,
        deltagare=deltagare,
        deltagare_diagram=deltagare_diagram,
        jamforelse=frozenset(k.namn for k in kolumner + br_kol if k.period in ("fg", "fgar")),
        statistik_i_bilaga=u.installning.insatsstatistik_i_bilaga,
    )
