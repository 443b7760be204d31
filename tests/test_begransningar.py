"""Every database constraint speaks Swedish at a field: no user ever sees a constraint's
name ("Begränsningen “insats_slut_efter_start” överträds.")."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import BaseConstraint
from django.forms import modelform_factory

from finsam.begransningar import FaltBegransningar

SVENSKA = re.compile(r"[åäöÅÄÖ]|\b(och|inte|redan|finns|är|kan|med|för|ange)\b")


# Finsam's own apps: a library's models (django-tasks' queue, axes, otp) never reach a
# user's form, so their constraints need no Swedish message.
PROJEKTETS_APPAR = {"finsam", "forbund", "insatser", "ekonomi", "rapporter"}


def _begransningar():
    for model in apps.get_models():
        if model._meta.app_config.name not in PROJEKTETS_APPAR:
            continue
        for constraint in model._meta.constraints:
            yield pytest.param(model, constraint, id=f"{model._meta.label}.{constraint.name}")


ALLA = list(_begransningar())


def test_the_walk_finds_the_projects_constraints():
    namn = {c.name for _, c in (p.values for p in ALLA)}
    assert {"insats_slut_efter_start", "unikt_kontonummer", "en_roll_per_forbund"} <= namn
    assert len(namn) >= 48


@pytest.mark.parametrize(("model", "constraint"), ALLA)
def test_constraint_has_a_swedish_message_and_a_field(model, constraint):
    meddelande = str(constraint.get_violation_error_message())
    assert constraint.violation_error_message != BaseConstraint.default_violation_error_message
    assert constraint.name not in meddelande
    assert SVENSKA.search(meddelande), meddelande
    assert issubclass(model, FaltBegransningar), f"{model} saknar FaltBegransningar"
    assert constraint.name in model.begransning_falt, "begransning_falt saknar begränsningen"
    falt = model.begransning_falt[constraint.name]
    if falt is not None:
        try:
            model._meta.get_field(falt)
        except FieldDoesNotExist:
            pytest.fail(f"{falt} är inget fält i {model._meta.label}")


@pytest.mark.parametrize(("model", "constraint"), ALLA)
def test_a_violated_constraint_shows_its_message_at_the_field(model, constraint, monkeypatch, db):
    """Each constraint in turn is made to fail (the others pass): the model's validation
    and a form for the model show the Swedish message at the field, never the name."""
    for c in model._meta.constraints:
        if c is constraint:

            def fail(*args, c=c, **kwargs):
                raise ValidationError(c.get_violation_error_message(), code=c.violation_error_code)

            monkeypatch.setattr(c, "validate", fail)
        else:
            monkeypatch.setattr(c, "validate", lambda *a, **k: None)
    with pytest.raises(ValidationError) as exc:
        model().validate_constraints()
    falt = model.begransning_falt[constraint.name] or NON_FIELD_ERRORS
    meddelande = str(constraint.get_violation_error_message())
    assert exc.value.message_dict == {falt: [meddelande]}

    felt = [falt] if falt != NON_FIELD_ERRORS and model._meta.get_field(falt).editable else []
    form = modelform_factory(model, fields=felt)(data={})
    form.cleaned_data = {}
    form._update_errors(exc.value)
    html = str(form)
    assert meddelande in html
    assert constraint.name not in html
    assert "Begränsningen" not in html
    if felt:
        assert meddelande in form.errors[falt]


# Real violations through the forms and services users meet.


def test_insats_ending_before_it_starts_is_refused_at_slut(forbund):
    from insatser.forms import InsatsForm

    medlem = forbund.medlemmar.first()
    form = InsatsForm(
        data={
            "namn": "Ungsam",
            "typ": "individ",
            "finansieringsform": "hel",
            "processagare": medlem.pk,
            "start": "2020-01-01",
            "slut": "2019-12-31",
        },
        forbund=forbund,
    )
    assert not form.is_valid()
    assert form.errors["slut"] == ["Slutdatum kan inte vara före startdatum."]
    assert "insats_slut_efter_start" not in str(form)


def test_medlem_leaving_before_joining_is_refused_at_tom_datum(client_as, kansli, forbund):
    from django.urls import reverse

    url = reverse("forbund:medlem-create", kwargs={"orgnr": forbund.orgnr})
    response = client_as(kansli).post(
        url,
        {
            "namn": "Nyby kommun",
            "typ": "kommun",
            "from_datum": "2020-01-01",
            "tom_datum": "2019-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["tom_datum"]
    assert "medlem_slut_efter_start" not in response.content.decode()


def test_participant_ended_before_start_is_refused_at_slut(forbund, kansli):
    import datetime

    from insatser import services
    from insatser.models import Insats

    insats = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Ungsam",
        typ=Insats.Typ.INDIVID,
        finansieringsform=Insats.Finansiering.HEL,
        processagare=forbund.medlemmar.first(),
        start=datetime.date(2017, 1, 1),
        objektkod="UNGSAM",
    )
    d = services.deltagande_create(
        user=kansli,
        insats=insats,
        kod="X1",
        kon="K",
        aldersgrupp="20-24",
        start=datetime.date(2018, 5, 1),
        samtycke_datum=datetime.date(2018, 5, 1),
    )
    with pytest.raises(ValidationError) as exc:
        services.deltagande_avsluta(
            user=kansli, deltagande=d, slut=datetime.date(2018, 4, 1), avslutsorsak=None
        )
    assert "deltagande_slut_efter_start" not in str(exc.value)
    assert "slut" in exc.value.message_dict
