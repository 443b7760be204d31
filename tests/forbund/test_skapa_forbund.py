from django.contrib.auth import get_user_model
from django.urls import reverse

from forbund import services
from forbund.models import Forbund, Logghandelse


def test_new_forbund_gets_the_standard_chart_and_project_dimension(db):
    forbund = services.forbund_create(user=None, namn="Nya förbundet", orgnr="222000-1040")
    assert forbund.konton.filter(nummer="2010", typ="S").exists()
    assert forbund.konton.count() == 44
    assert sorted(forbund.dimensioner.values_list("nummer", flat=True)) == [1, 6]


def test_sysadmin_creates_a_forbund_in_the_admin_through_the_service(client, db):
    admin = get_user_model().objects.create_superuser("sysadmin", password="x" * 20)
    client.force_login(admin)
    response = client.post(
        reverse("admin:forbund_forbund_add"),
        {
            "namn": "Samordningsförbundet Nyby",
            "orgnr": "222000-1040",
            "sate": "Nyby",
            "delarsrapport_kravs": "on",
            "delarsrapport_manad": "8",
            "behorigheter-TOTAL_FORMS": "0",
            "behorigheter-INITIAL_FORMS": "0",
            "behorigheter-MIN_NUM_FORMS": "0",
            "behorigheter-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    forbund = Forbund.objects.get(orgnr="222000-1040")
    assert forbund.konton.count() == 44
    assert Logghandelse.objects.filter(forbund=forbund, handelse="skapad").exists()
