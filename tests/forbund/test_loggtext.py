"""The change log in words: Swedish kind names, field verbose names, Ja/Nej, choice
labels and no raw checksums or model class names."""

from django.urls import reverse

from forbund.audit import logga
from forbund.loggtext import i_ord
from forbund.models import Logghandelse


def _handelse(forbund, forbundschef):
    medlem = forbund.medlemmar.get(typ="kommun")
    return logga(
        user=forbundschef,
        forbund=forbund,
        obj=medlem,
        handelse=Logghandelse.Handelse.ANDRAD,
        andringar={
            "typ": ["kommun", "region"],
            "tom_datum": [None, "2024-12-31"],
            "arkiverad": [False, True],
            "sha256": [None, "ab" * 32],
        },
    )


def test_an_event_reads_in_words(forbund, forbundschef):
    rad = i_ord(_handelse(forbund, forbundschef))
    assert rad.objekttyp == "Medlem"
    texter = [(a.falt, a.fore, a.efter) for a in rad.andringar]
    assert texter[0] == ("Typ", "Kommun", "Region")
    assert texter[1][1:] == ("–", "2024-12-31")
    assert texter[1][0] != "tom_datum"
    assert texter[2] == ("Arkiverad", "Nej", "Ja")
    assert texter[3][1:] == ("–", "(kontrollsumma)")


def test_the_log_page_shows_no_class_names_booleans_or_hashes(client_as, forbundschef, forbund):
    _handelse(forbund, forbundschef)
    html = (
        client_as(forbundschef)
        .get(reverse("forbund:logg", kwargs={"orgnr": forbund.orgnr}))
        .content.decode()
    )
    assert "(Medlem)" in html
    assert ">forbund.Medlem<" not in html and 'muted">forbund.Medlem' not in html
    assert "True" not in html and "False" not in html
    assert "ab" * 32 not in html
    assert "Forbundschef" in html  # the user's full name
