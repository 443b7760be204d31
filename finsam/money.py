"""Exact money. Ledger amounts are stored as integer öre; Decimal only at the edges."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ORE = Decimal("0.01")
_AMOUNT = re.compile(r"^-?\d+(?:[.,]\d{1,2})?$")


# The largest amount Finsam takes (kr): far beyond any förbund's books, well inside a
# 64-bit integer of öre (9.2e18), so no amount can overflow a database column.
STORSTA_KR = Decimal(10) ** 13 - 1


class OgiltigtBelopp(ValueError):
    pass


def avrunda(value: Decimal, places: Decimal = ORE) -> Decimal:
    """The one rounding helper: half up (kommunal praxis), explicit quantum."""
    return value.quantize(places, rounding=ROUND_HALF_UP)


def ore_till_kr(ore: int) -> Decimal:
    return (Decimal(ore) / 100).quantize(ORE)


def kr_till_ore(kr: Decimal | int | str) -> int:
    """Decimal kronor to integer öre; refuses more than two decimals and amounts beyond
    ±STORSTA_KR (OgiltigtBelopp)."""
    value = Decimal(kr) if not isinstance(kr, Decimal) else kr
    if abs(value) > STORSTA_KR:
        raise OgiltigtBelopp("Beloppet är för stort (högst 9 999 999 999 999 kr).")
    if value != value.quantize(ORE):
        raise OgiltigtBelopp(f"Beloppet {kr} har fler än två decimaler.")
    return int(value * 100)


def tolka_belopp(text: str) -> int:
    """Parse what a Swede types ("1 234,50", "-12.5", "1 000") into öre."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if not _AMOUNT.match(cleaned):
        raise OgiltigtBelopp(f"”{text}” är inte ett belopp (skriv t.ex. 1 234,50).")
    try:
        return kr_till_ore(Decimal(cleaned.replace(",", ".")))
    except InvalidOperation as exc:  # pragma: no cover - regex guards this
        raise OgiltigtBelopp(f"”{text}” är inte ett belopp.") from exc


def fordela(total: int, vikter: list[Decimal | int]) -> list[int]:
    """Split an integer total by weights so the parts add up exactly (largest remainder).

    Ties go to the earlier weight, so the result is deterministic.
    """
    if total < 0:
        return [-x for x in fordela(-total, vikter)]
    summa = sum(Decimal(v) for v in vikter)
    if summa <= 0:
        raise ValueError("Fördelningsnyckeln summerar inte till något positivt.")
    exakta = [Decimal(total) * Decimal(v) / summa for v in vikter]
    delar = [int(x) for x in exakta]  # floor, weights are non-negative
    rest = total - sum(delar)
    ordning = sorted(range(len(vikter)), key=lambda i: (-(exakta[i] - delar[i]), i))
    for i in ordning[:rest]:
        delar[i] += 1
    return delar
