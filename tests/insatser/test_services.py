import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ekonomi.models import Dimension, Objekt
from forbund.models import Beslut, Logghandelse, Sammantrade
from insatser import services
from insatser.models import Insats, InsatsStatus

D = datetime.date


def test_insats_create_creates_its_object_in_dimension_6(forbund, kansli):
    insats = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="GPS – Navigera rätt",
        typ=Insats.Typ.INDIVID,
        objektkod="gps",
    )
    dim = Dimension.objects.get(forbund=forbund, nummer=6)
    assert dim.namn == "Projekt"
    assert (insats.objekt.dimension, insats.objekt.kod) == (dim, "GPS")


def test_insats_create_suggests_a_code_from_the_name(forbund, kansli):
    insats = services.insats_create(
        user=kansli, forbund=forbund, namn="Kultur på recept 2.0", typ=Insats.Typ.INDIVID
    )
    assert insats.objekt.kod == "KULTURPARE"


def test_insats_create_links_an_object_the_ledger_made_first(forbund, kansli):
    dim = Dimension.objects.create(forbund=forbund, nummer=6, namn="Projekt")
    objekt = Objekt.objects.create(dimension=dim, kod="HIT", namn="HIT-processen")
    insats = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="HIT-processen",
        typ=Insats.Typ.KOMPETENS,
        objektkod="HIT",
    )
    assert insats.objekt == objekt
    assert Objekt.objects.count() == 1


def test_an_object_belongs_to_one_insats_only(forbund, kansli):
    services.insats_create(user=kansli, forbund=forbund, namn="A", typ="individ", objektkod="X")
    with pytest.raises(ValidationError) as exc:
        services.insats_create(
            user=kansli, forbund=forbund, namn="B", typ="individ", objektkod="X"
        )
    assert "objektkod" in exc.value.message_dict
    assert Insats.objects.count() == 1


def test_insats_with_end_before_start_is_refused(forbund, kansli):
    with pytest.raises(ValidationError):
        services.insats_create(
            user=kansli,
            forbund=forbund,
            namn="Fel",
            typ="individ",
            start=D(2014, 1, 1),
            slut=D(2013, 1, 1),
        )
    assert Insats.objects.count() == 0


def test_insats_create_and_update_are_logged(forbund, kansli):
    insats = services.insats_create(user=kansli, forbund=forbund, namn="OK", typ="individ")
    services.insats_update(user=kansli, insats=insats, namn="OK-processen")
    handelser = Logghandelse.objects.filter(objekttyp="insatser.Insats", objekt_id=str(insats.pk))
    assert [h.handelse for h in handelser.order_by("id")] == ["skapad", "andrad"]
    assert handelser.order_by("id").last().andringar == {"namn": ["OK", "OK-processen"]}


def test_status_history_keeps_every_change_and_the_latest_is_current(forbund, kansli):
    insats = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Maria Nordväst",
        typ="individ",
        status=InsatsStatus.Status.BEVILJAD,
        status_datum=D(2011, 12, 1),
    )
    services.insats_status_set(user=kansli, insats=insats, status="pagaende", datum=D(2012, 1, 2))
    services.insats_status_set(
        user=kansli, insats=insats, status="implementerad", datum=D(2013, 11, 1)
    )
    insats.refresh_from_db()
    assert [s.status for s in insats.statusar.all()] == ["beviljad", "pagaende", "implementerad"]
    assert insats.aktuell_status.status == "implementerad"


def _beslut(forbund, paragraf="§ 12"):
    mote = Sammantrade.objects.create(forbund=forbund, datum=D(2013, 12, 4))
    return Beslut.objects.create(
        sammantrade=mote, paragraf=paragraf, rubrik="Medel 2014", typ=Beslut.Typ.FINANSIERING
    )


def test_beviljade_medel_are_tied_to_a_decision_of_the_same_forbund(
    forbund, annat_forbund, kansli
):
    insats = services.insats_create(user=kansli, forbund=forbund, namn="IPS", typ="individ")
    medel = services.medel_create(
        user=kansli, insats=insats, ar=2014, belopp=242600000, beslut=_beslut(forbund)
    )
    assert (medel.ar, medel.belopp) == (2014, 242600000)
    with pytest.raises(ValidationError):
        services.medel_create(
            user=kansli, insats=insats, ar=2015, belopp=1, beslut=_beslut(annat_forbund)
        )


def test_a_year_is_granted_once(forbund, kansli):
    insats = services.insats_create(user=kansli, forbund=forbund, namn="IPS", typ="individ")
    beslut = _beslut(forbund)
    services.medel_create(user=kansli, insats=insats, ar=2014, belopp=100, beslut=beslut)
    with pytest.raises(ValidationError):
        services.medel_create(user=kansli, insats=insats, ar=2014, belopp=200, beslut=beslut)


def test_structural_goal_counts_activity_participants(forbund, kansli):
    from insatser.models import Mal
    from insatser.selectors import maluppfyllelse

    insats = services.insats_create(
        user=kansli, forbund=forbund, namn="Kompetens i samverkan", typ=Insats.Typ.STRUKTUR
    )
    services.strukturaktivitet_create(
        user=kansli,
        insats=insats,
        datum=D(2013, 11, 14),
        namn="Inspirationsdag",
        kategori="chefer",
        antal=105,
    )
    services.mal_create(
        user=kansli,
        insats=insats,
        beskrivning="Minst 100 chefer på inspirationsdag",
        matt=Mal.Matt.STRUKTUR,
        malvarde=Decimal(100),
        fran=D(2013, 1, 1),
        till=D(2013, 12, 31),
    )
    (m,) = maluppfyllelse(insats=insats)
    assert (m.utfall, m.uppfyllt, m.utfall_text) == (Decimal(105), True, "105")


def test_a_forbund_adds_its_own_avslutsorsak_but_not_a_shared_code(forbund, kansli):
    from insatser.models import Avslutsorsak

    egen = services.avslutsorsak_create(
        user=kansli, forbund=forbund, kod="hallbar", namn="Hållbar planering"
    )
    assert (egen.kod, egen.arbete_studier) == ("HALLBAR", False)
    with pytest.raises(ValidationError):
        services.avslutsorsak_create(user=kansli, forbund=forbund, kod="ARBETE", namn="Jobb")
    assert Avslutsorsak.objects.filter(forbund=forbund).count() == 1
    services.avslutsorsak_update(user=kansli, orsak=egen, arbete_studier=True)
    egen.refresh_from_db()
    assert egen.arbete_studier is True


def test_styrgrupp_holds_the_forbunds_people_only(forbund, annat_forbund, kansli):
    from forbund.models import Person

    egen = Person.objects.create(forbund=forbund, namn="Ulrika Arvidsson")
    frammande = Person.objects.create(forbund=annat_forbund, namn="Någon Annan")
    insats = services.insats_create(
        user=kansli, forbund=forbund, namn="GPS", typ="individ", styrgrupp=[egen]
    )
    assert list(insats.styrgrupp.all()) == [egen]
    with pytest.raises(ValidationError):
        services.insats_update(user=kansli, insats=insats, styrgrupp=[egen, frammande])
    assert list(insats.styrgrupp.all()) == [egen]
