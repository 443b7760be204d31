"""The audit trail, written by services inside their own transaction."""

import datetime
from decimal import Decimal

from django.db import models

from forbund.models import Forbund, Logghandelse


def _json(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | Decimal):
        return str(value)
    if (
        isinstance(value, list | tuple | set)
        or hasattr(value, "__iter__")
        and not isinstance(value, str | bytes | dict)
    ):
        return [_json(v) for v in value]
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or ""
    return value


def logga(
    *,
    user,
    forbund: Forbund | None,
    obj: models.Model | None = None,
    handelse: str,
    beskrivning: str = "",
    andringar: dict | None = None,
    objekttyp: str = "",
) -> Logghandelse:
    """Record one event. Call inside the same ``transaction.atomic`` as the change."""
    return Logghandelse.objects.create(
        forbund=forbund,
        user=user if user is not None and user.is_authenticated else None,
        handelse=handelse,
        objekttyp=objekttyp or (obj._meta.label if obj is not None else ""),
        objekt_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        beskrivning=(beskrivning or (str(obj) if obj is not None else ""))[:300],
        andringar={k: _json(v) for k, v in (andringar or {}).items()},
    )


def form_andringar(form) -> dict:
    """``{field: [before, after]}`` for the fields a ModelForm changed."""
    return {
        name: [_json(form.initial.get(name)), _json(form.cleaned_data.get(name))]
        for name in form.changed_data
    }
