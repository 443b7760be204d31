import datetime
import io
import re

import pytest
from django.urls import reverse

from forbund.models import Logghandelse
from insatser import services
from insatser.models import Deltagande, Insats
from tests.insatser.conftest import deltagare

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


@pytest.mark.parametrize("name", ["insats-detail", "insats-statistik"])
def test_insats_pages_render_for_a_reader(client_as, revisor, forbund, insats, name):
    assert client_as(revisor).get(_url(name, forbund, pk=insats.pk)).status_code == 200


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
