"""The year a user is working on in a förbund (the *arbetsår*).

Pages that would otherwise default to "today" (start page checks and deadlines, the
styrelse, statistics, the Uppföljning Finsam export) default to the working year instead,
so a förbund whose books end years ago does not open on an empty year. The default is
today's year when the förbund has books for it, else the latest year with books, else
today's year. A year the user picks is remembered in the session, per förbund.
"""

import datetime

from django.utils import timezone

from forbund.models import Forbund

SESSION_NYCKEL = "finsam_arbetsar"  # {orgnr: year}
MINSTA_AR, STORSTA_AR = 1990, 2100


def ar_med_bocker(*, forbund: Forbund) -> list[int]:
    """Calendar years (the year a räkenskapsår ends in) with at least one verifikation,
    ascending. The ledger lives in ``ekonomi``, which sits above ``forbund``: reached
    through the reverse relation so ``forbund`` imports nothing from it. Kept on the
    instance (one query per request: the header and the page both ask)."""
    aren = getattr(forbund, "_finsam_ar_med_bocker", None)
    if aren is None:
        aren = sorted(
            set(
                forbund.rakenskapsar.filter(verifikationer__isnull=False).values_list(
                    "slut__year", flat=True
                )
            )
        )
        forbund._finsam_ar_med_bocker = aren
    return list(aren)


def standardar(*, forbund: Forbund, today: datetime.date) -> int:
    """Today's year if the förbund has books for it, else the latest year with books,
    else today's year."""
    aren = ar_med_bocker(forbund=forbund)
    if not aren or today.year in aren:
        return today.year
    return aren[-1]


def giltigt_ar(varde) -> int | None:
    """``varde`` as a year in the supported range, or None."""
    try:
        ar = int(str(varde).strip())
    except (TypeError, ValueError):
        return None
    return ar if MINSTA_AR <= ar <= STORSTA_AR else None


def arbetsar(request, forbund: Forbund) -> int:
    """The request user's working year in ``forbund`` (session, else the default)."""
    cache = getattr(request, "_finsam_arbetsar", None)
    if cache is not None and cache[0] == forbund.pk:
        return cache[1]
    sparat = giltigt_ar(request.session.get(SESSION_NYCKEL, {}).get(forbund.orgnr))
    ar = sparat or standardar(forbund=forbund, today=timezone.localdate())
    request._finsam_arbetsar = (forbund.pk, ar)
    return ar


def spara_arbetsar(request, forbund: Forbund, ar: int) -> None:
    """Remember ``ar`` as the working year in ``forbund`` for this session."""
    sparade = dict(request.session.get(SESSION_NYCKEL, {}))
    sparade[forbund.orgnr] = ar
    request.session[SESSION_NYCKEL] = sparade
    request._finsam_arbetsar = (forbund.pk, ar)


def arbetsdag(ar: int, today: datetime.date) -> datetime.date:
    """The day the working year's checks are made on: today inside that year, its last
    day for a past year, its first day for a future one."""
    if ar < today.year:
        return datetime.date(ar, 12, 31)
    if ar > today.year:
        return datetime.date(ar, 1, 1)
    return today


def arslista(*, forbund: Forbund, ar: int, today: datetime.date) -> list[int]:
    """The years the header offers: the years with books, today's year, the working year
    and the years next to it, newest first."""
    aren = set(ar_med_bocker(forbund=forbund)) | {today.year, ar, ar - 1, ar + 1}
    return sorted((a for a in aren if MINSTA_AR <= a <= STORSTA_AR), reverse=True)


def ar_text(aren: list[int]) -> str:
    """Years as Swedish text with runs joined: [2011, 2012, 2013, 2015] → "2011–2013 och
    2015"; [] → "inga år"."""
    if not aren:
        return "inga år"
    delar: list[str] = []
    aren = sorted(set(aren))
    start = forra = aren[0]
    for a in [*aren[1:], None]:
        if a is not None and a == forra + 1:
            forra = a
            continue
        delar.append(str(start) if start == forra else f"{start}–{forra}")
        if a is not None:
            start = forra = a
    if len(delar) == 1:
        return delar[0]
    return ", ".join(delar[:-1]) + " och " + delar[-1]
