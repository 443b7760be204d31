import datetime
import io
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from forbund.models import Logghandelse
from insatser import services
from insatser.models import Deltagande, Insats
from insatser.selectors import insatser_rapport
from tests.insatser.conftest import bokfor, deltagare

D = datetime.date


def _url(name, forbund, **kwargs):
    return reverse(f"insatser:{name}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def test_styrelse_gets_403_on_participant_pages(client_as, styrelse, forbund, insats, kansli):
    d = deltagare(kansli, insats, "A", start=D(2019, 1, 2))
    client = client_as(styrelse)
    assert client.get(_url("deltagare-list", forbund, pk=insats.pk)).status_code == 403
    assert client.get(_url("deltagare-update", forbund, deltagande=d.pk)).status_code == 403


def test_styrelse_sees_aggregates_without_participant_codes(
    client_as, styrelse, forbund, insats, kansli
):
    deltagare(kansli, insats, "HEMLIG-1", start=D(2019, 1, 2))
    response = client_as(styrelse).get(
        _url("insats-statistik", forbund, pk=insats.pk) + "?fran=2019-01-01&till=2019-12-31"
    )
    assert response.status_code == 200
    assert "HEMLIG-1" not in response.content.decode()
    assert "Deltagare under perioden" in response.content.decode()


def test_viewing_the_participant_list_is_logged(client_as, kansli, forbund, insats):
    deltagare(kansli, insats, "A", start=D(2019, 1, 2))
    response = client_as(kansli).get(_url("deltagare-list", forbund, pk=insats.pk))
    assert response.status_code == 200
    assert "A" in response.content.decode()
    visad = Logghandelse.objects.get(handelse="visad")
    assert (visad.user, visad.objekttyp) == (kansli, "insatser.Deltagande")


def test_viewing_one_participant_is_logged(client_as, forbundschef, kansli, forbund, insats):
    d = deltagare(kansli, insats, "A", start=D(2019, 1, 2))
    client_as(forbundschef).get(_url("deltagare-update", forbund, deltagande=d.pk))
    visad = Logghandelse.objects.get(handelse="visad")
    assert (visad.user, visad.objekt_id) == (forbundschef, str(d.pk))


def test_creating_an_insats_through_the_form_makes_its_ledger_object(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url("insats-create", forbund),
        {
            "namn": "IPS",
            "typ": "individ",
            "finansieringsform": "hel",
            "objektkod": "ips",
            "start": "2014-01-01",
            "slut": "2016-12-31",
        },
    )
    insats = Insats.objects.get()
    assert response.status_code == 302
    assert insats.objekt.kod == "IPS"


def test_insats_form_shows_the_error_next_to_the_field(client_as, kansli, forbund):
    response = client_as(kansli).post(
        _url("insats-create", forbund),
        {"namn": "IPS", "typ": "individ", "start": "2016-01-01", "slut": "2014-12-31"},
    )
    assert response.status_code == 200
    assert Insats.objects.count() == 0


def test_personnummer_in_the_form_is_refused_next_to_the_code(client_as, kansli, forbund, insats):
    response = client_as(kansli).post(
        _url("deltagare-create", forbund, pk=insats.pk),
        {
            "kod": "19850709-9805",
            "kon": "K",
            "aldersgrupp": "20-24",
            "start": "2019-01-02",
            "samtycke_datum": "2019-01-02",
            "forsorjning_start": "okand",
            "utbildningsniva": "okand",
            "tid_offentlig_forsorjning": "okand",
        },
    )
    assert response.status_code == 200
    assert "personnummer" in response.context["form"].errors["kod"][0]
    assert Deltagande.objects.count() == 0


def _grid(rader):
    data = {"ny-TOTAL_FORMS": str(len(rader)), "ny-INITIAL_FORMS": "0"}
    for i, rad in enumerate(rader):
        for k, v in rad.items():
            data[f"ny-{i}-{k}"] = v
    return data


def test_grid_registers_several_participants(client_as, kansli, forbund, insats):
    rad = {
        "kon": "K",
        "aldersgrupp": "20-24",
        "start": "2019-01-02",
        "samtycke_datum": "2019-01-02",
        "forsorjning_start": "okand",
    }
    response = client_as(kansli).post(
        _url("deltagare-registrera", forbund, pk=insats.pk),
        _grid([{"kod": "G1", **rad}, {"kod": "G2", **rad}, {"forsorjning_start": "okand"}]),
    )
    assert response.status_code == 302
    assert sorted(Deltagande.objects.values_list("kod", flat=True)) == ["G1", "G2"]


def test_grid_with_a_bad_row_saves_nothing(client_as, kansli, forbund, insats):
    rad = {
        "kon": "K",
        "aldersgrupp": "20-24",
        "samtycke_datum": "2019-01-02",
        "forsorjning_start": "okand",
    }
    response = client_as(kansli).post(
        _url("deltagare-registrera", forbund, pk=insats.pk),
        _grid(
            [
                {"kod": "G1", "start": "2019-01-02", **rad},
                {"kod": "G2", "start": "2016-01-02", **rad},
            ]
        ),
    )
    assert response.status_code == 200
    assert "före insatsens processtid" in response.content.decode()
    assert Deltagande.objects.count() == 0


def test_closing_grid_closes_the_filled_rows(client_as, kansli, forbund, insats, orsaker):
    a = deltagare(kansli, insats, "A", start=D(2019, 1, 2))
    b = deltagare(kansli, insats, "B", start=D(2019, 1, 3))
    data = {
        "avsluta-TOTAL_FORMS": "2",
        "avsluta-INITIAL_FORMS": "2",
        "avsluta-0-deltagande": str(a.pk),
        "avsluta-0-slut": "2019-06-01",
        "avsluta-0-avslutsorsak": str(orsaker["STUDIER"].pk),
        "avsluta-1-deltagande": str(b.pk),
    }
    response = client_as(kansli).post(_url("deltagare-avsluta", forbund, pk=insats.pk), data)
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.slut, a.avslutsorsak.kod, b.slut) == (D(2019, 6, 1), "STUDIER", None)


def test_import_page_lists_row_errors(client_as, kansli, forbund, insats, orsaker):
    fil = io.BytesIO(
        b"kod;kon;aldersgrupp;start;slut;avslutsorsak;samtycke_datum\n"
        b"I1;K;20-24;2019-01-10;2019-02-01;NEJ;2019-01-10\n"
    )
    fil.name = "deltagare.csv"
    response = client_as(kansli).post(
        _url("deltagare-import", forbund, pk=insats.pk), {"fil": fil}
    )
    assert response.status_code == 200
    assert "Rad 2:" in response.content.decode()
    assert "okänd avslutsorsak" in response.content.decode()
    assert Deltagande.objects.count() == 0


def test_withdrawing_consent_through_the_view(client_as, kansli, forbund, insats):
    d = deltagare(kansli, insats, "A", start=D(2019, 1, 2))
    response = client_as(kansli).post(_url("deltagare-samtycke", forbund, deltagande=d.pk))
    assert response.status_code == 302
    assert Deltagande.objects.count() == 0
    assert insats.anonyma.get().antal == 1


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


@pytest.mark.parametrize("name", ["insats-detail", "insats-statistik"])
def test_insats_pages_render_for_a_reader(client_as, revisor, forbund, insats, name):
    assert client_as(revisor).get(_url(name, forbund, pk=insats.pk)).status_code == 200


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


def test_insats_list_filters_on_the_current_status(client_as, styrelse, kansli, forbund):
    a = services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="GPS",
        typ="individ",
        status="pagaende",
        status_datum=D(2010, 1, 11),
    )
    services.insats_status_set(user=kansli, insats=a, status="avslutad", datum=D(2013, 12, 31))
    services.insats_create(
        user=kansli,
        forbund=forbund,
        namn="IPS",
        typ="individ",
        status="beviljad",
        status_datum=D(2013, 12, 11),
    )
    response = client_as(styrelse).get(_url("insats-list", forbund) + "?status=avslutad")
    namn = [r.record.namn for r in response.context["table"].rows]
    assert namn == ["GPS"]


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


def test_participant_list_filters_open_and_closed(client_as, kansli, forbund, insats, orsaker):
    deltagare(kansli, insats, "OPPEN", start=D(2019, 1, 2))
    deltagare(
        kansli, insats, "STANGD", start=D(2019, 1, 2), slut=D(2019, 3, 1), orsak=orsaker["ARBETE"]
    )
    response = client_as(kansli).get(
        _url("deltagare-list", forbund, pk=insats.pk) + "?lage=pagaende"
    )
    assert [r.record.kod for r in response.context["table"].rows] == ["OPPEN"]


def test_status_goal_and_money_are_added_through_their_forms(client_as, kansli, forbund, insats):
    from forbund.models import Beslut, Sammantrade

    client = client_as(kansli)
    mote = Sammantrade.objects.create(forbund=forbund, datum=D(2013, 12, 11))
    beslut = Beslut.objects.create(sammantrade=mote, paragraf="47", rubrik="Medel 2014 till OK")
    assert (
        client.post(
            _url("insats-status", forbund, pk=insats.pk),
            {"status": "beviljad", "datum": "2013-12-11"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            _url("mal-create", forbund, pk=insats.pk),
            {
                "beskrivning": "Minst 80 deltagare 2017",
                "matt": "deltagare",
                "jamforelse": "minst",
                "malvarde": "80",
                "fran": "2017-01-01",
                "till": "2017-12-31",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            _url("medel-create", forbund, pk=insats.pk),
            {"ar": "2014", "belopp": "1 455 000", "beslut": beslut.pk},
        ).status_code
        == 302
    )
    assert insats.aktuell_status.status == "beviljad"
    assert insats.mal.get().malvarde == 80
    assert insats.medel.get().belopp == 145500000


def test_a_goal_period_ending_before_it_starts_is_refused_in_the_form(
    client_as, kansli, forbund, insats
):
    response = client_as(kansli).post(
        _url("mal-create", forbund, pk=insats.pk),
        {
            "beskrivning": "Fel",
            "matt": "deltagare",
            "jamforelse": "minst",
            "malvarde": "80",
            "fran": "2017-12-31",
            "till": "2017-01-01",
        },
    )
    assert response.status_code == 200
    assert not insats.mal.exists()


def test_insats_list_labels_and_headers_start_with_a_capital(client_as, styrelse, forbund, insats):
    html = client_as(styrelse).get(_url("insats-list", forbund)).content.decode()
    for etikett in [
        "Namn innehåller",
        "Typ</label>",
        "Finansieringsform</label>",
        "Status</label>",
    ]:
        assert etikett in html
    rubriker = [" ".join(t.split()) for t in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)]
    assert "Processägare" in rubriker
    assert any(">Status</a>" in r for r in rubriker)
    assert any(">Objekt</a>" in r for r in rubriker)
    assert "namn innehåller" not in html


def test_statistics_period_labels_start_with_a_capital(client_as, styrelse, forbund, insats):
    html = (
        client_as(styrelse).get(_url("insats-statistik", forbund, pk=insats.pk)).content.decode()
    )
    etiketter = [" ".join(t.split()) for t in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)]
    assert any(e.startswith("Från") for e in etiketter)
    assert any(e.startswith("Till och med") for e in etiketter)
