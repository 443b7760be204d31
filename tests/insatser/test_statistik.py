"""Seed 003 (Söderåsen delårsrapport 2019) reproduced from participations entered through
the services, plus small-cell suppression, goal fulfilment and cost per participant."""

import datetime
from decimal import Decimal

import pytest

from insatser import services
from insatser.models import Insats, Mal
from insatser.selectors import deltagarstatistik
from tests.insatser.conftest import bokfor, deltagare

D = datetime.date


def _ungsam(kansli, insats, orsaker):
    """20 participants 2019-01-01–08-31: 8 from 2018, 12 new; 13 avslutade: 6 studier,
    4 hållbar planering, 3 annan anledning. Plus one ended in 2018 and one starting after
    the period, which must not count."""
    deltagare(
        kansli,
        insats,
        "U-old",
        start=D(2018, 3, 1),
        slut=D(2018, 12, 20),
        orsak=orsaker["STUDIER"],
    )
    deltagare(kansli, insats, "U-late", start=D(2019, 9, 2))
    slut = (
        [("STUDIER", D(2019, 3, 1 + i)) for i in range(6)]
        + [("HALLBAR", D(2019, 5, 10 + i)) for i in range(4)]
        + [("ANNAN", D(2019, 8, 31 - i)) for i in range(3)]
    )
    for i in range(20):
        start = D(2018, 9, 1 + i) if i < 8 else D(2019, 1, 1 + i)
        kon = "K" if i % 2 else "M"
        if i < 13:
            kod, datum = slut[i]
            deltagare(
                kansli,
                insats,
                f"U{i:02}",
                start=start,
                slut=datum,
                orsak=orsaker[kod],
                kon=kon,
                remitterande=None,
            )
        else:
            deltagare(kansli, insats, f"U{i:02}", start=start, kon=kon)


@pytest.fixture
def ungsam(forbund, kansli, insats, orsaker):
    _ungsam(kansli, insats, orsaker)
    return insats


@pytest.fixture
def vuxsam(forbund, kansli, orsaker, medlemmar):
    insats = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Vuxsam",
        typ=Insats.Typ.INDIVID,
        start=D(2016, 1, 1),
        slut=D(2019, 9, 30),
        objektkod="VUXSAM",
    )
    slut = (
        [("ARBETE", D(2019, 2, 1 + i)) for i in range(5)]
        + [("ATER", D(2019, 4, 1 + i)) for i in range(6)]
        + [("ANNAN", D(2019, 6, 30))]
    )
    remitterande = [medlemmar["fk"], medlemmar["af"], medlemmar["kommun"]]
    for i in range(22):
        start = D(2018, 5, 1 + i) if i < 10 else D(2019, 1, 10 + i)
        if i < 12:
            kod, datum = slut[i]
            deltagare(
                kansli,
                insats,
                f"V{i:02}",
                start=start,
                slut=datum,
                orsak=orsaker[kod],
                kon="M" if i < 7 else "K",
                remitterande=remitterande[i % 3],
                aldersgrupp="40-49",
            )
        else:
            deltagare(
                kansli,
                insats,
                f"V{i:02}",
                start=start,
                kon="K",
                remitterande=remitterande[i % 3],
                aldersgrupp="50-59",
            )
    return insats


def test_ungsam_2019_reproduces_the_delarsrapport(forbund, ungsam):
    s = deltagarstatistik(forbund=forbund, insats=ungsam, fran=D(2019, 1, 1), till=D(2019, 8, 31))
    assert (s.totalt.antal, s.aktuella_vid_start.antal, s.nya.antal) == (20, 8, 12)
    assert (s.avslutade.antal, s.pagaende_vid_slut.antal) == (13, 7)
    assert [(r.etikett, r.tal.antal) for r in s.per_avslutsorsak] == [
        ("Studier", 6),
        ("Hållbar planering", 4),
        ("Annan anledning", 3),
    ]
    assert s.arbete_studier.antal == 6
    assert s.andel_arbete_studier.procent == Decimal("46.2")
    assert [(r.etikett, r.tal.antal) for r in s.per_kon] == [("Kvinna", 10), ("Man", 10)]


def test_vuxsam_first_half_2019_reproduces_the_delarsrapport(forbund, vuxsam):
    s = deltagarstatistik(forbund=forbund, insats=vuxsam, fran=D(2019, 1, 1), till=D(2019, 6, 30))
    assert (s.totalt.antal, s.aktuella_vid_start.antal, s.nya.antal) == (22, 10, 12)
    assert (s.avslutade.antal, s.pagaende_vid_slut.antal) == (12, 10)
    assert [(r.etikett, r.tal.antal) for r in s.per_avslutsorsak] == [
        ("Arbete", 5),
        ("Åter till remitterande part", 6),
        ("Annan anledning", 1),
    ]
    assert s.andel_arbete_studier.procent == Decimal("41.7")
    assert [(r.etikett, r.tal.antal) for r in s.per_aldersgrupp] == [
        ("40–49 år", 12),
        ("50–59 år", 10),
    ]
    assert [(r.etikett, r.tal.antal) for r in s.per_remitterande] == [
        ("Arbetsförmedlingen", 7),
        ("Försäkringskassan", 8),
        ("Testby kommun", 7),
    ]


def test_forbund_statistics_add_up_both_insatser(forbund, ungsam, vuxsam):
    s = deltagarstatistik(forbund=forbund, fran=D(2019, 1, 1), till=D(2019, 6, 30))
    # Ungsam until 30 June: 8 + 12 started by then, avslutade 6 studier + 4 hållbar.
    assert s.totalt.antal == 20 + 22
    assert s.avslutade.antal == 10 + 12
    assert s.arbete_studier.antal == 6 + 5


def test_small_cells_are_suppressed_for_publication_only(forbund, vuxsam):
    fran, till = D(2019, 1, 1), D(2019, 6, 30)
    intern = deltagarstatistik(forbund=forbund, insats=vuxsam, fran=fran, till=till)
    publ = deltagarstatistik(
        forbund=forbund, insats=vuxsam, fran=fran, till=till, publicering=True
    )
    assert [str(r.tal) for r in intern.per_avslutsorsak] == ["5", "6", "1"]
    # 12 avslutade − 5 − 6 would give the 1 away: a second cell is hidden (".."), and
    # since arbete (5) is the only arbete/studier reason, that total and share too.
    assert [str(r.tal) for r in publ.per_avslutsorsak] == ["..", "6", "<5"]
    assert str(publ.arbete_studier) == ".."
    assert str(publ.andel_arbete_studier) == "–"
    assert str(publ.totalt) == "22"


def test_a_share_with_a_suppressed_numerator_is_suppressed(forbund, kansli, insats, orsaker):
    for i in range(6):
        deltagare(
            kansli,
            insats,
            f"S{i}",
            start=D(2019, 1, 2),
            slut=D(2019, 2, 1),
            orsak=orsaker["ARBETE" if i < 2 else "REHAB"],
        )
    publ = deltagarstatistik(
        forbund=forbund,
        insats=insats,
        fran=D(2019, 1, 1),
        till=D(2019, 12, 31),
        publicering=True,
    )
    assert str(publ.arbete_studier) == "<5"
    assert str(publ.andel_arbete_studier) == "–"


def test_cost_per_suppressed_count_is_suppressed_for_publication(forbund, kansli, insats, orsaker):
    for i in range(6):
        deltagare(
            kansli,
            insats,
            f"S{i}",
            start=D(2019, 1, 2),
            slut=D(2019, 2, 1),
            orsak=orsaker["ARBETE" if i < 2 else "REHAB"],
        )
    objekt = insats.objekt
    bokfor(forbund, D(2019, 3, 31), [("4590", "K", 600000, objekt), ("1930", "T", -600000, None)])
    kwargs = {"forbund": forbund, "insats": insats, "fran": D(2019, 1, 1), "till": D(2019, 12, 31)}
    publ = deltagarstatistik(**kwargs, publicering=True)
    assert publ.kostnad_per_deltagare_ore == 100000  # 6 000 kr / 6: not suppressed
    assert publ.kostnad_per_arbete_studier_ore is None  # / 2 would reveal the 2
    intern = deltagarstatistik(**kwargs)
    assert intern.kostnad_per_arbete_studier_ore == 300000


def test_threshold_comes_from_settings(forbund, vuxsam, settings):
    settings.FINSAM_SMA_CELLER = 7
    publ = deltagarstatistik(
        forbund=forbund, insats=vuxsam, fran=D(2019, 1, 1), till=D(2019, 6, 30), publicering=True
    )
    assert [str(r.tal) for r in publ.per_avslutsorsak] == ["<7", "<7", "<7"]


def test_goal_fulfilment_is_computed_per_goal(forbund, kansli, vuxsam):
    services.mal_create(
        user=kansli,
        insats=vuxsam,
        beskrivning="Minst 30 % till arbete eller studier",
        matt=Mal.Matt.ANDEL_ARBETE_STUDIER,
        malvarde=Decimal("30"),
        fran=D(2019, 1, 1),
        till=D(2019, 6, 30),
    )
    services.mal_create(
        user=kansli,
        insats=vuxsam,
        beskrivning="Minst 25 deltagare första halvåret",
        matt=Mal.Matt.DELTAGARE,
        malvarde=Decimal("25"),
        fran=D(2019, 1, 1),
        till=D(2019, 6, 30),
    )
    s = deltagarstatistik(forbund=forbund, insats=vuxsam, fran=D(2019, 1, 1), till=D(2019, 6, 30))
    andel, antal = s.mal
    assert (andel.utfall, andel.uppfyllt, andel.utfall_text) == (
        Decimal("41.7"),
        True,
        "41,7\u00a0%",
    )
    assert (antal.utfall, antal.uppfyllt) == (Decimal(22), False)
    assert antal.malvarde_text == "minst 25"


def test_anonymous_participants_count_towards_a_participant_goal(forbund, kansli, vuxsam):
    services.mal_create(
        user=kansli,
        insats=vuxsam,
        beskrivning="Minst 25 deltagare 2019",
        matt=Mal.Matt.DELTAGARE,
        malvarde=Decimal("25"),
        fran=D(2019, 1, 1),
        till=D(2019, 6, 30),
    )
    services.anonyma_add(user=kansli, insats=vuxsam, ar=2019, kon="K", skal="skyddad", antal=3)
    (mal,) = deltagarstatistik(
        forbund=forbund, insats=vuxsam, fran=D(2019, 1, 1), till=D(2019, 6, 30)
    ).mal
    assert (mal.utfall, mal.uppfyllt) == (Decimal(25), True)


def test_cost_per_participant_comes_from_bokforda_cost_rows_of_the_insats(forbund, ungsam):
    objekt = ungsam.objekt
    # Seed 003 note 3: Ungsam 618 174 kr 2019-01-01–08-31, in two invoices.
    bokfor(
        forbund, D(2019, 3, 31), [("4590", "K", 40000000, objekt), ("1930", "T", -40000000, None)]
    )
    bokfor(
        forbund, D(2019, 8, 31), [("4590", "K", 21817400, objekt), ("1930", "T", -21817400, None)]
    )
    # Not counted: after the period, an income row with the object, another object's cost.
    bokfor(forbund, D(2019, 9, 1), [("4590", "K", 5000000, objekt), ("1930", "T", -5000000, None)])
    bokfor(forbund, D(2019, 4, 1), [("3590", "I", -100000, objekt), ("1930", "T", 100000, None)])
    bokfor(forbund, D(2019, 4, 1), [("4590", "K", 700000, None), ("1930", "T", -700000, None)])
    s = deltagarstatistik(forbund=forbund, insats=ungsam, fran=D(2019, 1, 1), till=D(2019, 8, 31))
    assert s.utfall_ore == 61817400
    assert s.kostnad_per_deltagare_ore == 3090870  # 618 174 / 20 = 30 908,70 kr
    assert s.kostnad_per_arbete_studier_ore == 10302900  # / 6 = 103 029,00 kr


def test_a_draft_verifikation_is_not_utfall(forbund, ungsam):
    from ekonomi.models import Konto, Rad, RadObjekt, Verifikation

    bokfor(forbund, D(2019, 3, 31), [("4590", "K", 100, ungsam.objekt), ("1930", "T", -100, None)])
    ver = Verifikation.objects.get()
    utkast = Verifikation.objects.create(
        rakenskapsar=ver.rakenskapsar, serie=ver.serie, datum=D(2019, 4, 1)
    )
    rad = Rad.objects.create(
        verifikation=utkast, konto=Konto.objects.get(nummer="4590"), belopp=999
    )
    RadObjekt.objects.create(rad=rad, objekt=ungsam.objekt)
    s = deltagarstatistik(forbund=forbund, insats=ungsam, fran=D(2019, 1, 1), till=D(2019, 8, 31))
    assert s.utfall_ore == 100


def test_a_felregistrering_is_left_out_of_the_statistics(forbund, kansli, insats, orsaker):
    deltagare(
        kansli, insats, "A", start=D(2019, 1, 2), slut=D(2019, 2, 1), orsak=orsaker["ARBETE"]
    )
    deltagare(kansli, insats, "B", start=D(2019, 1, 2), slut=D(2019, 1, 3), orsak=orsaker["FEL"])
    s = deltagarstatistik(forbund=forbund, insats=insats, fran=D(2019, 1, 1), till=D(2019, 12, 31))
    assert (s.totalt.antal, s.avslutade.antal, s.andel_arbete_studier.procent) == (
        1,
        1,
        Decimal("100.0"),
    )


def test_forbund_overview_has_a_row_per_insats_with_cost(forbund, kansli, ungsam, vuxsam):
    from insatser.selectors import insatser_oversikt

    bokfor(
        forbund,
        D(2019, 3, 31),
        [("4590", "K", 81059800, vuxsam.objekt), ("1930", "T", -81059800, None)],
    )
    rader = insatser_oversikt(forbund=forbund, fran=D(2019, 1, 1), till=D(2019, 6, 30))
    assert [(r.insats.namn, r.statistik.totalt.antal, r.utfall_ore) for r in rader] == [
        ("Ungsam", 20, 0),
        ("Vuxsam", 22, 81059800),
    ]
    assert rader[1].statistik.kostnad_per_deltagare_ore == 3684536  # 810 598 / 22


def test_a_goal_is_measured_only_up_to_the_reports_period_end(forbund, kansli, vuxsam):
    # Delårsrapport to 2019-04-30 for goals of the whole year 2019: nothing after 30 April
    # counts, a count already reached is met, a share or an unreached count waits for the
    # goal's end, and a goal starting after the period is not listed.
    for beskrivning, matt, malvarde, fran, till in [
        ("Minst 10 deltagare 2019", Mal.Matt.DELTAGARE, "10", D(2019, 1, 1), D(2019, 12, 31)),
        ("Minst 99 deltagare 2019", Mal.Matt.DELTAGARE, "99", D(2019, 1, 1), D(2019, 12, 31)),
        ("Minst 30 % 2019", Mal.Matt.ANDEL_ARBETE_STUDIER, "30", D(2019, 1, 1), D(2019, 12, 31)),
        ("Högst 1 avslutad", Mal.Matt.AVSLUTADE, "1", D(2019, 1, 1), D(2019, 12, 31)),
        ("Minst 5 deltagare 2020", Mal.Matt.DELTAGARE, "5", D(2020, 1, 1), D(2020, 12, 31)),
    ]:
        services.mal_create(
            user=kansli,
            insats=vuxsam,
            beskrivning=beskrivning,
            matt=matt,
            jamforelse=Mal.Jamforelse.HOGST if beskrivning.startswith("Högst") else "minst",
            malvarde=Decimal(malvarde),
            fran=fran,
            till=till,
        )
    # Registered for 2019 as a whole: unknown on 30 April, so left out of the outcome.
    services.anonyma_add(user=kansli, insats=vuxsam, ar=2019, kon="K", skal="skyddad", antal=50)
    kwargs = {"forbund": forbund, "insats": vuxsam, "fran": D(2019, 1, 1)}
    delar = deltagarstatistik(**kwargs, till=D(2019, 4, 30)).mal
    # The same counts as the period's own statistics (22 participants, 11 ended).
    hela = deltagarstatistik(**kwargs, till=D(2019, 12, 31)).mal
    assert [(m.mal.beskrivning, m.utfall, m.bedomning, m.matt_till) for m in delar] == [
        ("Minst 10 deltagare 2019", Decimal(22), "Uppfyllt", D(2019, 4, 30)),
        (
            "Minst 99 deltagare 2019",
            Decimal(22),
            "Kan inte bedömas (målperioden slutar 2019-12-31)",
            D(2019, 4, 30),
        ),
        (
            "Minst 30 % 2019",
            Decimal("45.5"),
            "Kan inte bedömas (målperioden slutar 2019-12-31)",
            D(2019, 4, 30),
        ),
        ("Högst 1 avslutad", Decimal(11), "Ej uppfyllt", D(2019, 4, 30)),
    ]
    assert [(m.mal.beskrivning, m.utfall, m.bedomning) for m in hela] == [
        ("Minst 10 deltagare 2019", Decimal(72), "Uppfyllt"),
        ("Minst 99 deltagare 2019", Decimal(72), "Delvis uppfyllt"),
        ("Minst 30 % 2019", Decimal("41.7"), "Uppfyllt"),
        ("Högst 1 avslutad", Decimal(12), "Ej uppfyllt"),
    ]
