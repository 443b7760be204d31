"""Everything a report reads from the database, fetched with a fixed number of queries
(independent of the number of vouchers). The statement builders take this as plain data."""

import datetime
from dataclasses import dataclass, field

from forbund.models import Forbund
from rapporter import aggregering as agg
from rapporter.builders.grund import Enhet
from rapporter.definitioner import hamta_definitioner, tolka_intervall
from rapporter.models import Rapportdefinition, Rapportinstallning, Rapportrad


@dataclass(frozen=True)
class Medlemspost:
    namn: str
    konton: tuple[tuple[str, str], ...]


@dataclass
class Underlag:
    forbund: Forbund
    installning: Rapportinstallning
    konton: dict[int, agg.Kontoinfo]
    rr: list[Rapportrad]
    br: list[Rapportrad]
    medlemmar: list[Medlemspost]
    insatser: dict[int, str]
    kf: list[Rapportrad] = field(default_factory=list)  # kassaflödesanalys definition
    dr: list[Rapportrad] = field(default_factory=list)  # driftredovisning definition
    saldon: dict[str, agg.Saldon] = field(default_factory=dict)
    per_objekt: dict[str, dict[tuple[int, int], int]] = field(default_factory=dict)
    budget_konto: dict[str, dict[int, int]] = field(default_factory=dict)
    budget_objekt: dict[str, dict[tuple[int, int], int]] = field(default_factory=dict)
    budget_namn: dict[str, str] = field(default_factory=dict)
    # Notes per object of a chosen dimension: (period, dimension) → öre per (account,
    # object); object id → "kod namn".
    per_dimension: dict[tuple[str, int], dict[tuple[int, int], int]] = field(default_factory=dict)
    objektnamn: dict[int, str] = field(default_factory=dict)
    # The förbund's members as registered (``Medlem``, the model's order), read once for
    # both the statements (``medlemmar``) and the organisation section.
    medlem_register: list = field(default_factory=list)
    # Dimension-6 objects of the individinriktade insatser (the förbund total's cost).
    individobjekt: list[int] = field(default_factory=list)

    @property
    def enhet(self) -> Enhet:
        return Enhet(self.installning.enhet_rakningar)

    @property
    def enhet_noter(self) -> Enhet:
        return Enhet(self.installning.enhet_noter)

    @property
    def summera_avrundade(self) -> bool:
        return self.installning.summera_avrundade

    def resultatkonton(self, saldon: agg.Saldon) -> dict[int, int]:
        return {k: v for k, v in saldon.total.items() if self.konton[k].ar_resultatkonto}

    def balanskonton(self, saldon: agg.Saldon) -> dict[int, int]:
        return {k: v for k, v in saldon.total.items() if not self.konton[k].ar_resultatkonto}

    def _per_objekt(self, period: str, konto_med) -> dict[int, int]:
        summor: dict[int, int] = {}
        for (k, o), v in self.per_objekt.get(period, {}).items():
            if konto_med(self.konton[k]):
                summor[o] = summor.get(o, 0) + v
        return summor

    def kostnad_per_objekt(self, period: str) -> dict[int, int]:
        """Öre per dimension-6 object id on K accounts in ``period`` (debet positive), from
        the grouped query already made: what each insats cost, with no query per insats."""
        return self._per_objekt(period, lambda konto: konto.typ == "K")

    def resultat_per_objekt(self, period: str) -> dict[int, int]:
        """Öre per dimension-6 object id on the result accounts (I and K) in ``period``, in
        the ledger's sign (a net cost positive), from the same grouped query."""
        return self._per_objekt(period, lambda konto: konto.ar_resultatkonto)

    def arets_resultat(self, saldon: agg.Saldon) -> int:
        """Presented: profit positive (income is credit, i.e. negative in the ledger)."""
        return -sum(self.resultatkonton(saldon).values())


def installning_for(forbund: Forbund) -> Rapportinstallning:
    installning = Rapportinstallning.objects.filter(forbund=forbund).first()
    return installning or Rapportinstallning(forbund=forbund)


def hamta_underlag(
    *,
    forbund: Forbund,
    perioder: dict[str, tuple[datetime.date, datetime.date]],
    objekt_perioder: tuple[str, ...] = (),
    budgetar: dict[str, tuple[int, str]] | None = None,
) -> Underlag:
    """``perioder``: name → (fran, till) for ``saldon``; ``objekt_perioder``: which of those
    also need sums per insats; ``budgetar``: name → (year, budget type)."""
    installning = installning_for(forbund)
    alla_medlemmar = list(forbund.medlemmar.all())
    medlemmar = []
    ordning = {"fk": 0, "af": 1, "region": 2, "kommun": 3}
    for m in sorted(alla_medlemmar, key=lambda m: (ordning.get(m.typ, 9), m.namn)):
        try:
            intervall = tuple(tolka_intervall(m.intaktskonton or ""))
        except ValueError:
            intervall = ()
        medlemmar.append(Medlemspost(m.namn, intervall))
    definitioner = hamta_definitioner(
        forbund=forbund,
        typer=list(Rapportdefinition.Typ.values),
    )
    _, rr = definitioner[Rapportdefinition.Typ.RESULTATRAKNING]
    _, br = definitioner[Rapportdefinition.Typ.BALANSRAKNING]
    # The accounts and every period's balances in one query (whole months).
    konton, saldon = agg.kontoplan_och_saldon(forbund=forbund, perioder=perioder)
    insatser, individobjekt = agg.insatsobjekt_och_individ(forbund=forbund)
    u = Underlag(
        forbund=forbund,
        installning=installning,
        konton=konton,
        rr=rr,
        br=br,
        kf=definitioner[Rapportdefinition.Typ.KASSAFLODE][1],
        dr=definitioner[Rapportdefinition.Typ.DRIFT][1],
        medlemmar=medlemmar,
        medlem_register=alla_medlemmar,
        insatser=insatser,
        individobjekt=individobjekt,
        saldon=saldon,
    )
    if objekt_perioder:
        u.per_objekt = agg.saldon_per_objekt_perioder(
            forbund=forbund, perioder={n: perioder[n] for n in objekt_perioder}
        )
    # One grouped query per period and chosen dimension (a definition asks for a note per
    # object, e.g. a creditor list): the count follows the definitions, not the data.
    dimensioner = sorted(
        {r.not_dimension for r in rr + br if r.not_typ == "objekt" and r.not_dimension}
    )
    if dimensioner:
        for dim in dimensioner:
            per_period = agg.saldon_per_objekt_perioder(
                forbund=forbund, perioder=perioder, dimension=dim
            )
            for namn in perioder:
                u.per_dimension[(namn, dim)] = per_period[namn]
        u.objektnamn = agg.objektnamn(forbund=forbund, dimensioner=dimensioner)
    for namn, (per_konto, per_objekt, vnamn) in agg.budgetar(
        forbund=forbund, onskade=budgetar or {}
    ).items():
        u.budget_konto[namn] = per_konto
        u.budget_objekt[namn] = per_objekt
        u.budget_namn[namn] = vnamn
    return u
