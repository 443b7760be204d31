"""A kansli user enters a 10-row verifikation with the keyboard alone (Chromium)."""

import re

from django.db import connections
from django.urls import reverse

from ekonomi.models import Verifikation
from tests.conftest import PASSWORD
from tests.ekonomi.conftest import ar, kontoplan  # noqa: F401  (fixtures)


def test_ten_row_voucher_with_the_keyboard_alone(page, forbund, kansli, ar):  # noqa: F811
    url = page.finsam_base_url + reverse(
        "ekonomi:verifikation-create", kwargs={"orgnr": forbund.orgnr}
    )
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
