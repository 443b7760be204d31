"""Verksamhetsplan med budget like seed 002 (NNV Skåne 2020–2022): intäkter per member,
kostnader per post and per insats, årets resultat and accumulated capital."""

import datetime

import pytest

from forbund.models import Medlem
from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan
from tests.rapporter.bok import Bok

MEDLEMMAR = [
    ("Staten (AF/FK)", "fk", "3511", 3_251_000),
    ("Region Skåne", "region", "3512", 1_625_500),
    ("Båstads kommun", "kommun", "3513", 247_000),
    ("Klippans kommun", "kommun", "3514", 318_700),
    ("Perstorps kommun", "kommun", "3515", 133_300),
    ("Ängelholms kommun", "kommun", "3516", 747_700),
    ("Örkelljunga kommun", "kommun", "3517", 178_800),
]
ADMIN_2020 = [
    ("5010", "Personal", 728_000),
    ("5020", "Styrelsen", 120_000),
    ("6410", "Ekonomi, mm", 120_000),
    ("6420", "Information och webb", 80_000),
    ("6430", "Revision", 50_000),
    ("6440", "Administrativt stöd (10%)", 50_000),
    ("5800", "Resor och studiebesök", 25_000),
    ("5810", "Utbildning/kompetensförstärkning", 70_000),
    ("5410", "Inventarier", 5_000),
    ("5010L", "Lokaler", 32_000),
    ("6450", "Mötesomkostnader", 90_000),
    ("5110", "Arbetsgivaravgifter", 291_000),
    ("6990", "Övrigt", 50_000),
    ("6991", "Övrigt bil & personalkostnader", 80_000),
]
INSATSER_2020 = [
    ("B", "Båstad - Klientstöd och test av metoden biblioterapi", 652_000),
    ("FK", "Första steget Klippan/Perstorp", 2_060_000),
    ("FO", "Första steget Örkelljunga", 740_000),
    ("JO", "Jämna steget Örkelljunga", 740_000),
    ("NA", "Nästa steg Ängelholm", 1_060_000),
    ("S", "Strukturella insatser och individinsatser", 1_000_000),
    ("UG", "Utvärdering Grubb", 47_880),
    ("UFK", "Utvärdering Första steget Klippan/Perstorp", 140_250),
    ("UFO", "Utvärdering Första steget/Jämna steget Örkelljunga", 108_000),
    ("UNA", "Utvärdering Nästa steg Ängelholm", 63_000),
    # The published 2020 table also lists "Strukturella insatser/individinsatser 100 000"
    # but its total (8 402 130) and result leave it out; 2021 and 2022 count it.
]


@pytest.fixture
def plan(forbund):
    forbund.medlemmar.all().delete()
    for namn, typ, konto, _ in MEDLEMMAR:
        Medlem.objects.create(forbund=forbund, namn=namn, typ=typ, intaktskonton=konto)
    b = Bok(forbund)
    for konto, namn, _ in ADMIN_2020:
        b.konto(konto.rstrip("L") if konto != "5010L" else "5060", namn)
    for kod, namn, _ in INSATSER_2020:
        b.insats(kod, namn)
    b.insats("US", "Strukturella insatser/individinsatser, utvärdering")
    # The ledger's 2019: opening capital 4 000 000 and a result of 507 164.
    b.ib(2019, [("1930", 4_000_000), ("2010", -4_000_000)])
    b.ver(datetime.date(2019, 6, 1), [("1930", 507_164), ("3590", -507_164)])

    def budgetrader(admin, insatser):
        rader = [(konto, -kr) for _, _, konto, kr in [(0, 0, m[2], m[3]) for m in MEDLEMMAR]]
        rader += [("5060" if k == "5010L" else k, kr) for k, _, kr in admin]
        rader += [("4590", kr, kod) for kod, _, kr in insatser]
        return rader

    b.budget(2020, budgetrader(ADMIN_2020, INSATSER_2020), namn="Budget 2020")
    admin21 = [
        (k, n, {"5010": 757_000, "5010L": 33_000, "5110": 303_000}.get(k, kr))
        for k, n, kr in ADMIN_2020
    ]
    ins21 = [
        (k, n, {"B": 435_000, "NA": 1_110_000, "UG": 31_920}.get(k, kr))
        for k, n, kr in INSATSER_2020
    ] + [("US", "", 100_000)]
    b.budget(2021, budgetrader(admin21, ins21), typ="prognos", namn="Prognos 2021")
    admin22 = [
        (k, n, {"5010": 787_280, "5010L": 33_000, "5110": 315_000}.get(k, kr))
        for k, n, kr in ADMIN_2020
    ]
    ins22 = [
        ("FK", "", 2_060_000),
        ("NA", "", 555_000),
        ("S", "", 1_700_000),
        ("UFK", "", 140_250),
        ("UNA", "", 33_000),
        ("US", "", 170_000),
    ]
    b.budget(2022, budgetrader(admin22, ins22), typ="prognos", namn="Prognos 2022")
    return bygg_verksamhetsplan(forbund=forbund, ar=2020, idag=datetime.date(2020, 2, 1))


def _rad(plan, rubrik):
    rad = next(r for r in plan.tabell.rader if r.rubrik == rubrik)
    return [int(v) for v in rad.visat]


def test_columns_are_the_budget_year_and_two_prognosis_years(plan):
    assert plan.tabell.kolumner == ["2020", "2021 (prognos)", "2022 (prognos)"]
    assert plan.versioner == ["Budget 2020", "Prognos 2021", "Prognos 2022"]


def test_intakter_per_member(plan):
    assert _rad(plan, "Staten (AF/FK)") == [3_251_000] * 3
    assert _rad(plan, "Båstads kommun") == [247_000] * 3
    assert _rad(plan, "Ängelholms kommun") == [747_700] * 3
    assert _rad(plan, "Summa intäkter") == [6_502_000] * 3


def test_kostnader_per_post_and_per_insats(plan):
    assert _rad(plan, "Personal") == [-728_000, -757_000, -787_280]
    assert _rad(plan, "Arbetsgivaravgifter") == [-291_000, -303_000, -315_000]
    assert _rad(plan, "Första steget Klippan/Perstorp") == [-2_060_000] * 3
    assert _rad(plan, "Nästa steg Ängelholm") == [-1_060_000, -1_110_000, -555_000]
    assert _rad(plan, "Summa kostnader") == [-8_402_130, -8_361_170, -6_533_530]


def test_arets_resultat_and_accumulated_capital(plan):
    assert _rad(plan, "Årets resultat") == [-1_900_130, -1_859_170, -31_530]
    kapital = {r.kod: [int(v) for v in r.visat] for r in plan.kapital.rader}
    assert kapital["IB"] == [4_507_164, 2_607_034, 747_864]
    assert kapital["UB"] == [2_607_034, 747_864, 716_334]


def test_plan_made_before_year_end_opens_with_the_forecast(forbund):
    b = Bok(forbund)
    b.ib(2019, [("1930", 4_000_000), ("2010", -4_000_000)])
    b.ver(datetime.date(2019, 3, 1), [("1930", 100_000), ("3511", -100_000)])
    b.budget(
        2019,
        [("3511", -6_000_000), ("4590", 5_500_000)],
        typ="prognos",
        namn="Prognos 2019 (delår)",
    )
    b.budget(2020, [("3511", -6_000_000), ("4590", 6_200_000)], namn="Budget 2020")
    plan = bygg_verksamhetsplan(forbund=forbund, ar=2020, idag=datetime.date(2019, 11, 15))
    kapital = {r.kod: [None if v is None else int(v) for v in r.visat] for r in plan.kapital.rader}
    # no prognosis versions for 2021 and 2022: their capital is not stated (issue 13.2)
    assert kapital["IB"] == [4_500_000, 4_300_000, None]
    assert kapital["UB"] == [4_300_000, None, None]
    assert plan.saknas_nycklar["prognos"].text == "budgetprognos för 2021 och 2022"
    assert plan.ingaende_kalla == "Prognos 2019 (delår)"
    efter = bygg_verksamhetsplan(forbund=forbund, ar=2020, idag=datetime.date(2020, 2, 1))
    assert int(efter.kapital.rader[0].visat[0]) == 4_100_000
    assert efter.ingaende_kalla == "bokföringen"
