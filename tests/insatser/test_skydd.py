"""Participants are never singled out (issue 17.3): roles without participant rights get
suppressed and rounded statistics over whole months, quarters or years only, and the
differencing attack (two windows a day apart, or nested windows) reveals nothing."""

import datetime
import re

import pytest
from django.urls import reverse

from insatser.forms import ar_hel_period
from insatser.selectors import deltagarstatistik
from insatser.selectors.statistik import avrunda_antal
from tests.insatser.conftest import deltagare

D = datetime.date


def _url(name, forbund, **kwargs):
    return reverse(f"insatser:{name}", kwargs={"orgnr": forbund.orgnr, **kwargs})


def _celler(html: str) -> dict[str, str]:
    """Row heading → first figure cell of every statistics table on the page."""
    celler = {}
    for rubrik, varde in re.findall(
        r'<th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td>', html, re.S
    ):
        celler[" ".join(re.sub(r"<[^>]+>", "", rubrik).split())] = " ".join(varde.split())
    return celler


@pytest.fixture
def tolv_kvinnor_och_en_man(kansli, insats):
    """12 women active all of 2019; one man starting on 2019-03-15 (the target)."""
    for i in range(12):
        deltagare(kansli, insats, f"K{i:02}", start=D(2019, 1, 2), kon="K")
    deltagare(kansli, insats, "M-MAL", start=D(2019, 3, 15), kon="M", aldersgrupp="60-64")
    return insats


@pytest.mark.parametrize("roll", ["styrelse", "revisor"])
def test_readers_cannot_choose_a_one_day_window(
    request, client_as, forbund, tolv_kvinnor_och_en_man, roll
):
    client = client_as(request.getfixturevalue(roll))
    insats = tolv_kvinnor_och_en_man
    response = client.get(
        _url("insats-statistik", forbund, pk=insats.pk) + "?fran=2019-03-15&till=2019-03-15"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "en hel månad, ett helt kvartal eller ett helt år" in html
    assert "2019-03-15 – 2019-03-15" not in html  # the window asked for is not shown


def test_differencing_two_windows_a_day_apart_reveals_nothing(
    client_as, styrelse, forbund, tolv_kvinnor_och_en_man
):
    """The attack from the issue: [1 Jan, 14 Mar] against [1 Jan, 15 Mar] would give the
    man away. Neither window is accepted; the nearest allowed ones (Q1 and March, nested)
    show figures whose difference is 0 or at least the threshold."""
    client = client_as(styrelse)
    insats = tolv_kvinnor_och_en_man
    bas = _url("insats-statistik", forbund, pk=insats.pk)
    fonster = {
        "mars": "?fran=2019-03-01&till=2019-03-31",
        "q1": "?fran=2019-01-01&till=2019-03-31",
        "februari": "?fran=2019-02-01&till=2019-02-28",
        "ar": "?fran=2019-01-01&till=2019-12-31",
    }
    celler = {namn: _celler(client.get(bas + q).content.decode()) for namn, q in fonster.items()}
    # Feb has 12 participants, March 13: rounded to 10 both; the man is never visible.
    assert celler["februari"]["Deltagare under perioden"] == "10"
    assert celler["mars"]["Deltagare under perioden"] == "15" or (
        celler["mars"]["Deltagare under perioden"] == "10"
    )
    for a in celler.values():
        for b in celler.values():
            for rubrik in set(a) & set(b):
                if a[rubrik].isdigit() and b[rubrik].isdigit():
                    assert abs(int(a[rubrik]) - int(b[rubrik])) in (0,) or (
                        abs(int(a[rubrik]) - int(b[rubrik])) >= 5
                    ), (rubrik, a[rubrik], b[rubrik])
    for c in celler.values():
        assert c.get("Man", "0") in ("0", "<5")
        assert c.get("60–64 år", "<5") == "<5"


def test_readers_always_get_suppressed_figures_even_without_asking(
    client_as, styrelse, forbund, tolv_kvinnor_och_en_man
):
    insats = tolv_kvinnor_och_en_man
    html = (
        client_as(styrelse)
        .get(
            _url("insats-statistik", forbund, pk=insats.pk)
            + "?fran=2019-01-01&till=2019-12-31&publicering=0"
        )
        .content.decode()
    )
    celler = _celler(html)
    assert celler["Deltagare under perioden"] == "15"  # 13 rounded to the nearest five
    assert "&lt;5" in html
    assert 'name="publicering"' not in html


def test_kansli_still_sees_exact_figures_over_any_window(
    client_as, kansli, forbund, tolv_kvinnor_och_en_man
):
    insats = tolv_kvinnor_och_en_man
    html = (
        client_as(kansli)
        .get(_url("insats-statistik", forbund, pk=insats.pk) + "?fran=2019-03-15&till=2019-03-15")
        .content.decode()
    )
    assert _celler(html)["Deltagare under perioden"] == "13"


def test_protected_statistics_never_carry_exact_small_counts(forbund, tolv_kvinnor_och_en_man):
    stat = deltagarstatistik(
        forbund=forbund,
        insats=tolv_kvinnor_och_en_man,
        fran=D(2019, 1, 1),
        till=D(2019, 12, 31),
        skyddad=True,
    )
    assert stat.publicering and stat.skyddad
    assert stat.totalt.antal == 15
    man = next(r.tal for r in stat.per_kon if r.etikett == "Man")
    assert str(man) == "<5" and man.antal == 0  # nothing exact hidden behind the text
    assert stat.kostnad_per_deltagare_ore is None  # cost / count gives the count back


def test_uppfoljning_export_is_always_suppressed(
    client_as, kansli, forbund, tolv_kvinnor_och_en_man
):
    csv = (
        client_as(kansli)
        .get(_url("uppfoljning-export", forbund) + "?ar=2019&publicering=0")
        .content.decode()
    )
    rad = next(r for r in csv.splitlines() if ";Ungsam;" in r).split(";")
    # kvinnor, män (the one man), annat, totalt: 12 would give the man away by difference.
    assert rad[4:8] == ["..", "<5", "0", "13"]


@pytest.mark.parametrize(
    ("fran", "till", "hel"),
    [
        (D(2019, 3, 1), D(2019, 3, 31), True),
        (D(2019, 2, 1), D(2019, 2, 28), True),
        (D(2019, 4, 1), D(2019, 6, 30), True),
        (D(2019, 1, 1), D(2019, 12, 31), True),
        (D(2019, 2, 1), D(2019, 4, 30), False),  # three months, not a calendar quarter
        (D(2019, 1, 1), D(2019, 3, 30), False),
        (D(2019, 3, 15), D(2019, 3, 15), False),
        (D(2019, 1, 1), D(2019, 6, 30), False),
        (D(2018, 12, 1), D(2019, 1, 31), False),
    ],
)
def test_whole_periods_are_months_quarters_and_years(fran, till, hel):
    assert ar_hel_period(fran, till) is hel


@pytest.mark.parametrize(("n", "avrundat"), [(5, 5), (7, 5), (8, 10), (12, 10), (13, 15)])
def test_counts_round_half_up_to_the_base(n, avrundat):
    assert avrunda_antal(n, 5) == avrundat


def test_styrelse_gets_delarsrapport_only_per_a_month_end(client_as, styrelse, forbund):
    from ekonomi.models import Rakenskapsar

    Rakenskapsar.objects.get_or_create(
        forbund=forbund, start=D(2019, 1, 1), defaults={"slut": D(2019, 12, 31)}
    )
    url = reverse("rapporter:delarsrapport", kwargs={"orgnr": forbund.orgnr, "ar": 2019})
    response = client_as(styrelse).get(url + "?till=2019-08-30")
    assert response.status_code == 400
    assert "månads sista dag" in response.content.decode()
