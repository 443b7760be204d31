"""Swedish number and date formats: ``14 000,0`` tkr, ``14 000 000`` kr, ``2013-12-31``.

Negative amounts get a real minus sign (U+2212) and thousands are grouped with a
no-break space, so a figure never wraps inside a table cell.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()

NBSP = "\u00a0"
MINUS = "\u2212"


def _grupp(heltal: str) -> str:
    delar = []
    while len(heltal) > 3:
        delar.insert(0, heltal[-3:])
        heltal = heltal[:-3]
    delar.insert(0, heltal)
    return NBSP.join(delar)


def formatera(value: Decimal | int | None, decimaler: int = 0) -> str:
    if value is None or value == "":
        return ""
    d = Decimal(value)
    kvant = Decimal(1).scaleb(-decimaler)
    d = d.quantize(kvant, rounding=ROUND_HALF_UP)
    negativ = d < 0
    text = f"{abs(d):.{decimaler}f}"
    heltal, _, bråk = text.partition(".")
    result = _grupp(heltal) + ("," + bråk if bråk else "")
    if negativ and d != 0:
        result = MINUS + result
    return result


@register.filter
def kr(value, decimaler=0):
    """Kronor (Decimal or int): ``14 000 000``."""
    return formatera(value, int(decimaler))


@register.filter
def tkr(value, decimaler=1):
    """Kronor shown in thousands with one decimal: 14 000 000 → ``14 000,0``."""
    if value is None or value == "":
        return ""
    return formatera(Decimal(value) / 1000, int(decimaler))


@register.filter
def ore_kr(value, decimaler=2):
    """Integer öre shown as kronor: 123450 → ``1 234,50``."""
    if value is None or value == "":
        return ""
    return formatera(Decimal(value) / 100, int(decimaler))


@register.filter
def ore_tkr(value, decimaler=1):
    """Integer öre shown as tkr: 1400000000 → ``14 000,0``."""
    if value is None or value == "":
        return ""
    return formatera(Decimal(value) / 100000, int(decimaler))


@register.filter
def procent(value, decimaler=0):
    if value is None or value == "":
        return ""
    return formatera(Decimal(value), int(decimaler)) + NBSP + "%"


@register.filter
def datum(value):
    """ISO dates as Swedes write them: ``2013-12-31``."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
