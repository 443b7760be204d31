"""The document structure per report kind, formatted narrative texts, the next year's
verksamhetsplan, Word export and the numeric order of beslut paragraphs."""

import datetime
import io
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from forbund.models import Beslut, Sammantrade
from forbund.selectors import paragrafordning
from insatser.models import BeviljadeMedel, Insats
from rapporter import services
from rapporter.models import Avsnittsval, Berattelseavsnitt, Rapporttyp
from rapporter.struktur import avsnittslista, dokumentstruktur
from rapporter.text import sanera
from tests.rapporter.bok import Bok

AR = Rapporttyp.ARSREDOVISNING
VP = Rapporttyp.VERKSAMHETSPLAN


def _u(name, forbund, **kw):
    return reverse(f"rapporter:{name}", kwargs={"orgnr": forbund.orgnr, **kw})


# --- sanitising ----------------------------------------------------------------------------


def test_pasted_word_html_keeps_structure_and_loses_everything_unsafe():
    inklistrat = (
        '<h1 style="color:red">Rubrik</h1>'
        '<p class="MsoNormal" style="margin:0" onclick="x()"><b>Fet</b> och '
        '<a href="javascript:alert(1)">farlig</a> och <a href="https://finsam.se">säker</a>'
        "<o:p></o:p></p><script>alert(1)</script><style>p{color:red}</style>"
        '<img src="http://evil.example/x.png"><ul><li>ett</li></ul>'
        '<table><tr><td style="width:5cm">1</td></tr></table>'
    )
    assert sanera(inklistrat) == (
        '<h3>Rubrik</h3><p><b>Fet</b> och <a rel="noopener noreferrer">farlig</a> och '
        '<a href="https://finsam.se" rel="noopener noreferrer">säker</a></p>'
        "<ul><li>ett</li></ul><table><tbody><tr><td>1</td></tr></tbody></table>"
    )


def test_word_clipboard_html_loses_its_title_and_keeps_its_lists_as_lists():
    # What Word 365 (sv-SE) puts on the clipboard: a whole document with head, title,
    # style and conditional comments; bullets and numbers are typed-out spans.
    urklipp = (Path(__file__).parent / "data" / "word_urklipp.html").read_text()
    assert sanera(urklipp) == (
        "<p><b>Året i korthet</b></p>\n"
        "<ul><li>Första punkten<ul><li>Underpunkt</li></ul></li>"
        "<li>Andra <b>punkten</b></li></ul>\n"
        "<ol><li>Ett</li><li>Två</li></ol>"
    )


def test_word_list_paragraphs_without_class_and_a_heading_between_lists():
    punkt = (
        "<p class=MsoNormal style='margin-left:36.0pt;text-indent:-18.0pt;"
        "mso-list:l2 level1 lfo3'><![if !supportLists]><span style='mso-list:Ignore'>"
        "{m}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>"
        "<![endif]>{t}<o:p></o:p></p>"
    )
    inklistrat = (
        punkt.format(m="a)", t="Först")
        + punkt.format(m="b)", t="Sedan")
        + "<h2>Mellanrubrik</h2>"
        + punkt.format(m="&#8211;", t="Streck")
        + "<p class=MsoNormal>Vanlig text</p>"
    )
    assert sanera(inklistrat) == (
        "<ol><li>Först</li><li>Sedan</li></ol><h3>Mellanrubrik</h3>"
        "<ul><li>Streck</li></ul><p>Vanlig text</p>"
    )


def test_plain_text_becomes_escaped_paragraphs():
    assert sanera("rad 1\n\nrad <2> & 3") == "<p>rad 1</p><p>rad &lt;2&gt; &amp; 3</p>"


# --- structure ----------------------------------------------------------------------------


def test_arsredovisning_has_the_template_sections_in_order(forbund):
    def nycklar():
        return [a.nyckel for a in dokumentstruktur(forbund=forbund, rapport=AR, ar=2013)]

    genererade = [
        "uppdrag",
        "styrelse",
        "samverkan",
        "maluppfyllelse",
        "insatser",
        "deltagare",
        "ekonomi",
        "balanskrav",
    ]
    assert nycklar() == genererade  # text-only sections without text are left out
    services.berattelse_spara(
        forbund=forbund,
        rapport=AR,
        ar=2013,
        texter={"handelser": "<p>H</p>", "forvantad": "<p>F</p>"},
        user=None,
    )
    assert nycklar() == genererade[:1] + ["handelser"] + genererade[1:] + ["forvantad"]
    assert [a.nr for a in dokumentstruktur(forbund=forbund, rapport=AR, ar=2013)][-1] == "1.10"


def _alla_avsnitt(forbund) -> dict:
    data = {}
    for i, (s, _) in enumerate(avsnittslista(forbund=forbund, rapport=AR, med_dolda=True)):
        data[f"{s.nyckel}-ordning"] = (i + 1) * 10
        data[f"{s.nyckel}-rubrik"] = s.rubrik
    return data


def test_forbund_hides_renames_reorders_and_adds_sections(forbund, forbundschef, client_as):
    Bok(forbund).rakenskapsar(2013)
    client = client_as(forbundschef)
    url = _u("avsnitt", forbund) + "?rapport=arsredovisning"
    services.berattelse_spara(
        forbund=forbund,
        rapport=AR,
        ar=2013,
        texter={"handelser": "<p>H</p>", "forvantad": "<p>F</p>"},
        user=None,
    )
    data = {"spara": "1", **_alla_avsnitt(forbund)}
    data["handelser-dold"] = "on"
    data["forvantad-ordning"] = 5
    data["uppdrag-rubrik"] = "Förbundets uppdrag och mål"
    assert client.post(url, data).status_code == 302
    assert client.post(url, {"lagg_till": "1", "rubrik": "Kontaktarenor"}).status_code == 302
    egen = Avsnittsval.objects.get(forbund=forbund, egen=True).nyckel
    services.berattelse_spara(
        forbund=forbund, rapport=AR, ar=2013, texter={egen: "<p>Fyra arenor.</p>"}, user=None
    )
    avsnitt = dokumentstruktur(forbund=forbund, rapport=AR, ar=2013)
    assert [(a.nr, a.rubrik) for a in avsnitt[:2]] == [
        ("1.1", "Förväntad utveckling"),
        ("1.2", "Förbundets uppdrag och mål"),
    ]
    assert "handelser" not in [a.nyckel for a in avsnitt]
    assert (avsnitt[-1].rubrik, avsnitt[-1].slag, avsnitt[-1].egen) == (
        "Kontaktarenor",
        "text",
        True,
    )
    sida = client.get(_u("arsredovisning", forbund, ar=2013)).content.decode()
    assert sida.count("Förbundets uppdrag och mål") == 2  # contents list and heading
    assert "Året i korthet" not in sida


def test_required_section_cannot_be_hidden(forbund, forbundschef, client_as):
    Bok(forbund).rakenskapsar(2013)
    data = {"spara": "1", **_alla_avsnitt(forbund), "ekonomi-dold": "on"}
    response = client_as(forbundschef).post(
        _u("avsnitt", forbund) + "?rapport=arsredovisning", data
    )
    assert response.status_code == 200
    assert "måste finnas med" in response.content.decode()
    assert not Avsnittsval.objects.filter(forbund=forbund, dold=True).exists()


def test_own_section_text_is_edited_and_printed(forbund, forbundschef, client_as):
    Bok(forbund).rakenskapsar(2013)
    client = client_as(forbundschef)
    client.post(
        _u("avsnitt", forbund) + "?rapport=arsredovisning",
        {"lagg_till": "1", "rubrik": "Kontaktarenor"},
    )
    nyckel = Avsnittsval.objects.get(forbund=forbund, egen=True).nyckel
    response = client.post(
        _u("berattelse", forbund, rapport=AR, ar=2013),
        {nyckel: "<p>Fyra <strong>arenor</strong>.</p><script>x()</script>"},
    )
    assert response.status_code == 302
    assert Berattelseavsnitt.objects.get(nyckel=nyckel).text == (
        "<p>Fyra <strong>arenor</strong>.</p>"
    )
    sida = client.get(_u("arsredovisning", forbund, ar=2013)).content.decode()
    assert "<p>Fyra <strong>arenor</strong>.</p>" in sida
    assert "x()" not in sida


def test_new_year_starts_from_last_years_texts(forbund, kansli, client_as):
    bok = Bok(forbund)
    bok.rakenskapsar(2013)
    bok.rakenskapsar(2014)
    services.berattelse_spara(
        forbund=forbund,
        rapport=AR,
        ar=2013,
        texter={"uppdrag": "<p>Fjolårets text</p>"},
        user=None,
    )
    sida = client_as(kansli).get(_u("berattelse", forbund, rapport=AR, ar=2014)).content.decode()
    assert "&lt;p&gt;Fjolårets text&lt;/p&gt;" in sida
    assert "kopia av förra årets" in sida
    assert not Berattelseavsnitt.objects.filter(ar=2014).exists()


# --- verksamhetsplan ----------------------------------------------------------------------


def _medel(forbund, ar: int, namn: str, kronor: int, paragraf: str) -> None:
    mote, _ = Sammantrade.objects.get_or_create(
        forbund=forbund, datum=datetime.date(ar - 1, 11, 29)
    )
    beslut = Beslut.objects.create(
        sammantrade=mote, paragraf=paragraf, rubrik=f"Medel {ar} till {namn}", typ="finansiering"
    )
    insats = Insats.objects.create(forbund=forbund, namn=namn, typ="individ")
    BeviljadeMedel.objects.create(insats=insats, ar=ar, belopp=kronor * 100, beslut=beslut)


def test_next_years_plan_is_reachable_and_shows_its_grants(forbund, styrelse, client_as):
    Bok(forbund).rakenskapsar(2013)
    _medel(forbund, 2014, "IPS", 2_426_000, "46")
    _medel(forbund, 2014, "OK", 1_455_000, "48")
    client = client_as(styrelse)
    sida = client.get(_u("verksamhetsplan", forbund, ar=2014)).content.decode()
    assert "Beviljade medel 2014" in sida
    assert "2\u00a0426\u00a0000" in sida and "3\u00a0881\u00a0000" in sida
    assert (
        _u("verksamhetsplan", forbund, ar=2014)
        in client.get(_u("index", forbund)).content.decode()
    )
    # before the first räkenskapsår: the friendly page, naming the years a plan can have
    svar = client.get(_u("verksamhetsplan", forbund, ar=2012))
    assert svar.status_code == 404 and "Ingen verksamhetsplan för 2012" in svar.content.decode()


# --- Word -----------------------------------------------------------------------------------


def test_word_export_has_headings_tables_and_page_numbers(forbund, styrelse, client_as):
    Bok(forbund).rakenskapsar(2013)
    services.berattelse_spara(
        forbund=forbund,
        rapport=AR,
        ar=2013,
        texter={"forvantad": "<p>Vi <strong>växer</strong>.</p><ul><li>Punkt</li></ul>"},
        user=None,
    )
    response = client_as(styrelse).get(_u("arsredovisning", forbund, ar=2013) + "?format=docx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    d = docx.Document(io.BytesIO(response.content))
    rubriker = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "1 Förvaltningsberättelse") in rubriker
    assert ("Heading 2", "1.9 Förväntad utveckling") in rubriker
    assert ("Heading 1", "2 Resultaträkning") in rubriker
    punkt = next(p for p in d.paragraphs if p.text == "Punkt")
    assert punkt.style.name == "List Bullet"
    vi = next(p for p in d.paragraphs if p.text == "Vi växer.")
    assert [r.bold for r in vi.runs] == [None, True, None]
    assert len(d.tables) >= 4
    assert 'instr="PAGE"' in d.sections[0].footer._element.xml


def test_report_command_writes_docx(forbund, tmp_path):
    Bok(forbund).rakenskapsar(2013)
    ut = tmp_path / "vp.docx"
    call_command(
        "report",
        "verksamhetsplan",
        forbund=forbund.orgnr,
        year=2013,
        format="docx",
        output=str(ut),
    )
    d = docx.Document(str(ut))
    # Empty text sections are left out; the goals section (3) is generated, so it stays.
    assert any(p.text == "5 Budget" for p in d.paragraphs)


# --- beslut -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fore", "efter"), [("5", "41"), ("9", "10"), ("12", "12 a"), ("99", "x")]
)
def test_beslut_paragraphs_sort_numerically(fore, efter):
    assert paragrafordning(fore) < paragrafordning(efter)


# --- per insats and year --------------------------------------------------------------------


def test_insats_results_and_evaluation_texts_are_edited_and_printed(forbund, kansli, client_as):
    from insatser.models import Utvardering
    from rapporter.struktur import insatsnyckel

    Bok(forbund).rakenskapsar(2013)
    insats = Insats.objects.create(
        forbund=forbund, namn="Steget", typ="individ", start=datetime.date(2012, 1, 1)
    )
    Utvardering.objects.create(
        insats=insats, utforare="Oxford Research", datum=datetime.date(2013, 5, 2), titel="Steg 1"
    )
    client = client_as(kansli)
    url = _u("berattelse", forbund, rapport=AR, ar=2013)
    formular = client.get(url).content.decode()
    assert "Steget: resultat" in formular and "Steget: utvärdering" in formular
    response = client.post(
        url,
        {
            insatsnyckel(insats.pk, "resultat"): "<p>66 personer till <b>arbete</b>.</p>",
            insatsnyckel(insats.pk, "utvardering"): "<p>Utvärderad 2013.</p>",
        },
    )
    assert response.status_code == 302
    sida = client.get(_u("arsredovisning", forbund, ar=2013)).content.decode()
    insatsdel = sida[sida.index("<h4>Steget</h4>") :]
    assert "<p>66 personer till <b>arbete</b>.</p>" in insatsdel
    assert "<p>Utvärderad 2013.</p>" in insatsdel
    assert "Steg 1, Oxford Research, 2013-05-02" in insatsdel


# --- cover logo -----------------------------------------------------------------------------

_INSTALLNINGAR = {
    "enhet_rakningar": "tkr1",
    "enhet_noter": "tkr1",
    "likvida_konton": "19",
    "kapitaltak": "7000000:20; :15",
    "delar_br_jamforelse": "arsskifte",
}


def _png(bredd: int, hojd: int) -> bytes:
    from PIL import Image

    ut = io.BytesIO()
    Image.new("RGB", (bredd, hojd), (10, 80, 160)).save(ut, format="PNG")
    return ut.getvalue()


@pytest.mark.parametrize(
    ("namn", "data", "fel"),
    [
        ("logo.png", b"<svg onload=alert(1)></svg>", "ingen bild som går att läsa"),
        ("logo.png", _png(3100, 10), "högst 3000 pixlar"),
        ("logo.png", b"\x89PNG" + b"0" * 1_000_001, "högst 1 MB"),
    ],
)
def test_a_logo_that_is_no_image_or_too_large_gets_a_field_error(
    forbund, forbundschef, client_as, namn, data, fel
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as(forbundschef).post(
        _u("installningar", forbund),
        {**_INSTALLNINGAR, "logotyp_fil": SimpleUploadedFile(namn, data, "image/png")},
    )
    assert response.status_code == 200
    sida = response.content.decode()
    assert 'id="id_logotyp_fil_error"' in sida and fel in sida
    from rapporter.models import Rapportinstallning

    assert not Rapportinstallning.objects.filter(forbund=forbund, logotyp__isnull=False).exists()


def test_a_logo_is_reencoded_and_printed_as_data_uri(forbund, forbundschef, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from rapporter.models import Rapportinstallning
    from rapporter.rendering import render_pdf_html
    from rapporter.services import bygg

    Bok(forbund).rakenskapsar(2013)
    client = client_as(forbundschef)
    response = client.post(
        _u("installningar", forbund),
        {**_INSTALLNINGAR, "logotyp_fil": SimpleUploadedFile("l.png", _png(1600, 400))},
    )
    assert response.status_code == 302
    lagrad = bytes(Rapportinstallning.objects.get(forbund=forbund).logotyp)
    assert Image.open(io.BytesIO(lagrad)).size == (800, 200)
    html = render_pdf_html(bygg(forbund=forbund, typ=AR, ar=2013))
    assert 'class="logotyp" src="data:image/png;base64,' in html
