"""Seed 000: Helsingborg's årsredovisning 2013 with 2012, reproduced to the last digit
from a ledger built here (printed tkr figures, one decimal)."""

from decimal import Decimal

import pytest

from rapporter.builders.arsredovisning import bygg_arsredovisning
from tests.rapporter.seeds import helsingborg


@pytest.fixture
def ar2013(forbund):
    helsingborg(forbund)
    return bygg_arsredovisning(forbund=forbund, ar=2013, med_budget=False)


def _visat(tabell, kod):
    return [str(v) for v in tabell.rad(kod).visat]


def _post(tabell, rubrik):
    rad = next(r for r in tabell.rader if r.rubrik == rubrik)
    return [str(v) for v in rad.visat]


def _not(rapport, rubrik):
    return next(n for n in rapport.noter if n.rubrik == rubrik).tabell


def test_resultatrakning_matches_the_published_figures(ar2013):
    rr = ar2013.resultatrakning
    assert rr.kolumner == ["2013", "2012"]
    assert _visat(rr, "MI") == ["14000.0", "6000.0"]
    assert _visat(rr, "OI") == ["20.0", "230.4"]
    assert _visat(rr, "SI") == ["14020.0", "6230.4"]
    assert _visat(rr, "EXT") == ["13156.4", "11805.9"]
    assert _visat(rr, "PER") == ["783.8", "720.2"]
    assert _visat(rr, "SK") == ["13940.2", "12526.1"]
    assert _visat(rr, "RFF") == ["79.8", "-6295.7"]
    assert _visat(rr, "FI") == ["87.8", "236.1"]
    assert _visat(rr, "AR") == ["167.6", "-6059.6"]


def test_balansrakning_matches_the_published_figures(ar2013):
    br = ar2013.balansrakning
    assert _visat(br, "KF") == ["1843.9", "66.3"]
    assert _visat(br, "AV") == ["6034.0", "6163.9"]
    assert _visat(br, "SO") == ["7878.0", "6230.2"]
    assert _visat(br, "ST") == ["7878.0", "6230.2"]
    assert _visat(br, "BAL") == ["5762.3", "11821.9"]
    assert _visat(br, "ARE") == ["167.6", "-6059.6"]
    assert _visat(br, "SEK") == ["5929.9", "5762.3"]
    assert _visat(br, "KS") == ["1948.1", "467.9"]
    assert _visat(br, "SUM") == ["7878.0", "6230.2"]


def test_kassaflodesanalys_matches_the_published_figures(ar2013):
    kf = ar2013.kassaflodesanalys
    assert _visat(kf, "AR") == ["167.6", "-6059.6"]
    assert _visat(kf, "FO") == ["-1777.6", "-66.3"]
    assert _visat(kf, "KS") == ["1480.2", "467.9"]
    assert _visat(kf, "KF") == ["-129.8", "-5658.0"]
    assert _visat(kf, "LMB") == ["6163.9", "11821.9"]
    assert _visat(kf, "LMS") == ["6034.0", "6163.9"]


def test_kassaflode_reconciles_exactly_to_the_change_in_likvida_medel(ar2013):
    assert [(a.kassaflode, a.forandring_likvida) for a in ar2013.avstamning] == [
        (-12_980_100, -12_980_100),
        (-565_800_000, -565_800_000),
    ]
    assert all(a.stammer for a in ar2013.avstamning)


def test_not_medlemsinsatser_per_member(ar2013):
    tabell = _not(ar2013, "Medlemsinsatser")
    assert _post(tabell, "Försäkringskassan/Arbetsförmedlingen") == ["7000.0", "3000.0"]
    assert _post(tabell, "Region Skåne") == ["3500.0", "1500.0"]
    assert _post(tabell, "Helsingborgs stad, Utvecklingsnämnden") == ["3500.0", "1500.0"]
    assert _post(tabell, "Summa") == ["14000.0", "6000.0"]


def test_not_ovriga_intakter_per_account(ar2013):
    tabell = _not(ar2013, "Övriga intäkter")
    assert _post(tabell, "Moms retroaktivt sökt för 2011") == ["0.0", "230.4"]
    assert _post(tabell, "Sålda platser till andra kommuner") == ["20.0", "0.0"]


def test_not_lamnade_bidrag_per_insats(ar2013):
    tabell = _not(ar2013, "Externa kostnader")
    assert _post(tabell, "Samordningsgruppen") == ["3815.8", "3370.2"]
    assert _post(tabell, "GPS - Navigera rätt") == ["2646.2", "2610.5"]
    assert _post(tabell, "PlantEra PlantÅra") == ["2523.2", "2483.7"]
    assert _post(tabell, "Beroendecenter för unga") == ["659.3", "706.7"]
    assert _post(tabell, "HIT-processen") == ["1468.4", "938.2"]
    assert _post(tabell, "Kultur på recept 2.0") == ["1182.6", "855.6"]
    assert _post(tabell, "Summa insatser") == ["12295.5", "10964.9"]


def test_not_personal_per_account(ar2013):
    tabell = _not(ar2013, "Personalkostnader")
    assert _post(tabell, "Löner") == ["566.1", "522.0"]
    assert _post(tabell, "Sociala avgifter") == ["217.7", "198.2"]
    assert _post(tabell, "Summa") == ["783.8", "720.2"]


def test_not_fordringar_and_skulder_per_account(ar2013):
    fordringar = _not(ar2013, "Kortfristiga fordringar")
    assert _post(fordringar, "Fordran ingående moms") == ["93.9", "66.3"]
    assert _post(fordringar, "Medlemsinsats 2:a halvåret Hbg stad") == ["1750.0", "0.0"]
    skulder = _not(ar2013, "Kortfristiga skulder")
    assert _post(skulder, "Upplupna kostnader processer") == ["1935.1", "467.9"]
    assert _post(skulder, "Felaktigt återsökt moms") == ["13.0", "0.0"]


def test_not_eget_kapital_opening_result_closing(ar2013):
    tabell = _not(ar2013, "Eget kapital")
    assert _post(tabell, "Ingående eget kapital") == ["5762.3", "11821.9"]
    assert _post(tabell, "Årets resultat") == ["167.6", "-6059.6"]
    assert _post(tabell, "Utgående eget kapital") == ["5929.9", "5762.3"]


def test_not_revisionskostnad(ar2013):
    assert _post(_not(ar2013, "Revisionskostnad"), "Revision") == ["65.0", "60.0"]


def test_every_account_lands_in_exactly_one_line(ar2013):
    assert ar2013.kontroll.ok


def test_eget_kapital_against_the_ceiling(ar2013):
    tak = ar2013.ekonomi.tak
    assert tak.bidrag == 1_400_000_000  # 14 mkr: the second step (15 %) applies
    assert tak.procent == Decimal("15")
    assert tak.tak == 210_000_000
    assert tak.eget_kapital == 592_985_000
    assert tak.overskridet
    assert tak.marginal == -382_985_000
    assert tak.over_taket == 382_985_000


def test_cost_split_administration_and_insatser(ar2013):
    e = ar2013.ekonomi
    assert e.kostnader == 1_394_020_000
    assert e.insatser == 1_229_554_900
    assert e.administration_procent == Decimal("11.8")
    assert e.insatser_procent == Decimal("88.2")
