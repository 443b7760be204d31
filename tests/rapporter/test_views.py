"""Views: editing definitions, settings, narrative and prognos; the index; the command."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from forbund.models import Logghandelse
from rapporter.models import Berattelseavsnitt, Prognosjustering, Rapportdefinition
from tests.rapporter.bok import Bok
from tests.rapporter.seeds import helsingborg, soderasen


def _u(name, forbund, **kw):
    return reverse(f"rapporter:{name}", kwargs={"orgnr": forbund.orgnr, **kw})


def test_index_lists_reports_per_year(forbund, styrelse, client_as):
    Bok(forbund).rakenskapsar(2024)
    sida = client_as(styrelse).get(_u("index", forbund)).content.decode()
    assert _u("arsredovisning", forbund, ar=2024) in sida
    assert _u("delarsrapport", forbund, ar=2024) in sida
    assert _u("verksamhetsplan", forbund, ar=2024) in sida


def test_year_without_rakenskapsar_is_404(forbund, styrelse, client_as):
    assert client_as(styrelse).get(_u("arsredovisning", forbund, ar=1999)).status_code == 404


def test_arsredovisning_page_shows_figures_and_sections(forbund, styrelse, client_as):
    helsingborg(forbund)
    sida = client_as(styrelse).get(_u("arsredovisning", forbund, ar=2013)).content.decode()
    assert "14\u00a0020,0" in sida
    assert "Förvaltningsberättelse" in sida
    assert "Kassaflödesanalys" in sida
    assert "Fastställ rapporten" not in sida  # styrelse cannot approve


def test_eget_kapital_above_the_ceiling_is_stated_as_a_positive_excess(
    forbund, styrelse, client_as
):
    helsingborg(forbund)
    sida = client_as(styrelse).get(_u("arsredovisning", forbund, ar=2013)).content.decode()
    assert "rekommenderade nivå med 3\u00a0829,9 tkr." in sida
    assert "nivå med \u22123" not in sida


def test_forbundschef_sees_the_approve_button(forbund, forbundschef, client_as):
    helsingborg(forbund)
    sida = client_as(forbundschef).get(_u("arsredovisning", forbund, ar=2013)).content.decode()
    assert "Fastställ rapporten" in sida


def test_single_statement_as_json(forbund, revisor, client_as):
    helsingborg(forbund)
    data = client_as(revisor).get(_u("balansrakning", forbund, ar=2013) + "?format=json").json()
    rader = {r["kod"]: r for r in data["balansrakning"]["rader"]}
    assert rader["ST"]["visat"] == ["7878.0", "6230.2"]


def test_delarsrapport_with_a_date_outside_the_range_is_a_form_error(forbund, styrelse, client_as):
    Bok(forbund).rakenskapsar(2019)
    response = client_as(styrelse).get(_u("delarsrapport", forbund, ar=2019) + "?till=2019-03-31")
    assert response.status_code == 400
    assert "hälften till två tredjedelar" in response.content.decode()


def test_definition_edit_saves_and_logs(forbund, forbundschef, client_as):
    Bok(forbund).rakenskapsar(2024)
    client = client_as(forbundschef)
    client.get(_u("definitioner", forbund))
    definition = Rapportdefinition.objects.get(forbund=forbund, typ="rr")
    rader = list(definition.rader.all())
    data = {
        "rader-TOTAL_FORMS": len(rader),
        "rader-INITIAL_FORMS": len(rader),
        "rader-MIN_NUM_FORMS": 0,
        "rader-MAX_NUM_FORMS": 1000,
    }
    for i, r in enumerate(rader):
        data.update(
            {
                f"rader-{i}-id": r.pk,
                f"rader-{i}-ordning": r.ordning,
                f"rader-{i}-kod": r.kod,
                f"rader-{i}-rubrik": r.rubrik,
                f"rader-{i}-typ": r.typ,
                f"rader-{i}-konton": r.konton,
                f"rader-{i}-kontotyp": r.kontotyp,
                f"rader-{i}-formel": r.formel,
                f"rader-{i}-tecken": r.tecken,
                f"rader-{i}-not_typ": r.not_typ,
            }
        )
    data["rader-0-rubrik"] = "Medlemsbidrag och andra intäkter"
    response = client.post(_u("definition-redigera", forbund, pk=definition.pk), data)
    assert response.status_code == 302
    assert definition.rader.get(kod="VI").rubrik == "Medlemsbidrag och andra intäkter"
    assert (
        Logghandelse.objects.filter(
            forbund=forbund, objekttyp="rapporter.Rapportrad", handelse="andrad"
        ).count()
        == 1
    )
    data["rader-0-konton"] = "3x"
    data["rader-1-formel"] = "ZZ"
    response = client.post(_u("definition-redigera", forbund, pk=definition.pk), data)
    assert response.status_code == 200
    assert "är inte ett kontonummer" in response.content.decode()


def test_berattelse_is_edited_by_kansli_and_shown(forbund, kansli, client_as):
    helsingborg(forbund)
    client = client_as(kansli)
    url = _u("berattelse", forbund, rapport="arsredovisning", ar=2013)
    response = client.post(
        url,
        {
            "uppdrag": "Förbundet finansierar samverkan.",
            "handelser": "",
            "maluppfyllelse": "",
            "ekonomi": "",
            "forvantad": "",
        },
    )
    assert response.status_code == 302
    assert Berattelseavsnitt.objects.get(nyckel="uppdrag").text == (
        "<p>Förbundet finansierar samverkan.</p>"
    )
    sida = client.get(_u("arsredovisning", forbund, ar=2013)).content.decode()
    assert "Förbundet finansierar samverkan." in sida


def test_berattelse_cannot_be_edited_by_styrelse(forbund, styrelse, client_as):
    Bok(forbund).rakenskapsar(2013)
    url = _u("berattelse", forbund, rapport="arsredovisning", ar=2013)
    assert client_as(styrelse).post(url, {"uppdrag": "x"}).status_code == 403


def test_prognos_override_needs_a_comment_and_is_used(forbund, kansli, client_as):
    soderasen(forbund)
    client = client_as(kansli)
    url = _u("prognos", forbund, ar=2019)
    response = client.post(url, {"radkod": "OK", "belopp": "-930 000", "kommentar": ""})
    assert response.status_code == 200
    assert not Prognosjustering.objects.exists()
    response = client.post(
        url, {"radkod": "OK", "belopp": "-930 000", "kommentar": "Lägre administrativa kostnader"}
    )
    assert response.status_code == 302
    data = client.get(_u("delarsrapport", forbund, ar=2019) + "?format=json").json()
    rader = {r["kod"]: r for r in data["resultatrakning"]["rader"]}
    assert rader["OK"]["visat"][1] == "-930"
    assert rader["OK"]["kommentar"] == "justerad: Lägre administrativa kostnader"


def test_settings_are_saved_by_forbundschef(forbund, forbundschef, client_as):
    client = client_as(forbundschef)
    response = client.post(
        _u("installningar", forbund),
        {
            "enhet_rakningar": "kr",
            "enhet_noter": "kr",
            "redovisningsprinciper": "Text",
            "ansvarsforbindelser": "Pensionsåtagande",
            "ansvarsforbindelser_kr": "12 000",
            "revisionskonton": "4630",
            "likvida_konton": "19",
            "kapitaltak": "7000000:20; :15",
            "delar_br_jamforelse": "arsskifte",
        },
    )
    assert response.status_code == 302
    inst = forbund.rapportinstallning
    assert inst.kapitaltak == [[7_000_000, 20], [None, 15]]
    assert inst.ansvarsforbindelser_belopp == 1_200_000


def test_settings_reject_a_staircase_without_a_last_step(forbund, forbundschef, client_as):
    response = client_as(forbundschef).post(
        _u("installningar", forbund),
        {
            "enhet_rakningar": "kr",
            "enhet_noter": "kr",
            "likvida_konton": "19",
            "kapitaltak": "7000000:20",
            "delar_br_jamforelse": "arsskifte",
        },
    )
    assert response.status_code == 200
    assert "Sista steget" in response.content.decode()


def test_command_writes_json(forbund, tmp_path):
    soderasen(forbund)
    out = tmp_path / "d.json"
    call_command(
        "report",
        "delarsrapport",
        "--forbund",
        forbund.orgnr,
        "--year",
        "2019",
        "--until",
        "2019-08-31",
        "--format",
        "json",
        "-o",
        str(out),
    )
    data = json.loads(out.read_text())
    assert data["period"] == ["2019-01-01", "2019-08-31"]


def test_command_writes_pdf(forbund, tmp_path):
    helsingborg(forbund)
    out = tmp_path / "a.pdf"
    call_command(
        "report",
        "arsredovisning",
        "--forbund",
        forbund.orgnr,
        "--year",
        "2013",
        "--format",
        "pdf",
        "-o",
        str(out),
    )
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "args, fel",
    [
        (["--forbund", "222000-9999", "--year", "2013"], "Inget förbund"),
        (["--forbund", "222000-1008", "--year", "2019"], "--until"),
        (["--forbund", "222000-1008", "--year", "2019", "--until", "2019-02-28"], "tredjedelar"),
    ],
)
def test_command_refuses_bad_input(forbund, tmp_path, args, fel):
    with pytest.raises(CommandError, match=fel):
        typ = "delarsrapport" if "2019" in args else "arsredovisning"
        call_command("report", typ, *args, "-o", str(tmp_path / "x"))


def test_unit_can_be_chosen_per_report(forbund, styrelse, client_as):
    helsingborg(forbund)
    url = _u("arsredovisning", forbund, ar=2013) + "?format=json&enhet=kr"
    data = client_as(styrelse).get(url).json()
    rader = {r["kod"]: r for r in data["resultatrakning"]["rader"]}
    assert data["resultatrakning"]["enhet"] == "kr"
    assert rader["AR"]["visat"] == ["167600", "-6059600"]
