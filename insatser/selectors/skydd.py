"""Statistics that never single out a participant (issue 17.3, docs/SECURITY.md).

With ``publicering=True`` every count 0 < n < settings.FINSAM_SMA_CELLER is suppressed
("<5"), and so is every share whose numerator or denominator is suppressed. ``skydda``
adds secondary (complementary) suppression across cells that add up to a shown total.

With ``skyddad=True`` (forced by the views for every role without participant rights)
counts are also *rounded*: 0 stays 0, 0 < n < grans is "<grans" and every other count is
rounded to the nearest multiple of settings.FINSAM_AVRUNDNINGSBAS (5; half up). Every
shown figure is then a multiple of the base, so the difference between two windows is 0
or at least the base and can never single out a cell under the threshold (the
differencing attack). Shares are computed from the rounded figures and costs per
participant are left out (cost / count would give the exact count back).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from finsam.money import avrunda


@dataclass(frozen=True)
class Tal:
    """A count, possibly suppressed for publication."""

    antal: int
    grans: int | None = None  # set when suppressed: shown as "<grans"
    sekundar: bool = False  # suppressed only so that a small cell cannot be derived: ".."

    @property
    def dold(self) -> bool:
        return self.grans is not None

    def __str__(self) -> str:
        if self.sekundar:
            return ".."
        return f"<{self.grans}" if self.dold else str(self.antal)


@dataclass(frozen=True)
class Andel:
    taljare: int
    namnare: int
    dold: bool = False

    @property
    def procent(self) -> Decimal | None:
        if self.dold or not self.namnare:
            return None
        return avrunda(Decimal(self.taljare) * 100 / Decimal(self.namnare), Decimal("0.1"))

    def __str__(self) -> str:
        if self.dold:
            return "–"
        p = self.procent
        return "–" if p is None else f"{p}".replace(".", ",") + "\u00a0%"


def per_deltagare(ore: int, antal: int) -> int | None:
    if not antal:
        return None
    return int(avrunda(Decimal(ore) / Decimal(antal), Decimal(1)))


def avrunda_antal(n: int, bas: int) -> int:
    """``n`` rounded to the nearest multiple of ``bas``, half up (7 → 5, 8 → 10 for 5)."""
    return (n + bas // 2) // bas * bas if bas > 1 else n


class Raknare:
    """Turns exact counts into what may be shown (``Tal``), per the module's rules."""

    def __init__(self, publicering: bool, grans: int, *, skyddad: bool = False):
        self.skyddad = skyddad
        self.publicering = publicering or skyddad
        self.grans = grans
        self.bas = settings.FINSAM_AVRUNDNINGSBAS if skyddad else 1

    def tal(self, n: int) -> Tal:
        if self.publicering and 0 < n < self.grans:
            # Protected output never carries the exact small count, not even hidden.
            return Tal(antal=0 if self.skyddad else n, grans=self.grans)
        return Tal(antal=avrunda_antal(n, self.bas))

    def andel(self, taljare: int, namnare: int) -> Andel:
        t, n = self.tal(taljare), self.tal(namnare)
        if self.skyddad:
            return Andel(taljare=t.antal, namnare=n.antal, dold=t.dold or n.dold)
        return Andel(taljare=taljare, namnare=namnare, dold=t.dold or n.dold)

    def per_deltagare(self, ore: int, antal: int) -> int | None:
        # Cost / a suppressed or rounded count would give the exact count back.
        if self.skyddad or self.tal(antal).dold:
            return None
        return per_deltagare(ore, antal)


def skydda(
    antal: dict, raknare: Raknare, *, grupper: list[tuple[object, list]]
) -> dict[object, Tal]:
    """Each count in ``antal`` (key → int) as a ``Tal``, with secondary suppression.

    ``grupper`` lists (total key, cell keys) whose cells add up to the total. When the
    total is shown and exactly one cell of the group is suppressed, the cell would follow
    from the total minus the others: the smallest other non-zero cell is suppressed too
    (shown as ".."), repeated until no group gives a cell away (complementary suppression,
    docs/SECURITY.md). Without ``publicering`` nothing is suppressed."""
    tal = {k: raknare.tal(n) for k, n in antal.items()}
    if not raknare.publicering:
        return tal
    andrad = True
    while andrad:
        andrad = False
        for total, celler in grupper:
            if tal[total].dold:
                continue
            if sum(1 for k in celler if tal[k].dold) != 1:
                continue
            synliga = [k for k in celler if antal[k] and not tal[k].dold]
            # No other cell to hide: the total itself would give the cell away.
            minsta = min(synliga, key=lambda k: (antal[k], str(k))) if synliga else total
            tal[minsta] = Tal(
                antal=0 if raknare.skyddad else antal[minsta], grans=raknare.grans, sekundar=True
            )
            andrad = True
    return tal
