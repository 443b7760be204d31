"""Statistics that add up: a participant left open after the insats ended is counted
the same way in the förbund total and the per-insats table (as ended with the insats)
and flagged on the start page; the individinriktade total costs only those insatser."""

import datetime

from django.urls import reverse

from insatser import services
from insatser.models import Insats
from insatser.selectors import deltagarstatistik, insatser_oversikt
from insatser.selectors.kontroller import oppna_efter_slut
from tests.insatser.conftest import bokfor, deltagare

D = datetime.date


def _oppna(kansli, insats, orsaker):
    """Ungsam (2017–2020): two closed in 2019, three never closed."""
    for i in range(2):
        deltagare(
            kansli,
            insats,
            f"A{i}",
            start=D(2019, 2, 1),
            slut=D(2019, 6, 1),
            orsak=orsaker["ARBETE"],
        )
    for i in range(3):
        deltagare(kansli, insats, f"O{i}", start=D(2020, 3, 1))


def test_open_participants_of_an_ended_insats_are_not_ongoing_later(
    forbund, kansli, insats, orsaker
):
    _oppna(kansli, insats, orsaker)
    s = deltagarstatistik(forbund=forbund, fran=D(2026, 1, 1), till=D(2026, 11, 30))
    assert (s.totalt.antal, s.pagaende_vid_slut.antal) == (0, 0)
    assert insatser_oversikt(forbund=forbund, fran=D(2026, 1, 1), till=D(2026, 11, 30)) == []


def test_in_the_insats_last_year_they_count_but_are_not_ongoing_at_year_end(
    forbund, kansli, insats, orsaker
):
    _oppna(kansli, insats, orsaker)
    total = deltagarstatistik(forbund=forbund, fran=D(2020, 1, 1), till=D(2020, 12, 31))
    (rad,) = insatser_oversikt(forbund=forbund, fran=D(2020, 1, 1), till=D(2020, 12, 31))
    assert (total.totalt.antal, total.pagaende_vid_slut.antal) == (3, 0)
    assert (rad.statistik.totalt.antal, rad.statistik.pagaende_vid_slut.antal) == (3, 0)
    # Before the insats ended they are ongoing as usual.
    mitt = deltagarstatistik(forbund=forbund, fran=D(2020, 1, 1), till=D(2020, 6, 30))
    assert mitt.pagaende_vid_slut.antal == 3


def test_the_start_page_flags_participants_open_after_the_insats_ended(
    client_as, forbundschef, forbund, kansli, insats, orsaker
):
    _oppna(kansli, insats, orsaker)
    assert oppna_efter_slut(forbund=forbund, today=D(2020, 12, 31)) == []
    assert oppna_efter_slut(forbund=forbund, today=D(2021, 1, 1)) == [(insats, 3)]
    html = client_as(forbundschef).get(reverse("forbund:start", kwargs={"orgnr": forbund.orgnr}))
    html = html.content.decode()
    assert "Öppna deltagare i avslutad insats Ungsam" in html
    assert "3 deltagare är inte avslutade fast insatsen slutade 2020-12-31." in html


def test_closing_them_clears_the_warning(forbund, kansli, insats, orsaker):
    _oppna(kansli, insats, orsaker)
    for d in insats.deltaganden.filter(slut__isnull=True):
        services.deltagande_avsluta(
            user=kansli, deltagande=d, slut=D(2020, 12, 31), avslutsorsak=orsaker["REHAB"]
        )
    assert oppna_efter_slut(forbund=forbund, today=D(2026, 11, 30)) == []


def test_individinriktade_total_costs_only_those_insatser(forbund, kansli, insats, orsaker):
    _oppna(kansli, insats, orsaker)
    struktur = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Kompetens i samverkan",
        typ=Insats.Typ.STRUKTUR,
        start=D(2019, 1, 1),
        slut=D(2019, 12, 31),
        objektkod="KOMP",
    )
    bokfor(
        forbund,
        D(2019, 3, 31),
        [
            ("4590", "K", 1_000_000, insats.objekt),
            ("4590", "K", 500_000, struktur.objekt),
            ("1930", "T", -1_500_000, None),
        ],
    )
    s = deltagarstatistik(forbund=forbund, fran=D(2019, 1, 1), till=D(2019, 12, 31))
    assert s.totalt.antal == 2
    assert s.utfall_ore == 1_000_000
    assert s.kostnad_per_deltagare_ore == 500_000  # 10 000 kr / 2, not 15 000 kr / 2


def test_demo_lists_each_2014_grant_once_and_no_insats_is_ongoing_after_its_end(db):
    from io import StringIO

    from django.core.management import call_command

    from forbund.demo import DEMO_ORGNR
    from forbund.models import Beslut, Forbund

    call_command("load_demo", stdout=StringIO())
    forbund = Forbund.objects.get(orgnr=DEMO_ORGNR)
    beslut = Beslut.objects.filter(
        sammantrade__forbund=forbund, typ=Beslut.Typ.FINANSIERING, from_ar=2014
    )
    assert beslut.count() == len({(b.belopp, b.rubrik.split()[-1]) for b in beslut}) == 9
    for insats in forbund.insatser.exclude(slut=None):
        status = insats.aktuell_status
        if status is not None and insats.slut < datetime.date(2014, 1, 1):
            assert status.status != "pagaende", insats.namn
    assert oppna_efter_slut(forbund=forbund, today=datetime.date(2014, 1, 1)) == []
