"""Writing the förbund's goals (issue 14.3): set them for a year, copy last year's into
a new year, and follow them up per report period. Keyword-only, atomic, validated,
audited."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from forbund.audit import logga
from forbund.models import Forbund, Logghandelse
from insatser.models import Forbundsmal, Malutfall

H = Logghandelse.Handelse

MAL_FALT = (
    "slag",
    "overordnat",
    "text",
    "matt",
    "malvarde",
    "enhet",
    "maltext",
    "deltagarantal",
    "ordning",
)


def _kontrollera(mal: Forbundsmal) -> None:
    """The rules a single row cannot state in the database: a resultatmål's
    inriktningsmål is one of the same förbund and year, and is an inriktningsmål."""
    o = mal.overordnat
    if o is not None:
        if o.forbund_id != mal.forbund_id or o.ar != mal.ar:
            raise ValidationError({"overordnat": "Inriktningsmålet hör inte till samma år."})
        if o.slag != Forbundsmal.Slag.INRIKTNING:
            raise ValidationError({"overordnat": "Välj ett inriktningsmål."})
        if mal.slag != Forbundsmal.Slag.RESULTAT:
            raise ValidationError(
                {"overordnat": "Ett inriktningsmål kan inte ligga under ett annat mål."}
            )
    if mal.pk and mal.slag != Forbundsmal.Slag.INRIKTNING and mal.resultatmal.exists():
        raise ValidationError(
            {"slag": "Målet har resultatmål under sig och måste vara ett inriktningsmål."}
        )
    mal.full_clean()


@transaction.atomic
def forbundsmal_create(*, user, forbund: Forbund, ar: int, **falt) -> Forbundsmal:
    """A new goal for year ``ar`` (fields in ``MAL_FALT``). Raises ValidationError with
    Swedish messages at the fields."""
    okanda = set(falt) - set(MAL_FALT)
    if okanda:
        raise TypeError(f"Okända fält: {sorted(okanda)}")
    mal = Forbundsmal(forbund=forbund, ar=ar, **falt)
    _kontrollera(mal)
    mal.save()
    logga(
        user=user,
        forbund=forbund,
        obj=mal,
        handelse=H.SKAPAD,
        andringar={"ar": [None, ar], **{k: [None, v] for k, v in falt.items()}},
    )
    return mal


@transaction.atomic
def forbundsmal_update(*, user, mal: Forbundsmal, **falt) -> Forbundsmal:
    okanda = set(falt) - set(MAL_FALT)
    if okanda:
        raise TypeError(f"Okända fält: {sorted(okanda)}")
    andringar = {}
    for namn, varde in falt.items():
        fore = getattr(mal, namn)
        if fore != varde:
            andringar[namn] = [fore, varde]
            setattr(mal, namn, varde)
    _kontrollera(mal)
    mal.save()
    if andringar:
        logga(user=user, forbund=mal.forbund, obj=mal, handelse=H.ANDRAD, andringar=andringar)
    return mal


@transaction.atomic
def forbundsmal_delete(*, user, mal: Forbundsmal) -> None:
    """Remove a goal, its resultatmål and their follow-ups (a plan not yet decided)."""
    forbund = mal.forbund
    logga(
        user=user,
        forbund=forbund,
        obj=mal,
        handelse=H.BORTTAGEN,
        andringar={"ar": [mal.ar, None], "text": [mal.text, None]},
    )
    mal.delete()


@transaction.atomic
def forbundsmal_kopiera(*, user, forbund: Forbund, ar: int) -> list[Forbundsmal]:
    """Copy the goals of ``ar - 1`` (text, measure, target, order, the resultatmål under
    their inriktningsmål) into ``ar``, without their follow-ups: a new year's plan starts
    as last year's, as its texts do (rapporter.services.fjolarets_texter). Refused when
    ``ar`` already has goals or ``ar - 1`` has none."""
    if Forbundsmal.objects.filter(forbund=forbund, ar=ar).exists():
        raise ValidationError(f"Det finns redan mål för {ar}.")
    fjol = list(Forbundsmal.objects.filter(forbund=forbund, ar=ar - 1).order_by("pk"))
    if not fjol:
        raise ValidationError(f"Det finns inga mål för {ar - 1} att kopiera.")
    nya: dict[int, Forbundsmal] = {}
    # Inriktningsmål first, so the resultatmål can point at their copies.
    for m in sorted(fjol, key=lambda m: m.overordnat_id is not None):
        kopia = Forbundsmal(
            forbund=forbund,
            ar=ar,
            slag=m.slag,
            overordnat=nya.get(m.overordnat_id) if m.overordnat_id else None,
            text=m.text,
            matt=m.matt,
            malvarde=m.malvarde,
            enhet=m.enhet,
            maltext=m.maltext,
            deltagarantal=m.deltagarantal,
            ordning=m.ordning,
        )
        kopia.full_clean()
        kopia.save()
        nya[m.pk] = kopia
    logga(
        user=user,
        forbund=forbund,
        handelse=H.SKAPAD,
        objekttyp=Forbundsmal._meta.label,
        beskrivning=f"Förbundets mål för {ar - 1} kopierade till {ar}",
        andringar={"ar": [ar - 1, ar], "antal": [None, len(nya)]},
    )
    return list(nya.values())


@transaction.atomic
def malutfall_spara(
    *,
    user,
    mal: Forbundsmal,
    till: datetime.date,
    utfall: Decimal | None = None,
    utfall_text: str = "",
    bedomning: str = "",
    kommentar: str = "",
) -> Malutfall | None:
    """The goal's follow-up per ``till`` (a date in the goal's year): created, changed,
    or removed when every field is empty (returns None then). An outcome needs an
    assessment; "Kan inte bedömas" is a valid one."""
    if till.year != mal.ar:
        raise ValidationError({"till": f"Uppföljningen ska gälla ett datum under {mal.ar}."})
    befintlig = Malutfall.objects.filter(mal=mal, till=till).first()
    if utfall is None and not utfall_text.strip() and not bedomning and not kommentar.strip():
        if befintlig is not None:
            logga(
                user=user,
                forbund=mal.forbund,
                obj=befintlig,
                handelse=H.BORTTAGEN,
                andringar={"till": [till, None]},
            )
            befintlig.delete()
        return None
    if not bedomning:
        raise ValidationError({"bedomning": "Välj en bedömning."})
    rad = befintlig or Malutfall(mal=mal, till=till)
    nytt = {
        "utfall": utfall,
        "utfall_text": utfall_text.strip(),
        "bedomning": bedomning,
        "kommentar": kommentar.strip(),
    }
    andringar = {
        k: [getattr(rad, k) if befintlig else None, v]
        for k, v in nytt.items()
        if not befintlig or getattr(rad, k) != v
    }
    for k, v in nytt.items():
        setattr(rad, k, v)
    rad.full_clean()
    rad.save()
    if andringar:
        logga(
            user=user,
            forbund=mal.forbund,
            obj=rad,
            handelse=H.ANDRAD if befintlig else H.SKAPAD,
            andringar=andringar,
        )
    return rad


@transaction.atomic
def malutfall_spara_alla(
    *, user, till: datetime.date, rader: list[tuple[Forbundsmal, dict]]
) -> list[Malutfall]:
    """Every goal's follow-up per ``till`` in one transaction (``rader``: the goal and
    its fields for ``malutfall_spara``): all saved or none."""
    ut = []
    for mal, falt in rader:
        rad = malutfall_spara(user=user, mal=mal, till=till, **falt)
        if rad is not None:
            ut.append(rad)
    return ut
