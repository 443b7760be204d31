import datetime

from ekonomi.models import Objekt
from forbund.demo import DEMO_ORGNR
from forbund.models import Forbund
from insatser import demo
from insatser.models import Deltagande, Insats
from insatser.selectors import deltagarstatistik, maluppfyllelse


def _forbund():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    return Forbund.objects.get(orgnr=DEMO_ORGNR)


def test_demo_has_the_helsingborg_processes_linked_to_their_ledger_objects(db):
    forbund = _forbund()
    koder = dict(Insats.objects.filter(forbund=forbund).values_list("objekt__kod", "namn"))
    for kod in ("SAMG", "GPS", "PLANT", "MARIA", "HIT", "KULTUR"):
        assert kod in koder
    assert Objekt.objects.get(kod="GPS", dimension__forbund=forbund).dimension.nummer == 6
    assert Insats.objects.get(forbund=forbund, namn="IPS").aktuell_status.status == "beviljad"
    assert Insats.objects.get(forbund=forbund, namn="IPS").medel.get().belopp == 242600000


def test_demo_is_idempotent_and_has_participants_with_outcomes(db):
    forbund = _forbund()
    antal = Deltagande.objects.filter(insats__forbund=forbund).count()
    demo.load(forbund=forbund)
    assert Deltagande.objects.filter(insats__forbund=forbund).count() == antal == 136
    s = deltagarstatistik(
        forbund=forbund, fran=datetime.date(2013, 1, 1), till=datetime.date(2013, 12, 31)
    )
    assert s.avslutade.antal > 0 and s.arbete_studier.antal > 0
    # Cost per participant (insatser.selectors.statistik): the individinriktade processes'
    # costs of published Not 3 (12 295 553 kr less HIT-processen's 1 468 416 kr) over the
    # 117 registered participations of 2013; the 10 anonymous ones are not in the divisor.
    assert (s.totalt.antal, s.anonyma.antal, s.utfall_ore) == (117, 10, 1_082_713_700)
    assert s.kostnad_per_deltagare_ore == 9_253_963  # 10 827 137 / 117 = 92 539,63 kr


def test_demo_inspirationsdag_meets_its_goal(db):
    forbund = _forbund()
    komp = Insats.objects.get(forbund=forbund, namn="Kompetens i samverkan")
    (mal,) = maluppfyllelse(insats=komp)
    assert (mal.utfall, mal.uppfyllt) == (105, True)
