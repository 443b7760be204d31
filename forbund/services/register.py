"""Register writes: the förbund itself, members, people, mandates, revisorer and kansli.
The shared write path ``_spara`` (validate, save, audit) lives here."""

import datetime
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile

from forbund.audit import _json, logga
from forbund.models import (
    Forbund,
    Forbundsordning,
    Foregangare,
    Kanslitjanst,
    Logghandelse,
    Medlem,
    Person,
    Revisor,
    Styrelseuppdrag,
)
from forbund.signals import forbund_skapat
from forbund.validators import normalisera_orgnr, validera_samordningsforbund_orgnr

MAX_FILSTORLEK = 10 * 1024 * 1024  # 10 MB: a scanned protokoll fits, a video does not
_EVIGHET = datetime.date(9999, 12, 31)


def _varde(obj: models.Model, falt: str, m2m: Iterable[str]):
    if falt in m2m:
        return sorted(str(o) for o in getattr(obj, falt).all()) if obj.pk else []
    varde = getattr(obj, falt, None)
    if isinstance(varde, FieldFile):
        return varde.name or ""
    return _json(varde)


def _datumordning(obj: models.Model) -> None:
    """End before start is an error on the end field (the check constraint backs it up)."""
    for fran, till in (("from_datum", "tom_datum"), ("bildat", "upphorde"), ("from_ar", "tom_ar")):
        a, b = getattr(obj, fran, None), getattr(obj, till, None)
        if a is not None and b is not None and b < a:
            raise ValidationError({till: "Slutet kan inte ligga före början."})


def _spara(
    obj: models.Model,
    *,
    user,
    forbund: Forbund,
    data: dict,
    m2m: tuple[str, ...] = (),
    kontroll: Callable[[models.Model], None] | None = None,
) -> models.Model:
    """Set ``data`` on ``obj``, validate, save and log — the one write path of this module."""
    skapad = obj.pk is None
    fore = {k: _varde(obj, k, m2m) for k in data}
    for falt, varde in data.items():
        if falt not in m2m:
            setattr(obj, falt, varde)
    obj.clean_fields()  # required fields first, so the checks below see complete objects
    _datumordning(obj)
    if kontroll is not None:
        kontroll(obj)
    obj.full_clean()
    obj.save()
    for falt in m2m:
        getattr(obj, falt).set(data[falt])
    efter = {k: _varde(obj, k, m2m) for k in data}
    andringar = {
        k: [None if skapad else fore[k], efter[k]] for k in data if skapad or fore[k] != efter[k]
    }
    logga(
        user=user,
        forbund=forbund,
        obj=obj,
        handelse=Logghandelse.Handelse.SKAPAD if skapad else Logghandelse.Handelse.ANDRAD,
        andringar=andringar,
    )
    return obj


def _samma_forbund(forbund: Forbund, **objekt) -> None:
    """Refuse related objects of another förbund (forms limit the choices; this is the
    service's own guard)."""
    for falt, varde in objekt.items():
        varden = varde if isinstance(varde, list | tuple | set | models.QuerySet) else [varde]
        for o in varden:
            if o is not None and o.forbund_id != forbund.pk:
                raise ValidationError({falt: "Välj ett alternativ i det här förbundet."})


def _overlappar(qs: models.QuerySet, fran: datetime.date, till: datetime.date | None):
    return qs.filter(from_datum__lte=till or _EVIGHET).filter(
        Q(tom_datum__isnull=True) | Q(tom_datum__gte=fran)
    )


def _period(o) -> str:
    return f"{o.from_datum.isoformat()}–{o.tom_datum.isoformat() if o.tom_datum else ''}"


def _kontrollera_pdf(fil, falt: str = "fil") -> None:
    if fil is None:
        raise ValidationError({falt: "Välj en fil."})
    if fil.size > MAX_FILSTORLEK:
        raise ValidationError({falt: "Filen är större än 10 MB."})
    if not fil.name.lower().endswith(".pdf"):
        raise ValidationError({falt: "Filen ska vara en PDF."})
    fil.seek(0)
    borjan = fil.read(5)
    fil.seek(0)
    if borjan != b"%PDF-":
        raise ValidationError({falt: "Filen är inte en giltig PDF."})


# --- Förbund ------------------------------------------------------------------------------


@transaction.atomic
def forbund_create(
    *,
    user,
    namn: str,
    orgnr: str,
    sate: str = "",
    bildat: datetime.date | None = None,
    delarsrapport_kravs: bool = True,
    delarsrapport_manad: int = 8,
) -> Forbund:
    """A new förbund (``222000-NNNN``) with the ledger's standard chart of accounts
    (Kommun-Bas), dimensions 1 and 6 and the default report definitions (resultat- och
    balansräkning, kassaflödesanalys, driftredovisning), created in the same transaction (sent to
    ekonomi and rapporter by ``forbund.signals.forbund_skapat``)."""
    orgnr = normalisera_orgnr(orgnr)
    try:
        validera_samordningsforbund_orgnr(orgnr)
    except ValidationError as exc:
        raise ValidationError({"orgnr": exc.messages}) from exc
    forbund = Forbund(
        namn=namn,
        orgnr=orgnr,
        sate=sate,
        bildat=bildat,
        delarsrapport_kravs=delarsrapport_kravs,
        delarsrapport_manad=delarsrapport_manad,
    )
    forbund.full_clean()
    forbund.save()
    # The ledger's standard chart and the report definitions come from the apps above
    # (ekonomi, rapporter) through the signal, in this transaction.
    forbund_skapat.send(sender=Forbund, forbund=forbund, standardkontoplan=True)
    logga(
        user=user,
        forbund=forbund,
        obj=forbund,
        handelse=Logghandelse.Handelse.SKAPAD,
        andringar={"namn": [None, namn], "orgnr": [None, orgnr], "sate": [None, sate]},
    )
    return forbund


@transaction.atomic
def forbund_update(*, user, forbund: Forbund, **data) -> Forbund:
    """Name, orgnr (``222000-NNNN``), säte, bildat, delårsrapport."""
    if "orgnr" in data:
        data["orgnr"] = normalisera_orgnr(data["orgnr"])

    def kontroll(f: Forbund) -> None:
        try:
            validera_samordningsforbund_orgnr(f.orgnr)
        except ValidationError as exc:
            raise ValidationError({"orgnr": exc.messages}) from exc

    return _spara(forbund, user=user, forbund=forbund, data=data, kontroll=kontroll)


@transaction.atomic
def forbundsordning_create(
    *, user, forbund: Forbund, giltig_fran: datetime.date, fil, beskrivning: str = ""
) -> Forbundsordning:
    _kontrollera_pdf(fil)
    if forbund.forbundsordningar.filter(giltig_fran=giltig_fran).exists():
        raise ValidationError(
            {"giltig_fran": "Det finns redan en förbundsordning från den dagen."}
        )
    obj = Forbundsordning(forbund=forbund, filnamn=fil.name[:255], storlek=fil.size)
    return _spara(
        obj,
        user=user,
        forbund=forbund,
        data={"giltig_fran": giltig_fran, "beskrivning": beskrivning, "fil": fil},
    )


@transaction.atomic
def foregangare_create(*, user, forbund: Forbund, **data) -> Foregangare:
    return _spara(Foregangare(forbund=forbund), user=user, forbund=forbund, data=data)


@transaction.atomic
def foregangare_update(*, user, foregangare: Foregangare, **data) -> Foregangare:
    return _spara(foregangare, user=user, forbund=foregangare.forbund, data=data)


# --- Medlemmar och personer ---------------------------------------------------------------


def _kontrollera_medlem(m: Medlem) -> None:
    if m.typ not in Medlem.Typ.values:
        raise ValidationError(
            {"typ": "En medlem är Försäkringskassan, Arbetsförmedlingen, region eller kommun."}
        )
    konton = [k.strip() for k in m.intaktskonton.split(",") if k.strip()]
    if any(not k.isdigit() for k in konton):
        raise ValidationError(
            {"intaktskonton": "Skriv kontonummer med siffror, flera åtskilda med komma."}
        )
    m.intaktskonton = ",".join(konton)


@transaction.atomic
def medlem_create(*, user, forbund: Forbund, **data) -> Medlem:
    return _spara(
        Medlem(forbund=forbund),
        user=user,
        forbund=forbund,
        data=data,
        kontroll=_kontrollera_medlem,
    )


@transaction.atomic
def medlem_update(*, user, medlem: Medlem, **data) -> Medlem:
    return _spara(
        medlem, user=user, forbund=medlem.forbund, data=data, kontroll=_kontrollera_medlem
    )


@transaction.atomic
def person_create(*, user, forbund: Forbund, **data) -> Person:
    return _spara(Person(forbund=forbund), user=user, forbund=forbund, data=data)


@transaction.atomic
def person_update(*, user, person: Person, **data) -> Person:
    return _spara(person, user=user, forbund=person.forbund, data=data)


# --- Styrelseuppdrag ----------------------------------------------------------------------


def _kontrollera_uppdrag(u: Styrelseuppdrag) -> None:
    _samma_forbund(u.forbund, person=u.person, medlem=u.medlem)
    andra = Styrelseuppdrag.objects.filter(forbund=u.forbund).exclude(pk=u.pk)
    krock = _overlappar(andra.filter(person=u.person, typ=u.typ), u.from_datum, u.tom_datum)
    if krock.exists():
        k = krock.first()
        raise ValidationError(
            {
                "from_datum": f"{u.person} har redan uppdrag som {k.get_typ_display().lower()} "
                f"{_period(k)} som överlappar."
            }
        )
    if u.presidium:
        if u.typ != Styrelseuppdrag.Typ.LEDAMOT:
            raise ValidationError({"presidium": "Presidiet väljs bland ledamöterna."})
        krock = _overlappar(andra.filter(presidium=u.presidium), u.from_datum, u.tom_datum)
        if krock.exists():
            k = krock.first()
            raise ValidationError(
                {
                    "presidium": f"{k.person} är {k.get_presidium_display().lower()} "
                    f"{_period(k)} under samma tid."
                }
            )


@transaction.atomic
def uppdrag_create(*, user, forbund: Forbund, **data) -> Styrelseuppdrag:
    """A ledamot or ersättare appointed by a member; no overlapping mandate of the same
    person and kind, no second holder of a presidium role at the same time."""
    return _spara(
        Styrelseuppdrag(forbund=forbund),
        user=user,
        forbund=forbund,
        data=data,
        kontroll=_kontrollera_uppdrag,
    )


@transaction.atomic
def uppdrag_update(*, user, uppdrag: Styrelseuppdrag, **data) -> Styrelseuppdrag:
    return _spara(
        uppdrag, user=user, forbund=uppdrag.forbund, data=data, kontroll=_kontrollera_uppdrag
    )


# --- Revisorer och kansli -----------------------------------------------------------------


def _revisor_data(forbund: Forbund, data: dict) -> dict:
    if "utsedd_av" in data:
        data["utsedd_av"] = list(data["utsedd_av"])
        _samma_forbund(forbund, utsedd_av=data["utsedd_av"])
    return data


@transaction.atomic
def revisor_create(*, user, forbund: Forbund, **data) -> Revisor:
    data = _revisor_data(forbund, data)
    return _spara(
        Revisor(forbund=forbund),
        user=user,
        forbund=forbund,
        data=data,
        m2m=("utsedd_av",) if "utsedd_av" in data else (),
        kontroll=lambda r: _samma_forbund(forbund, person=r.person),
    )


@transaction.atomic
def revisor_update(*, user, revisor: Revisor, **data) -> Revisor:
    forbund = revisor.forbund
    data = _revisor_data(forbund, data)
    return _spara(
        revisor,
        user=user,
        forbund=forbund,
        data=data,
        m2m=("utsedd_av",) if "utsedd_av" in data else (),
        kontroll=lambda r: _samma_forbund(forbund, person=r.person),
    )


def _kontrollera_tjanst(k: Kanslitjanst) -> None:
    _samma_forbund(k.forbund, person=k.person)
    if not 1 <= k.tjanstgoringsgrad <= 100:
        raise ValidationError(
            {"tjanstgoringsgrad": "Ange en tjänstgöringsgrad mellan 1 och 100 %."}
        )


@transaction.atomic
def kansli_create(*, user, forbund: Forbund, **data) -> Kanslitjanst:
    return _spara(
        Kanslitjanst(forbund=forbund),
        user=user,
        forbund=forbund,
        data=data,
        kontroll=_kontrollera_tjanst,
    )


@transaction.atomic
def kansli_update(*, user, tjanst: Kanslitjanst, **data) -> Kanslitjanst:
    return _spara(
        tjanst,
        user=user,
        forbund=tjanst.forbund,
        data=data,
        kontroll=_kontrollera_tjanst,
    )
