"""``manage.py create_forbund``: a förbund from the command line, as in the admin."""

import pytest
from django.core.management import CommandError, call_command

from ekonomi.sie.importer import sie_importera
from forbund.models import Forbund, Logghandelse
from tests.sie.conftest import A1, HUVUD, sie

pytestmark = pytest.mark.django_db


def test_it_creates_the_forbund_with_the_standard_chart(capsys):
    call_command("create_forbund", "--orgnr", "2220001040", "--namn", "Samordningsförbundet Nyby")
    forbund = Forbund.objects.get()
    assert (forbund.orgnr, forbund.namn) == ("222000-1040", "Samordningsförbundet Nyby")
    assert forbund.konton.count() == 44
    assert sorted(forbund.dimensioner.values_list("nummer", flat=True)) == [1, 6]
    assert Logghandelse.objects.filter(forbund=forbund, handelse="skapad").exists()
    assert "Skapade Samordningsförbundet Nyby (222000-1040) med 44 konton" in (
        capsys.readouterr().out
    )


def test_the_new_forbund_takes_an_sie_import():
    call_command("create_forbund", "--orgnr", "222000-1008", "--namn", "Testbygden")
    imp = sie_importera(fil=sie(HUVUD + A1), forbund=Forbund.objects.get(), user=None)
    assert imp.sammanfattning["verifikationer_nya"] == 1


@pytest.mark.parametrize(
    ("orgnr", "fel"),
    [
        ("222000-1041", "Organisationsnumret har fel kontrollsiffra."),
        ("556000-0001", "222000-NNNN"),
        ("12345", "tio siffror"),
    ],
)
def test_a_bad_orgnr_is_refused_with_a_clear_message_and_nothing_saved(orgnr, fel):
    with pytest.raises(CommandError) as exc:
        call_command("create_forbund", "--orgnr", orgnr, "--namn", "Nyby")
    assert str(exc.value).startswith("Förbundet skapades inte: orgnr: ")
    assert fel in str(exc.value)
    assert not Forbund.objects.exists()


def test_an_existing_orgnr_is_refused_and_left_as_it_was(forbund):
    with pytest.raises(CommandError, match="Förbundet 222000-1008 finns redan"):
        call_command("create_forbund", "--orgnr", "222000-1008", "--namn", "Annat namn")
    forbund.refresh_from_db()
    assert forbund.namn == "Samordningsförbundet Testbygden"
    assert Forbund.objects.count() == 1


def test_an_empty_name_or_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="--namn får inte vara tomt"):
        call_command("create_forbund", "--orgnr", "222000-1040", "--namn", "  ")
    with pytest.raises(CommandError, match="--bildat ”2024-13-01” är inget datum"):
        call_command(
            "create_forbund", "--orgnr", "222000-1040", "--namn", "Nyby", "--bildat", "2024-13-01"
        )
    assert not Forbund.objects.exists()


def test_a_missing_argument_exits_non_zero():
    with pytest.raises(CommandError, match="--namn"):
        call_command("create_forbund", "--orgnr", "222000-1040")
