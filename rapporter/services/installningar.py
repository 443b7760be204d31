"""Write use-cases of a förbund's report settings: account definitions, the report
settings (logo, unit), forecast adjustments and "ej tillämpligt" marks."""

from django.core.exceptions import ValidationError
from django.db import transaction

from forbund.audit import form_andringar, logga
from forbund.models import Forbund, Logghandelse
from rapporter.models import (
    Prognosjustering,
    Rapportdefinition,
    Rapportinstallning,
    Rapporttyp,
    Uppgiftsundantag,
)

H = Logghandelse.Handelse


@transaction.atomic
def definition_spara(*, definition: Rapportdefinition, formset, user) -> Rapportdefinition:
    """Save an edited definition (a validated inline formset), one audit row per line.
    A kassaflöde or driftredovisning definition that would leave an account unassigned or
    assign it twice raises ``ValidationError`` and saves nothing."""
    from rapporter.definitioner import definition_kontrollera, rader_efter_redigering

    definition_kontrollera(definition=definition, rader=rader_efter_redigering(formset))
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk:
            continue
        if form in formset.deleted_forms:
            if form.instance.pk:
                logga(
                    user=user,
                    forbund=definition.forbund,
                    obj=form.instance,
                    handelse=H.BORTTAGEN,
                    beskrivning=f"{definition}: {form.instance}",
                )
            continue
        if not form.has_changed():
            continue
        ny = form.instance.pk is None
        andringar = form_andringar(form)
        rad = form.save(commit=False)
        rad.definition = definition
        rad.full_clean()
        rad.save()
        logga(
            user=user,
            forbund=definition.forbund,
            obj=rad,
            handelse=H.SKAPAD if ny else H.ANDRAD,
            andringar=andringar,
            beskrivning=f"{definition}: {rad}",
        )
    for form in formset.deleted_forms:
        if form.instance.pk:
            form.instance.delete()
    return definition


def _utan_bilddata(andringar: dict) -> dict:
    """The audit row names a new logo instead of holding its bytes."""
    if "logotyp_fil" in andringar:
        andringar["logotyp_fil"] = [None, "ny logotyp"]
    return andringar


@transaction.atomic
def installning_spara(*, forbund: Forbund, form, user) -> Rapportinstallning:
    """Save the förbund's report settings (a validated ``form``), audited; a new logo is
    logged by name, never by its bytes."""
    installning = form.save(commit=False)
    installning.forbund = forbund
    installning.full_clean()
    ny = installning.pk is None
    installning.save()
    logga(
        user=user,
        forbund=forbund,
        obj=installning,
        handelse=H.SKAPAD if ny else H.ANDRAD,
        andringar=_utan_bilddata(form_andringar(form)),
    )
    return installning


@transaction.atomic
def prognos_spara(
    *, forbund: Forbund, ar: int, radkod: str, belopp: int, kommentar: str, user
) -> Prognosjustering:
    """Set the forecast of one row (``belopp`` in öre) with a required reason, audited.
    Raises ``ValidationError`` keyed ``kommentar`` without a reason."""
    if not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv varför prognosen justeras."})
    justering = Prognosjustering.objects.filter(forbund=forbund, ar=ar, radkod=radkod).first()
    fore = [justering.belopp, justering.kommentar] if justering else [None, None]
    if justering is None:
        justering = Prognosjustering(forbund=forbund, ar=ar, radkod=radkod)
    justering.belopp = belopp
    justering.kommentar = kommentar
    justering.full_clean()
    justering.save()
    logga(
        user=user,
        forbund=forbund,
        obj=justering,
        handelse=H.ANDRAD,
        andringar={"belopp": [fore[0], belopp], "kommentar": [fore[1], kommentar]},
    )
    return justering


@transaction.atomic
def prognos_ta_bort(*, justering: Prognosjustering, user) -> None:
    """Remove a forecast adjustment (the row falls back to the computed forecast), audited."""
    logga(
        user=user,
        forbund=justering.forbund,
        obj=justering,
        handelse=H.BORTTAGEN,
        andringar={"belopp": [justering.belopp, None]},
    )
    justering.delete()


UNDANTAG_NYCKLAR = frozenset(
    {
        "medlemmar",
        "medlemskonton",
        "styrelse",
        "sammantraden",
        "revisorer",
        "budget",
        "texter",
        "forbundsmal",
        "malutfall",
        # issue 13.2 for every generated section (rapporter.builders.saknas)
        "kansli",
        "samverkan",
        "forbundsordning",
        "insatsmal",
        "deltagare",
        "ansvarsforbindelser",
        "prognos",
        "medlemsbidrag",
        "ingaende_kapital",
    }
)


@transaction.atomic
def undantag_spara(
    *, forbund: Forbund, rapport: str, ar: int, nyckel: str, motivering: str, user
) -> Uppgiftsundantag:
    """Mark a missing register fact of one report "ej tillämpligt" with a reason (audited).
    Raises ``ValidationError`` without a reason or for an unknown fact."""
    motivering = (motivering or "").strip()
    if nyckel not in UNDANTAG_NYCKLAR or rapport not in Rapporttyp.values:
        raise ValidationError({"nyckel": "Okänd uppgift."})
    if not motivering:
        raise ValidationError({"motivering": "Skriv varför uppgiften inte är tillämplig."})
    undantag, ny = Uppgiftsundantag.objects.get_or_create(
        forbund=forbund,
        rapport=rapport,
        ar=ar,
        nyckel=nyckel,
        defaults={"motivering": motivering[:300], "markerad_av": user},
    )
    fore = None if ny else undantag.motivering
    if not ny:
        undantag.motivering = motivering[:300]
        undantag.markerad_av = user
    undantag.full_clean()
    undantag.save()
    logga(
        user=user,
        forbund=forbund,
        obj=undantag,
        handelse=H.SKAPAD if ny else H.ANDRAD,
        beskrivning=str(undantag),
        andringar={"motivering": [fore, undantag.motivering]},
    )
    return undantag
