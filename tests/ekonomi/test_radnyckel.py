"""A voucher posted with row fields only (no management form): the row count comes from
the highest row number in the keys. A key with a number of thousands of digits (Python
refuses to parse it) or beyond the row limit is a bad row, never a 500 (issue 17.8)."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from ekonomi.models import Verifikation
from tests.ekonomi.routes import objekt


@pytest.mark.parametrize("nummer", ["9" * 5000, "99999999999999999999", "501"])
def test_a_row_key_with_a_huge_number_gets_a_message_and_saves_nothing(
    client_as, kansli, forbund, nummer
):
    objekt(forbund)
    fore = Verifikation.objects.count()
    client = client_as(kansli)
    client.raise_request_exception = False
    url = reverse("ekonomi:verifikation-create", kwargs={"orgnr": forbund.orgnr})
    data = {"datum": "2024-02-01", "text": "Hyra", f"rader-{nummer}-konto": "1930"}
    svar = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    assert svar.status_code in (200, 400)
    assert Verifikation.objects.count() == fore
