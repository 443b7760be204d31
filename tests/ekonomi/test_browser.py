"""A kansli user enters a 10-row verifikation with the keyboard alone (Chromium)."""

import os
import re
import shutil

import pytest
from django.db import connections
from django.urls import reverse

from ekonomi.models import Verifikation
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium saknas")
    # Playwright's sync API runs an event loop in this thread; the live server's ORM
    # calls happen in its own thread, the test's own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context()
        yield context.new_page()
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_ten_row_voucher_with_the_keyboard_alone(page, live_server, forbund, kansli, ar):
    url = live_server.url + reverse("ekonomi:verifikation-create", kwargs={"orgnr": forbund.orgnr})
    page.goto(url)
    page.focus("#id_username")
    page.keyboard.type("kansli")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(url)
    # The date widget's segments (and their Tab stops) depend on the browser's locale.
    page.fill("#id_datum", "2024-03-01")
    page.focus("#id_text")
    page.keyboard.type("Tio rader")
    page.keyboard.press("Tab")  # serie: keep A
    page.keyboard.press("Enter")  # → first row
    for _ in range(9):
        page.keyboard.type("4610")
        page.keyboard.press("Tab")
        page.keyboard.type("100,10")
        page.keyboard.press("Enter")  # → next row (a new one after the last)
    assert "Differens 900,90" in page.inner_text("#differens")
    page.keyboard.type("1930")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # kredit shows the balancing 900,90 as a suggestion
    page.keyboard.press("Enter")  # takes the suggestion
    assert "Balanserar" in page.inner_text("#differens")
    page.keyboard.press("Control+Enter")  # bokför
    page.wait_for_url(re.compile(r".*/verifikationer/\d+/$"))
    ver = Verifikation.objects.get()
    assert (ver.status, ver.rader.count()) == ("B", 10)
    belopp = sorted(set(ver.rader.values_list("belopp", flat=True)))
    # Under Playwright's sync API this code runs in another context than the test's own
    # connection: close the one it opened, or PostgreSQL keeps the test database busy.
    connections.close_all()
    assert belopp == [-90090, 10010]
