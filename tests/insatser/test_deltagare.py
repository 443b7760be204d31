import datetime

import pytest
from django.core.exceptions import ValidationError

from forbund.models import Logghandelse
from insatser import services
from insatser.models import AnonymaDeltagare, Deltagande, Insats
from insatser.services.deltagare import RaderFel
from tests.insatser.conftest import deltagare

D = datetime.date


@pytest.mark.parametrize(
    "kod",
    [
        "850709-9805",
        "8507099805",
        "198507099805",
        "19850709-9805",
        "U-850709 9805",
        "121212+1212",
        "850769-9805",
    ],
)
def test_a_code_that_looks_like_a_personnummer_is_refused(kansli, insats, kod):
    with pytest.raises(ValidationError) as exc:
        deltagare(kansli, insats, kod, start=D(2019, 1, 2))
    assert "personnummer" in exc.value.message_dict["kod"][0]
    assert Deltagande.objects.count() == 0


@pytest.mark.parametrize("kod", ["UNG-2019-001", "851399-9805", "V12"])
def test_ordinary_codes_are_accepted(kansli, insats, kod):
    assert deltagare(kansli, insats, kod, start=D(2019, 1, 2)).kod == kod


def test_end_before_start_is_refused(kansli, insats, orsaker):
    with pytest.raises(ValidationError) as exc:
        deltagare(
            kansli, insats, "A", start=D(2019, 3, 1), slut=D(2019, 2, 1), orsak=orsaker["ARBETE"]
        )
    assert exc.value.message_dict["slut"] == ["Slutdatum kan inte vara före startdatum."]
    assert Deltagande.objects.get().slut is None  # created, but the closing was refused


def test_avslutsorsak_without_end_date_is_refused(kansli, insats, orsaker):
    with pytest.raises(ValidationError) as exc:
        services.deltagande_create(
            user=kansli,
            insats=insats,
            kod="A",
            kon="K",
            aldersgrupp="20-24",
            start=D(2019, 3, 1),
            samtycke_datum=D(2019, 3, 1),
            avslutsorsak=orsaker["ARBETE"],
        )
    assert "slut" in exc.value.message_dict
    assert Deltagande.objects.count() == 0


def test_participation_outside_the_processtid_is_refused(kansli, insats, orsaker):
    with pytest.raises(ValidationError) as exc:
        deltagare(kansli, insats, "A", start=D(2016, 12, 31))
    assert "före insatsens processtid" in exc.value.message_dict["start"][0]
    d = deltagare(kansli, insats, "B", start=D(2020, 6, 1))
    with pytest.raises(ValidationError) as exc:
        services.deltagande_avsluta(
            user=kansli, deltagande=d, slut=D(2021, 1, 1), avslutsorsak=orsaker["ARBETE"]
        )
    assert "efter insatsens slut" in exc.value.message_dict["slut"][0]


def test_structural_insatser_take_no_individual_participants(forbund, kansli):
    insats = services.insats_create(
        user=kansli, forbund=forbund, namn="Inspirationsdag", typ=Insats.Typ.STRUKTUR
    )
    with pytest.raises(ValidationError):
        deltagare(kansli, insats, "A", start=D(2019, 1, 2))


def test_birth_year_gives_the_age_band(kansli, insats):
    d = deltagare(kansli, insats, "A", start=D(2019, 5, 1), aldersgrupp="", fodelsear=1996)
    assert d.aldersgrupp == "20-24"


def test_withdrawn_consent_removes_the_record_and_keeps_an_anonymous_count(kansli, insats):
    d = deltagare(kansli, insats, "U-17", start=D(2019, 2, 1), kon="M")
    deltagare(kansli, insats, "U-18", start=D(2019, 3, 1), kon="M")
    services.deltagande_samtycke_atertaget(user=kansli, deltagande=d)
    second = Deltagande.objects.get(kod="U-18")
    services.deltagande_samtycke_atertaget(user=kansli, deltagande=second)
    assert Deltagande.objects.count() == 0
    anonym = AnonymaDeltagare.objects.get()
    assert (anonym.ar, anonym.kon, anonym.skal, anonym.antal) == (2019, "M", "atertaget", 2)
    assert Logghandelse.objects.filter(handelse="borttagen").count() == 2
    # Nothing in the (append-only) log still describes the removed participants.
    for h in Logghandelse.objects.filter(objekttyp="insatser.Deltagande"):
        assert "U-1" not in h.beskrivning
        assert all(varden == ["", "(ändrat)"] for varden in h.andringar.values())


def test_many_at_once_is_all_or_nothing(kansli, insats):
    rader = [
        {
            "kod": "N1",
            "kon": "K",
            "aldersgrupp": "20-24",
            "start": D(2019, 1, 2),
            "samtycke_datum": D(2019, 1, 2),
        },
        {
            "kod": "N2",
            "kon": "M",
            "aldersgrupp": "20-24",
            "start": D(2019, 1, 2),
            "samtycke_datum": D(2019, 1, 2),
            "slut": D(2018, 1, 1),
        },
        {
            "kod": "N1",
            "kon": "M",
            "aldersgrupp": "20-24",
            "start": D(2019, 1, 2),
            "samtycke_datum": D(2019, 1, 2),
        },
    ]
    with pytest.raises(RaderFel) as exc:
        services.deltaganden_create_many(user=kansli, insats=insats, rader=rader)
    assert sorted(exc.value.rader) == [2, 3]
    assert Deltagande.objects.count() == 0


def test_closing_many_is_all_or_nothing(kansli, insats, orsaker):
    a = deltagare(kansli, insats, "A", start=D(2019, 1, 2))
    b = deltagare(kansli, insats, "B", start=D(2019, 1, 2))
    with pytest.raises(RaderFel):
        services.deltaganden_avsluta_many(
            user=kansli,
            insats=insats,
            rader=[
                (a, {"slut": D(2019, 5, 1), "avslutsorsak": orsaker["ARBETE"]}),
                (b, {"slut": D(2018, 5, 1), "avslutsorsak": orsaker["ARBETE"]}),
            ],
        )
    assert Deltagande.objects.filter(slut__isnull=False).count() == 0


def test_a_new_birth_year_moves_the_age_band(kansli, insats):
    d = deltagare(kansli, insats, "A", start=D(2019, 5, 1), aldersgrupp="", fodelsear=1996)
    services.deltagande_update(user=kansli, deltagande=d, fodelsear=1980, aldersgrupp="20-24")
    d.refresh_from_db()
    assert d.aldersgrupp == "30-39"
