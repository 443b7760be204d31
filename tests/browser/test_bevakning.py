"""A background job's page follows the job without reloading itself (WCAG 2.2.1: no timed
refresh): finsam/bevakning.js fetches the page again and swaps the status region in, and
when the job ends the result appears in place."""

import pytest
from django.db import connections
from django.urls import reverse

from ekonomi.models import Sieinlasning
from forbund.models import Roll
from tests.browser.harness import assert_accessible, logga_in, oppna
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _utan_tvafaktor(settings):
    settings.FINSAM_KRAV_2FA = False


@pytest.fixture(autouse=True)
def _stang_anslutningar(transactional_db):
    yield
    connections.close_all()


def test_a_running_import_page_follows_the_job_without_reloading(page, forbund):
    make_user("kansli", forbund, Roll.KANSLI)
    jobb = Sieinlasning.objects.create(
        forbund=forbund, filnamn="stor.se", standardserie="SIE", status="pagar", steg="Läser"
    )
    logga_in(page, "kansli")
    url = reverse("ekonomi:sie-jobb", kwargs={"orgnr": forbund.orgnr, "jobb": jobb.pk})
    assert oppna(page, url).status == 200
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert_accessible(page, sammanhang="SIE-inläsning som pågår")
    page.evaluate("window.finsamSammaSida = true")

    Sieinlasning.objects.filter(pk=jobb.pk).update(
        status="fel", procent=100, fel="Rad 7: #VER saknar datum."
    )
    larm = page.get_by_role("alert")
    larm.wait_for(timeout=15_000)
    assert "Rad 7: #VER saknar datum." in larm.inner_text()
    # The same document: swapped in place, never reloaded.
    assert page.evaluate("window.finsamSammaSida") is True
    assert page.locator("[data-pagar]").count() == 0
    assert_accessible(page, sammanhang="SIE-inläsning som nekats")
