"""The insatser's report, statistics and export pages: suppression, exact figures, goal
fulfilment, and the stored evaluation report."""

import datetime
import re

from django.template.loader import render_to_string
from django.urls import reverse

from insatser import services
from insatser.models import Insats
from insatser.selectors import insatser_rapport
from tests.insatser.conftest import bokfor, deltagare

D = datetime.date


def _url(name, forbund, **kwargs):
    return reverse(f"insatser:{name}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def test_uppfoljning_export_gives_participants_by_kon_budget_and_utfall(
    client_as, styrelse, kansli, forbund, insats
):
    from ekonomi.models import Budgetrad, Budgetversion, Konto

    for i, kon in enumerate("KKKMMMMMM"):
        deltagare(kansli, insats, f"E{i}", start=D(2019, 2, 1), kon=kon)
    services.anonyma_add(user=kansli, insats=insats, ar=2019, kon="K", skal="skyddad", antal=2)
    bokfor(
        forbund,
        D(2019, 5, 1),
        [("4590", "K", 12345600, insats.objekt), ("1930", "T", -12345600, None)],
    )
    version = Budgetversion.objects.create(
        rakenskapsar=insats.objekt.radobjekt.first().rad.verifikation.rakenskapsar, namn="Budget"
    )
    Budgetrad.objects.create(
        version=version,
        konto=Konto.objects.get(nummer="4590"),
        objekt=insats.objekt,
        belopp=20000000,
    )
    response = client_as(styrelse).get(_url("uppfoljning-export", forbund) + "?ar=2019")
    rader = response.content.decode("utf-8-sig").splitlines()
    assert rader[0].startswith("År;Insats;Objekt;Typ;Kvinnor;Män")
    assert rader[1] == "2019;Ungsam;UNGSAM;Individinriktad;5;6;0;11;0;200000;123456"


def test_report_partial_suppresses_small_cells_and_draws_accessible_svg(
    forbund, kansli, insats, orsaker
):
    for i in range(7):
        deltagare(
            kansli,
            insats,
            f"R{i}",
            start=D(2019, 1, 2),
            slut=D(2019, 5, 1),
            orsak=orsaker["ARBETE" if i < 5 else "FLYTT"],
        )
    rapport = insatser_rapport(forbund=forbund, fran=D(2019, 1, 1), till=D(2019, 12, 31))
    html = render_to_string("insatser/_rapport_insatser.html", {"insatser_rapport": rapport})
    assert "<svg" in html and "<title" in html and "<desc" in html
    # Both causes are suppressed ("<5", the second to protect the first): the chart would
    # draw no bar, so it is left out and the table carries the figures.
    assert [d.titel for d in rapport[0].diagram if "avslutsorsak" in d.titel] == []
    assert '<th scope="row">Flyttat</th><td>Nej</td><td class="num">&lt;5</td>' in html
    assert rapport[0].statistik.avslutade.antal == 7


def test_report_partial_renders_in_weasyprint(forbund, kansli, insats, orsaker):
    from weasyprint import HTML

    for i in range(6):
        deltagare(
            kansli,
            insats,
            f"P{i}",
            start=D(2019, 1, 2),
            slut=D(2019, 5, 1),
            orsak=orsaker["STUDIER"],
            forsorjning_start="bistand",
        )
    rapport = insatser_rapport(forbund=forbund, fran=D(2019, 1, 1), till=D(2019, 12, 31))
    html = render_to_string("insatser/_rapport_insatser.html", {"insatser_rapport": rapport})
    pdf = HTML(string=f"<html lang='sv'><body>{html}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF")


def test_evaluation_report_is_stored_and_handed_out_to_readers_only_through_the_view(
    client_as, kansli, revisor, forbund, insats, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    response = client_as(kansli).post(
        _url("utvardering-create", forbund, pk=insats.pk),
        {
            "utforare": "Oxford Research",
            "datum": "2013-05-01",
            "titel": "Processutvärdering",
            "rapport": SimpleUploadedFile("utv.pdf", b"%PDF-1.4 rapport"),
        },
    )
    assert response.status_code == 302
    utv = insats.utvarderingar.get()
    assert utv.rapport.name.startswith(f"utvarderingar/{forbund.orgnr}/{insats.pk}/")
    response = client_as(revisor).get(
        _url("utvardering-fil", forbund, pk=insats.pk, utvardering=utv.pk)
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 rapport"


def test_structural_counts_are_in_the_export(client_as, kansli, forbund):
    komp = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Kompetens i samverkan",
        typ=Insats.Typ.STRUKTUR,
        objektkod="KOMP",
    )
    services.strukturaktivitet_create(
        user=kansli,
        insats=komp,
        datum=D(2013, 11, 14),
        namn="Inspirationsdag",
        kategori="chefer",
        antal=105,
    )
    response = client_as(kansli).get(_url("uppfoljning-export", forbund) + "?ar=2013")
    rader = response.content.decode("utf-8-sig").splitlines()
    assert rader[1] == "2013;Kompetens i samverkan;KOMP;Strukturövergripande;0;0;0;0;105;;0"


def test_report_shows_goal_fulfilment_of_a_structural_insats(forbund, kansli):
    from decimal import Decimal

    from insatser.models import Mal

    komp = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="Kompetens i samverkan",
        typ=Insats.Typ.STRUKTUR,
        start=D(2013, 1, 1),
        slut=D(2013, 12, 31),
    )
    services.strukturaktivitet_create(
        user=kansli,
        insats=komp,
        datum=D(2013, 11, 14),
        namn="Inspirationsdag",
        kategori="chefer",
        antal=105,
    )
    services.mal_create(
        user=kansli,
        insats=komp,
        beskrivning="Minst 100 chefer",
        matt=Mal.Matt.STRUKTUR,
        malvarde=Decimal(100),
        fran=D(2013, 1, 1),
        till=D(2013, 12, 31),
    )
    (r,) = insatser_rapport(forbund=forbund, fran=D(2013, 1, 1), till=D(2013, 12, 31))
    html = render_to_string("insatser/_rapport_insatser.html", {"insatser_rapport": [r]})
    assert r.statistik is None and r.mal[0].uppfyllt
    assert "Inspirationsdag" in html and "105 chefer" in html
    assert "105 (mål minst 100) – uppfyllt" in html


def test_statistics_period_labels_start_with_a_capital(client_as, styrelse, forbund, insats):
    html = (
        client_as(styrelse).get(_url("insats-statistik", forbund, pk=insats.pk)).content.decode()
    )
    etiketter = [" ".join(t.split()) for t in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)]
    assert any(e.startswith("Från") for e in etiketter)
    assert any(e.startswith("Till och med") for e in etiketter)
