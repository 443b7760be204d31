"""The generated noter: redovisningsprinciper, a note per statement line that asks for one
(per account — balance-sheet accounts per Kommun-Bas subgroup with subtotals —, per member
or per insats), costs per insats, eget kapital per account and change, revisionskostnad and
ansvarsförbindelser. Pure functions of an ``Underlag``."""

from dataclasses import dataclass
from decimal import Decimal

from rapporter import kommunbas, texter
from rapporter.builders.grund import Enhet, Tabell, Tabellrad, enkel_tabell
from rapporter.builders.grund import placering as placera_konton
from rapporter.builders.rakningar import Kol
from rapporter.builders.underlag import Underlag
from rapporter.definitioner import EGET_KAPITAL, matchar, tolka_intervall
from rapporter.models import Rapportrad


def _not_for_rad(
    u: Underlag, rad: Rapportrad, konto_ids: list[int], kolumner: list[Kol], enhet: Enhet
) -> Tabell | None:
    perioder = [k.period for k in kolumner]
    namn = [k.namn for k in kolumner]

    def konto_belopp(konto_id: int) -> list[int]:
        return [rad.tecken * u.saldon[p].total.get(konto_id, 0) for p in perioder]

    poster: list[tuple[str, list[int]]] = []
    ovriga = list(konto_ids)
    if rad.not_typ == Rapportrad.Not.PER_MEDLEM:
        grupper: dict[tuple, list[str]] = {}
        for m in u.medlemmar:
            if m.konton:
                grupper.setdefault(m.konton, []).append(m.namn)
        for intervall, medlemsnamn in grupper.items():
            ids = [k for k in ovriga if matchar(u.konton[k].nummer, list(intervall))]
            if not ids:
                continue
            ovriga = [k for k in ovriga if k not in ids]
            b = [sum(x) for x in zip(*(konto_belopp(k) for k in ids), strict=True)]
            poster.append(("/".join(medlemsnamn), b))
    elif rad.not_typ == Rapportrad.Not.PER_OBJEKT and rad.not_dimension:
        return _not_per_objekt(u, rad, konto_ids, perioder, namn, enhet)
    elif rad.not_typ == Rapportrad.Not.PER_INSATS:
        objekt_summa: dict[int, list[int]] = {}
        for i, p in enumerate(perioder):
            for (konto_id, objekt_id), b in u.per_objekt.get(p, {}).items():
                if konto_id in konto_ids and objekt_id in u.insatser:
                    objekt_summa.setdefault(objekt_id, [0] * len(perioder))[i] += rad.tecken * b
        for objekt_id in sorted(objekt_summa, key=lambda o: u.insatser[o]):
            if any(objekt_summa[objekt_id]):
                poster.append((u.insatser[objekt_id], objekt_summa[objekt_id]))
        if poster:
            totalt = [sum(x) for x in zip(*(konto_belopp(k) for k in konto_ids), strict=True)]
            insatser = [sum(x) for x in zip(*(b for _, b in poster), strict=True)]
            rest = [t - s for t, s in zip(totalt, insatser, strict=True)]
            tabell = enkel_tabell(
                titel=rad.rubrik,
                kolumner=namn,
                poster=poster,
                enhet=enhet,
                summa="Summa insatser",
                summera_avrundade=u.summera_avrundade,
            )
            if any(rest):
                tabell.rader.append(
                    Tabellrad(
                        "ovrigt",
                        "Övriga kostnader och intäkter utan insats",
                        "post",
                        rest,
                        [enhet.visa(x) for x in rest],
                    )
                )
            return tabell
    konto_poster = [(k, konto_belopp(k)) for k in sorted(ovriga, key=lambda k: u.konton[k].nummer)]
    konto_poster = [(k, b) for k, b in konto_poster if any(b)]
    if (
        not poster
        and konto_poster
        and all(not u.konton[k].ar_resultatkonto for k, _ in konto_poster)
    ):
        return _not_per_grupp(u, rad.rubrik, konto_poster, namn, enhet)
    poster += [(u.konton[k].namn, b) for k, b in konto_poster]
    if not poster:
        return None
    return enkel_tabell(
        titel=rad.rubrik,
        kolumner=namn,
        poster=poster,
        enhet=enhet,
        summera_avrundade=u.summera_avrundade,
    )


def _not_per_objekt(
    u: Underlag, rad: Rapportrad, konto_ids: list[int], perioder: list[str], namn, enhet
) -> Tabell | None:
    """A note per object of the line's chosen dimension (e.g. each creditor), then what
    was booked without an object of it, then the total."""
    n = len(perioder)
    ids = set(konto_ids)
    per_objekt: dict[int, list[int]] = {}
    for i, p in enumerate(perioder):
        for (konto_id, objekt_id), b in u.per_dimension.get((p, rad.not_dimension), {}).items():
            if konto_id in ids:
                per_objekt.setdefault(objekt_id, [0] * n)[i] += rad.tecken * b
    totalt = [rad.tecken * sum(u.saldon[p].total.get(k, 0) for k in konto_ids) for p in perioder]
    if not any(totalt) and not per_objekt:
        return None
    poster = [
        (u.objektnamn.get(o, str(o)), b)
        for o, b in sorted(per_objekt.items(), key=lambda x: u.objektnamn.get(x[0], ""))
        if any(b)
    ]
    rest = [t - sum(b[i] for _, b in poster) for i, t in enumerate(totalt)]
    if any(rest):
        poster.append(("Utan objekt i dimensionen", rest))
    return enkel_tabell(
        titel=rad.rubrik,
        kolumner=namn,
        poster=poster,
        enhet=enhet,
        summera_avrundade=u.summera_avrundade,
    )


def _summarad(
    kod: str, rubrik: str, delar: list[Tabellrad], n: int, enhet: Enhet, avrundade: bool
) -> tuple[Tabellrad, bool]:
    """A total over ``delar``; returns it and whether its printed figure differs from the
    sum of the printed parts."""
    tot = [sum(r.belopp[i] or 0 for r in delar) for i in range(n)]
    tryckt = [sum((r.visat[i] or Decimal(0) for r in delar), Decimal(0)) for i in range(n)]
    vis = tryckt if avrundade else [enhet.visa(x) for x in tot]
    return Tabellrad(kod, rubrik, "summa", tot, vis), vis != tryckt


def _not_per_grupp(
    u: Underlag, titel: str, konto_poster: list[tuple[int, list[int]]], namn: list[str], enhet
) -> Tabell:
    """A balance-sheet note per Kommun-Bas subgroup: the group's caption, its accounts and
    (when the note has more than one group) its subtotal; then the note's total."""
    n = len(namn)
    tvasiffriga = {k.nummer: k.namn for k in u.konton.values() if len(k.nummer) == 2}
    grupper: dict[str, list[tuple[int, list[int]]]] = {}
    for k, b in konto_poster:
        grupper.setdefault(kommunbas.grupp(u.konton[k].nummer), []).append((k, b))
    rader: list[Tabellrad] = []
    alla: list[Tabellrad] = []
    differens = False
    for g, poster in grupper.items():
        rubrik = kommunbas.gruppnamn(g, tvasiffriga)
        delar = [
            Tabellrad(
                f"k{u.konton[k].nummer}",
                u.konton[k].namn,
                "post",
                b,
                [enhet.visa(x) for x in b],
            )
            for k, b in poster
        ]
        alla += delar
        if len(delar) == 1 or (len(grupper) == 1 and rubrik == titel):
            rader += delar  # a group of one account: the account is the line
            continue
        rader.append(Tabellrad(f"r{g}", rubrik, "rubrik", [None] * n, [None] * n))
        rader += delar
        if len(grupper) > 1 and len(delar) > 1:
            delsumma, diff = _summarad(
                f"s{g}",
                f"Summa {rubrik[:1].lower()}{rubrik[1:]}",
                delar,
                n,
                enhet,
                u.summera_avrundade,
            )
            rader.append(delsumma)
            differens = differens or diff
    summa, diff = _summarad("summa", "Summa", alla, n, enhet, u.summera_avrundade)
    rader.append(summa)
    return Tabell(
        titel=titel,
        kolumner=namn,
        rader=rader,
        enhet=enhet,
        avrundningsdifferens=differens or diff,
    )


def _summa_som_raden(u: Underlag, notbord: Tabell, trad: Tabellrad) -> None:
    """When sums follow the printed figures, a note's total prints the figure of the
    statement line it specifies (same unit), so note and statement agree; the note then
    says when its printed posts do not add up to it."""
    if not u.summera_avrundade or u.enhet_noter != u.enhet or not notbord.rader:
        return
    summa = notbord.rader[-1]
    if summa.kod != "summa":
        return
    poster = [r for r in notbord.rader if r.typ == "post"]
    for i in range(len(summa.visat)):
        if i >= len(trad.visat) or trad.visat[i] is None:
            continue
        summa.visat[i] = trad.visat[i]
        tryckt = sum((r.visat[i] or Decimal(0) for r in poster), Decimal(0))
        if tryckt != summa.visat[i]:
            notbord.avrundningsdifferens = True


@dataclass
class Not:
    nr: int
    rubrik: str
    tabell: Tabell | None = None
    text: str = ""

    def som_dict(self) -> dict:
        return {
            "nr": self.nr,
            "rubrik": self.rubrik,
            "text": self.text,
            "tabell": self.tabell.som_dict() if self.tabell else None,
        }


def noter(
    u: Underlag,
    *,
    rr: Tabell,
    rr_kolumner: list[Kol],
    br: Tabell,
    br_kolumner: list[Kol],
    ansvarsforbindelser: bool = True,
    ar: int | None = None,
    rapport: str = "arsredovisning",
    ek_kolumner: list[Kol] | None = None,
) -> list[Not]:
    """Redovisningsprinciper, a note for each statement line that asks for one, eget
    kapital, ansvarsförbindelser and revisionskostnad. Sets the note numbers on the lines.

    With ``ar`` the principles note opens with the law and bodies of that year and the
    report kind (``rapporter.texter``), followed by the förbund's own text.
    ``ek_kolumner``: the eget kapital note's columns when not all of ``br_kolumner`` (a
    previous year known only from this year's IB voucher has no known IB or result)."""
    enhet = u.enhet_noter
    principer = u.installning.redovisningsprinciper
    if ar is not None:
        principer = texter.redovisningsprinciper(ar=ar, rapport=rapport, egen_text=principer)
    ut = [Not(1, "Redovisningsprinciper", text=principer)]
    for tabell, defrader, kolumner, konton in (
        (rr, u.rr, rr_kolumner, {k: v for k, v in u.konton.items() if v.ar_resultatkonto}),
        (br, u.br, br_kolumner, {k: v for k, v in u.konton.items() if not v.ar_resultatkonto}),
    ):
        plats = placera_konton(defrader, konton)
        for rad in defrader:
            if not rad.not_typ or rad.typ != Rapportrad.Typ.KONTON:
                continue
            trad = tabell.rad(rad.kod)
            if trad is None:
                continue
            notbord = _not_for_rad(u, rad, plats[rad.kod], kolumner, enhet)
            if notbord is None:
                continue
            _summa_som_raden(u, notbord, trad)
            nr = len(ut) + 1
            trad.not_nr = nr
            ut.append(Not(nr, rad.rubrik, tabell=notbord))
    # Kostnader per insats, when no statement line already breaks down by insats.
    if not any(r.not_typ == Rapportrad.Not.PER_INSATS for r in u.rr):
        # Each period's result per object, summed once (not once per insats).
        netto = {kol.period: u.resultat_per_objekt(kol.period) for kol in rr_kolumner}
        poster = []
        for objekt_id in sorted(u.insatser, key=lambda o: u.insatser[o]):
            belopp = [-netto[kol.period].get(objekt_id, 0) for kol in rr_kolumner]
            if any(belopp):
                poster.append((u.insatser[objekt_id], belopp))
        if poster:
            tabell = enkel_tabell(
                titel="Nettokostnad per insats",
                kolumner=[k.namn for k in rr_kolumner],
                poster=poster,
                enhet=enhet,
                summa="Summa insatser",
                summera_avrundade=u.summera_avrundade,
            )
            ut.append(Not(len(ut) + 1, "Verksamhetens kostnader per insats", tabell=tabell))
    ut.append(
        Not(
            len(ut) + 1,
            "Eget kapital",
            tabell=_eget_kapital_not(u, ek_kolumner or br_kolumner, enhet),
        )
    )
    if u.installning.revisionskonton:
        try:
            rev = tolka_intervall(u.installning.revisionskonton)
        except ValueError:
            rev = []
        belopp = [
            sum(
                v
                for i, v in u.saldon[k.period].total.items()
                if u.konton[i].ar_resultatkonto and matchar(u.konton[i].nummer, rev)
            )
            for k in rr_kolumner
        ]
        ut.append(
            Not(
                len(ut) + 1,
                "Revisionskostnad",
                tabell=enkel_tabell(
                    titel="Kostnad för revision",
                    kolumner=[k.namn for k in rr_kolumner],
                    poster=[("Revision", belopp)],
                    enhet=enhet,
                    summa=None,
                ),
            )
        )
    if ansvarsforbindelser:
        # Nothing entered is not "Inga": the report says "Uppgift saknas" (saknas.py).
        text = (u.installning.ansvarsforbindelser or "").strip()
        belopp = u.installning.ansvarsforbindelser_belopp
        tabell = None
        if belopp is not None:
            tabell = enkel_tabell(
                titel="Ansvarsförbindelser",
                kolumner=["Belopp"],
                poster=[(text, [belopp])],
                enhet=enhet,
                summa=None,
            )
        ut.append(Not(len(ut) + 1, "Panter och ansvarsförbindelser", tabell=tabell, text=text))
    return ut


def _eget_kapital_not(u: Underlag, kolumner: list[Kol], enhet: Enhet) -> Tabell:
    """Eget kapital at the start per account, årets resultat, each amount booked straight
    to an eget kapital account during the period (contributions, transfers from a
    predecessor, corrections) per account, and the closing total."""
    ek = tolka_intervall(EGET_KAPITAL)
    n = len(kolumner)
    saldon = [u.saldon[k.period] for k in kolumner]
    ek_ids = sorted(
        {
            i
            for s in saldon
            for i in s.total
            if matchar(u.konton[i].nummer, ek) and not u.konton[i].ar_resultatkonto
        },
        key=lambda i: u.konton[i].nummer,
    )

    def rad(kod: str, rubrik: str, belopp: list[int]) -> Tabellrad:
        return Tabellrad(kod, rubrik, "post", belopp, [enhet.visa(b) for b in belopp])

    ib_rader = [
        rad(f"ib{u.konton[i].nummer}", u.konton[i].namn, [-s.ib.get(i, 0) for s in saldon])
        for i in ek_ids
    ]
    ib_rader = [r for r in ib_rader if any(r.belopp)]
    rader: list[Tabellrad] = []
    differens = False
    if len(ib_rader) > 1:
        rader += ib_rader
        ingaende, differens = _summarad(
            "IB", "Ingående eget kapital", ib_rader, n, enhet, u.summera_avrundade
        )
    else:
        ingaende = rad(
            "IB", "Ingående eget kapital", [-sum(s.ib.get(i, 0) for i in ek_ids) for s in saldon]
        )
    rader.append(ingaende)
    andringar = [rad("AR", "Årets resultat", [u.arets_resultat(s) for s in saldon])]
    for i in ek_ids:
        belopp = [-s.rorelse(i) for s in saldon]
        if any(belopp):
            andringar.append(
                rad(
                    f"d{u.konton[i].nummer}",
                    f"{u.konton[i].namn} (bokfört mot eget kapital)",
                    belopp,
                )
            )
    rader += andringar
    utgaende, diff = _summarad(
        "UB", "Utgående eget kapital", [ingaende, *andringar], n, enhet, u.summera_avrundade
    )
    rader.append(utgaende)
    return Tabell(
        titel="Eget kapital",
        kolumner=[k.namn for k in kolumner],
        rader=rader,
        enhet=enhet,
        avrundningsdifferens=differens or diff,
    )
