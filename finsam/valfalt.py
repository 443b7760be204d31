"""Choice fields that answer a number too large for the database with a field error.

Django's ``ModelMultipleChoiceField`` looks the posted ids up with ``pk__in``; on SQLite a
20-digit id raises ``OverflowError`` inside the driver, which the field does not catch
(Django catches it for ``exact``, not for ``in``), so a crafted form post gave a 500
(issue 17.8). ``skydda_valfalt()`` (called once from ``FinsamConfig.ready``) makes every
such field, generated or declared, turn it into its own "not a valid choice" error."""

from django.core.exceptions import ValidationError
from django.forms import models

_original = models.ModelMultipleChoiceField._check_values


def _check_values(self, value):
    try:
        return _original(self, value)
    except OverflowError:
        raise ValidationError(
            self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": "?"}
        ) from None


def skydda_valfalt() -> None:
    models.ModelMultipleChoiceField._check_values = _check_values
