"""The insats register: create/update (linked to its ledger object in dimension 6),
status over time, goals, granted money, evaluations, structural activity counts."""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction

from ekonomi.models import Dimension, Objekt
from forbund.audit import logga
from forbund.models import Beslut, Forbund, Logghandelse, Person
from insatser.models import (
    BeviljadeMedel,
    Insats,
    InsatsStatus,
    Mal,
    Strukturaktivitet,
    Utvardering,
)

H = Logghandelse.Handelse

# Fields of Insats a user may set through insats_create / insats_update.
INSATS_FALT = (
    "namn",
    "typ",
    "finansieringsform",
    "processagare",
    "processagare_annan",
    "samverkande_parter",
    "start",
    "slut",
    "behovsgrupp",
    "malgrupp",
    "metod",
)


def _foreslagen_kod(namn: str) -> str:
    ascii_namn = unicodedata.normalize("NFKD", namn).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]", "", ascii_namn.upper())[:10] or "INSATS"


def projektdimension(*, forbund: Forbund) -> Dimension:
    dimension, _ = Dimension.objects.get_or_create(
        forbund=forbund, nummer=Dimension.PROJEKT, defaults={"namn": "Projekt"}
    )
    return dimension


def _projektobjekt(*, forbund: Forbund, kod: str, namn: str, insats: Insats | None) -> Objekt:
    """The insats's object in dimension 6: an existing object with the code is linked (the
    ledger may have imported it first), a missing one is created."""
    dimension = projektdimension(forbund=forbund)
    if not kod:
        bas = _foreslagen_kod(namn)
        kod, n = bas, 1
        while Objekt.objects.filter(dimension=dimension, kod=kod).exists():
            n += 1
            kod = f"{bas[:8]}{n}"
    objekt, _ = Objekt.objects.get_or_create(
        dimension=dimension, kod=kod, defaults={"namn": namn[:200]}
    )
    upptagen = Insats.objects.filter(objekt=objekt)
    if insats is not None and insats.pk:
        upptagen = upptagen.exclude(pk=insats.pk)
    if upptagen.exists():
        raise ValidationError(
            {"objektkod": f"Objektet {kod} hör redan till insatsen {upptagen.first()}."}
        )
    return objekt


def _kontrollera_insats(insats: Insats) -> None:
    if insats.processagare_id and insats.processagare.forbund_id != insats.forbund_id:
        raise ValidationError({"processagare": "Processägaren är inte medlem i förbundet."})
    insats.full_clean()


def _styrgrupp(insats: Insats, styrgrupp) -> None:
    personer = list(styrgrupp)
    if any(p.forbund_id != insats.forbund_id for p in personer):
        raise ValidationError({"styrgrupp": "Styrgruppen får bara ha förbundets personer."})
    insats.styrgrupp.set(personer)


@transaction.atomic
def insats_create(
    *,
    user,
    forbund: Forbund,
    objektkod: str = "",
    styrgrupp: list[Person] | None = None,
    status: str = "",
    status_datum: datetime.date | None = None,
    **falt,
) -> Insats:
    """Create an insats and link (or create) its ledger object in dimension 6."""
    okanda = set(falt) - set(INSATS_FALT)
    if okanda:
        raise TypeError(f"Okända fält: {sorted(okanda)}")
    insats = Insats(forbund=forbund, **falt)
    _kontrollera_insats(insats)
    insats.objekt = _projektobjekt(
        forbund=forbund, kod=objektkod.strip().upper(), namn=insats.namn, insats=None
    )
    insats.save()
    if styrgrupp:
        _styrgrupp(insats, styrgrupp)
    logga(
        user=user,
        forbund=forbund,
        obj=insats,
        handelse=H.SKAPAD,
        andringar={k: [None, v] for k, v in falt.items()} | {"objekt": [None, insats.objekt]},
    )
    if status:
        insats_status_set(
            user=user, insats=insats, status=status, datum=status_datum or insats.start
        )
    return insats


@transaction.atomic
def insats_update(
    *,
    user,
    insats: Insats,
    objektkod: str | None = None,
    styrgrupp: list[Person] | None = None,
    **falt,
) -> Insats:
    okanda = set(falt) - set(INSATS_FALT)
    if okanda:
        raise TypeError(f"Okända fält: {sorted(okanda)}")
    andringar = {}
    for namn, varde in falt.items():
        fore = getattr(insats, namn)
        if fore != varde:
            andringar[namn] = [fore, varde]
            setattr(insats, namn, varde)
    if objektkod is not None:
        kod = objektkod.strip().upper()
        if kod and (insats.objekt is None or insats.objekt.kod != kod):
            nytt = _projektobjekt(forbund=insats.forbund, kod=kod, namn=insats.namn, insats=insats)
            andringar["objekt"] = [insats.objekt, nytt]
            insats.objekt = nytt
    _kontrollera_insats(insats)
    insats.save()
    if styrgrupp is not None:
        fore = sorted(str(p) for p in insats.styrgrupp.all())
        _styrgrupp(insats, styrgrupp)
        efter = sorted(str(p) for p in styrgrupp)
        if fore != efter:
            andringar["styrgrupp"] = [fore, efter]
    if andringar:
        logga(
            user=user, forbund=insats.forbund, obj=insats, handelse=H.ANDRAD, andringar=andringar
        )
    return insats


@transaction.atomic
def insats_status_set(
    *, user, insats: Insats, status: str, datum: datetime.date | None, kommentar: str = ""
) -> InsatsStatus:
    if datum is None:
        raise ValidationError({"datum": "Ange från vilket datum statusen gäller."})
    rad = InsatsStatus(insats=insats, status=status, datum=datum, kommentar=kommentar)
    rad.full_clean()
    rad.save()
    logga(
        user=user,
        forbund=insats.forbund,
        obj=insats,
        handelse=H.ANDRAD,
        beskrivning=f"{insats}: status {rad}",
        andringar={"status": [None, status], "datum": [None, datum]},
    )
    return rad


@transaction.atomic
def mal_create(*, user, insats: Insats, **falt) -> Mal:
    mal = Mal(insats=insats, **falt)
    mal.full_clean()
    mal.save()
    logga(
        user=user,
        forbund=insats.forbund,
        obj=mal,
        handelse=H.SKAPAD,
        andringar={k: [None, v] for k, v in falt.items()},
    )
    return mal


@transaction.atomic
def medel_create(*, user, insats: Insats, ar: int, belopp: int, beslut: Beslut) -> BeviljadeMedel:
    """Money granted for a year (öre), tied to the styrelse decision that granted it."""
    if beslut.sammantrade.forbund_id != insats.forbund_id:
        raise ValidationError({"beslut": "Beslutet hör inte till förbundet."})
    if BeviljadeMedel.objects.filter(insats=insats, ar=ar).exists():
        raise ValidationError({"ar": f"Medel för {ar} är redan registrerade."})
    medel = BeviljadeMedel(insats=insats, ar=ar, belopp=belopp, beslut=beslut)
    medel.full_clean()
    medel.save()
    logga(
        user=user,
        forbund=insats.forbund,
        obj=medel,
        handelse=H.SKAPAD,
        andringar={"ar": [None, ar], "belopp": [None, belopp], "beslut": [None, beslut]},
    )
    return medel


@transaction.atomic
def utvardering_create(
    *, user, insats: Insats, utforare: str, datum: datetime.date, titel: str = "", rapport=None
) -> Utvardering:
    utv = Utvardering(insats=insats, utforare=utforare, datum=datum, titel=titel)
    if rapport:
        utv.rapport = rapport
    utv.full_clean()
    utv.save()
    logga(
        user=user,
        forbund=insats.forbund,
        obj=utv,
        handelse=H.SKAPAD,
        andringar={
            "utforare": [None, utforare],
            "datum": [None, datum],
            "rapport": [None, utv.rapport.name],
        },
    )
    return utv


@transaction.atomic
def strukturaktivitet_create(*, user, insats: Insats, **falt) -> Strukturaktivitet:
    akt = Strukturaktivitet(insats=insats, **falt)
    akt.full_clean()
    akt.save()
    logga(
        user=user,
        forbund=insats.forbund,
        obj=akt,
        handelse=H.SKAPAD,
        andringar={k: [None, v] for k, v in falt.items()},
    )
    return akt
