"""Receivers of the ledger's signals (connected in InsatserConfig.ready)."""

from forbund.audit import logga
from forbund.models import Logghandelse
from insatser.models import Insats, Objektroll, ar_administrationsnamn

INSATS_TYP = Insats.Typ.INDIVID  # a placeholder for insatser created from SIE objects


def insats_for_projektobjekt(sender, *, objekt, forbund, user=None, **kwargs) -> str | None:
    """A new projekt object from an SIE file is an insats: linked to the förbund's insats of
    that name when it has one without an object (returns ``"insatser_kopplade"``), else a
    new insats, audited (``"insatser_nya"``). An object named for administration/kansli is
    no insats: it gets that role and no insats in the register (returns None), so the
    reports do not sum it under "Summa insatser"."""
    if ar_administrationsnamn(objekt.namn):
        Objektroll.objects.create(objekt=objekt, roll=Objektroll.Roll.ADMINISTRATION)
        return None
    insats = Insats.objects.filter(forbund=forbund, namn=objekt.namn, objekt=None).first()
    if insats is not None:
        insats.objekt = objekt
        insats.save(update_fields=["objekt"])
        return "insatser_kopplade"
    insats = Insats(forbund=forbund, namn=objekt.namn, typ=INSATS_TYP, objekt=objekt)
    insats.full_clean()
    insats.save()
    logga(
        user=user,
        forbund=forbund,
        obj=insats,
        handelse=Logghandelse.Handelse.SKAPAD,
        beskrivning=f"{insats} (SIE-import)",
    )
    return "insatser_nya"
