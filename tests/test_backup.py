"""backup_data and restore_data bring back the same books and the same uploaded files."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from ekonomi.models import Konto, Rad, Rakenskapsar, Serie, Verifikation
from finsam.backup import MEDIA, huvudbok_kontrollsumma, saldobalans
from tests.pgroller import som_agare

pytestmark = pytest.mark.django_db(transaction=True)
NYCKEL = "test-nyckel-for-sakerhetskopior"


@pytest.fixture(autouse=True)
def _nyckel(settings):
    settings.FINSAM_BACKUP_KEY = NYCKEL


def _bokfor(ar, serie, nummer, datum, text, rader):
    with transaction.atomic():
        ver = Verifikation.objects.create(rakenskapsar=ar, serie=serie, datum=datum, text=text)
        for konto, belopp in rader:
            Rad.objects.create(verifikation=ver, konto=konto, belopp=belopp, text=text)
        Verifikation.objects.filter(pk=ver.pk).update(
            status="B", nummer=nummer, bokford=timezone.now()
        )
    return ver


@pytest.fixture
def huvudbok(forbund):
    ar = Rakenskapsar.objects.create(
        forbund=forbund, start=datetime.date(2024, 1, 1), slut=datetime.date(2024, 12, 31)
    )
    bank = Konto.objects.create(forbund=forbund, nummer="1930", namn="Bank", typ="T")
    eget = Konto.objects.create(forbund=forbund, nummer="2099", namn="Eget kapital", typ="S")
    bidrag = Konto.objects.create(forbund=forbund, nummer="3511", namn="Bidrag", typ="I")
    lon = Konto.objects.create(forbund=forbund, nummer="7010", namn="Löner", typ="K")
    ib = Serie.objects.create(rakenskapsar=ar, kod="IB")
    a = Serie.objects.create(rakenskapsar=ar, kod="A")
    _bokfor(
        ar,
        ib,
        1,
        datetime.date(2024, 1, 1),
        "Ingående balans",
        [(bank, 500_000_00), (eget, -500_000_00)],
    )
    _bokfor(
        ar,
        a,
        1,
        datetime.date(2024, 1, 15),
        "Medlemsbidrag FK",
        [(bank, 1_234_567_89), (bidrag, -1_234_567_89)],
    )
    _bokfor(
        ar,
        a,
        2,
        datetime.date(2024, 2, 25),
        "Löner februari",
        [(lon, 87_654_32), (bank, -87_654_32)],
    )
    # A draft never counts in the trial balance but is part of the books all the same.
    Verifikation.objects.create(
        rakenskapsar=ar, serie=a, datum=datetime.date(2024, 3, 1), text="Utkast"
    )
    return {"ar": ar, "a": a, "bank": bank, "lon": lon}  # fmt: skip


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "underlag" / "2024").mkdir(parents=True)
    (settings.MEDIA_ROOT / "underlag" / "2024" / "faktura.pdf").write_bytes(b"%PDF-1.7 faktura")
    (settings.MEDIA_ROOT / "protokoll.pdf").write_bytes(b"%PDF-1.7 protokoll")
    return settings.MEDIA_ROOT


def _aterlas(kopia) -> None:
    """restore_data as the owner, as in production (docs/SECURITY.md: a restore needs the
    owner); the test then reads the result as the runtime role when the suite has two."""
    with som_agare():
        call_command("restore_data", kopia, "--noinput")


def _wipe_database():
    if connection.vendor == "postgresql":
        with som_agare(), connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connection.close()
    # SQLite: the online backup replaces every page of the database, schema included, so
    # the state diverged by the caller is as good as a wipe.


def test_restore_brings_back_the_same_ledger_and_files(huvudbok, media, tmp_path):
    fore = (saldobalans(), huvudbok_kontrollsumma())
    assert sum(fore[0].values()) == 0
    assert fore[1][0] == 4

    call_command("backup_data", "-o", str(tmp_path / "kopia"))

    # Diverge: one more voucher, one file lost, one file added.
    _bokfor(huvudbok["ar"], huvudbok["a"], 3, datetime.date(2024, 3, 5), "Efter kopian",
            [(huvudbok["lon"], 100), (huvudbok["bank"], -100)])  # fmt: skip
    (media / "protokoll.pdf").unlink()
    (media / "ny.txt").write_text("skapad efter kopian")
    assert huvudbok_kontrollsumma() != fore[1]
    _wipe_database()

    _aterlas(str(tmp_path / "kopia"))

    assert (saldobalans(), huvudbok_kontrollsumma()) == fore
    assert saldobalans()[("222000-1008", "1930")] == 500_000_00 + 1_234_567_89 - 87_654_32
    assert (media / "protokoll.pdf").read_bytes() == b"%PDF-1.7 protokoll"
    assert (media / "underlag" / "2024" / "faktura.pdf").read_bytes() == b"%PDF-1.7 faktura"
    assert not (media / "ny.txt").exists()
    # The restored books still obey the ledger's triggers.
    assert Verifikation.objects.filter(status="B").count() == 3


def test_manifest_records_each_part_and_the_ledger(huvudbok, media, tmp_path):
    call_command("backup_data", "-o", str(tmp_path / "kopia"))
    manifest = json.loads((tmp_path / "kopia" / "manifest.json").read_text())
    assert manifest["motor"] == connection.vendor
    assert manifest["verifikationer"] == 4
    assert manifest["huvudbok_sha256"] == huvudbok_kontrollsumma()[1]
    assert set(manifest["delar"]) == {
        "databas.dump" if connection.vendor == "postgresql" else "databas.sqlite3",
        "media.tar.gz",
    }


def test_a_damaged_backup_is_refused_and_nothing_changes(huvudbok, media, tmp_path):
    call_command("backup_data", "-o", str(tmp_path / "kopia"))
    with (tmp_path / "kopia" / "media.tar.gz").open("ab") as f:
        f.write(b"skada")
    fore = huvudbok_kontrollsumma()
    with pytest.raises(CommandError, match="media.tar.gz är skadad"):
        _aterlas(str(tmp_path / "kopia"))
    assert huvudbok_kontrollsumma() == fore


def test_backup_refuses_to_overwrite_an_existing_backup(huvudbok, media, tmp_path):
    call_command("backup_data", "-o", str(tmp_path / "kopia"))
    with pytest.raises(CommandError, match="innehåller redan"):
        call_command("backup_data", "-o", str(tmp_path / "kopia"))


def test_restore_of_a_missing_folder_fails_clearly(db, tmp_path):
    with pytest.raises(CommandError, match="Ingen läsbar manifest.json"):
        _aterlas(str(tmp_path / "finns-inte"))


def _live(media) -> tuple:
    """Everything a restore could change: the books, the trial balance, every file."""
    filer = {
        p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()
    }
    return huvudbok_kontrollsumma(), saldobalans(), Konto.objects.count(), filer


def _signera_om(kopia, andra) -> None:
    """Change the manifest with ``andra(manifest)`` and sign it again with the right key:
    a backup whose contents do not match what its (valid) manifest promises."""
    import hashlib
    import hmac

    manifest = json.loads((kopia / "manifest.json").read_text())
    andra(manifest)
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    (kopia / "manifest.json").write_bytes(data)
    sig = hmac.new(NYCKEL.encode(), data, hashlib.sha256).hexdigest()
    (kopia / "manifest.sig").write_text(sig + "\n")


def _diverge(huvudbok, media):
    _bokfor(huvudbok["ar"], huvudbok["a"], 3, datetime.date(2024, 3, 5), "Efter kopian",
            [(huvudbok["lon"], 100), (huvudbok["bank"], -100)])  # fmt: skip
    (media / "ny.txt").write_text("skapad efter kopian")


def test_a_backup_whose_ledger_does_not_match_its_manifest_leaves_live_data_identical(
    huvudbok, media, tmp_path
):
    kopia = tmp_path / "kopia"
    call_command("backup_data", "-o", str(kopia))
    _diverge(huvudbok, media)
    fore = _live(media)
    _signera_om(kopia, lambda m: m.update(huvudbok_sha256="0" * 64))
    with pytest.raises(CommandError, match="inte samma huvudbok"):
        _aterlas(str(kopia))
    assert _live(media) == fore
    assert not list(media.parent.glob(".*aterlasning*")) and not list(
        media.parent.glob(".media-*")
    )


def test_a_backup_whose_files_do_not_match_its_manifest_leaves_live_data_identical(
    huvudbok, media, tmp_path
):
    kopia = tmp_path / "kopia"
    call_command("backup_data", "-o", str(kopia))
    _diverge(huvudbok, media)
    fore = _live(media)
    _signera_om(kopia, lambda m: m["filer"].update({"protokoll.pdf": "0" * 64}))
    with pytest.raises(CommandError, match="uppladdade filerna"):
        _aterlas(str(kopia))
    assert _live(media) == fore


@pytest.mark.parametrize(
    "skada",
    [
        lambda k: (k / "manifest.sig").unlink(),
        lambda k: (k / "manifest.json").write_text(
            (k / "manifest.json").read_text().replace('"verifikationer": 4', '"verifikationer": 5')
        ),
        lambda k: (k / "manifest.sig").write_text("0" * 64),
    ],
    ids=["osignerat", "andrat-manifest", "falsk-signatur"],
)
def test_an_unsigned_or_tampered_manifest_is_refused_before_anything_changes(
    huvudbok, media, tmp_path, skada, monkeypatch
):
    from finsam import backup

    kopia = tmp_path / "kopia"
    call_command("backup_data", "-o", str(kopia))
    _diverge(huvudbok, media)
    fore = _live(media)
    skada(kopia)
    monkeypatch.setattr(backup, "_provdatabas", lambda *a: pytest.fail("återläste"))
    with pytest.raises(CommandError, match="signera|signatur"):
        _aterlas(str(kopia))
    assert _live(media) == fore


def test_a_backup_signed_with_another_key_is_refused(huvudbok, media, tmp_path, settings):
    kopia = tmp_path / "kopia"
    call_command("backup_data", "-o", str(kopia))
    settings.FINSAM_BACKUP_KEY = "en-annan-nyckel"
    with pytest.raises(CommandError, match="signatur stämmer inte"):
        _aterlas(str(kopia))


def test_backup_and_restore_need_the_key(huvudbok, media, tmp_path, settings):
    settings.FINSAM_BACKUP_KEY = ""
    with pytest.raises(CommandError, match="FINSAM_BACKUP_KEY saknas"):
        call_command("backup_data", "-o", str(tmp_path / "kopia"))
    assert not (tmp_path / "kopia" / "manifest.json").exists()


def test_a_damaged_media_archive_with_a_matching_manifest_changes_nothing(
    huvudbok, media, tmp_path
):
    import hashlib
    import io
    import tarfile

    kopia = tmp_path / "kopia"
    call_command("backup_data", "-o", str(kopia))
    _diverge(huvudbok, media)
    fore = _live(media)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        data = b"%PDF-1.7 utbytt"
        info = tarfile.TarInfo("protokoll.pdf")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    (kopia / MEDIA).write_bytes(buf.getvalue())
    sha = hashlib.sha256(buf.getvalue()).hexdigest()
    _signera_om(kopia, lambda m: m["delar"][MEDIA].update(sha256=sha, byte=len(buf.getvalue())))
    with pytest.raises(CommandError, match="uppladdade filerna"):
        _aterlas(str(kopia))
    assert _live(media) == fore
