"""Participants: register, close, withdraw consent, register many at once.

Individual records exist only with written consent and only in individinriktade
insatser. The domain rules live in ``_kontrollera`` so that the single form, the grid and
the import refuse exactly the same things.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F, Q

from forbund.audit import logga
from forbund.models import Logghandelse
from insatser.models import AnonymaDeltagare, Avslutsorsak, Deltagande, Insats
from insatser.models.deltagare import Aldersgrupp

H = Logghandelse.Handelse

DELTAGANDE_FALT = (
    "kod",
    "kon",
    "fodelsear",
    "aldersgrupp",
    "remitterande",
    "start",
    "forsorjning_start",
    "utbildningsniva",
    "tid_offentlig_forsorjning",
    "slut",
    "avslutsorsak",
    "sysselsattning_slut",
    "forsorjning_slut",
    "samtycke_datum",
)


def avslutsorsaker_for(*, forbund) -> "list[Avslutsorsak]":
    return list(
        Avslutsorsak.objects.filter(Q(forbund__isnull=True) | Q(forbund=forbund), aktiv=True)
    )


def _kontrollera(d: Deltagande) -> None:
    """Domain rules; raises one ValidationError with every problem, keyed by field."""
    insats = d.insats
    fel: dict[str, list[str]] = {}

    def lagg(falt: str, text: str) -> None:
        fel.setdefault(falt, []).append(text)

    if not insats.ar_individinriktad:
        lagg(NON_FIELD_ERRORS, "Deltagare registreras bara i individinriktade insatser.")
    if d.start and d.slut and d.slut < d.start:
        lagg("slut", "Slutdatum kan inte vara före startdatum.")
    if d.avslutsorsak_id and not d.slut:
        lagg("slut", "Ange slutdatum när avslutsorsak är angiven.")
    if d.slut and not d.avslutsorsak_id:
        lagg("avslutsorsak", "Ange avslutsorsak när slutdatum är angivet.")
    if d.start:
        if insats.start and d.start < insats.start:
            lagg(
                "start",
                f"Startdatum ligger före insatsens processtid ({insats.start.isoformat()}).",
            )
        if insats.slut and d.start > insats.slut:
            lagg("start", f"Startdatum ligger efter insatsens slut ({insats.slut.isoformat()}).")
    if d.slut and insats.slut and d.slut > insats.slut:
        lagg("slut", f"Slutdatum ligger efter insatsens slut ({insats.slut.isoformat()}).")
    if d.samtycke_datum and d.start and d.samtycke_datum > d.start:
        lagg(
            "samtycke_datum",
            "Samtycket ska vara lämnat senast på startdatum "
            f"({d.start.isoformat()}): registrera inga uppgifter före samtycket.",
        )
    if d.remitterande_id and d.remitterande.forbund_id != insats.forbund_id:
        lagg("remitterande", "Remitterande part är inte medlem i förbundet.")
    if d.avslutsorsak_id and d.avslutsorsak.forbund_id not in (None, insats.forbund_id):
        lagg("avslutsorsak", "Okänd avslutsorsak.")
    if d.fodelsear and d.start and not (1900 <= d.fodelsear <= d.start.year - 15):
        lagg("fodelsear", "Födelseåret är inte rimligt för en deltagare.")
    if not d.fodelsear and not d.aldersgrupp:
        lagg("aldersgrupp", "Ange åldersgrupp eller födelseår.")
    if d.fodelsear and d.start:
        # A birth year decides the band, so the two can never disagree.
        grupp = Aldersgrupp.for_alder(d.start.year - d.fodelsear)
        d.aldersgrupp = grupp.value if grupp else ""
    if (d.sysselsattning_slut or d.forsorjning_slut) and not d.slut:
        lagg("slut", "Uppgifter vid avslut kräver ett slutdatum.")
    try:
        d.full_clean()
    except ValidationError as exc:
        for falt, texter in exc.message_dict.items():
            for text in texter:
                if text not in fel.get(falt, []):
                    lagg(falt, text)
    if fel:
        raise ValidationError(fel)


def _maskerat(falt) -> dict:
    """Which fields changed, not their values: the audit log is append-only and must not
    keep a participant's data once consent is withdrawn and the record removed."""
    return {k: ["", "(ändrat)"] for k in sorted(falt)}


@transaction.atomic
def deltagande_create(*, user, insats: Insats, **falt) -> Deltagande:
    okanda = set(falt) - set(DELTAGANDE_FALT)
    if okanda:
        raise TypeError(f"Okända fält: {sorted(okanda)}")
    d = Deltagande(insats=insats, **falt)
    _kontrollera(d)
    d.save()
    logga(
        user=user,
        forbund=insats.forbund,
        obj=d,
        handelse=H.SKAPAD,
        beskrivning=f"Deltagande {d.pk} i {insats}",
        andringar=_maskerat(k for k, v in falt.items() if v not in (None, "")),
    )
    return d


@transaction.atomic
def deltagande_update(*, user, deltagande: Deltagande, **falt) -> Deltagande:
    okanda = set(falt) - set(DELTAGANDE_FALT)
    if okanda:
        raise TypeError(f"Okända fält: {sorted(okanda)}")
    andringar = {}
    for namn, varde in falt.items():
        fore = getattr(deltagande, namn)
        if fore != varde:
            andringar[namn] = [fore, varde]
            setattr(deltagande, namn, varde)
    _kontrollera(deltagande)
    deltagande.save()
    if andringar:
        logga(
            user=user,
            forbund=deltagande.insats.forbund,
            obj=deltagande,
            handelse=H.ANDRAD,
            beskrivning=f"Deltagande {deltagande.pk} i {deltagande.insats}",
            andringar=_maskerat(andringar),
        )
    return deltagande


@transaction.atomic
def deltagande_avsluta(
    *,
    user,
    deltagande: Deltagande,
    slut: datetime.date,
    avslutsorsak: Avslutsorsak,
    sysselsattning_slut: str = "",
    forsorjning_slut: str = "",
) -> Deltagande:
    return deltagande_update(
        user=user,
        deltagande=deltagande,
        slut=slut,
        avslutsorsak=avslutsorsak,
        sysselsattning_slut=sysselsattning_slut,
        forsorjning_slut=forsorjning_slut,
    )


@transaction.atomic
def anonyma_add(
    *, user, insats: Insats, ar: int, kon: str, skal: str, antal: int = 1
) -> AnonymaDeltagare:
    """Add to the anonymous count for (year, kön, reason)."""
    if antal < 1:
        raise ValidationError({"antal": "Antalet måste vara minst 1."})
    rad, skapad = AnonymaDeltagare.objects.select_for_update().get_or_create(
        insats=insats, ar=ar, kon=kon, skal=skal, defaults={"antal": antal}
    )
    if not skapad:
        AnonymaDeltagare.objects.filter(pk=rad.pk).update(antal=F("antal") + antal)
        rad.refresh_from_db()
    rad.full_clean()
    logga(
        user=user,
        forbund=insats.forbund,
        obj=rad,
        handelse=H.ANDRAD if not skapad else H.SKAPAD,
        andringar={"antal": [rad.antal - antal if not skapad else None, rad.antal]},
    )
    return rad


@transaction.atomic
def deltagande_samtycke_atertaget(*, user, deltagande: Deltagande) -> AnonymaDeltagare:
    """Consent withdrawn: the individual record goes, an anonymous count (year of start,
    kön) remains. The log keeps no participant data, only that it happened."""
    insats = deltagande.insats
    ar, kon = deltagande.start.year, deltagande.kon
    pk = deltagande.pk
    deltagande.delete()
    logga(
        user=user,
        forbund=insats.forbund,
        handelse=H.BORTTAGEN,
        objekttyp=Deltagande._meta.label,
        beskrivning=f"Samtycke återtaget: deltagande {pk} i {insats} ersatt av anonym räkning",
    )
    return anonyma_add(
        user=user, insats=insats, ar=ar, kon=kon, skal=AnonymaDeltagare.Skal.ATERTAGET
    )


class RaderFel(ValidationError):
    """Several rows were wrong; ``rader`` maps row number (1-based) → ValidationError."""

    def __init__(self, rader: dict[int, ValidationError]):
        self.rader = rader
        super().__init__([f"Rad {n}: {'; '.join(_texter(e))}" for n, e in sorted(rader.items())])


def _texter(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{falt}: {text}" if falt != NON_FIELD_ERRORS else text
            for falt, texter in exc.message_dict.items()
            for text in texter
        ]
    return list(exc.messages)


@transaction.atomic
def deltaganden_create_many(*, user, insats: Insats, rader: list[dict]) -> list[Deltagande]:
    """All or nothing: every row is checked; one wrong row saves none."""
    fel: dict[int, ValidationError] = {}
    skapade: list[Deltagande] = []
    koder: set[str] = set()
    for n, falt in enumerate(rader, start=1):
        kod = falt.get("kod", "")
        if kod in koder:
            fel[n] = ValidationError({"kod": "Koden förekommer flera gånger i underlaget."})
            continue
        koder.add(kod)
        try:
            with transaction.atomic():
                skapade.append(deltagande_create(user=user, insats=insats, **falt))
        except ValidationError as exc:
            fel[n] = exc
    if fel:
        raise RaderFel(fel)
    return skapade


@transaction.atomic
def deltaganden_avsluta_many(
    *, user, insats: Insats, rader: list[tuple[Deltagande, dict]]
) -> list[Deltagande]:
    fel: dict[int, ValidationError] = {}
    klara: list[Deltagande] = []
    for n, (deltagande, falt) in enumerate(rader, start=1):
        if deltagande.insats_id != insats.pk:
            fel[n] = ValidationError("Deltagandet hör inte till insatsen.")
            continue
        try:
            with transaction.atomic():
                klara.append(deltagande_avsluta(user=user, deltagande=deltagande, **falt))
        except ValidationError as exc:
            fel[n] = exc
    if fel:
        raise RaderFel(fel)
    return klara


def _kontrollera_orsak(orsak: Avslutsorsak) -> None:
    orsak.kod = orsak.kod.strip().upper()
    gemensam = Avslutsorsak.objects.filter(forbund__isnull=True, kod=orsak.kod)
    if gemensam.exists():
        raise ValidationError({"kod": f"Koden {orsak.kod} finns redan bland de gemensamma."})
    orsak.full_clean()


@transaction.atomic
def avslutsorsak_create(*, user, forbund, **falt) -> Avslutsorsak:
    """The förbund's own code; the shared ones (forbund=None) are kept by migrations."""
    orsak = Avslutsorsak(forbund=forbund, **falt)
    _kontrollera_orsak(orsak)
    orsak.save()
    logga(
        user=user,
        forbund=forbund,
        obj=orsak,
        handelse=H.SKAPAD,
        andringar={k: [None, v] for k, v in falt.items()},
    )
    return orsak


@transaction.atomic
def avslutsorsak_update(*, user, orsak: Avslutsorsak, **falt) -> Avslutsorsak:
    if orsak.forbund_id is None:
        raise ValidationError("De gemensamma avslutsorsakerna ändras inte här.")
    andringar = {}
    for namn, varde in falt.items():
        if getattr(orsak, namn) != varde:
            andringar[namn] = [getattr(orsak, namn), varde]
            setattr(orsak, namn, varde)
    _kontrollera_orsak(orsak)
    orsak.save()
    if andringar:
        logga(user=user, forbund=orsak.forbund, obj=orsak, handelse=H.ANDRAD, andringar=andringar)
    return orsak
