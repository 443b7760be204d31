"""The demo's documents: the 2013 årsredovisning has a text in every section that seed
000's förvaltningsberättelse has (chapters 1–7, per process results and evaluations),
and the 2014 verksamhetsplan shows the 2014 grants from the register and its budget."""

from io import StringIO

from django.core.management import call_command

from forbund.models import Forbund
from rapporter.services import bygg


def test_demo_documents(db):
    call_command("load_demo", stdout=StringIO())
    forbund = Forbund.objects.get()
    ar = bygg(forbund=forbund, typ="arsredovisning", ar=2013)
    med_text = {a.nyckel for a in ar.avsnitt if a.text}
    # Seed 000: 1 uppdrag och mål, 2 organisation, 3 kontaktarenor, 4 resultat, 5 medel
    # 2014 (förväntad utveckling), 6 processer, 7 ekonomisk redogörelse; plus the year.
    assert {
        "uppdrag",
        "styrelse",
        "samverkan",
        "maluppfyllelse",
        "forvantad",
        "insatser",
        "ekonomi",
        "handelser",
    } <= med_text
    processer = {r.insats.namn: r for r in ar.insatser_rapport}
    assert "144 personer" in processer["Samordningsgruppen"].resultat_text
    assert "Oxford Research" in processer["Kultur på recept 2.0"].utvardering_text
    vp = bygg(forbund=forbund, typ="verksamhetsplan", ar=2014)
    assert {m.insats.namn for m in vp.beviljade} >= {"IPS", "OK", "Unga 16–20", "Drottninghög"}
    assert vp.beviljat_totalt == sum(m.belopp for m in vp.beviljade) > 0
    # Its budget (seed 000 chapter 5): the members' 12 mkr frame, each 2014 grant on its
    # process (14 811 tkr), the 2013 budget's administration (1 700 tkr) and interest.
    assert (vp.versioner[0], vp.har_budget) == ("Budget 2014", [True, False, False])
    budget = {r.rubrik: r.belopp[0] for r in vp.tabell.rader if r.typ != "rubrik"}
    assert [budget[m] for m in ("Försäkringskassan", "Region Skåne", "Helsingborgs stad")] == [
        300_000_000,
        300_000_000,
        300_000_000,
    ]
    assert {m.insats.namn: -budget[m.insats.namn] for m in vp.beviljade} == {
        m.insats.namn: m.belopp for m in vp.beviljade
    }
    assert (budget["Summa intäkter"], budget["Summa kostnader"], budget["Årets resultat"]) == (
        1_208_000_000,
        -1_651_100_000,
        -443_100_000,
    )
    # Eget kapital 5 929,9 tkr at the end of 2013 (BR 2013) to 1 498,9 tkr.
    assert [r.belopp[0] for r in vp.kapital.rader] == [592_990_000, -443_100_000, 149_890_000]
    assert "budget" not in {s.nyckel for s in vp.saknas}


def _text(html: str) -> str:
    import html as h
    import re

    return re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", html)))


def test_goal_outcomes_stop_at_the_period_end_and_a_hidden_outcome_is_never_judged(db):
    import datetime

    from rapporter.rendering import render_pdf_html

    call_command("load_demo", stdout=StringIO())
    forbund = Forbund.objects.get()
    delar = bygg(forbund=forbund, typ="delarsrapport", ar=2013, till=datetime.date(2013, 8, 31))
    bedomt = {
        (r.insats.namn, r.mal.mal.beskrivning): (r.mal.utfall_text, r.bedomning)
        for r in delar.malrader
    }
    # The inspiration day (105 chefs) was 14 November and HIT's training is measured at
    # the year end: on 31 August neither has happened, and the year is not over.
    vantar = "Kan inte bedömas (målperioden slutar 2013-12-31)"
    assert bedomt["Kompetens i samverkan", "Minst 100 chefer på inspirationsdagen 2013"] == (
        "0",
        vantar,
    )
    assert bedomt["HIT-processen", "Minst 14 medarbetare utbildade 2013"] == ("0", vantar)
    text = _text(render_pdf_html(delar))
    assert (
        "105 (mål minst 100)" not in text
        and "Minst 14 medarbetare utbildade 2013 minst 14 14" not in text
    )
    assert "Minst 100 chefer på inspirationsdagen 2013 minst 100 0 Kan inte bedömas" in text
    ar = bygg(forbund=forbund, typ="arsredovisning", ar=2013)
    bedomt = {
        (r.insats.namn, r.mal.mal.beskrivning): (r.mal.utfall_text, r.bedomning)
        for r in ar.malrader
    }
    assert bedomt["Kompetens i samverkan", "Minst 100 chefer på inspirationsdagen 2013"] == (
        "105",
        "Uppfyllt",
    )
    # Suppressed shares: the same words in 1.5, the insats table and the chart label.
    gps = ("GPS – Navigera rätt", "Minst 30 % av de avslutade till arbete eller studier 2013")
    plantera = ("PlantEra PlantÅra", "Minst 40 % av de avslutade till arbete eller studier 2013")
    assert bedomt[gps] == ("–", "Kan inte bedömas") and bedomt[plantera] == bedomt[gps]
    text = _text(render_pdf_html(ar))
    for _insats, mal in (gps, plantera):
        andel = mal[6:8]
        assert f"{mal} minst {andel} % – Kan inte bedömas" in text  # 1.5 and the insats table
        assert f"{mal} minst {andel} % – Ej uppfyllt" not in text
        assert f"(mål minst {andel} %) – ej uppfyllt" not in text  # a chart label
    # GPS's chart draws its other goal, so the suppressed one has a label (PlantEra's
    # chart has nothing to draw and is left out).
    assert f"{gps[1]}: – (mål minst 30 %) – kan inte bedömas" in text


def test_the_signature_page_says_who_appointed_each_revisor(db):
    from rapporter.rendering import render_pdf_html

    call_command("load_demo", stdout=StringIO())
    ar = bygg(forbund=Forbund.objects.get(), typ="arsredovisning", ar=2013)
    underskrifter = _text(render_pdf_html(ar)).split("Underskrifter")[-1]
    for r in ar.organisation.revisorer:
        for m in r.utsedd_av.all():
            assert m.namn in underskrifter.split("Revisorer")[-1]
    assert "utsedd av" in underskrifter
