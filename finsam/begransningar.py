"""Database constraints as field errors in Swedish.

Every ``CheckConstraint``/``UniqueConstraint`` carries a Swedish
``violation_error_message``; a model that mixes in ``FaltBegransningar`` names in
``begransning_falt`` the form field each constraint is about, so a violated constraint
shows its message at that field instead of above the form (Django puts check
constraints there, with the constraint's name in the default message). A constraint
mapped to ``None`` is a whole-object rule and stays a form-level error.
tests/test_begransningar.py walks every model's constraints and fails on one without
a Swedish message or a field.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class FaltBegransningar:
    """Model mixin: violated constraints are reported at the field in
    ``begransning_falt`` ({constraint name: field name or None})."""

    begransning_falt: dict[str, str | None] = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            raise ValidationError(flytta_till_falt(type(self), exc.error_dict)) from None


def flytta_till_falt(model, fel: dict[str, list]) -> dict[str, list]:
    """``fel`` with each non-field constraint error moved to the field named for its
    constraint (matched by the constraint's message)."""
    falt_for: dict[str, str] = {}
    for constraint in model._meta.constraints:
        falt = model.begransning_falt.get(constraint.name)
        if falt:
            falt_for[str(constraint.get_violation_error_message())] = falt
    resultat: dict[str, list] = {}
    for nyckel, lista in fel.items():
        for e in lista:
            meddelanden = e.messages if hasattr(e, "messages") else [str(e)]
            mal = nyckel
            if nyckel == NON_FIELD_ERRORS:
                mal = next((falt_for[m] for m in meddelanden if m in falt_for), nyckel)
            resultat.setdefault(mal, []).append(e)
    return resultat
