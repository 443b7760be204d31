import pytest
from django.core.management import CommandError, call_command

from ekonomi.models import Verifikation
from forbund.models import Forbund
from tests.sie.conftest import A1, A2, FILER, HUVUD

pytestmark = pytest.mark.django_db


def test_import_sie_selects_the_forbund_by_orgnr(tmp_path, forbund, capsys):
    fil = tmp_path / "bok.se"
    fil.write_text(HUVUD + A1 + A2, encoding="cp437")
    call_command("import_sie", str(fil), "--forbund", "2220001008")
    assert Verifikation.objects.filter(serie__kod="A").count() == 2
    assert "verifikationer_nya: 2" in capsys.readouterr().out


def test_import_sie_creates_the_forbund_from_the_file(capsys):
    call_command("import_sie", str(FILER / "rtrans_btrans_cp437.se"))
    assert Forbund.objects.get().namn == "Samordningsförbundet Älvdalen"
    assert "verifikationer_nya: 4" in capsys.readouterr().out


def test_import_sie_fails_with_the_line_on_a_bad_file():
    with pytest.raises(CommandError, match=r"konto_ej_numeriskt.se: rad 63: kontonumret ”DIFF”"):
        call_command("import_sie", str(FILER / "konto_ej_numeriskt.se"))
    assert not Forbund.objects.exists()


def test_import_sie_dry_run_saves_nothing(tmp_path, forbund):
    fil = tmp_path / "bok.se"
    fil.write_text(HUVUD + A1, encoding="utf-8")
    call_command("import_sie", str(fil), "--forbund", forbund.orgnr, "--dry-run")
    assert not Verifikation.objects.exists()


def test_import_sie_rejects_an_unknown_forbund(tmp_path):
    fil = tmp_path / "bok.se"
    fil.write_text(HUVUD, encoding="utf-8")
    with pytest.raises(CommandError, match="Förbundet 222000-9999 finns inte"):
        call_command("import_sie", str(fil), "--forbund", "222000-9999")


def test_export_sie_writes_the_year(tmp_path, forbund):
    fil = tmp_path / "bok.se"
    fil.write_text(HUVUD + A1, encoding="utf-8")
    call_command("import_sie", str(fil), "--forbund", forbund.orgnr)
    ut = tmp_path / "ut.se"
    call_command(
        "export_sie", "--forbund", forbund.orgnr, "--year", "2024", "--type", "4", "-o", str(ut)
    )
    data = ut.read_bytes()
    assert b"#SIETYP 4" in data and b'#VER "A" 1 20240115' in data


def test_export_sie_fails_clearly_without_the_year(tmp_path, forbund):
    with pytest.raises(CommandError, match="har inget räkenskapsår 2030"):
        call_command(
            "export_sie", "--forbund", forbund.orgnr, "--year", "2030", "-o", str(tmp_path / "x")
        )
