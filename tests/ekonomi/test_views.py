"""The ledger pages: entry form, lists, huvudbok, saldobalans and downloads."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ekonomi import services
from ekonomi.models import Rad, Underlag, Verifikation

D = datetime.date


def _url(forbund, name, **kwargs):
    return reverse(f"ekonomi:{name}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def _post(rader, datum="2024-03-01", text="Medlemsbidrag", knapp="bokfor", serie="A"):
    data = {"datum": datum, "text": text, "serie": serie, knapp: "1"}
    for i, (konto, debet, kredit, *rest) in enumerate(rader):
        data[f"rader-{i}-konto"] = konto
        data[f"rader-{i}-debet"] = debet
        data[f"rader-{i}-kredit"] = kredit
        data[f"rader-{i}-objekt"] = rest[0] if rest else ""
        data[f"rader-{i}-text"] = ""
    data["rader-TOTAL_FORMS"] = str(len(rader))
    data["rader-INITIAL_FORMS"] = "0"
    return data


@pytest.fixture
def kansli_client(client_as, kansli, ar):
    return client_as(kansli)


def test_entry_form_has_the_agreed_field_names(kansli_client, forbund):
    html = kansli_client.get(_url(forbund, "verifikation-create")).content.decode()
    for name in (
        "datum",
        "text",
        "serie",
        "rader-0-konto",
        "rader-0-debet",
        "rader-0-kredit",
        "rader-0-objekt",
        "rader-0-text",
        'name="bokfor"',
        'name="spara"',
        'aria-live="polite"',
        "ekonomi/verifikation.js",
    ):
        assert name in html


def test_balanced_voucher_is_posted_from_the_form(kansli_client, forbund, projekt):
    data = _post([("1930", "1 234,50", ""), ("4610", "", "1234,50", "GPS")])
    response = kansli_client.post(_url(forbund, "verifikation-create"), data)
    ver = Verifikation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(forbund, "verifikation-detail", pk=ver.pk)
    assert (ver.status, ver.nummer) == ("B", 1)
    assert sorted(ver.rader.values_list("konto__nummer", "belopp")) == [
        ("1930", 123450),
        ("4610", -123450),
    ]
    assert list(ver.rader.get(konto__nummer="4610").objekt.values_list("kod", flat=True)) == [
        "GPS"
    ]


def test_ten_row_voucher_without_management_form_is_accepted(kansli_client, forbund):
    rader = [("4610", "100,10", "")] * 9 + [("1930", "", "900,90")]
    data = _post(rader)
    del data["rader-TOTAL_FORMS"], data["rader-INITIAL_FORMS"]
    kansli_client.post(_url(forbund, "verifikation-create"), data)
    assert Rad.objects.count() == 10


def test_spara_keeps_a_draft(kansli_client, forbund):
    kansli_client.post(
        _url(forbund, "verifikation-create"),
        _post([("1930", "10", ""), ("3511", "", "10")], knapp="spara"),
    )
    assert Verifikation.objects.get().status == "P"


@pytest.mark.parametrize(
    ("rader", "datum", "falt", "text"),
    [
        ([("1930", "100", ""), ("3511", "", "99,50")], "2024-03-01", None, "0,50 kr"),
        ([("1930", "100", ""), ("3511", "", "100")], "2023-12-31", "datum", "räkenskapsår"),
        ([("9999", "100", ""), ("3511", "", "100")], "2024-03-01", "konto", "finns inte"),
        ([("1930", "1.234,5", ""), ("3511", "", "100")], "2024-03-01", "debet", "belopp"),
        ([("1930", "100", "100"), ("3511", "", "100")], "2024-03-01", "kredit", "antingen"),
        ([("1930", "100", "", "NEJ"), ("3511", "", "100")], "2024-03-01", "objekt", "finns inte"),
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(
    kansli_client, forbund, rader, datum, falt, text
):
    response = kansli_client.post(_url(forbund, "verifikation-create"), _post(rader, datum=datum))
    assert response.status_code == 200
    html = response.content.decode()
    assert text in html
    if falt == "datum":
        assert "datum" in response.context["form"].errors
    elif falt:
        assert falt in response.context["formset"].forms[0].errors
    assert Verifikation.objects.count() == 0


def test_locked_period_shows_an_error_next_to_the_date(kansli_client, forbund, ar, forbundschef):
    services.period_las(period=ar.perioder.get(start=D(2024, 3, 1)), user=forbundschef, orsak="x")
    response = kansli_client.post(
        _url(forbund, "verifikation-create"), _post([("1930", "1", ""), ("3511", "", "1")])
    )
    assert "låst" in response.context["form"].errors["datum"][0]
    assert Verifikation.objects.count() == 0


def test_inactive_account_shows_an_error_next_to_the_account(kansli_client, forbund, kontoplan):
    kontoplan["3512"].aktiv = False
    kontoplan["3512"].save()
    response = kansli_client.post(
        _url(forbund, "verifikation-create"), _post([("1930", "1", ""), ("3512", "", "1")])
    )
    assert "inaktivt" in response.context["formset"].forms[1].errors["konto"][0]


def test_another_forbunds_object_code_is_unknown(kansli_client, forbund, annat_forbund):
    services.kontoplan_skapa_standard(forbund=annat_forbund)
    annat_forbund.dimensioner.get(nummer=6).objekt.create(kod="ANNAN", namn="Annan")
    response = kansli_client.post(
        _url(forbund, "verifikation-create"),
        _post([("1930", "1", "", "6:ANNAN"), ("3511", "", "1")]),
    )
    assert "finns inte" in response.context["formset"].forms[0].errors["objekt"][0]
    assert Verifikation.objects.count() == 0


def test_detail_shows_rows_and_the_reverse_button(kansli_client, forbund, bokfor):
    ver = bokfor(D(2024, 3, 1), [("1930", 123450), ("3511", -123450)])
    html = kansli_client.get(_url(forbund, "verifikation-detail", pk=ver.pk)).content.decode()
    assert "1\u00a0234,50" in html
    assert "Gör rättelseverifikation" in html


def test_revisor_sees_no_reverse_button(client_as, revisor, forbund, ar, bokfor):
    ver = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    html = client_as(revisor).get(_url(forbund, "verifikation-detail", pk=ver.pk)).content
    assert "rättelseverifikation".encode() not in html


def test_reverse_view_creates_the_correction(kansli_client, forbund, bokfor):
    ver = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    response = kansli_client.post(
        _url(forbund, "verifikation-reverse", pk=ver.pk), {"datum": "2024-03-02"}
    )
    ny = ver.rattelser.get()
    assert response["Location"] == _url(forbund, "verifikation-detail", pk=ny.pk)
    html = kansli_client.get(_url(forbund, "verifikation-detail", pk=ver.pk)).content.decode()
    assert "Rättad genom" in html


def test_list_filters_by_amount_and_account(kansli_client, forbund, bokfor):
    bokfor(D(2024, 3, 1), [("1930", 123450), ("3511", -123450)], text="Bidrag FK")
    bokfor(D(2024, 3, 2), [("4610", 500), ("1930", -500)], text="Insats")
    response = kansli_client.get(_url(forbund, "verifikation-list") + "?belopp=1 234,50")
    assert [v.text for v in response.context["tabell"].data] == ["Bidrag FK"]
    response = kansli_client.get(_url(forbund, "verifikation-list") + "?konto=4610")
    assert [v.text for v in response.context["tabell"].data] == ["Insats"]
    response = kansli_client.get(_url(forbund, "verifikation-list") + "?belopp=abc")
    assert response.status_code == 200


def test_huvudbok_shows_ib_running_balance_and_ub(
    kansli_client, forbund, ar, bokfor, forbundschef
):
    services.ingaende_balans_skapa(
        rakenskapsar=ar, saldon={"1930": 1000, "2010": -1000}, user=forbundschef
    )
    bokfor(D(2024, 3, 1), [("1930", 250), ("3511", -250)])
    bokfor(D(2024, 4, 1), [("4610", 100), ("1930", -100)])
    response = kansli_client.get(_url(forbund, "huvudbok", konto="1930") + "?ar=2024")
    hb = response.context["hb"]
    assert (hb.ib, hb.ub) == (1000, 1150)
    assert [r.saldo for r in hb.sida.object_list] == [1250, 1150]


def test_huvudbok_pages_carry_the_balance(forbund, ar, bokfor):
    from ekonomi import selectors

    for i in range(5):
        bokfor(D(2024, 3, 1 + i), [("1930", 100 * (i + 1)), ("3511", -100 * (i + 1))])
    hb = selectors.huvudbok(
        konto=forbund.konton.get(nummer="1930"), rakenskapsar=ar, sida=2, per_sida=2
    )
    assert hb.ingaende_sida == 300
    assert [r.saldo for r in hb.sida.object_list] == [600, 1000]


def test_saldobalans_csv_and_excel(kansli_client, forbund, bokfor, projekt):
    bokfor(D(2024, 3, 1), [("4610", 123450, [projekt]), ("1930", -123450)])
    url = _url(forbund, "saldobalans") + "?ar=2024&dimension=6"
    text = kansli_client.get(url + "&format=csv").content.decode("utf-8-sig")
    assert (
        "4610;Lämnade bidrag till insatser;K;GPS;GPS – Navigera rätt;0,00;1234,50;1234,50" in text
    )
    wb = load_workbook(io.BytesIO(kansli_client.get(url + "&format=xlsx").content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Konto", "Kontonamn", "Typ")
    assert (rows[1][0], float(rows[1][-1])) == ("1930", -1234.5)


def test_underlag_is_served_only_inside_the_forbund(
    client_as, kansli, outsider, forbund, ar, bokfor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ver = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    client = client_as(kansli)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        _url(forbund, "underlag-create", pk=ver.pk),
        {"fil": SimpleUploadedFile("kvitto.pdf", b"%PDF-1.4 hej")},
    )
    u = Underlag.objects.get()
    response = client.get(_url(forbund, "underlag-detail", underlag=u.pk))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 hej"
    client.force_login(outsider)
    assert client.get(_url(forbund, "underlag-detail", underlag=u.pk)).status_code == 404


def test_forbundschef_locks_a_period_with_a_reason(client_as, forbundschef, forbund, ar):
    period = ar.perioder.first()
    client = client_as(forbundschef)
    response = client.post(_url(forbund, "period-las", period=period.pk), {"orsak": ""})
    assert response.status_code == 200
    client.post(_url(forbund, "period-las", period=period.pk), {"orsak": "Månadsbokslut"})
    period.refresh_from_db()
    assert period.last


def test_account_with_rows_cannot_be_deleted_in_the_browser(kansli_client, forbund, bokfor):
    bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    konto = forbund.konton.get(nummer="1930")
    response = kansli_client.post(
        _url(forbund, "konto-update", konto_id=konto.pk), {"ta_bort": "1"}
    )
    assert response.status_code == 200
    assert forbund.konton.filter(nummer="1930").exists()


def test_account_picker_redirects_to_the_huvudbok(kansli_client, forbund):
    url = _url(forbund, "huvudbok", konto="0") + "?konto=1930 Bank&ar=2024"
    response = kansli_client.get(url)
    assert response["Location"] == _url(forbund, "huvudbok", konto="1930") + "?ar=2024"


def test_index_shows_the_year_and_recent_vouchers(kansli_client, forbund, bokfor):
    bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)], text="Första")
    html = kansli_client.get(_url(forbund, "index")).content.decode()
    assert "Räkenskapsår 2024" in html and "Första" in html


def test_index_links_to_sie_import_and_export(kansli_client, forbund):
    html = kansli_client.get(_url(forbund, "index")).content.decode()
    assert f'href="{_url(forbund, "sie-import-list")}"' in html


def test_voucher_list_orders_a_dates_vouchers_by_number(kansli_client, forbund, bokfor):
    for text in ["Först", "Sedan", "Sist"]:
        bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)], text=text)
    bokfor(D(2024, 3, 2), [("1930", 100), ("3511", -100)], text="Nästa dag")
    html = kansli_client.get(_url(forbund, "verifikation-list")).content.decode()
    ordning = [html.index(t) for t in ["Nästa dag", "Sist", "Sedan", "Först"]]
    assert ordning == sorted(ordning)
    html = kansli_client.get(_url(forbund, "verifikation-list") + "?sort=datum").content.decode()
    ordning = [html.index(t) for t in ["Först", "Sedan", "Sist", "Nästa dag"]]
    assert ordning == sorted(ordning)


def test_series_defaults_to_a_and_ib_is_reserved(kansli_client, forbund):
    data = _post([("1930", "1", ""), ("3511", "", "1")])
    del data["serie"]
    kansli_client.post(_url(forbund, "verifikation-create"), data)
    assert Verifikation.objects.get().serie.kod == "A"
    response = kansli_client.post(
        _url(forbund, "verifikation-create"),
        _post([("1930", "1", ""), ("3511", "", "1")], serie="IB"),
    )
    assert "serie" in response.context["form"].errors
