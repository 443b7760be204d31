"""Delårsrapport: the period's statements with a helårsprognos and the eget kapital
forecast."""

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError

from forbund.models import Forbund
from insatser.selectors import insatser_rapport
from rapporter.builders.grund import Enhet, Tabell
from rapporter.builders.kapital import ingaende_eget_kapital
from rapporter.builders.noter import Not, noter
from rapporter.builders.rakningar import (
    Kol,
    arets_resultat_rad,
    balansrakning,
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
    samma_dag_fg_ar,
    underskrifter,
    valj_enhet,
)
from rapporter.builders.underlag import hamta_underlag
from rapporter.definitioner import Kontroll
from rapporter.models import Prognosjustering, Rapporttyp


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
        return fingeravtryck(figurer(self.tabeller))

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
    fg_fran_ib(u, "fgar", "period")
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
    ingaende = ingaende_eget_kapital(u, "period")
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
        berattelse=berattelse_for(forbund, Rapporttyp.DELARSRAPPORT, ar),
        organisation=organisation_for(forbund, fran, till),
        insatser_rapport=insatser_rapport(forbund=forbund, fran=fran, till=till),
        resultatrakning=rr,
        balansrakning=br,
        noter=nt,
        eget_kapital_ingaende=ingaende,
        eget_kapital_prognos=prognos,
        eget_kapital_prognos_visat=prognos_visat,
        enhet=u.enhet,
        underskrifter=underskrifter(forbund, till),
        kontroll=kontroll_for(u, "period"),
        prognoser=[(k, j.belopp, j.kommentar) for k, j in sorted(justeringar.items())],
    )
