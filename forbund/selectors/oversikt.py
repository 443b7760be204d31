"""The systemadministratör's overview: every förbund's deadlines in a fixed number of
queries (the start page's ``tidsfrister`` asks per förbund)."""

import datetime
from collections import defaultdict

from django.db.models import Q

from forbund.models import Beslut, Forbund
from forbund.selectors.kontroller import Tidsfrist, _manadsslut, _status


def huvudfrister(*, forbund: list[Forbund], today: datetime.date) -> dict[int, list[Tidsfrist]]:
    """For each förbund (by pk): next year's budget (30 November), last year's
    årsredovisning (31 March) and, where the förbundsordning requires it, this year's
    delårsrapport (two months after its period end) — the same rules and texts as
    ``forbund.selectors.tidsfrister``, from one query for all förbund."""
    ar = today.year
    beslut = (
        Beslut.objects.filter(
            sammantrade__forbund__in=forbund,
            typ__in=[Beslut.Typ.BUDGET, Beslut.Typ.ARSREDOVISNING, Beslut.Typ.DELARSRAPPORT],
        )
        .filter(Q(from_ar__gte=ar - 1) | Q(from_ar__isnull=True, sammantrade__datum__year__gte=ar))
        .values_list("sammantrade__forbund_id", "typ", "from_ar", "sammantrade__datum")
    )
    # (förbund, typ) -> the years decided: from_ar, or without one the year it was taken.
    beslutat: dict[tuple[int, str], set[tuple[str, int]]] = defaultdict(set)
    for fid, typ, from_ar, datum in beslut:
        beslutat[(fid, typ)].add(("ar", from_ar) if from_ar else ("taget", datum.year))

    def klar(fid: int, typ: str, for_ar: int, beslutsar: int) -> bool:
        s = beslutat[(fid, typ)]
        return ("ar", for_ar) in s or ("taget", beslutsar) in s

    resultat = {}
    for f in forbund:
        frister = []
        frist = datetime.date(ar, 11, 30)
        k = klar(f.pk, Beslut.Typ.BUDGET, ar + 1, ar)
        frister.append(
            Tidsfrist(f"Budget {ar + 1} fastställd", frist, k, _status(k, frist, today))
        )
        frist = _manadsslut(ar - 1, 12 + 3)
        k = klar(f.pk, Beslut.Typ.ARSREDOVISNING, ar - 1, ar)
        frister.append(
            Tidsfrist(f"Årsredovisning {ar - 1} upprättad", frist, k, _status(k, frist, today))
        )
        if f.delarsrapport_kravs:
            frist = _manadsslut(ar, f.delarsrapport_manad + 2)
            k = klar(f.pk, Beslut.Typ.DELARSRAPPORT, ar, ar)
            frister.append(Tidsfrist(f"Delårsrapport {ar}", frist, k, _status(k, frist, today)))
        resultat[f.pk] = sorted(frister, key=lambda t: t.frist)
    return resultat
