"""Mail to the förbund's people: the daily deadline reminders (idempotent) and the notice
that a report is fastställd."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from forbund.models import Beslut, Paminnelse, Roll, Sammantrade
from tests.conftest import make_user

D = datetime.date


@pytest.fixture
def chef(forbund):
    user = make_user("chefen", forbund, Roll.FORBUNDSCHEF)
    user.email = "chef@testbygden.se"
    user.save()
    return user


def _kor(today: str) -> str:
    out = StringIO()
    call_command("skicka_paminnelser", "--today", today, stdout=out)
    return out.getvalue()


def test_reminders_go_to_the_forbundschef_once_per_step(forbund, chef, kansli, mailoutbox):
    forbund.delarsrapport_kravs = False
    forbund.save()
    # 31 October: the budget (30 November) is 30 days away; last year's årsredovisning
    # (31 March) is overdue.
    out = _kor("2026-10-31")
    assert "Skickade 2 påminnelse(r) till 1 förbund." in out
    (mail,) = mailoutbox
    assert mail.to == ["chef@testbygden.se"]
    assert mail.subject == "Tidsfrister i Finsam – Samordningsförbundet Testbygden"
    assert "Budget 2027 fastställd: senast 2026-11-30 – 30 dagar kvar" in mail.body
    assert "Årsredovisning 2025 upprättad: senast 2026-03-31 – FÖRSENAD" in mail.body
    assert "http://127.0.0.1:8000/f/222000-1008/" in mail.body


def test_running_twice_or_the_next_day_sends_nothing_new(forbund, chef, mailoutbox):
    forbund.delarsrapport_kravs = False
    forbund.save()
    _kor("2026-10-31")
    _kor("2026-10-31")
    assert "Skickade 0 påminnelse(r) till 0 förbund." in _kor("2026-11-01")
    assert len(mailoutbox) == 1
    # A week before the deadline: the next step, for the budget only.
    _kor("2026-11-23")
    assert len(mailoutbox) == 2
    assert "Budget 2027 fastställd: senast 2026-11-30 – 7 dagar kvar" in mailoutbox[1].body
    assert "Årsredovisning" not in mailoutbox[1].body
    steg = sorted(
        Paminnelse.objects.filter(rubrik="Budget 2027 fastställd").values_list("steg", flat=True)
    )
    assert steg == ["30", "7"]


def test_a_decided_deadline_is_not_reminded(forbund, chef, mailoutbox):
    forbund.delarsrapport_kravs = False
    forbund.save()
    mote = Sammantrade.objects.create(forbund=forbund, datum=D(2026, 3, 20))
    Beslut.objects.create(
        sammantrade=mote, paragraf="3", rubrik="Årsredovisning", typ="arsredovisning", from_ar=2025
    )
    Beslut.objects.create(
        sammantrade=mote, paragraf="4", rubrik="Budget", typ="budget", from_ar=2027
    )
    assert "Skickade 0 påminnelse(r)" in _kor("2026-10-31")
    assert mailoutbox == []


def test_a_forbund_without_a_forbundschef_address_is_skipped_and_tried_again(
    forbund, chef, mailoutbox
):
    chef.email = ""
    chef.save()
    _kor("2026-10-31")
    assert mailoutbox == []
    assert Paminnelse.objects.count() == 0
    chef.email = "chef@testbygden.se"
    chef.save()
    _kor("2026-10-31")
    assert len(mailoutbox) == 1


def test_a_deadline_that_passes_gets_one_overdue_reminder(forbund, chef, mailoutbox):
    # The delårsrapport (January–August) is due 31 October.
    _kor("2026-10-30")
    assert "Delårsrapport 2026 (till och med 2026-08-31): senast 2026-10-31 – 1 dag kvar" in (
        mailoutbox[0].body
    )
    _kor("2026-11-01")
    assert "Delårsrapport 2026 (till och med 2026-08-31): senast 2026-10-31 – FÖRSENAD" in (
        mailoutbox[1].body
    )
    _kor("2026-11-02")
    assert len(mailoutbox) == 2


def test_a_refusing_mail_server_records_nothing(forbund, chef, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.forbund.test_anvandare.TrasigPost"
    with pytest.raises(ConnectionRefusedError):
        _kor("2026-10-31")
    assert Paminnelse.objects.count() == 0


def test_a_bad_date_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Ogiltigt datum"):
        _kor("2026-13-01")


def test_an_approved_report_is_announced_to_the_forbunds_users(
    forbund, forbundschef, styrelse, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    from ekonomi.models import Period
    from rapporter.models import Rapport
    from tests.rapporter.register import registrera_uppgifter
    from tests.rapporter.seeds import helsingborg

    bok = helsingborg(forbund)
    ar = bok.rakenskapsar(2013)
    for m in range(1, 13):
        slut = D(2013, m + 1, 1) - datetime.timedelta(days=1) if m < 12 else D(2013, 12, 31)
        Period.objects.create(rakenskapsar=ar, start=D(2013, m, 1), slut=slut)
    registrera_uppgifter(forbund, 2013)  # what the report needs besides the books
    forbundschef.email = "chef@testbygden.se"
    forbundschef.save()
    styrelse.email = "ordforande@testbygden.se"
    styrelse.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(forbundschef).post(
            f"/f/{forbund.orgnr}/rapporter/faststall/", {"typ": "arsredovisning", "ar": 2013}
        )
    assert response.status_code == 302
    rapport = Rapport.objects.get(forbund=forbund)
    (mail,) = mailoutbox
    assert mail.to == ["ordforande@testbygden.se"]  # not the one who approved
    assert mail.subject == "Årsredovisning 2013 är fastställd – Samordningsförbundet Testbygden"
    assert rapport.sha256 in mail.body
    assert f"/f/{forbund.orgnr}/rapporter/faststalld/{rapport.pk}/pdf/" in mail.body
