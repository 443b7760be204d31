"""The audit trail in words for the change log page: the object's kind by its Swedish
name (not the model class), fields by their verbose names, Ja/Nej for booleans, choices
by their labels, and no raw checksums."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from forbund.models import Logghandelse

_HEX = re.compile(r"^[0-9a-f]{32,}$")
SAKNAS = "–"


@dataclass(frozen=True)
class Andring:
    falt: str  # the field's verbose name, capitalised
    fore: str
    efter: str


@dataclass(frozen=True)
class LoggRad:
    handelse: Logghandelse
    objekttyp: str  # e.g. "Verifikation", "Styrelseuppdrag"
    andringar: list[Andring]


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def objekttyp_namn(label: str) -> str:
    """A model label ("ekonomi.Verifikation") as its verbose name ("Verifikation")."""
    model = _model(label)
    if model is None:
        return label.rsplit(".", 1)[-1].replace("_", " ").capitalize() if label else ""
    return str(model._meta.verbose_name).capitalize()


def _faltet(model, namn: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(namn)
    except FieldDoesNotExist:
        return None


def varde_text(varde, falt=None, namn: str = "") -> str:
    """One logged value in words."""
    if varde is None or varde == "" or varde == []:
        return SAKNAS
    if isinstance(varde, bool):
        return "Ja" if varde else "Nej"
    if isinstance(varde, list):
        return ", ".join(varde_text(v, falt, namn) for v in varde)
    if isinstance(varde, dict):
        return ", ".join(f"{k}: {varde_text(v)}" for k, v in varde.items())
    text = str(varde)
    if _HEX.match(text) or "sha" in namn.lower() or "hash" in namn.lower():
        return "(kontrollsumma)"
    if falt is not None and getattr(falt, "choices", None):
        etiketter = {str(k): str(v) for k, v in falt.flatchoices}
        return etiketter.get(text, text)
    return text


def i_ord(handelse: Logghandelse) -> LoggRad:
    """One audit event ready for the change log page."""
    model = _model(handelse.objekttyp)
    andringar = []
    for namn, varden in (handelse.andringar or {}).items():
        falt = _faltet(model, namn)
        rubrik = (
            str(falt.verbose_name) if falt is not None and hasattr(falt, "verbose_name") else namn
        )
        rubrik = rubrik.replace("_", " ").capitalize()
        if isinstance(varden, list | tuple) and len(varden) == 2:
            fore, efter = varden
        else:
            fore, efter = None, varden
        andringar.append(
            Andring(rubrik, varde_text(fore, falt, namn), varde_text(efter, falt, namn))
        )
    return LoggRad(
        handelse=handelse, objekttyp=objekttyp_namn(handelse.objekttyp), andringar=andringar
    )
