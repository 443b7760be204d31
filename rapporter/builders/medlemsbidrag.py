"""Which accounts carry the members' contributions, read from the ledger — so the eget
kapital ceiling (Nationella rådet 2013-10-02: a share of the year's contributions) never
falls to 0 just because the member register is empty.

Rule: the revenue accounts mapped to the members (``Medlem.intaktskonton``, set in the
register or confirmed in the onboarding) when any member has accounts; otherwise every
income account (type I) in Kommun-Bas group 35 (bidrag), where a förbund books what its
members pay. Pure functions of an ``Underlag``; no queries."""

from rapporter.builders.underlag import Underlag
from rapporter.definitioner import matchar, tolka_intervall

BIDRAG_UTAN_MAPPNING = "35"


def bidragskonton(u: Underlag) -> tuple[set[int], str]:
    """Account ids of the contribution accounts and how they were found: ``"medlemmar"``
    (mapped in the register) or ``"kontotyp"`` (income accounts in group 35)."""
    intervall = [iv for m in u.medlemmar for iv in m.konton]
    if intervall:
        ids = {
            k
            for k, info in u.konton.items()
            if info.ar_resultatkonto and matchar(info.nummer, intervall)
        }
        return ids, "medlemmar"
    grupp = tolka_intervall(BIDRAG_UTAN_MAPPNING)
    ids = {k for k, info in u.konton.items() if info.typ == "I" and matchar(info.nummer, grupp)}
    return ids, "kontotyp"


def medlemsbidrag(u: Underlag, per_konto: dict[int, int]) -> int:
    """Presented (positive) contributions in öre: the contribution accounts' sum in
    ``per_konto`` (ledger sign, credits negative)."""
    ids, _ = bidragskonton(u)
    return -sum(v for k, v in per_konto.items() if k in ids)
