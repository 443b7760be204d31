"""Approval tied to the styrelse's decision: the confirmation lists the periods that lock,
the PDF of a draft says UTKAST, the approved one "Fastställd … § …" and signs with the
decision's date."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from ekonomi.models import Period
from forbund.models import Beslut, Forbund, Sammantrade
from rapporter.models import Rapport
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


def _beslut(forbund, datum, paragraf, typ="arsredovisning") -> Beslut:
    mote, _ = Sammantrade.objects.get_or_create(forbund=forbund, datum=datum)
    return Beslut.objects.create(
        sammantrade=mote, paragraf=paragraf, rubrik="Årsredovisning 2013", typ=typ
    )


def _bekrafta(forbund):
    url = reverse("rapporter:faststall-bekrafta", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    return url + "?typ=arsredovisning"


def _text(pdf: bytes) -> str:
    ut = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(ut.stdout.decode().split())


def test_confirmation_lists_the_periods_that_lock_and_the_decisions(
    forbund, forbundschef, client_as, bok
):
    _beslut(forbund, D(2014, 3, 21), "41")
    _beslut(forbund, D(2014, 3, 21), "5")
    _beslut(forbund, D(2014, 3, 21), "6", typ="budget")
    Period.objects.filter(start=D(2013, 1, 1)).update(last=True)
    sida = client_as(forbundschef).get(_bekrafta(forbund)).content.decode()
    assert "2013-12-01 – 2013-12-31" in sida and "2013-01-01 – 2013-01-31" not in sida
    assert sida.index("§ 5 ") < sida.index("§ 41 ")
    assert "§ 6 " not in sida  # a budget decision does not approve an årsredovisning


def test_approval_without_a_decision_is_refused_at_the_confirmation(
    forbund, forbundschef, client_as, bok
):
    annat = Forbund.objects.create(namn="Annat förbund", orgnr="222000-1016")
    fel = _beslut(annat, D(2014, 3, 21), "5")
    client = client_as(forbundschef)
    for beslut in ("", str(fel.pk)):
        response = client.post(
            reverse("rapporter:faststall", kwargs={"orgnr": forbund.orgnr}),
            {"typ": "arsredovisning", "ar": 2013, "bekraftat": "1", "beslut": beslut},
        )
        assert response.status_code == 302 and response["Location"].startswith(
            _bekrafta(forbund).split("?")[0]
        )
    assert not Rapport.objects.exists()
    assert not Period.objects.filter(last=True).exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) saknas")
def test_draft_says_utkast_and_approved_pdf_names_the_decision(
    forbund, forbundschef, client_as, bok
):
    client = client_as(forbundschef)
    sida = reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": 2013})
    from rapporter.rendering import render_pdf
    from rapporter.services import bygg

    utkast = _text(render_pdf(bygg(forbund=forbund, typ="arsredovisning", ar=2013)))
    assert "UTKAST" in utkast and "Fastställd av styrelsen" not in utkast
    beslut = _beslut(forbund, D(2014, 3, 21), "5")
    response = client.post(
        reverse("rapporter:faststall", kwargs={"orgnr": forbund.orgnr}),
        {"typ": "arsredovisning", "ar": 2013, "bekraftat": "1", "beslut": beslut.pk},
    )
    assert response.status_code == 302
    rapport = Rapport.objects.get(forbund=forbund)
    assert rapport.beslut == beslut
    with rapport.pdf.open("rb") as f:
        text = _text(f.read())
    assert "Fastställd av styrelsen 2014-03-21, § 5" in text
    assert "UTKAST" not in text
    assert "den 2014-03-21" in text or "den 21 mars 2014" in text
    webb = client.get(sida).content.decode()
    assert "enligt styrelsens beslut" in webb and "§ 5</a>" in webb


@pytest.mark.parametrize(
    ("datum", "typ", "motestyp", "fel"),
    [
        (
            D(2013, 6, 14),
            "delegationsordning",
            "styrelse",
            "Beslutet är fattat 2013-06-14, före rapportens slutdatum 2013-12-31.",
        ),
        (
            D(2014, 3, 21),
            "delegationsordning",
            "styrelse",
            "Beslutet § 7 Årsredovisning 2013 kan inte fastställa rapporten: välj styrelsens "
            "beslut om årsredovisning 2013, fattat mellan 2012 och 2014.",
        ),
        (
            D(2016, 3, 21),
            "arsredovisning",
            "styrelse",
            "Beslutet § 7 Årsredovisning 2013 kan inte fastställa rapporten: välj styrelsens "
            "beslut om årsredovisning 2013, fattat mellan 2012 och 2014.",
        ),
        (
            D(2014, 3, 21),
            "arsredovisning",
            "medlemssamrad",
            "Beslutet § 7 Årsredovisning 2013 kan inte fastställa rapporten: välj styrelsens "
            "beslut om årsredovisning 2013, fattat mellan 2012 och 2014.",
        ),
    ],
)
def test_a_decision_that_cannot_approve_the_report_is_refused_at_the_field(
    forbund, forbundschef, client_as, bok, datum, typ, motestyp, fel
):
    mote = Sammantrade.objects.create(forbund=forbund, datum=datum, typ=motestyp)
    beslut = Beslut.objects.create(
        sammantrade=mote, paragraf="7", rubrik="Årsredovisning 2013", typ=typ
    )
    svar = client_as(forbundschef).post(
        reverse("rapporter:faststall", kwargs={"orgnr": forbund.orgnr}),
        {"typ": "arsredovisning", "ar": 2013, "bekraftat": "1", "beslut": beslut.pk},
    )
    assert svar.status_code == 400
    sida = " ".join(svar.content.decode().split())
    assert f'<p class="error" id="id_beslut_fel" role="alert">{fel}</p>' in sida.replace(
        "&quot;", '"'
    )
    assert not Rapport.objects.exists()
    assert not Period.objects.filter(last=True).exists()


def test_the_confirmation_offers_only_decisions_after_the_period_end(
    forbund, forbundschef, client_as, bok
):
    _beslut(forbund, D(2013, 11, 29), "3")  # before 31 December: cannot approve 2013
    _beslut(forbund, D(2014, 3, 21), "5")
    sida = client_as(forbundschef).get(_bekrafta(forbund)).content.decode()
    assert "§ 5 " in sida and "§ 3 " not in sida
