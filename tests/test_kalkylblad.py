"""Excel uploads are read within fixed limits (issue 17.2, finsam/kalkylblad.py)."""

from django.core.exceptions import ValidationError

from finsam import kalkylblad
from tests import kalkylbomber as b

RADER = [["konto", "objekt", "manad", "belopp"], [6590, None, None, 100]]
MB = 1024 * 1024


def _las(data: bytes, **kw):
    return kalkylblad.las_xlsx(data, max_rader=kw.get("max_rader", 1000), max_kolumner=4)


def _fel(exc) -> str:
    assert isinstance(exc, ValidationError), exc
    return " ".join(exc.message_dict["fil"])


def test_an_ordinary_workbook_is_read_four_columns_wide():
    assert _las(b.arbetsbok(RADER)) == [
        ("konto", "objekt", "manad", "belopp"),
        (6590, None, None, 100),
    ]


def test_a_declared_dimension_of_the_whole_sheet_is_ignored():
    data = b.deklarerad_dimension(RADER)
    assert len(data) < 20_000
    rader, topp = b.topp_minne(lambda: _las(data))
    assert rader == [("konto", "objekt", "manad", "belopp"), (6590, None, None, 100)]
    assert topp < 10 * MB


def test_values_far_to_the_right_are_not_padded_into_memory():
    data = b.breda_rader(RADER, antal=200)
    rader, topp = b.topp_minne(lambda: _las(data))
    assert len(rader) == 202
    assert {len(r) for r in rader} == {4}
    assert topp < 10 * MB


def test_a_value_in_the_last_row_is_refused_at_the_row_limit():
    data = b.sista_raden(RADER)
    fel, topp = b.topp_minne(lambda: _las(data, max_rader=1000))
    assert _fel(fel) == (
        "Filen har fler än 1000 rader; gränsen för import är 1000 rader (rubrikraden medräknad)."
    )
    assert topp < 10 * MB


def test_huge_shared_strings_are_refused_before_they_are_parsed():
    data = b.stora_delade_strangar(RADER, megabyte=60)
    assert len(data) < 1 * MB
    fel, topp = b.topp_minne(lambda: _las(data))
    assert "packas upp till 60" in _fel(fel)
    assert "gränsen för import är 25 MB" in _fel(fel)
    assert topp < 10 * MB


def test_a_zip_bomb_is_refused_by_its_packing_ratio():
    data = b.zipbomb(RADER, megabyte=20)
    assert len(data) < 1 * MB
    fel, topp = b.topp_minne(lambda: _las(data))
    assert "packad mer än 100 gånger" in _fel(fel)
    assert "xl/worksheets/sheet1.xml" in _fel(fel)
    assert topp < 10 * MB


def test_a_zip_bomb_past_the_unpacked_limit_is_refused():
    data = b.zipbomb(RADER, megabyte=60)
    fel, topp = b.topp_minne(lambda: _las(data))
    assert "gränsen för import är 25 MB" in _fel(fel)
    assert topp < 10 * MB


def test_a_file_over_the_size_limit_is_refused():
    fel, _ = b.topp_minne(lambda: _las(b"PK" + b"\0" * (5 * MB)))
    assert _fel(fel) == "Filen är större än 5 MB, som är gränsen för import."


def test_a_file_that_is_not_a_zip_is_refused():
    fel, _ = b.topp_minne(lambda: _las(b"konto;objekt\n"))
    assert _fel(fel) == "Filen går inte att läsa som Excel (.xlsx)."
