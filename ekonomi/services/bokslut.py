"""Year-end: opening balances, bokslut and the UB(N) = IB(N+1) check."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from ekonomi import selectors
from ekonomi.models import Konto, Period, Rakenskapsar, Verifikation
from ekonomi.services._common import kr_text
from ekonomi.services.ar import rakenskapsar_skapa
from ekonomi.services.kontoplan import eget_kapital_konto
from ekonomi.services.verifikationer import _skapa
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse

IB_SERIE = selectors.IB_SERIE


def ingaende_balans_skapa(
    *, rakenskapsar: Rakenskapsar, saldon: dict, user, text: str = "Ingående balans"
) -> Verifikation:
    """The year's opening balances as one posted voucher in series IB dated the first day.

    ``saldon``: {account number or Konto: öre (debet-positive)}; balance accounts (T/S)
    only, summing to zero. One IB voucher per year. Not durable on purpose: an import may
    call it inside its own transaction.
    """
    forbund = rakenskapsar.forbund
    with transaction.atomic():
        if rakenskapsar.verifikationer.filter(serie__kod=IB_SERIE).exists():
            raise ValidationError(f"{rakenskapsar} har redan en ingående balans.")
        rader = []
        konton = {k.nummer: k for k in forbund.konton.all()}
        for nyckel, belopp in sorted(saldon.items(), key=lambda kv: str(kv[0])):
            konto = nyckel if isinstance(nyckel, Konto) else konton.get(str(nyckel))
            if konto is None:
                raise ValidationError(f"Konto {nyckel} finns inte i kontoplanen.")
            if not konto.ar_balanskonto:
                raise ValidationError(
                    f"Konto {konto.nummer} är ett resultatkonto; en ingående balans har "
                    "bara tillgångs- och skuldkonton."
                )
            if belopp:
                rader.append((konto, int(belopp), [], ""))
        return _skapa(
            forbund=forbund,
            datum=rakenskapsar.start,
            text=text,
            rader=rader,
            serie=IB_SERIE,
            user=user,
            bokfor=True,
        )


def bokslut(*, rakenskapsar: Rakenskapsar, user) -> Rakenskapsar:
    """Close year N: no drafts may remain, every period is locked, and year N+1 (created
    if missing) gets its IB voucher = UB(N) with årets resultat moved into the eget
    kapital account (``eget_kapital_konto``). Returns year N+1."""
    with transaction.atomic(durable=True):
        return _bokslut(rakenskapsar=rakenskapsar, user=user)


def _bokslut(*, rakenskapsar: Rakenskapsar, user) -> Rakenskapsar:
    """``bokslut`` inside the caller's transaction (the demo loader runs in one)."""
    forbund = rakenskapsar.forbund
    with transaction.atomic():
        ar = Rakenskapsar.objects.select_for_update().get(pk=rakenskapsar.pk)
        if ar.stangt:
            raise ValidationError(f"Bokslut är redan gjort för {ar}.")
        utkast = ar.verifikationer.filter(status=Verifikation.Status.PRELIMINAR).count()
        if utkast:
            raise ValidationError(
                f"{ar} har {utkast} preliminära verifikationer: bokför eller ta bort dem först."
            )
        ek = eget_kapital_konto(forbund=forbund)
        ub = selectors.ub_per_konto(rakenskapsar=ar)
        resultat = selectors.arets_resultat(rakenskapsar=ar)
        if sum(ub.values()) + resultat != 0:  # pragma: no cover - the triggers forbid it
            raise ValidationError("Saldobalansen summerar inte till noll.")
        ib = dict(ub)
        ib[ek.nummer] = ib.get(ek.nummer, 0) + resultat
        start = ar.slut + datetime.timedelta(days=1)
        nasta = forbund.rakenskapsar.filter(start=start).first() or rakenskapsar_skapa(
            forbund=forbund, start=start, slut=datetime.date(start.year, 12, 31), user=user
        )
        ingaende_balans_skapa(
            rakenskapsar=nasta, saldon=ib, user=user, text=f"Ingående balans från bokslut {ar}"
        )
        Period.objects.filter(rakenskapsar=ar).update(last=True)
        ar.stangt = True
        ar.save(update_fields=["stangt"])
        logga(
            user=user,
            forbund=forbund,
            obj=ar,
            handelse=Logghandelse.Handelse.FASTSTALLD,
            beskrivning=f"Bokslut {ar}: resultat {kr_text(-resultat)} till konto {ek.nummer}",
            andringar={"stangt": [False, True], "arets_resultat_ore": [None, -resultat]},
        )
    return nasta


def kontroll_ub_ib(*, forbund: Forbund, ar: int) -> list[str]:
    """Problems (empty when all is well): the trial balance of year ``ar`` must sum to
    zero, and every balance account's UB(ar) must equal its IB(ar+1) — except the eget
    kapital account, whose IB(ar+1) = UB(ar) + årets resultat. A next year without any
    bokförd voucher (opened for its budget) has no IB yet and is not a problem. Swedish
    messages."""
    problem: list[str] = []
    detta = selectors.rakenskapsar_for(forbund=forbund, ar=ar)
    if detta is None:
        return [f"Räkenskapsåret {ar} finns inte."]
    total = selectors.bokforda_rader(rakenskapsar=detta).aggregate(s=Sum("belopp"))["s"] or 0
    if total != 0:
        problem.append(f"Saldobalansen {ar} summerar till {kr_text(total)}, inte 0.")
    obalanserade = (
        selectors.bokforda_rader(rakenskapsar=detta)
        .values("verifikation__serie__kod", "verifikation__nummer")
        .annotate(s=Sum("belopp"))
        .exclude(s=0)
        .order_by()
    )
    for v in obalanserade:
        problem.append(
            f"Verifikation {v['verifikation__serie__kod']} {v['verifikation__nummer']} "
            f"balanserar inte ({kr_text(v['s'])})."
        )
    nasta = forbund.rakenskapsar.filter(start=detta.slut + datetime.timedelta(days=1)).first()
    if nasta is None:
        return problem
    ub = selectors.ub_per_konto(rakenskapsar=detta)
    ib = selectors.ib_per_konto(rakenskapsar=nasta)
    if not ib and ub:
        if not selectors.bokforda_rader(rakenskapsar=nasta).exists():
            # A year opened only for its budget (set by 30 November, before the year
            # starts): its IB comes with this year's bokslut, nothing to compare yet.
            return problem
        problem.append(f"{nasta} saknar ingående balans.")
        return problem
    resultat = selectors.arets_resultat(rakenskapsar=detta)
    try:
        ek = eget_kapital_konto(forbund=forbund).nummer
    except ValidationError as exc:
        problem.extend(exc.messages)
        ek = None
    forvantat = dict(ub)
    if ek is not None:
        forvantat[ek] = forvantat.get(ek, 0) + resultat
    for nummer in sorted(set(forvantat) | set(ib)):
        u, i = forvantat.get(nummer, 0), ib.get(nummer, 0)
        if u != i:
            extra = " (inklusive årets resultat)" if nummer == ek else ""
            problem.append(
                f"Konto {nummer}: UB {ar}{extra} är {kr_text(u)} men IB {ar + 1} är {kr_text(i)}."
            )
    return problem
