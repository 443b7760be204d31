"""The delårsrapport draft never singles out a participant (issue 17.3): for a role
without participant rights its participant figures (per insats and förbund-wide) are
suppressed, secondarily suppressed and rounded like the protected statistics, so two
month-end drafts differ by 0 or at least the base in every cell; roles with participant
rights keep the exact figures."""

import datetime
import re

import pytest
from django.urls import reverse

from ekonomi.models import Rakenskapsar
from rapporter.models import Pdfbestallning
from tests.insatser.conftest import deltagare

D = datetime.date


def _celler(html: str) -> dict[tuple[int, str], str]:
    """(table number, row heading) → the row's first figure cell, for every table on the
    page except the statements (``table.rakning``)."""
    celler = {}
    tabeller = re.findall(r"<table(?! class=\"rakning).*?</table>", html, re.S)
    for nr, tabell in enumerate(tabeller):
        for rubrik, varde in re.findall(
            r'<th[^>]*scope="row"[^>]*>(.*?)</th>\s*<td[^>]*class="num[^"]*"[^>]*>(.*?)</td>',
            tabell,
            re.S,
        ):
            text = " ".join(re.sub(r"<[^>]+>", "", rubrik).split())
            celler[(nr, text)] = " ".join(re.sub(r"<[^>]+>", "", varde).split())
    return celler


@pytest.fixture
def aprilstarten(forbund, kansli, insats, medlemmar):
    """12 women active from January 2019; one man aged 60-64, referred by the region,
    starting on 15 July (the target: the only change between June and July)."""
    Rakenskapsar.objects.get_or_create(
        forbund=forbund, start=D(2019, 1, 1), defaults={"slut": D(2019, 12, 31)}
    )
    for i in range(12):
        deltagare(
            kansli, insats, f"K{i:02}", start=D(2019, 1, 2), remitterande=medlemmar["kommun"]
        )
    deltagare(
        kansli,
        insats,
        "M-MAL",
        start=D(2019, 7, 15),
        kon="M",
        aldersgrupp="60-64",
        remitterande=medlemmar["region"],
    )
    return insats


def _rapport(client, forbund, till: str) -> str:
    url = reverse("rapporter:delarsrapport", kwargs={"orgnr": forbund.orgnr, "ar": 2019})
    svar = client.get(url + f"?till={till}")
    assert svar.status_code == 200, svar.content.decode()[-1500:]
    return svar.content.decode()


def _tal(cell: str) -> int | None:
    """A shown count ("15", "0 (–)"), or None for a hidden cell ("<5", "..", "–")."""
    m = re.match(r"(\d+)(?:\s|$)", cell)
    return int(m.group(1)) if m else None


def _deltagartabeller(html: str) -> dict[tuple[int, str], str]:
    """The participant cells of the report's statistics tables (not the statements, not
    the cost rows)."""
    return {k: v for k, v in _celler(html).items() if not k[1].startswith("Kostnad")}


@pytest.mark.parametrize("roll", ["styrelse", "revisor"])
def test_two_month_end_drafts_differ_by_0_or_at_least_5(
    request, client_as, forbund, aprilstarten, roll
):
    """The differencing attack: June's draft against July's would give away the one man
    who started in July, with his age group and referring party. Every participant cell
    shown in both is a multiple of 5, so they differ by 0 or at least 5."""
    client = client_as(request.getfixturevalue(roll))
    juni = _deltagartabeller(_rapport(client, forbund, "2019-06-30"))
    juli = _deltagartabeller(_rapport(client, forbund, "2019-07-31"))
    assert juni[(0, "Deltagare under perioden")] == "10"  # 12 exact
    assert juli[(0, "Deltagare under perioden")] == "15"  # 13 exact
    assert juli[(1, "Kön: Man")] == "&lt;5"
    assert juli[(1, "Ålder: 60–64 år")] == "&lt;5"
    assert juli[(1, "Remitterad av: Region Testland")] == "&lt;5"
    jamforda = 0
    for nyckel in set(juni) | set(juli):
        a, b = _tal(juni.get(nyckel, "0")), _tal(juli.get(nyckel, "0"))
        for v in (a, b):
            assert v is None or v % 5 == 0, (nyckel, v)
        if a is not None and b is not None:
            jamforda += 1
            assert abs(a - b) == 0 or abs(a - b) >= 5, (nyckel, a, b)
    assert jamforda >= 10  # both reports' tables (insats and förbund) were compared


def test_kansli_sees_the_exact_figures(client_as, kansli, forbund, aprilstarten):
    client = client_as(kansli)
    juni = _deltagartabeller(_rapport(client, forbund, "2019-06-30"))
    juli = _deltagartabeller(_rapport(client, forbund, "2019-07-31"))
    for nr in (0, 2):  # the insats and the whole förbund
        assert juni[(nr, "Deltagare under perioden")] == "12"
        assert juli[(nr, "Deltagare under perioden")] == "13"
        assert juli[(nr, "Nya under perioden")] == "13"
        assert juni[(nr + 1, "Kön: Kvinna")] == "12"


def test_a_readers_pdf_order_is_protected_and_cannot_fetch_an_exact_one(
    client_as, styrelse, kansli, forbund, aprilstarten, monkeypatch
):
    """The draft PDF is built by a background task from the orderer's role: protected
    for styrelse; a kansli's order (exact figures) is not served to styrelse."""
    from rapporter import rendering

    byggda = []
    monkeypatch.setattr(
        rendering, "render_pdf", lambda dokument: byggda.append(dokument) or b"%PDF-1.7"
    )
    url = reverse("rapporter:pdf-bestall", kwargs={"orgnr": forbund.orgnr})
    order = {"typ": "delarsrapport", "ar": 2019, "till": "2019-07-31"}
    client_as(kansli).post(url, order)
    client_as(styrelse).post(url, order)
    kanslis, styrelsens = Pdfbestallning.objects.order_by("pk")
    assert [d.deltagare.skyddad for d in byggda] == [False, True]
    assert [d.insatser_rapport[0].statistik.skyddad for d in byggda] == [False, True]
    assert str(byggda[0].deltagare.totalt) == "13"  # as kansli sees it
    assert str(byggda[1].deltagare.totalt) == "15"

    def fil(client, bestallning):
        return client.get(
            reverse(
                "rapporter:pdf-bestallning-fil",
                kwargs={"orgnr": forbund.orgnr, "bestallning": bestallning.pk},
            )
        ).status_code

    client = client_as(styrelse)
    assert (fil(client, kanslis), fil(client, styrelsens)) == (404, 200)
    client = client_as(kansli)
    assert (fil(client, kanslis), fil(client, styrelsens)) == (200, 200)
