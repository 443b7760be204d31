"""Write use-cases of a report's narrative: the texts per section and year, last year's
texts as the start of a new year, and the förbund's order, headings and own sections."""

from django.core.exceptions import ValidationError
from django.db import transaction

from forbund.audit import logga
from forbund.models import Forbund, Logghandelse
from rapporter.models import Avsnittsval, Berattelseavsnitt

H = Logghandelse.Handelse


@transaction.atomic
def berattelse_spara(
    *, forbund: Forbund, rapport: str, ar: int, texter: dict[str, str], user
) -> list[Berattelseavsnitt]:
    """Save the edited narrative sections; unchanged sections are left alone."""
    sparade = []
    for nyckel, text in texter.items():
        avsnitt = Berattelseavsnitt.objects.filter(
            forbund=forbund, rapport=rapport, ar=ar, nyckel=nyckel
        ).first()
        fore = avsnitt.text if avsnitt else ""
        if fore == text:
            continue
        if avsnitt is None:
            avsnitt = Berattelseavsnitt(forbund=forbund, rapport=rapport, ar=ar, nyckel=nyckel)
        avsnitt.text = text
        avsnitt.full_clean()
        avsnitt.save()
        logga(
            user=user,
            forbund=forbund,
            obj=avsnitt,
            handelse=H.ANDRAD,
            andringar={"text": [fore, text]},
        )
        sparade.append(avsnitt)
    return sparade


def fjolarets_texter(*, forbund: Forbund, rapport: str, ar: int) -> dict[str, str]:
    """The texts of the latest earlier year of the same report kind (``{nyckel: html}``):
    a new year's texts start as a copy of last year's. Empty when there is none."""
    tidigare = (
        Berattelseavsnitt.objects.filter(forbund=forbund, rapport=rapport, ar__lt=ar)
        .exclude(text="")
        .order_by("-ar")
        .values_list("ar", flat=True)
        .first()
    )
    if tidigare is None:
        return {}
    return dict(
        Berattelseavsnitt.objects.filter(
            forbund=forbund, rapport=rapport, ar=tidigare
        ).values_list("nyckel", "text")
    )


@transaction.atomic
def avsnitt_spara(*, forbund: Forbund, rapport: str, val: dict[str, dict], user) -> None:
    """Save the förbund's order, headings and hidden flags of a report kind's sections
    (``val``: {nyckel: {"ordning", "rubrik", "dold"}}). A required section cannot be
    hidden (ValidationError keyed by the section)."""
    from rapporter.struktur import avsnittslista

    for s, v in avsnittslista(forbund=forbund, rapport=rapport, med_dolda=True):
        ny = val.get(s.nyckel)
        if ny is None:
            continue
        if ny["dold"] and s.fast:
            raise ValidationError({s.nyckel: f"Avsnittet ”{s.rubrik}” måste finnas med."})
        rubrik = ny["rubrik"].strip()
        egen = v is not None and v.egen
        if egen and not rubrik:
            rubrik = v.rubrik
        elif not egen and rubrik == s.rubrik:
            rubrik = ""
        if v is None:
            v = Avsnittsval(forbund=forbund, rapport=rapport, nyckel=s.nyckel)
        fore = (v.ordning, v.rubrik, v.dold)
        v.ordning, v.rubrik, v.dold = ny["ordning"], rubrik, ny["dold"]
        if v.pk is not None and fore == (v.ordning, v.rubrik, v.dold):
            continue
        ny_rad = v.pk is None
        v.save()
        logga(
            user=user,
            forbund=forbund,
            obj=v,
            handelse=H.SKAPAD if ny_rad else H.ANDRAD,
            andringar={"ordning/rubrik/dold": [list(fore), [v.ordning, v.rubrik, v.dold]]},
        )


@transaction.atomic
def eget_avsnitt_skapa(*, forbund: Forbund, rapport: str, rubrik: str, user) -> Avsnittsval:
    """Add a narrative section of the förbund's own, last in the report kind."""
    from django.utils.text import slugify

    from rapporter.struktur import avsnittslista

    befintliga = {
        s.nyckel for s, _ in avsnittslista(forbund=forbund, rapport=rapport, med_dolda=True)
    }
    bas = "egen-" + (slugify(rubrik)[:28] or "avsnitt")
    nyckel, n = bas, 2
    while nyckel in befintliga:
        nyckel, n = f"{bas}-{n}", n + 1
    sista = len(befintliga) * 10 + 10
    hogsta = (
        Avsnittsval.objects.filter(forbund=forbund, rapport=rapport)
        .order_by("-ordning")
        .values_list("ordning", flat=True)
        .first()
    )
    v = Avsnittsval.objects.create(
        forbund=forbund,
        rapport=rapport,
        nyckel=nyckel,
        ordning=max(sista, (hogsta or 0) + 10),
        rubrik=rubrik.strip(),
        egen=True,
    )
    logga(
        user=user,
        forbund=forbund,
        obj=v,
        handelse=H.SKAPAD,
        andringar={"rubrik": [None, v.rubrik]},
    )
    return v
