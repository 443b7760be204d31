"""The förbund's goals in the reports (issue 14.3): listed in the verksamhetsplan, followed
up in the delårsrapport and årsredovisning ("Måluppfyllelse"), "Uppgift saknas" where
nothing is registered, the same in HTML, the PDF's HTML, JSON and Word."""

import datetime
import html
import io
import json
import re
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import ValidationError

from insatser import services
from insatser.models import Forbundsmal
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.builders.delarsrapport import bygg_delarsrapport
from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan
from rapporter.models import Avsnittsval, Rapporttyp
from rapporter.rendering import render_html, render_json, render_pdf_html
from rapporter.services import rapport_faststall
from rapporter.word import render_docx
from tests.rapporter.bok import Bok

D = datetime.date


def _rader(sida: str) -> list[list[str]]:
    """The cells' text of each row of the goals table (``table.forbundsmal``)."""
    tabell = re.search(r'<table class="forbundsmal">(.*?)</table>', sida, re.S)
    assert tabell, "ingen måltabell"
    ut = []
    for rad in re.findall(r"<tr[^>]*>(.*?)</tr>", tabell.group(1), re.S):
        celler = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rad, re.S)
        ut.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in celler])
    return ut


@pytest.fixture
def mal(forbund):
    """2013's goals: an inriktningsmål with two resultatmål, one a participant count."""
    Bok(forbund).rakenskapsar(2013)
    topp = services.forbundsmal_create(
        user=None, forbund=forbund, ar=2013, slag="inriktning", text="Stödja samverkan"
    )
    dag = services.forbundsmal_create(
        user=None,
        forbund=forbund,
        ar=2013,
        slag="resultat",
        overordnat=topp,
        text="En inspirationsdag för chefer",
        matt="Antal chefer",
        malvarde=Decimal(100),
        enhet="st",
        ordning=1,
    )
    unga = services.forbundsmal_create(
        user=None,
        forbund=forbund,
        ar=2013,
        slag="resultat",
        overordnat=topp,
        text="Unga nås av förstudien",
        matt="Antal unga",
        malvarde=Decimal(10),
        enhet="deltagare",
        deltagarantal=True,
        ordning=2,
    )
    return {"topp": topp, "dag": dag, "unga": unga}


def _folj_upp(m, till):
    services.malutfall_spara(
        user=None,
        mal=m["dag"],
        till=till,
        utfall=Decimal(105),
        utfall_text="Chefer från 11 verksamheter",
        bedomning="uppfyllt",
        kommentar="Genomförd i november.",
    )
    services.malutfall_spara(
        user=None, mal=m["unga"], till=till, utfall=Decimal(3), bedomning="ej"
    )


def test_verksamhetsplan_lists_the_goals_with_measure_and_target(forbund, mal):
    dok = bygg_verksamhetsplan(forbund=forbund, ar=2013, idag=D(2012, 11, 1))
    sida = render_html(dok)
    assert _rader(sida) == [
        ["Nr", "Mål", "Mätetal", "Målvärde"],
        ["1", "Inriktningsmål: Stödja samverkan", "–", "–"],
        ["1.1", "Resultatmål: En inspirationsdag för chefer", "Antal chefer", "100\u00a0st"],
        ["1.2", "Resultatmål: Unga nås av förstudien", "Antal unga", "10\u00a0deltagare"],
    ]
    assert [a.nyckel for a in dok.avsnitt if a.nyckel == "mal"] == ["mal"]
    data = json.loads(render_json(dok))
    assert [(m["nr"], m["text"], m["malvarde"], m["enhet"]) for m in data["forbundsmal"]] == [
        ("1", "Stödja samverkan", None, ""),
        ("1.1", "En inspirationsdag för chefer", "100.00", "st"),
        ("1.2", "Unga nås av förstudien", "10.00", "deltagare"),
    ]
    assert "utfall" not in data["forbundsmal"][1]


def test_a_plan_without_goals_says_uppgift_saknas(forbund, kansli):
    Bok(forbund).rakenskapsar(2013)
    dok = bygg_verksamhetsplan(forbund=forbund, ar=2014, idag=D(2013, 11, 1))
    assert "Uppgift saknas: <a href=" in render_html(dok)
    assert "[Uppgift saknas: förbundets mål för 2014]" in render_pdf_html(dok)
    assert json.loads(render_json(dok))["forbundsmal"] == []


def test_arsredovisning_follows_up_each_goal_and_suppresses_a_small_count(forbund, mal):
    _folj_upp(mal, D(2013, 12, 31))
    dok = bygg_arsredovisning(forbund=forbund, ar=2013)
    assert _rader(render_html(dok)) == [
        ["Nr", "Mål", "Mätetal", "Målvärde", "Utfall", "Bedömning"],
        ["1", "Inriktningsmål: Stödja samverkan", "–", "–", ""],
        [
            "1.1",
            "Resultatmål: En inspirationsdag för chefer",
            "Antal chefer",
            "100\u00a0st",
            "105\u00a0st; Chefer från 11 verksamheter",
            "Uppfyllt",
        ],
        ["", "Genomförd i november."],
        [
            "1.2",
            "Resultatmål: Unga nås av förstudien",
            "Antal unga",
            "10\u00a0deltagare",
            "<5",
            "Kan inte bedömas",
        ],
    ]
    assert [s.nyckel for s in dok.saknas if s.nyckel.startswith("mal")] == []
    unga = json.loads(render_json(dok))["forbundsmal"][2]
    assert (unga["utfall"], unga["utfall_text"], unga["bedomning"]) == (
        None,
        "<5",
        "Kan inte bedömas",
    )
    assert "3" not in (unga["utfall_text"] or "")


def test_delarsrapport_shows_the_follow_up_of_its_own_date(forbund, mal):
    _folj_upp(mal, D(2013, 12, 31))
    services.malutfall_spara(
        user=None,
        mal=mal["dag"],
        till=D(2013, 8, 31),
        utfall_text="Planerad till november",
        bedomning="kan_inte",
    )
    dok = bygg_delarsrapport(forbund=forbund, ar=2013, till=D(2013, 8, 31))
    rader = _rader(render_html(dok))
    assert rader[2] == [
        "1.1",
        "Resultatmål: En inspirationsdag för chefer",
        "Antal chefer",
        "100\u00a0st",
        "Planerad till november",
        "Kan inte bedömas",
    ]
    assert rader[3] == [
        "1.2",
        "Resultatmål: Unga nås av förstudien",
        "Antal unga",
        "10\u00a0deltagare",
        "Uppgift saknas",
    ]
    saknas = {s.nyckel: s.text for s in dok.saknas}
    assert saknas["malutfall"] == "uppföljning per 2013-08-31 av förbundets mål 1.2"
    assert "[Uppgift saknas: uppföljning per 2013-08-31 av förbundets mål 1.2]" in (
        render_pdf_html(dok)
    )


def test_arsredovisning_without_goals_says_uppgift_saknas_and_cannot_be_faststalld(
    forbund, forbundschef
):
    Bok(forbund).rakenskapsar(2013)
    dok = bygg_arsredovisning(forbund=forbund, ar=2013)
    assert {s.nyckel: s.text for s in dok.saknas}["forbundsmal"] == "förbundets mål för 2013"
    assert '<table class="forbundsmal">' not in render_html(dok)
    assert "[Uppgift saknas: förbundets mål för 2013]" in render_pdf_html(dok)
    with pytest.raises(ValidationError) as fel:
        rapport_faststall(
            forbund=forbund, typ="arsredovisning", ar=2013, till=None, user=forbundschef
        )
    assert "Uppgift saknas: förbundets mål för 2013." in fel.value.messages


def test_a_hidden_maluppfyllelse_section_asks_for_no_goals(forbund):
    Bok(forbund).rakenskapsar(2013)
    Avsnittsval.objects.create(
        forbund=forbund,
        rapport=Rapporttyp.ARSREDOVISNING,
        nyckel="maluppfyllelse",
        ordning=50,
        dold=True,
    )
    dok = bygg_arsredovisning(forbund=forbund, ar=2013)
    assert "forbundsmal" not in {s.nyckel for s in dok.saknas}
    assert json.loads(render_json(dok))["forbundsmal"] is None


def test_word_export_has_the_goals_table(forbund, mal):
    _folj_upp(mal, D(2013, 12, 31))
    d = docx.Document(io.BytesIO(render_docx(bygg_arsredovisning(forbund=forbund, ar=2013))))
    # Word's text runs have plain spaces (rapporter.word normalises white space).
    tabell = next(t for t in d.tables if t.rows[0].cells[1].text == "Mål")
    assert [c.text for c in tabell.rows[2].cells] == [
        "1.1",
        "Resultatmål: En inspirationsdag för chefer",
        "Antal chefer",
        "100 st",
        "105 st; Chefer från 11 verksamheter",
        "Uppfyllt",
    ]
    assert any(p.text.startswith("Förbundets mål 2013: uppföljning per") for p in d.paragraphs)


def test_goals_of_the_demo_are_in_its_reports(db):
    from finsam import demo
    from forbund.models import Forbund

    demo.load()
    forbund = Forbund.objects.get()
    ar = bygg_arsredovisning(forbund=forbund, ar=2013)
    assert [(r.nr, r.bedomning) for r in ar.forbundsmal.rader][-2:] == [
        ("3.2", "Delvis uppfyllt"),
        ("3.3", "Kan inte bedömas"),
    ]
    assert Forbundsmal.objects.filter(forbund=forbund, ar=2014).count() == 8
    vp = bygg_verksamhetsplan(forbund=forbund, ar=2014, idag=D(2013, 11, 1))
    assert _rader(render_html(vp))[1] == [
        "1",
        "Inriktningsmål: Stabilisera och konsolidera samverkan",
        "–",
        "–",
    ]
