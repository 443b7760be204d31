"""Which years hold participant data (for an empty statistics page to point at)."""

from forbund.models import Forbund
from insatser.models import AnonymaDeltagare, Deltagande, Insats


def ar_med_deltagare(*, forbund: Forbund, insats: Insats | None = None) -> list[int]:
    """Calendar years in which some participation was active (start year to end year; an
    open one from its start year), plus years with anonymous counts, ascending."""
    deltaganden = Deltagande.objects.filter(insats__forbund=forbund)
    anonyma = AnonymaDeltagare.objects.filter(insats__forbund=forbund)
    if insats is not None:
        deltaganden = deltaganden.filter(insats=insats)
        anonyma = anonyma.filter(insats=insats)
    aren: set[int] = set(anonyma.values_list("ar", flat=True))
    for start, slut in deltaganden.values_list("start", "slut").distinct():
        aren.update(range(start.year, (slut or start).year + 1))
    return sorted(aren)
