"""Account matching of a definition line: its account intervals ("30-39, 84") and
account types."""

import functools
import re

from rapporter.aggregering import Kontoinfo
from rapporter.models import Rapportrad

_INTERVALL = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")


class OgiltigtIntervall(ValueError):
    pass


def tolka_intervall(text: str) -> list[tuple[str, str]]:
    """``"30-39, 84"`` → [("30", "39"), ("84", "84")]; raises on anything else."""
    return list(_tolka(text))


@functools.lru_cache(maxsize=1024)
def _tolka(text: str) -> tuple[tuple[str, str], ...]:
    """``tolka_intervall`` parsed once per text (a statement matches every account
    against every line: the same few texts thousands of times per report)."""
    result = []
    for del_ in (d.strip() for d in text.split(",")):
        if not del_:
            continue
        m = _INTERVALL.match(del_)
        if not m:
            raise OgiltigtIntervall(f"”{del_}” är inte ett kontonummer eller intervall.")
        a, b = m.group(1), m.group(2) or m.group(1)
        if len(a) != len(b) or a > b:
            raise OgiltigtIntervall(f"”{del_}”: ange början och slut med lika många siffror.")
        result.append((a, b))
    return tuple(result)


def matchar(nummer: str, intervall: list[tuple[str, str]]) -> bool:
    """An account matches a range when its leading digits lie between the bounds."""
    return any(a <= nummer[: len(a)] <= b for a, b in intervall)


def rad_matchar(rad: Rapportrad, konto: Kontoinfo) -> bool:
    if rad.typ != Rapportrad.Typ.KONTON:
        return False
    if rad.kontotyp and konto.typ not in rad.kontotyp:
        return False
    try:
        return matchar(konto.nummer, _tolka(rad.konton))
    except OgiltigtIntervall:
        return False


def placera(rader: list[Rapportrad], konton: list[Kontoinfo]) -> dict[int, list[str]]:
    """Account id → the codes of every line it lands in."""
    return {k.id: [r.kod for r in rader if rad_matchar(r, k)] for k in konton}
