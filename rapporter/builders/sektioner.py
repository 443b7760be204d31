"""Sections and helpers shared by the three reports: periods, the fingerprint, the
control of the definitions, the narrative texts and the organisation from the registers."""

import calendar
import datetime
import hashlib
import json
from dataclasses import dataclass, field

from forbund import selectors as reg
from forbund.models import Forbund, Styrelseuppdrag
from rapporter import aggregering as agg
from rapporter.builders.grund import Tabell
from rapporter.builders.underlag import Underlag
from rapporter.definitioner import Kontroll, kontrollera
from rapporter.models import Berattelseavsnitt


def ar_period(ar: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)


def samma_dag_fg_ar(d: datetime.date) -> datetime.date:
    dag = min(d.day, calendar.monthrange(d.year - 1, d.month)[1])
    return datetime.date(d.year - 1, d.month, dag)


def fingeravtryck(figurer: dict) -> str:
    """SHA-256 of the report's figures (öre), so a later change to the books shows."""
    data = json.dumps(figurer, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def figurer(tabeller: list[Tabell]) -> dict:
    return {t.nyckel or t.titel: [[r.kod, r.belopp] for r in t.rader] for t in tabeller}


def kontroll_for(u: Underlag, *perioder: str) -> Kontroll:
    belopp = {k for p in perioder for k, v in u.saldon[p].total.items() if v}
    return kontrollera(rr=u.rr, br=u.br, konton=u.konton, belopp=belopp)


def berattelse_for(forbund: Forbund, rapport: str, ar: int) -> list[tuple[str, str, str]]:
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
    uppdrag: list = field(default_factory=list)  # every mandate held in the period

    def underskrifter(self, datum: datetime.date) -> list:
        """The ledamöter holding a mandate on ``datum`` (inside the period): the
        signature page, from the mandates already loaded."""
        return [
            u
            for u in self.uppdrag
            if u.typ == Styrelseuppdrag.Typ.LEDAMOT
            and u.from_datum <= datum
            and (u.tom_datum is None or u.tom_datum >= datum)
        ]


def organisation_for(forbund: Forbund, fran: datetime.date, till: datetime.date) -> Organisation:
    """The organisation over [fran, till] from the registers: one query per register,
    whatever the number of members and mandates."""
    uppdrag = list(reg.styrelse_under(forbund=forbund, fran=fran, till=till))
    per_medlem: dict = {}
    byten = []
    for u in uppdrag:
        post = per_medlem.setdefault(u.medlem_id, (u.medlem, [], []))
        (post[1] if u.typ == Styrelseuppdrag.Typ.LEDAMOT else post[2]).append(u)
        # The same rule as forbund.selectors.styrelsebyten, on the rows already loaded.
        borjade = fran < u.from_datum <= till
        slutade = u.tom_datum is not None and fran <= u.tom_datum < till
        if borjade or slutade:
            byten.append(reg.Styrelsebyte(uppdrag=u, borjade=borjade, slutade=slutade))
    return Organisation(
        medlemmar=list(reg.medlemmar_under(forbund=forbund, fran=fran, till=till)),
        styrelse=list(per_medlem.values()),
        byten=byten,
        sammantraden=list(reg.sammantraden_under(forbund=forbund, fran=fran, till=till)),
        beslut=list(reg.viktiga_beslut_under(forbund=forbund, fran=fran, till=till)),
        revisorer=list(reg.revisorer_under(forbund=forbund, fran=fran, till=till)),
        kansli=list(reg.kansli_under(forbund=forbund, fran=fran, till=till)),
        uppdrag=uppdrag,
    )


def som_text(v) -> str | None:
    return None if v is None else str(v)


def kontroll_dict(k: Kontroll) -> dict:
    return {
        "ok": k.ok,
        "konton_utan_rad": [f"{x.nummer} {x.namn}" for x in k.saknas],
        "konton_pa_flera_rader": [[f"{x.nummer} {x.namn}", koder] for x, koder in k.dubbla],
    }


def fg_fran_ib(u: Underlag, fg: str, ar: str) -> bool:
    """Without any vouchers for the previous year (only this year imported), last year's
    closing balances are this year's IB voucher (UB(N-1) = IB(N)); its result is then
    already inside eget kapital. Returns True when this fallback is used."""
    if u.saldon[fg].total or not u.saldon[ar].ib:
        return False
    ib = {k: v for k, v in u.saldon[ar].ib.items() if not u.konton[k].ar_resultatkonto}
    u.saldon[fg] = agg.Saldon(total=dict(ib), ib=dict(ib))
    return True


def valj_enhet(u: Underlag, enhet: str | None) -> None:
    """A per-report choice of unit (``tkr1``, ``tkr0``, ``kr``) over the förbund's default."""
    if enhet in ("tkr1", "tkr0", "kr"):
        u.installning.enhet_rakningar = enhet
