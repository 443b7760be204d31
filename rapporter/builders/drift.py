"""The driftredovisning (budget follow-up), laid out by the förbund's editable definition
(``Rapportdefinition.Typ.DRIFT``, default ``definitioner.STANDARD_DR``): utfall, budget
and avvikelse per budget post. A pure function of an ``Underlag``: no queries here."""

from decimal import Decimal

from rapporter.builders.grund import Tabell, Tabellrad, tolka_formel
from rapporter.builders.underlag import Underlag
from rapporter.definitioner import rad_matchar
from rapporter.models import Rapportrad

R = Rapportrad.Typ
PER_INSATS = Rapportrad.Not.PER_INSATS
PER_KONTO = Rapportrad.Not.PER_KONTO


def _dela(
    u: Underlag, per_konto: dict[int, int], per_objekt: dict[tuple[int, int], int]
) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """A result account's amount split in its insats part ((account, insats object) →
    öre) and the rest (account → öre), ledger sign."""
    insats = {
        (k, o): v
        for (k, o), v in per_objekt.items()
        if o in u.insatser and u.konton[k].ar_resultatkonto
    }
    rest = {k: v for k, v in per_konto.items() if u.konton[k].ar_resultatkonto}
    for (k, _), v in insats.items():
        rest[k] = rest.get(k, 0) - v
    return rest, insats


def driftredovisning(
    u: Underlag, *, period: str, budget: str, resultat_visat: Decimal | None = None
) -> Tabell:
    """Utfall (and, with a budget, budget and avvikelse) per line of the definition. The
    part of an account booked on an insats object lands in the line specified per insats
    (one row per insats, by name), the rest in the account's other line (one row, or one
    per account when the line is specified per account).

    ``resultat_visat``: the resultaträkning's printed årets resultat; when sums follow the
    printed figures the last total prints it, so the statements agree (the table then
    says when its printed rows do not add up to it)."""
    enhet = u.enhet
    med_budget = bool(u.budget_konto.get(budget)) if budget else False
    ncol = 3 if med_budget else 1
    konton = {k: v for k, v in u.konton.items() if v.ar_resultatkonto}
    linjer = [r for r in u.dr if r.typ == R.KONTON]
    insatslinje = {
        k: next((r.kod for r in linjer if r.not_typ == PER_INSATS and rad_matchar(r, info)), None)
        for k, info in konton.items()
    }
    restlinje = {
        k: next((r.kod for r in linjer if r.not_typ != PER_INSATS and rad_matchar(r, info)), None)
        for k, info in konton.items()
    }
    u_rest, u_ins = _dela(u, u.resultatkonton(u.saldon[period]), u.per_objekt.get(period, {}))
    b_rest, b_ins = (
        _dela(u, u.budget_konto.get(budget, {}), u.budget_objekt.get(budget, {}))
        if med_budget
        else ({}, {})
    )
    for rest, ins in ((u_rest, u_ins), (b_rest, b_ins)):
        for k, o in list(ins):
            if insatslinje.get(k) is None:  # no line per insats takes it: stays on its line
                rest[k] = rest.get(k, 0) + ins.pop((k, o))

    def kolumner(a: int, b: int) -> list[int]:
        return [a, b, a - b] if med_budget else [a]

    rader: list[Tabellrad] = []
    varden: dict[str, list[int]] = {}
    visade: dict[str, list[Decimal]] = {}
    delar: dict[str, list[tuple[int, str]]] = {}
    for rad in u.dr:
        if rad.typ == R.RUBRIK:
            rader.append(Tabellrad(rad.kod, rad.rubrik, "rubrik", [None] * ncol, [None] * ncol))
            continue
        if rad.typ == R.SUMMA:
            formel = tolka_formel(rad.formel)
            belopp = [
                sum(t * varden.get(k, [0] * ncol)[i] for t, k in formel) for i in range(ncol)
            ]
            tryckt = [
                sum((t * visade.get(k, [Decimal(0)] * ncol)[i] for t, k in formel), Decimal(0))
                for i in range(ncol)
            ]
            visat = tryckt if u.summera_avrundade else [enhet.visa(b) for b in belopp]
            delar[rad.kod] = formel
            varden[rad.kod], visade[rad.kod] = belopp, visat
            rader.append(Tabellrad(rad.kod, rad.rubrik, "summa", belopp, visat))
            continue
        if rad.typ != R.KONTON:
            continue
        poster: list[tuple[str, str, int, int]] = []  # (kod, rubrik, utfall, budget)
        if rad.not_typ == PER_INSATS:
            for objekt_id in sorted(u.insatser, key=lambda o: u.insatser[o]):
                a = rad.tecken * sum(
                    v
                    for (k, o), v in u_ins.items()
                    if o == objekt_id and insatslinje[k] == rad.kod
                )
                b = rad.tecken * sum(
                    v
                    for (k, o), v in b_ins.items()
                    if o == objekt_id and insatslinje[k] == rad.kod
                )
                if a or b:
                    poster.append((f"o{objekt_id}", u.insatser[objekt_id], a, b))
        else:
            ids = sorted(
                (k for k, kod in restlinje.items() if kod == rad.kod),
                key=lambda k: konton[k].nummer,
            )
            if rad.not_typ == PER_KONTO:
                for k in ids:
                    a, b = rad.tecken * u_rest.get(k, 0), rad.tecken * b_rest.get(k, 0)
                    if a or b:
                        poster.append((f"k{konton[k].nummer}", konton[k].namn, a, b))
            else:
                a = rad.tecken * sum(u_rest.get(k, 0) for k in ids)
                b = rad.tecken * sum(b_rest.get(k, 0) for k in ids)
                if a or b:
                    poster.append((rad.kod, rad.rubrik, a, b))
        summa, tryckt = [0] * ncol, [Decimal(0)] * ncol
        for kod, rubrik, a, b in poster:
            belopp = kolumner(a, b)
            visat = [enhet.visa(x) for x in belopp]
            rader.append(Tabellrad(kod, rubrik, "post", belopp, visat))
            summa = [s + x for s, x in zip(summa, belopp, strict=True)]
            tryckt = [s + x for s, x in zip(tryckt, visat, strict=True)]
        varden[rad.kod], visade[rad.kod] = summa, tryckt
    sista = next((r for r in reversed(rader) if r.typ == "summa"), None)
    if u.summera_avrundade and resultat_visat is not None and sista is not None:
        sista.visat[0] = resultat_visat
        if med_budget:
            sista.visat[2] = resultat_visat - sista.visat[1]
        visade[sista.kod] = sista.visat
    tabell = Tabell(
        "Driftredovisning",
        ["Utfall", "Budget", "Avvikelse"] if med_budget else ["Utfall"],
        rader,
        enhet,
        nyckel="driftredovisning",
    )
    # Parts printed in rows of their own (per account, per insats) are checked through
    # the totals of their line, which are the sums of the printed rows.
    vis = {r.kod: r.visat for r in rader}
    summor_ok = all(
        v is None
        or v == sum((t * visade.get(k, [Decimal(0)] * ncol)[i] for t, k in formel), Decimal(0))
        for kod, formel in delar.items()
        for i, v in enumerate(vis.get(kod, []))
    )
    avvikelse_ok = not med_budget or all(
        r.visat[2] == r.visat[0] - r.visat[1] for r in rader if r.visat[0] is not None
    )
    tabell.avrundningsdifferens = not (summor_ok and avvikelse_ok)
    return tabell
