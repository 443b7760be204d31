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


def ar_period(ar: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)


def samma_dag_fg_ar(d: datetime.date) -> datetime.date:
    dag = min(d.day, calendar.monthrange(d.year - 1, d.month)[1])
    return datetime.date(d.year - 1, d.month, dag)


def fingeravtryck(figurer: dict) -> str:
    """SHA-256 of the report's figures (öre), so a later change to the books shows."""
    data = json.dumps(figurer, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def figurer(tabeller: list[Tabell], jamforelse: frozenset[str] = frozenset()) -> dict:
    """The figures the fingerprint covers (öre): each table's own columns, leaving out the
    comparison columns (their headings in ``jamforelse``: last year, the same period last
    year), and only rows with an amount in them. So an import of another year, or a new
    account without amounts, does not flag an approved report as changed."""
    ut = {}
    for t in tabeller:
        egna = [i for i, k in enumerate(t.kolumner) if k not in jamforelse]
        rader = []
        for r in t.rader:
            belopp = [r.belopp[i] for i in egna if i < len(r.belopp)]
            if any(belopp):
                # By the printed heading: note rows are numbered by position, so a row
                # that only the comparison column has would shift the codes after it.
                rader.append([r.rubrik, belopp])
        ut[t.nyckel or t.titel] = rader
    return ut


def figurer_alla(tabeller: list[Tabell]) -> dict:
    """The figures of every column and row: the fingerprint of reports approved before
    the fingerprint was limited to the report's own periods (kept so they still match)."""
    return {t.nyckel or t.titel: [[r.kod, r.belopp] for r in t.rader] for t in tabeller}


def kontroll_for(u: Underlag, *perioder: str, grupperingar: bool = False) -> Kontroll:
    """Every account with an amount in the periods lands in exactly one line of the
    resultat- and balansräkning; with ``grupperingar`` also in the kassaflödesanalys and
    the driftredovisning (accounts imported after the definitions were edited)."""
    import dataclasses

    from rapporter.definitioner import kontrollera_definition
    from rapporter.models import Rapportdefinition

    belopp = {k for p in perioder for k, v in u.saldon[p].total.items() if v}
    kontroll = kontrollera(rr=u.rr, br=u.br, konton=u.konton, belopp=belopp)
    if not grupperingar:
        return kontroll
    konton = [u.konton[k] for k in belopp]
    fel = kontrollera_definition(
        typ=Rapportdefinition.Typ.KASSAFLODE,
        rader=u.kf,
        konton=konton,
        likvida=u.installning.likvida_konton,
    ) + kontrollera_definition(typ=Rapportdefinition.Typ.DRIFT, rader=u.dr, konton=konton)
    return dataclasses.replace(kontroll, grupperingar=tuple(fel))


def avsnitt_for(forbund: Forbund, rapport: str, ar: int, texter: dict | None = None) -> list:
    """The report's sections in the förbund's order with their texts (``Avsnitt``);
    ``texter`` as ``rapporter.struktur.berattelsetexter`` gives them (else read here)."""
    from rapporter.struktur import dokumentstruktur

    return dokumentstruktur(forbund=forbund, rapport=rapport, ar=ar, texter=texter)


def avsnitt_dict(avsnitt: list) -> dict:
    """The sections for JSON: ``{"avsnitt": [{nyckel, nr, rubrik}], "berattelse":
    {nyckel: html}}``."""
    return {
        "avsnitt": [{"nyckel": a.nyckel, "nr": a.nr, "rubrik": a.rubrik} for a in avsnitt],
        "berattelse": {a.nyckel: a.text for a in avsnitt if a.text},
    }


@dataclass
class Organisation:
    medlemmar: list
    styrelse: list  # (medlem, [ledamöter], [ersättare]) over the period, incl. changes
    byten: list
    sammantraden: list
    beslut: list
    revisorer: list
    kansli: list
    grupper: list = field(default_factory=list)  # groups and networks active in the period
    foregangare: list = field(default_factory=list)
    forbundsordning: object = None  # the version in force at the period's end
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


def _revisorer(forbund: Forbund, fran: datetime.date, till: datetime.date, medlemmar) -> list:
    """``forbund.selectors.revisorer_under`` with each auditor's appointing members
    (``utsedd_av``) joined into the same query and taken from ``medlemmar`` (the
    förbund's members already read) instead of a prefetch query."""
    from django.db.models import F

    qs = reg.revisorer_under(forbund=forbund, fran=fran, till=till)
    if medlemmar is None:
        return list(qs)
    per_id = {m.pk: m for m in medlemmar}
    revisorer: dict[int, tuple] = {}
    for r in qs.prefetch_related(None).annotate(utsedd_id=F("utsedd_av__id")):
        post = revisorer.setdefault(r.pk, (r, set()))
        if r.utsedd_id is not None:
            post[1].add(r.utsedd_id)
    if any(i not in per_id for _, ids in revisorer.values() for i in ids):
        return list(qs)  # a member not among those read: the plain prefetch
    ut = []
    for r, ids in revisorer.values():
        # What prefetch_related("utsedd_av") would hold: the members in Medlem's order.
        cache = r.utsedd_av.all()
        cache._result_cache = [m for m in medlemmar if m.pk in ids]
        cache._prefetch_done = True
        r._prefetched_objects_cache = {"utsedd_av": cache}
        ut.append(r)
    return ut


def _moten_och_beslut(forbund: Forbund, fran: datetime.date, till: datetime.date):
    """``forbund.selectors.sammantraden_under`` and ``viktiga_beslut_under`` in one query:
    the meetings with their decisions of a kind the årsredovisning names (everything but
    övrigt) joined in, each decision built with its meeting (``beslut.sammantrade`` needs
    no query). Returns (meetings by date, decisions by meeting date and paragraph)."""
    from django.db.models import F, FilteredRelation, Q

    from forbund.models import Beslut

    falt = [f.attname for f in Beslut._meta.concrete_fields]
    rader = (
        reg.sammantraden_under(forbund=forbund, fran=fran, till=till)
        .alias(viktigt=FilteredRelation("beslut", condition=~Q(beslut__typ=Beslut.Typ.OVRIGT)))
        .annotate(**{f"b_{f}": F(f"viktigt__{f}") for f in falt})
        .order_by("datum", "viktigt__paragraf")
    )
    moten: dict[int, object] = {}
    beslut = []
    satt_mote = Beslut.sammantrade.field.set_cached_value
    for m in rader:
        mote = moten.setdefault(m.pk, m)
        if m.b_id is not None:
            b = Beslut(**{f: getattr(m, f"b_{f}") for f in falt})
            b._state.adding, b._state.db = False, m._state.db
            satt_mote(b, mote)
            beslut.append(b)
    return list(moten.values()), beslut


def organisation_for(
    forbund: Forbund, fran: datetime.date, till: datetime.date, medlemmar: list | None = None
) -> Organisation:
    """The organisation over [fran, till] from the registers: one query per register,
    whatever the number of members and mandates. ``medlemmar``: the förbund's ``Medlem``
    rows already read (``Underlag.medlem_register``), filtered here with the rule of
    ``forbund.selectors.medlemmar_under`` instead of a query."""
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
    moten, beslut = _moten_och_beslut(forbund, fran, till)
    return Organisation(
        medlemmar=(
            list(reg.medlemmar_under(forbund=forbund, fran=fran, till=till))
            if medlemmar is None
            else [
                m
                for m in medlemmar
                if (m.from_datum is None or m.from_datum <= till)
                and (m.tom_datum is None or m.tom_datum >= fran)
            ]
        ),
        styrelse=list(per_medlem.values()),
        byten=byten,
        sammantraden=moten,
        beslut=reg.beslut_i_ordning(beslut),
        revisorer=_revisorer(forbund, fran, till, medlemmar),
        kansli=list(reg.kansli_under(forbund=forbund, fran=fran, till=till)),
        uppdrag=uppdrag,
        grupper=list(reg.grupper_under(forbund=forbund, fran=fran, till=till)),
        foregangare=list(forbund.foregangare.all()),
        forbundsordning=reg.forbundsordning_pa_datum(forbund=forbund, datum=till),
    )


def som_text(v) -> str | None:
    return None if v is None else str(v)


def kontroll_dict(k: Kontroll) -> dict:
    return {
        "ok": k.ok,
        "konton_utan_rad": [f"{x.nummer} {x.namn}" for x in k.saknas],
        "konton_pa_flera_rader": [[f"{x.nummer} {x.namn}", koder] for x, koder in k.dubbla],
        "kassaflode_och_drift": list(k.grupperingar),
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


def kapitel(avsnitt: list, rakningar: list[tuple[str, str]]) -> list[tuple]:
    """The contents list: chapter 1 Förvaltningsberättelse with its sections, then the
    statements numbered from 2 (``[(nr, id, rubrik, avsnitt | None)]``), the same numbers
    the headings print."""
    ut = [("1", "forvaltningsberattelse", "Förvaltningsberättelse", avsnitt)]
    for i, (id_, rubrik) in enumerate(rakningar, start=2):
        ut.append((str(i), id_, rubrik, None))
    return ut


@dataclass(frozen=True)
class Malrad:
    """One insats goal in the måluppfyllelse section with its assessment."""

    insats: object
    mal: object  # insatser.selectors.statistik.Maluppfyllelse
    bedomning: str


def bedomning(m) -> str:
    """The goal's assessment as measured (``Maluppfyllelse.bedomning``, the same words the
    insats section and its chart print; rule in ``insatser.selectors.statistik.bedom``)."""
    return m.bedomning


def malrader(insatser_rapport: list) -> list[Malrad]:
    """Every insats goal of the period, in the insatser's order."""
    return [Malrad(r.insats, m, bedomning(m)) for r in insatser_rapport for m in r.mal]


def forbundsmal_for(
    forbund: Forbund, avsnitt: list, nyckel: str, ar: int, till: datetime.date | None
):
    """The förbund's goals of year ``ar`` (with their follow-up per ``till``; a plan
    passes None) when the report prints section ``nyckel``, else None (nothing queried).
    One query, whatever the number of goals."""
    if not any(a.nyckel == nyckel for a in avsnitt):
        return None
    from insatser.selectors.forbundsmal import maluppfoljning

    return maluppfoljning(forbund=forbund, ar=ar, till=till)


def forbundsmal_dict(uppfoljning) -> list | None:
    """The goals for JSON (None when the report does not print them)."""
    return None if uppfoljning is None else uppfoljning.som_dict()


def deltagare_for(
    forbund: Forbund,
    fran: datetime.date,
    till: datetime.date,
    utfall_per_objekt: dict[int, int] | None = None,
    *,
    data=None,
    individobjekt: list[int] | None = None,
    skyddad: bool = False,
):
    """Participant results for the whole förbund, suppressed as published (small cells
    "<n"): ``(Deltagarstatistik, [Diagram])``. ``skyddad``: also secondary suppression
    and rounding to FINSAM_AVRUNDNINGSBAS (a draft read by a role without participant
    rights, issue 17.3). ``utfall_per_objekt``: the period's cost
    per object from the report's grouped query (then no ledger rows are read); ``data``
    the report's ``Forhamtat`` loaded for the whole förbund and ``individobjekt``
    (``Underlag.individobjekt``): then no query at all."""
    from insatser.selectors.diagram import diagram_for
    from insatser.selectors.statistik import deltagarstatistik

    stat = deltagarstatistik(
        forbund=forbund,
        fran=fran,
        till=till,
        publicering=True,
        utfall_per_objekt=utfall_per_objekt,
        data=data,
        individobjekt=individobjekt,
        skyddad=skyddad,
    )
    return stat, diagram_for(stat, "forbund-")
