"""The systemadministratör's own pages: create a förbund, invite its first förbundschef,
every förbund's status in a fixed number of queries, reset a second factor."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from finsam.system.selectors import forbundsstatus
from forbund import services
from forbund.models import Beslut, Forbund, Logghandelse, Roll, Sammantrade
from tests.conftest import make_user


@pytest.fixture
def sysadmin(db):
    return get_user_model().objects.create_superuser("sysadmin", password="x" * 20)


def test_sysadmin_creates_a_forbund_and_invites_its_forbundschef(client, sysadmin, mailoutbox):
    client.force_login(sysadmin)
    response = client.post(
        reverse("system:forbund-create"),
        {
            "namn": "Samordningsförbundet Nyby",
            "orgnr": "2220001040",
            "sate": "Nyby",
            "delarsrapport_kravs": "on",
            "delarsrapport_manad": "8",
            "chef_epost": "chef@nyby.se",
        },
    )
    assert response.status_code == 302
    forbund = Forbund.objects.get(orgnr="222000-1040")
    assert response["Location"] == reverse(
        "system:forbund-detail", kwargs={"orgnr": "222000-1040"}
    )
    assert forbund.konton.count() == 44
    inbjudan = forbund.inbjudningar.get()
    assert (inbjudan.epost, inbjudan.roll) == ("chef@nyby.se", Roll.FORBUNDSCHEF)
    assert [m.to for m in mailoutbox] == [["chef@nyby.se"]]
    assert Logghandelse.objects.filter(forbund=forbund, objekttyp="forbund.Forbund").exists()


def test_a_bad_or_taken_orgnr_is_a_field_error_and_nothing_is_created(
    client, sysadmin, forbund, mailoutbox
):
    client.force_login(sysadmin)
    for orgnr in ("556000-0000", forbund.orgnr):
        response = client.post(
            reverse("system:forbund-create"),
            {"namn": "X", "orgnr": orgnr, "delarsrapport_manad": "8", "chef_epost": "c@x.se"},
        )
        assert response.status_code == 200
        assert "orgnr" in response.context["form"].errors
    assert Forbund.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize("roll", Roll.values)
def test_no_role_of_a_forbund_reaches_the_system_pages(client, forbund, roll):
    client.force_login(make_user(f"u_{roll}", forbund, roll))
    assert client.get(reverse("system:index")).status_code == 403
    response = client.post(reverse("system:forbund-create"), {"namn": "X", "orgnr": "222000-1040"})
    assert response.status_code == 403
    assert Forbund.objects.count() == 1


def test_the_header_links_the_system_pages_for_the_sysadmin_only(client, sysadmin, kansli):
    client.force_login(sysadmin)
    assert reverse("system:index") in client.get(reverse("sessioner")).content.decode()
    client.force_login(kansli)
    assert reverse("system:index") not in client.get(reverse("sessioner")).content.decode()


def _forbund(fran: int, n: int) -> None:
    for i in range(fran, fran + n):
        f = Forbund.objects.create(namn=f"Förbund {i}", orgnr=f"222000-{2000 + i:04d}")
        make_user(f"chef{i}_{n}", f, Roll.FORBUNDSCHEF)
        mote = Sammantrade.objects.create(forbund=f, datum=datetime.date(2026, 3, 1))
        Beslut.objects.create(
            sammantrade=mote, paragraf="1", rubrik="Årsredovisning", typ="arsredovisning"
        )


def _antal_fragor() -> int:
    with CaptureQueriesContext(connection) as ctx:
        forbundsstatus(today=datetime.date(2026, 11, 30))
    return len(ctx.captured_queries)


def test_the_status_page_makes_the_same_number_of_queries_for_2_and_12_forbund(db):
    _forbund(0, 2)
    fa = _antal_fragor()
    _forbund(2, 10)
    assert _antal_fragor() == fa == 2


def test_the_status_shows_users_imports_reports_and_deadlines(forbund, forbundschef):
    from ekonomi.models import SieImport

    SieImport.objects.create(forbund=forbund, filnamn="gammal.se", sha256="a", status="klar")
    SieImport.objects.create(forbund=forbund, filnamn="prov.se", sha256="b", status="torr")
    services.inbjudan_create(
        user=None, forbund=forbund, epost="k@example.se", roll="kansli", bas_url="http://t"
    )
    mote = Sammantrade.objects.create(forbund=forbund, datum=datetime.date(2026, 3, 20))
    Beslut.objects.create(
        sammantrade=mote,
        paragraf="4",
        rubrik="Årsredovisning 2025",
        typ="arsredovisning",
        from_ar=2025,
    )
    (rad,) = forbundsstatus(today=datetime.date(2026, 11, 30))
    assert (rad.anvandare, rad.forbundschefer, rad.vantande_inbjudningar) == (1, 1, 1)
    assert rad.senaste_importfil == "gammal.se"
    assert rad.faststallda == 0
    assert [(t.rubrik, t.frist.isoformat(), t.status) for t in rad.frister] == [
        ("Årsredovisning 2025 upprättad", "2026-03-31", "klar"),
        ("Delårsrapport 2026", "2026-10-31", "forsenad"),
        ("Budget 2027 fastställd", "2026-11-30", "kommande"),
    ]


def test_the_deadlines_agree_with_the_start_page(forbund):
    from forbund.selectors import tidsfrister

    idag = datetime.date(2026, 11, 30)
    (rad,) = forbundsstatus(today=idag)
    start = {t.frist: t.status for t in tidsfrister(forbund=forbund, today=idag)}
    assert {t.frist: t.status for t in rad.frister} == start


def test_sysadmin_resets_a_second_factor(client, sysadmin, forbundschef):
    TOTPDevice.objects.create(user=forbundschef, name="Telefon", confirmed=True)
    client.force_login(sysadmin)
    response = client.post(
        reverse("system:tvafaktor-aterstall", kwargs={"anvandare": forbundschef.pk})
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=forbundschef).exists()
    assert Logghandelse.objects.filter(
        objekttyp="auth.User", objekt_id=str(forbundschef.pk), user=sysadmin
    ).exists()


def test_a_forbundschef_cannot_reset_anyones_second_factor(client, forbundschef, kansli):
    TOTPDevice.objects.create(user=kansli, name="Telefon", confirmed=True)
    client.force_login(forbundschef)
    response = client.post(reverse("system:tvafaktor-aterstall", kwargs={"anvandare": kansli.pk}))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=kansli).exists()


def test_sysadmin_sets_a_start_password_that_must_be_changed(client, sysadmin, kansli):
    client.force_login(sysadmin)
    response = client.post(
        reverse("system:startlosenord", kwargs={"anvandare": kansli.pk}),
        {"password": "start-losenord-2026"},
    )
    assert response.status_code == 302
    kansli.refresh_from_db()
    assert kansli.check_password("start-losenord-2026")
    assert services.maste_byta_losenord(kansli)


def test_sysadmin_links_an_existing_account(client, sysadmin, forbund, outsider):
    client.force_login(sysadmin)
    response = client.post(
        reverse("system:behorighet-create", kwargs={"orgnr": forbund.orgnr}),
        {"username": "outsider", "roll": "revisor"},
    )
    assert response.status_code == 302
    assert outsider.behorigheter.get(forbund=forbund).roll == "revisor"


def test_the_user_list_searches_and_shows_second_factor_and_roles(client, sysadmin, kansli):
    TOTPDevice.objects.create(user=kansli, name="Telefon", confirmed=True)
    client.force_login(sysadmin)
    response = client.get(reverse("system:anvandare-list"), {"q": "kans"})
    (konto,) = response.context["sida"].object_list
    assert (konto.username, konto.har_tvafaktor, konto.har_startlosenord) == (
        "kansli",
        True,
        False,
    )
    assert "Samordningsförbundet Testbygden: kansli" in response.content.decode()


def test_a_password_set_in_the_django_admin_is_a_start_password(client, sysadmin, kansli):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[kansli.pk]),
        {"password1": "admin-satt-losen-2026", "password2": "admin-satt-losen-2026"},
    )
    assert response.status_code == 302
    assert services.maste_byta_losenord(kansli)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nykomling",
            "usable_password": "true",
            "password1": "admin-satt-losen-2026",
            "password2": "admin-satt-losen-2026",
        },
    )
    assert response.status_code == 302
    assert services.maste_byta_losenord(get_user_model().objects.get(username="nykomling"))
