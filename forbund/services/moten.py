"""Register writes for groups, meetings (decisions, attachments) and ansvarsfrihet."""

from django.core.exceptions import ValidationError
from django.db import transaction

from forbund.audit import logga
from forbund.models import (
    Ansvarsfrihet,
    Beslut,
    Bilaga,
    Forbund,
    Grupp,
    Gruppmedlem,
    Logghandelse,
    Sammantrade,
)
from forbund.services.register import _kontrollera_pdf, _samma_forbund, _spara

# --- Grupper ------------------------------------------------------------------------------


@transaction.atomic
def grupp_create(*, user, forbund: Forbund, **data) -> Grupp:
    return _spara(Grupp(forbund=forbund), user=user, forbund=forbund, data=data)


@transaction.atomic
def grupp_update(*, user, grupp: Grupp, **data) -> Grupp:
    return _spara(grupp, user=user, forbund=grupp.forbund, data=data)


def _kontrollera_gruppmedlem(forbund: Forbund):
    def kontroll(g: Gruppmedlem) -> None:
        _samma_forbund(forbund, grupp=g.grupp, person=g.person)

    return kontroll


@transaction.atomic
def gruppmedlem_create(*, user, forbund: Forbund, **data) -> Gruppmedlem:
    return _spara(
        Gruppmedlem(),
        user=user,
        forbund=forbund,
        data=data,
        kontroll=_kontrollera_gruppmedlem(forbund),
    )


@transaction.atomic
def gruppmedlem_update(*, user, gruppmedlem: Gruppmedlem, **data) -> Gruppmedlem:
    forbund = gruppmedlem.grupp.forbund
    return _spara(
        gruppmedlem,
        user=user,
        forbund=forbund,
        data=data,
        kontroll=_kontrollera_gruppmedlem(forbund),
    )


@transaction.atomic
def gruppmedlem_delete(*, user, gruppmedlem: Gruppmedlem) -> None:
    forbund = gruppmedlem.grupp.forbund
    logga(
        user=user,
        forbund=forbund,
        obj=gruppmedlem,
        handelse=Logghandelse.Handelse.BORTTAGEN,
        andringar={
            "person": [str(gruppmedlem.person), None],
            "grupp": [str(gruppmedlem.grupp), None],
        },
    )
    gruppmedlem.delete()


# --- Sammanträden, beslut, bilagor --------------------------------------------------------


def _sammantrade_data(forbund: Forbund, data: dict) -> tuple[dict, tuple[str, ...]]:
    if "narvarande" in data:
        data["narvarande"] = list(data["narvarande"])
        _samma_forbund(forbund, narvarande=data["narvarande"])
        return data, ("narvarande",)
    return data, ()


@transaction.atomic
def sammantrade_create(*, user, forbund: Forbund, **data) -> Sammantrade:
    data, m2m = _sammantrade_data(forbund, data)
    return _spara(Sammantrade(forbund=forbund), user=user, forbund=forbund, data=data, m2m=m2m)


@transaction.atomic
def sammantrade_update(*, user, sammantrade: Sammantrade, **data) -> Sammantrade:
    data, m2m = _sammantrade_data(sammantrade.forbund, data)
    return _spara(sammantrade, user=user, forbund=sammantrade.forbund, data=data, m2m=m2m)


def _kontrollera_beslut(forbund: Forbund):
    def kontroll(b: Beslut) -> None:
        if b.sammantrade_id is None or b.sammantrade.forbund_id != forbund.pk:
            raise ValidationError({"sammantrade": "Välj ett sammanträde i det här förbundet."})
        if b.typ == Beslut.Typ.FINANSIERING:
            if b.belopp is None:
                raise ValidationError({"belopp": "Ange beviljat belopp för finansieringen."})
            if b.from_ar is None:
                raise ValidationError({"from_ar": "Ange vilket år finansieringen gäller från."})
        if b.belopp is not None and b.belopp < 0:
            raise ValidationError({"belopp": "Beloppet kan inte vara negativt."})
        dubblett = Beslut.objects.filter(sammantrade=b.sammantrade, paragraf=b.paragraf).exclude(
            pk=b.pk
        )
        if dubblett.exists():
            raise ValidationError(
                {"paragraf": "Sammanträdet har redan ett beslut med den paragrafen."}
            )

    return kontroll


@transaction.atomic
def beslut_create(*, user, forbund: Forbund, **data) -> Beslut:
    return _spara(
        Beslut(), user=user, forbund=forbund, data=data, kontroll=_kontrollera_beslut(forbund)
    )


@transaction.atomic
def beslut_update(*, user, beslut: Beslut, **data) -> Beslut:
    forbund = beslut.sammantrade.forbund
    return _spara(
        beslut, user=user, forbund=forbund, data=data, kontroll=_kontrollera_beslut(forbund)
    )


@transaction.atomic
def bilaga_create(*, user, forbund: Forbund, sammantrade: Sammantrade, typ: str, fil) -> Bilaga:
    """A protokoll PDF (type and size checked), stored privately."""
    if sammantrade.forbund_id != forbund.pk:
        raise ValidationError({"sammantrade": "Välj ett sammanträde i det här förbundet."})
    _kontrollera_pdf(fil)
    obj = Bilaga(filnamn=fil.name[:255], storlek=fil.size)
    return _spara(
        obj, user=user, forbund=forbund, data={"sammantrade": sammantrade, "typ": typ, "fil": fil}
    )


# --- Ansvarsfrihet ------------------------------------------------------------------------


def _kontrollera_ansvarsfrihet(a: Ansvarsfrihet) -> None:
    _samma_forbund(a.forbund, medlem=a.medlem)
    if Ansvarsfrihet.objects.filter(medlem=a.medlem, ar=a.ar).exclude(pk=a.pk).exists():
        raise ValidationError({"ar": f"{a.medlem} har redan ett beslut för {a.ar}."})
    if a.beslut and a.beslutsdatum is None:
        raise ValidationError({"beslutsdatum": "Ange när medlemmen fattade beslutet."})
    if a.beslutsdatum is not None and a.beslutsdatum.year <= a.ar:
        raise ValidationError(
            {"beslutsdatum": "Ansvarsfrihet beslutas året efter räkenskapsåret."}
        )


@transaction.atomic
def ansvarsfrihet_create(*, user, forbund: Forbund, **data) -> Ansvarsfrihet:
    """One member's revisionsberättelse and decision for one year."""
    return _spara(
        Ansvarsfrihet(forbund=forbund),
        user=user,
        forbund=forbund,
        data=data,
        kontroll=_kontrollera_ansvarsfrihet,
    )


@transaction.atomic
def ansvarsfrihet_update(*, user, ansvarsfrihet: Ansvarsfrihet, **data) -> Ansvarsfrihet:
    return _spara(
        ansvarsfrihet,
        user=user,
        forbund=ansvarsfrihet.forbund,
        data=data,
        kontroll=_kontrollera_ansvarsfrihet,
    )
