"""The demo's documents: the 2013 årsredovisning has a text in every section that seed
000's förvaltningsberättelse has (chapters 1–7, per process results and evaluations),
and the 2014 verksamhetsplan shows the 2014 grants from the register."""

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
