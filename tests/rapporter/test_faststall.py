"""Approval: utkast → fastställd by the förbundschef; locks periods, stores the PDF with a
checksum and the figures' fingerprint; a later change to the books shows."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ekonomi.models import Period
from forbund.models import Logghandelse
from rapporter.models import Rapport
from rapporter.services import rapport_faststall
from tests.rapporter.register import registrera_uppgifter
from tests.rapporter.seeds import helsingborg

D = datetime.date


@pytest.fixture
def bok(forbund):
    b = helsingborg(forbund)
    ar = b.rakenskapsar(2013)
    for m in range(1, 13):
        start = D(2013, m, 1)
        slut = D(2013, m + 1, 1) - datetime.timedelta(days=1) if m < 12 else D(2013, 12, 31)
        Period.objects.create(rakenskapsar=ar, start=start, slut=slut)
    registrera_uppgifter(forbund, 2013)
    return b


def _url(forbund):
    return reverse("rapporter:faststall", kwargs={"orgnr": forbund.orgnr})


def _post(client, forbund, **data):
    return client.post(_url(forbund), {"typ": "arsredovisning", "ar": 2013, **data})


def test_forbundschef_faststaller_and_periods_are_locked(forbund, forbundschef, client_as, bok):
    response = _post(client_as(forbundschef), forbund)
    assert response.status_code == 302
    rapport = Rapport.objects.get(forbund=forbund)
    assert rapport.status == Rapport.Status.FASTSTALLD
    assert rapport.faststalld_av == forbundschef
    assert Period.objects.filter(rakenskapsar__forbund=forbund, last=True).count() == 12
    assert Logghandelse.objects.filter(forbund=forbund, handelse="last").count() == 12
    assert Logghandelse.objects.filter(forbund=forbund, handelse="faststalld").count() == 1


def test_stored_pdf_matches_its_checksum(forbund, forbundschef, client_as, bok):
    _post(client_as(forbundschef), forbund)
    rapport = Rapport.objects.get(forbund=forbund)
    with rapport.pdf.open("rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == rapport.sha256
    url = reverse(
        "rapporter:rapport-pdf", kwargs={"orgnr": forbund.orgnr, "rapport_pk": rapport.pk}
    )
    served = b"".join(client_as(forbundschef).get(url).streaming_content)
    assert served == data


def test_report_page_says_it_matches_until_the_books_change(
    forbund, forbundschef, styrelse, client_as, bok
):
    _post(client_as(forbundschef), forbund)
    url = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    client = client_as(styrelse)
    assert "Siffrorna stämmer med bokföringen" in client.get(url).content.decode()
    # Approval locked December; the förbundschef opens it (logged) to book a late invoice.
    from ekonomi.services import period_las_upp

    december = Period.objects.get(start=D(2013, 12, 1))
    period_las_upp(period=december, user=forbundschef, orsak="Sen faktura")
    bok.ver(D(2013, 12, 31), [("6990", 1_000), ("1930", -1_000)], text="Sen faktura")
    sida = client.get(url).content.decode()
    assert "Stämmer inte längre" in sida


def test_refused_while_an_account_lands_nowhere(forbund, bok):
    bok.konto("9100", "Konto utanför planen", typ="K")
    bok.ver(D(2013, 3, 3), [("9100", 1_000), ("1930", -1_000)])
    with pytest.raises(ValidationError, match="9100"):
        rapport_faststall(forbund=forbund, typ="arsredovisning", ar=2013, till=None, user=None)
    assert not Rapport.objects.exists()
    assert not Period.objects.filter(last=True).exists()


def test_cannot_be_faststalld_twice(forbund, forbundschef, bok):
    rapport_faststall(forbund=forbund, typ="arsredovisning", ar=2013, till=None, user=forbundschef)
    with pytest.raises(ValidationError, match="redan"):
        rapport_faststall(
            forbund=forbund, typ="arsredovisning", ar=2013, till=None, user=forbundschef
        )


def test_delarsrapport_locks_only_the_periods_up_to_its_date(forbund, forbundschef, bok):
    rapport_faststall(
        forbund=forbund, typ="delarsrapport", ar=2013, till=D(2013, 8, 31), user=forbundschef
    )
    assert list(
        Period.objects.filter(last=True).order_by("start").values_list("start__month", flat=True)
    ) == list(range(1, 9))


def test_faststall_rejects_get(forbund, forbundschef, client_as):
    assert client_as(forbundschef).get(_url(forbund)).status_code == 405


@pytest.mark.parametrize("persona", ["kansli", "styrelse", "revisor"])
def test_only_forbundschef_may_faststalla(forbund, client_as, persona, request, bok):
    user = request.getfixturevalue(persona)
    assert _post(client_as(user), forbund).status_code == 403
    assert not Rapport.objects.exists()


def test_cannot_be_faststalld_when_last_years_ub_differs_from_this_years_ib(
    forbund, forbundschef, bok
):
    from ekonomi.models import Konto, Rad, Rakenskapsar, Serie, Verifikation

    ar_2012 = Rakenskapsar.objects.get(forbund=forbund, slut__year=2012)
    serie, _ = Serie.objects.get_or_create(rakenskapsar=ar_2012, kod="X")
    sen = Verifikation.objects.create(
        rakenskapsar=ar_2012, serie=serie, nummer=1, datum=D(2012, 12, 31), text="Sen rättelse"
    )
    fordran, bank = Konto.objects.filter(forbund=forbund, typ="T").order_by("nummer")[:2]
    Rad.objects.create(verifikation=sen, konto=fordran, belopp=10000)
    Rad.objects.create(verifikation=sen, konto=bank, belopp=-10000)
    Verifikation.objects.filter(pk=sen.pk).update(status="B", nummer=1)

    with pytest.raises(ValidationError, match="bokföringen stämmer inte"):
        rapport_faststall(
            forbund=forbund, typ="arsredovisning", ar=2013, till=None, user=forbundschef
        )
    assert not Rapport.objects.exists()
    assert not Period.objects.filter(last=True).exists()
