"""``{% saldofil_notis forbund fran till %}``: a plain notice where the books of the shown
interval hold balances from a balance-only SIE file (no verifikation detail)."""

import datetime

from django import template

from ekonomi.selectors import saldofil_ar

register = template.Library()


@register.inclusion_tag("ekonomi/_saldofil.html")
def saldofil_notis(
    forbund, fran: datetime.date, till: datetime.date, foregaende_ar: bool = False
) -> dict:
    """``foregaende_ar``: also the year before ``fran`` (a report's prior-year column)."""
    if foregaende_ar:
        fran = datetime.date(fran.year - 1, 1, 1)
    aren = saldofil_ar(forbund=forbund, fran=fran, till=till)
    return {"aren": [str(ar) for ar in aren]}
