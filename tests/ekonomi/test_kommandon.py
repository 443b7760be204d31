import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ekonomi import services

D = datetime.date


@pytest.fixture
def bokforing(ar, bokfor, forbundschef):
    services.ingaende_balans_skapa(
        rakenskapsar=ar, saldon={"1930": 100000, "2010": -100000}, user=forbundschef
    )
    bokfor(D(2024, 3, 1), [("1930", 123456), ("3511", -123456)])
    bokfor(D(2024, 9, 1), [("4610", 50000), ("1930", -50000)])


def test_saldobalans_as_csv(bokforing, forbund):
    out = StringIO()
    call_command("saldobalans", "--forbund", forbund.orgnr, "--year", "2024", stdout=out)
    rader = out.getvalue().splitlines()
    assert rader[0] == "konto;namn;typ;ib;forandring;ub"
    assert "1930;Bank;T;1000.00;734.56;1734.56" in rader


def test_saldobalans_as_json_until_a_date(bokforing, forbund):
    out = StringIO()
    call_command(
        "saldobalans",
        "--forbund",
        forbund.orgnr,
        "--year",
        "2024",
        "--until",
        "2024-06-30",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    konton = {k["konto"]: k for k in data["konton"]}
    assert konton["1930"]["ub"] == "2234.56"
    assert "4610" not in konton
    assert data["summa_ub"] == "0.00"


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--forbund", "999999-9999", "--year", "2024"], "finns inte"),
        (["--forbund", "222000-1008", "--year", "1999"], "inget räkenskapsår"),
        (
            ["--forbund", "222000-1008", "--year", "2024", "--until", "2024-13-01"],
            "inte ett datum",
        ),
        (["--forbund", "222000-1008", "--year", "2024", "--until", "2025-01-01"], "utanför"),
    ],
)
def test_saldobalans_bad_input_fails_clearly(bokforing, args, text):
    with pytest.raises(CommandError, match=text):
        call_command("saldobalans", *args, stdout=StringIO())
