"""A role without participant rights cannot get a delårsrapport for a date that is not a
month's last day by ordering its PDF either (issue 17.3: the HTML, JSON and Word answers
already refuse it; two PDFs a day apart would single out a participant by difference)."""

import datetime

import pytest
from django.urls import reverse

from ekonomi.models import Rakenskapsar
from rapporter.models import Pdfbestallning


@pytest.fixture
def ar_2019(forbund):
    Rakenskapsar.objects.get_or_create(
        forbund=forbund,
        start=datetime.date(2019, 1, 1),
        defaults={"slut": datetime.date(2019, 12, 31)},
    )


@pytest.mark.parametrize("roll", ["styrelse", "revisor"])
def test_a_reader_cannot_order_a_delarsrapport_pdf_for_any_day(
    roll, request, client_as, forbund, ar_2019
):
    client = client_as(request.getfixturevalue(roll))
    url = reverse("rapporter:pdf-bestall", kwargs={"orgnr": forbund.orgnr})
    for till in ("2019-08-30", "2019-05-15", "2019-01-01"):
        svar = client.post(url, {"typ": "delarsrapport", "ar": 2019, "till": till}, follow=True)
        assert "Din roll kan ta ut delårsrapporten per en månads sista dag." in (
            svar.content.decode()
        )
    assert not Pdfbestallning.objects.exists()


def test_the_model_rule_lets_participant_roles_and_month_ends_through(
    forbund, styrelse, kansli, ar_2019
):
    def bestallning(user, till):
        return Pdfbestallning(
            forbund=forbund, typ="delarsrapport", ar=2019, till=till, skapad_av=user
        )

    bestallning(styrelse, datetime.date(2019, 8, 31)).full_clean()
    bestallning(kansli, datetime.date(2019, 8, 30)).full_clean()
    Pdfbestallning(forbund=forbund, typ="arsredovisning", ar=2019, skapad_av=styrelse).full_clean()
