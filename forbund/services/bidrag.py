"""Medlemsbidrag: split the year's contributions by Finsam-lagen 5 § and the förbund's key,
to the whole krona with parts that add up exactly (invoicing them in the ledger is
``ekonomi.services.medlemsbidrag_fakturera``)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from finsam.money import fordela
from forbund.audit import logga
from forbund.models import Bidragsandel, Bidragsar, Forbund, Logghandelse, Medlem
from forbund.selectors import medlemmar_under

Nyckel = Bidragsar.Nyckel
HUNDRA = Decimal(100)


def _vikter(nyckel: str, andelar: list[Bidragsandel], vikt_befolkning: Decimal) -> list[Decimal]:
    """The weights of one group (kommuner or regioner) under a key; a missing basis is an
    error on that member's field."""

    def kolumn(falt: str) -> list[Decimal]:
        varden = []
        for a in andelar:
            v = getattr(a, falt)
            if v is None:
                raise ValidationError(
                    {falt: f"{a.medlem} saknar {Bidragsandel._meta.get_field(falt).verbose_name}."}
                )
            varden.append(Decimal(v))
        if sum(varden) <= 0:
            raise ValidationError({falt: "Underlaget summerar till noll."})
        return varden

    if len(andelar) == 1:
        return [Decimal(1)]
    if nyckel == Nyckel.BEFOLKNING:
        return kolumn("befolkning")
    if nyckel == Nyckel.FORSORJNING:
        return kolumn("forsorjningsmatt")
    if nyckel == Nyckel.FAST:
        return kolumn("fast_andel")
    befolkning, forsorjning = kolumn("befolkning"), kolumn("forsorjningsmatt")
    p = Decimal(vikt_befolkning) / HUNDRA
    summa_b, summa_f = sum(befolkning), sum(forsorjning)
    return [
        p * b / summa_b + (1 - p) * f / summa_f
        for b, f in zip(befolkning, forsorjning, strict=True)
    ]


def fordela_medlemsbidrag(*, bidragsar: Bidragsar, andelar: list[Bidragsandel]) -> dict[int, int]:
    """Member id → kronor. The state's half S goes to Försäkringskassan (which pays for
    Arbetsförmedlingen too), S is split evenly between the regions' and the kommuner's
    quarters (largest remainder when S is odd) and each quarter by its key."""
    s = bidragsar.statlig_tilldelning
    stat = [a for a in andelar if a.medlem.typ == Medlem.Typ.FORSAKRINGSKASSAN] or [
        a for a in andelar if a.medlem.typ == Medlem.Typ.ARBETSFORMEDLINGEN
    ]
    regioner = [a for a in andelar if a.medlem.typ == Medlem.Typ.REGION]
    kommuner = [a for a in andelar if a.medlem.typ == Medlem.Typ.KOMMUN]
    if not stat or not regioner or not kommuner:
        raise ValidationError(
            "Förbundet behöver Försäkringskassan, minst en region och minst en kommun som "
            "medlemmar under året för att bidragen ska kunna fördelas."
        )
    region_del, kommun_del = fordela(s, [1, 1])
    resultat = {a.medlem_id: 0 for a in andelar}
    resultat[stat[0].medlem_id] = s
    for grupp, total, nyckel in (
        (regioner, region_del, bidragsar.nyckel_regioner),
        (kommuner, kommun_del, bidragsar.nyckel_kommuner),
    ):
        delar = fordela(total, _vikter(nyckel, grupp, bidragsar.vikt_befolkning))
        for a, kr in zip(grupp, delar, strict=True):
            resultat[a.medlem_id] = kr
    return resultat


def _andelar(bidragsar: Bidragsar) -> list[Bidragsandel]:
    return list(bidragsar.andelar.select_related("medlem").order_by("medlem__typ", "medlem__namn"))


def _skapa_andelar(bidragsar: Bidragsar) -> None:
    """One row per member active during the year (kommuner, regioner and the state side)."""
    fran, till = datetime.date(bidragsar.ar, 1, 1), datetime.date(bidragsar.ar, 12, 31)
    finns = set(bidragsar.andelar.values_list("medlem_id", flat=True))
    for medlem in medlemmar_under(forbund=bidragsar.forbund, fran=fran, till=till):
        if medlem.pk not in finns:
            Bidragsandel.objects.create(bidragsar=bidragsar, medlem=medlem)


def _berakna(bidragsar: Bidragsar) -> list[Bidragsandel]:
    andelar = _andelar(bidragsar)
    belopp = fordela_medlemsbidrag(bidragsar=bidragsar, andelar=andelar)
    for a in andelar:
        a.belopp = belopp[a.medlem_id]
        a.save(update_fields=["belopp"])
    bidragsar.beraknat = timezone.now()
    bidragsar.save(update_fields=["beraknat"])
    return andelar


def bidragsar_ej_fakturerat(bidragsar: Bidragsar) -> None:
    """Raise ``ValidationError`` once any of the year's contributions is invoiced (has a
    fordran voucher): from then on the year is corrected in the ledger, not here."""
    if bidragsar.andelar.filter(verifikation__isnull=False).exists():
        raise ValidationError(
            "Bidragen för året är redan fakturerade och kan inte ändras; rätta i huvudboken."
        )


def _forsok_berakna(bidragsar: Bidragsar) -> None:
    """Compute when the basis is complete; otherwise leave the amounts blank."""
    try:
        with transaction.atomic():
            _berakna(bidragsar)
    except ValidationError:
        bidragsar.andelar.update(belopp=None)
        Bidragsar.objects.filter(pk=bidragsar.pk).update(beraknat=None)
        bidragsar.beraknat = None


def _tilldelning(statlig_tilldelning: int | None, totalt: int | None) -> int:
    if statlig_tilldelning is not None:
        return statlig_tilldelning
    if totalt is None:
        raise ValidationError({"statlig_tilldelning": "Ange statens tilldelning eller totalen."})
    if totalt % 2:
        raise ValidationError(
            {"totalt": "Totalen är två gånger statens tilldelning: ange ett jämnt belopp."}
        )
    return totalt // 2


@transaction.atomic
def bidragsar_create(
    *,
    user,
    forbund: Forbund,
    ar: int,
    nyckel_kommuner: str,
    statlig_tilldelning: int | None = None,
    totalt: int | None = None,
    nyckel_regioner: str = Nyckel.BEFOLKNING,
    vikt_befolkning: Decimal = Decimal(25),
) -> Bidragsar:
    """A year's contributions: S (or the total 2S) and the keys; one row per member."""
    if forbund.bidragsar.filter(ar=ar).exists():
        raise ValidationError({"ar": f"Medlemsbidragen för {ar} finns redan."})
    obj = Bidragsar(
        forbund=forbund,
        ar=ar,
        statlig_tilldelning=_tilldelning(statlig_tilldelning, totalt),
        nyckel_kommuner=nyckel_kommuner,
        nyckel_regioner=nyckel_regioner,
        vikt_befolkning=vikt_befolkning,
    )
    obj.full_clean()
    obj.save()
    _skapa_andelar(obj)
    _forsok_berakna(obj)
    logga(
        user=user,
        forbund=forbund,
        obj=obj,
        handelse=Logghandelse.Handelse.SKAPAD,
        andringar={
            "statlig_tilldelning": [None, obj.statlig_tilldelning],
            "nyckel_kommuner": [None, obj.nyckel_kommuner],
            "nyckel_regioner": [None, obj.nyckel_regioner],
            "vikt_befolkning": [None, str(obj.vikt_befolkning)],
        },
    )
    return obj


@transaction.atomic
def bidragsar_update(
    *,
    user,
    bidragsar: Bidragsar,
    nyckel_kommuner: str,
    statlig_tilldelning: int | None = None,
    totalt: int | None = None,
    nyckel_regioner: str = Nyckel.BEFOLKNING,
    vikt_befolkning: Decimal = Decimal(25),
) -> Bidragsar:
    bidragsar_ej_fakturerat(bidragsar)
    fore = {
        "statlig_tilldelning": bidragsar.statlig_tilldelning,
        "nyckel_kommuner": bidragsar.nyckel_kommuner,
        "nyckel_regioner": bidragsar.nyckel_regioner,
        "vikt_befolkning": str(bidragsar.vikt_befolkning),
    }
    bidragsar.statlig_tilldelning = _tilldelning(statlig_tilldelning, totalt)
    bidragsar.nyckel_kommuner = nyckel_kommuner
    bidragsar.nyckel_regioner = nyckel_regioner
    bidragsar.vikt_befolkning = vikt_befolkning
    bidragsar.full_clean()
    bidragsar.save()
    _skapa_andelar(bidragsar)
    _forsok_berakna(bidragsar)
    efter = {
        "statlig_tilldelning": bidragsar.statlig_tilldelning,
        "nyckel_kommuner": bidragsar.nyckel_kommuner,
        "nyckel_regioner": bidragsar.nyckel_regioner,
        "vikt_befolkning": str(bidragsar.vikt_befolkning),
    }
    logga(
        user=user,
        forbund=bidragsar.forbund,
        obj=bidragsar,
        handelse=Logghandelse.Handelse.ANDRAD,
        andringar={k: [fore[k], efter[k]] for k in efter if fore[k] != efter[k]},
    )
    return bidragsar


@transaction.atomic
def bidragsunderlag_spara(
    *, user, bidragsar: Bidragsar, underlag: dict[int, dict]
) -> list[Bidragsandel]:
    """Save the basis per member (``{andel_id: {befolkning, forsorjningsmatt, fast_andel}}``)
    and compute the contributions; an incomplete basis for the key is an error."""
    bidragsar_ej_fakturerat(bidragsar)
    andringar = {}
    for andel in bidragsar.andelar.select_related("medlem"):
        if andel.pk not in underlag:
            continue
        for falt, varde in underlag[andel.pk].items():
            fore = getattr(andel, falt)
            if fore != varde:
                andringar[f"{andel.medlem} {falt}"] = [
                    str(fore) if fore is not None else None,
                    str(varde) if varde is not None else None,
                ]
            setattr(andel, falt, varde)
        andel.full_clean()
        andel.save()
    andelar = _berakna(bidragsar)
    for a in andelar:
        andringar[f"{a.medlem} belopp"] = [None, a.belopp]
    logga(
        user=user,
        forbund=bidragsar.forbund,
        obj=bidragsar,
        handelse=Logghandelse.Handelse.ANDRAD,
        beskrivning=f"{bidragsar}: underlag och beräkning",
        andringar=andringar,
    )
    return andelar


@transaction.atomic
def medlemsbidrag_berakna(*, user, bidragsar: Bidragsar) -> list[Bidragsandel]:
    bidragsar_ej_fakturerat(bidragsar)
    _skapa_andelar(bidragsar)
    andelar = _berakna(bidragsar)
    logga(
        user=user,
        forbund=bidragsar.forbund,
        obj=bidragsar,
        handelse=Logghandelse.Handelse.OVRIGT,
        beskrivning=f"{bidragsar}: beräknade",
        andringar={str(a.medlem): [None, a.belopp] for a in andelar},
    )
    return andelar
