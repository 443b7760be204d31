"""Fixtures for insatser: an individinriktad insats, avslutsorsaker as in seed 003, and a
small ledger builder (bokförda verifikationer carrying an insats's object)."""

import datetime

import pytest
from django.db.models import Q

from ekonomi.models import Konto, Rad, RadObjekt, Rakenskapsar, Serie, Verifikation
from insatser import services
from insatser.models import Avslutsorsak, Insats

D = datetime.date


@pytest.fixture
def medlemmar(forbund):
    return {m.typ: m for m in forbund.medlemmar.all()}


@pytest.fixture
def orsaker(forbund):
    """The shared codes from the data migration plus the förbund's own (seed 003)."""
    egna = [
        ("HALLBAR", "Hållbar planering", False, 110),
        ("ATER", "Åter till remitterande part", False, 120),
        ("ANNAN", "Annan anledning", False, 190),
    ]
    for kod, namn, as_, ordning in egna:
        Avslutsorsak.objects.create(
            forbund=forbund, kod=kod, namn=namn, arbete_studier=as_, ordning=ordning
        )
    return {
        o.kod: o for o in Avslutsorsak.objects.filter(Q(forbund__isnull=True) | Q(forbund=forbund))
    }


@pytest.fixture
def insats(forbund, kansli, medlemmar):
    return services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Ungsam",
        typ=Insats.Typ.INDIVID,
        finansieringsform=Insats.Finansiering.HEL,
        processagare=medlemmar["kommun"],
        start=D(2017, 1, 1),
        slut=D(2020, 12, 31),
        objektkod="UNGSAM",
    )


def deltagare(user, insats, kod, *, start, slut=None, orsak=None, kon="K", **extra):
    falt = {
        "kod": kod,
        "kon": kon,
        "aldersgrupp": "20-24",
        "start": start,
        "samtycke_datum": start,
    } | extra
    d = services.deltagande_create(user=user, insats=insats, **falt)
    if slut is not None:
        services.deltagande_avsluta(user=user, deltagande=d, slut=slut, avslutsorsak=orsak)
    return d


def bokfor(forbund, datum, rader, *, text="Faktura"):
    """One bokförd verifikation; rader = [(kontonummer, typ, belopp_ore, objekt|None)]."""
    ar, _ = Rakenskapsar.objects.get_or_create(
        forbund=forbund,
        start=D(datum.year, 1, 1),
        defaults={"slut": D(datum.year, 12, 31)},
    )
    serie, _ = Serie.objects.get_or_create(rakenskapsar=ar, kod="A")
    ver = Verifikation.objects.create(rakenskapsar=ar, serie=serie, datum=datum, text=text)
    for nummer, typ, belopp, objekt in rader:
        konto, _ = Konto.objects.get_or_create(
            forbund=forbund, nummer=nummer, defaults={"namn": f"Konto {nummer}", "typ": typ}
        )
        rad = Rad.objects.create(verifikation=ver, konto=konto, belopp=belopp)
        if objekt is not None:
            RadObjekt.objects.create(rad=rad, objekt=objekt)
    serie.senaste_nummer += 1
    serie.save()
    Verifikation.objects.filter(pk=ver.pk).update(status="B", nummer=serie.senaste_nummer)
    return ver
