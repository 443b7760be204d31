"""Backup and restore of the whole installation: database and uploaded files.

A backup is a folder with three parts and a manifest:

- ``databas.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``databas.sqlite3``
  (SQLite: the online backup API, consistent while the app runs);
- ``media.tar.gz``: everything under MEDIA_ROOT (underlag, protokoll);
- ``manifest.json``: engine, time, the sha256 of each part and of each uploaded file, and
  the number of vouchers and a checksum of the ledger, so a restore can prove it brought
  back the same books;
- ``manifest.sig``: HMAC-SHA256 of the manifest's bytes with ``FINSAM_BACKUP_KEY``.

A restore refuses an unsigned or altered manifest before it touches anything, restores
into a scratch database and folder, checks the ledger checksum and every file's sha256
there, and only then replaces the live database (one transaction) and MEDIA_ROOT (a
rename). On any mismatch the live system is left exactly as it was (issue 17.7).
"""

import datetime
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Sum

from finsam.dbroll import bevilja_approll

MANIFEST = "manifest.json"
SIGNATUR = "manifest.sig"
MEDIA = "media.tar.gz"
FORMAT = 2


def _nyckel() -> bytes:
    nyckel = getattr(settings, "FINSAM_BACKUP_KEY", "")
    if not nyckel:
        raise ValidationError(
            "FINSAM_BACKUP_KEY saknas i miljön: säkerhetskopians manifest signeras och "
            "kontrolleras med den nyckeln."
        )
    return nyckel.encode()


def signatur(data: bytes) -> str:
    """HMAC-SHA256 (hex) of ``data`` with FINSAM_BACKUP_KEY."""
    return hmac.new(_nyckel(), data, hashlib.sha256).hexdigest()


def huvudbok_kontrollsumma(using: str = "default") -> tuple[int, str]:
    """(number of vouchers, sha256) over every voucher of every förbund: förbund, year,
    series, number, date, text, status and its rows (account, amount, text, objekt)."""
    from ekonomi.models import Rad, Verifikation

    rader: dict[int, list] = {}
    for rad in (
        Rad.objects.using(using)
        .order_by("verifikation_id", "id")
        .values_list("verifikation_id", "konto__nummer", "belopp", "text", "id")
        .iterator()
    ):
        rader.setdefault(rad[0], []).append([rad[1], rad[2], rad[3]])
    objekt: dict[int, list] = {}
    from ekonomi.models import RadObjekt

    for rad_id, dim, kod in (
        RadObjekt.objects.using(using)
        .order_by("rad_id", "objekt__dimension__nummer")
        .values_list("rad_id", "objekt__dimension__nummer", "objekt__kod")
    ):
        objekt.setdefault(rad_id, []).append([dim, kod])
    h = hashlib.sha256()
    antal = 0
    for v in (
        Verifikation.objects.using(using)
        .order_by(
            "rakenskapsar__forbund__orgnr", "rakenskapsar__start", "serie__kod", "nummer", "id"
        )
        .values_list(
            "id",
            "rakenskapsar__forbund__orgnr",
            "rakenskapsar__start",
            "serie__kod",
            "nummer",
            "datum",
            "text",
            "status",
        )
        .iterator()
    ):
        antal += 1
        h.update(json.dumps([str(x) for x in v[1:]], ensure_ascii=False).encode())
        h.update(json.dumps(rader.get(v[0], []), ensure_ascii=False).encode())
    for rad_id in sorted(objekt):
        h.update(json.dumps([rad_id, objekt[rad_id]]).encode())
    return antal, h.hexdigest()


def saldobalans() -> dict[tuple[str, str], int]:
    """Sum in öre of bokförda rows per (förbund orgnr, account number)."""
    from ekonomi.models import Rad

    return {
        (r["verifikation__rakenskapsar__forbund__orgnr"], r["konto__nummer"]): r["summa"]
        for r in Rad.objects.filter(verifikation__status="B")
        .values("verifikation__rakenskapsar__forbund__orgnr", "konto__nummer")
        .annotate(summa=Sum("belopp"))
        .order_by()
    }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _pg_args_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _motor() -> str:
    if connection.vendor not in ("postgresql", "sqlite"):
        raise ValidationError(f"Databasmotorn {connection.vendor} stöds inte.")
    return connection.vendor


def _media_filer(rot: Path) -> dict[str, str]:
    """sha256 per file under ``rot`` (relative POSIX path -> hex)."""
    if not rot.is_dir():
        return {}
    return {
        p.relative_to(rot).as_posix(): _sha256(p)
        for p in sorted(rot.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def backup_create(*, mal: Path) -> dict:
    """Write a backup into the folder ``mal`` (created; must not already hold a backup),
    its manifest signed with FINSAM_BACKUP_KEY (refused without the key)."""
    mal = Path(mal)
    _nyckel()
    if (mal / MANIFEST).exists():
        raise ValidationError(f"{mal} innehåller redan en säkerhetskopia.")
    mal.mkdir(parents=True, exist_ok=True)
    motor = _motor()
    antal, kontrollsumma = huvudbok_kontrollsumma()
    if motor == "postgresql":
        databas = mal / "databas.dump"
        args, env = _pg_args_env()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
             "--file", str(databas), connection.settings_dict["NAME"]],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
    else:
        databas = mal / "databas.sqlite3"
        connection.ensure_connection()
        dst = sqlite3.connect(databas)
        try:
            connection.connection.backup(dst)
        finally:
            dst.close()
    media = mal / MEDIA
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(media, "w:gz") as tar:
        if media_root.is_dir():
            for child in sorted(media_root.iterdir()):
                tar.add(child, arcname=child.name)
    manifest = {
        "format": FORMAT,
        "skapad": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "motor": motor,
        "verifikationer": antal,
        "huvudbok_sha256": kontrollsumma,
        "delar": {
            p.name: {"sha256": _sha256(p), "byte": p.stat().st_size} for p in (databas, media)
        },
        "filer": _media_filer(media_root),
    }
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    (mal / MANIFEST).write_bytes(data)
    (mal / SIGNATUR).write_text(signatur(data) + "\n")
    return manifest


def backup_verify(*, kalla: Path) -> dict:
    """Check the manifest's signature (FINSAM_BACKUP_KEY), then every part's sha256.
    Raises ValidationError for an unsigned, altered or damaged backup; reads nothing else
    and changes nothing."""
    kalla = Path(kalla)
    try:
        data = (kalla / MANIFEST).read_bytes()
    except OSError as e:
        raise ValidationError(f"Ingen läsbar {MANIFEST} i {kalla}: {e}") from e
    try:
        sig = (kalla / SIGNATUR).read_text().strip()
    except OSError as e:
        raise ValidationError(
            "Säkerhetskopians manifest är inte signerat; den läses inte tillbaka."
        ) from e
    if not hmac.compare_digest(sig, signatur(data)):
        raise ValidationError(
            "Manifestets signatur stämmer inte (fel FINSAM_BACKUP_KEY eller ändrad "
            "säkerhetskopia); ingenting har ändrats."
        )
    try:
        manifest = json.loads(data)
    except ValueError as e:
        raise ValidationError(f"Ingen läsbar {MANIFEST} i {kalla}: {e}") from e
    if manifest.get("format") != FORMAT:
        raise ValidationError(f"Okänt format på säkerhetskopian: {manifest.get('format')}.")
    for namn, del_ in manifest["delar"].items():
        path = kalla / namn
        if Path(namn).name != namn or not path.is_file():
            raise ValidationError(f"{namn} saknas i säkerhetskopian.")
        if _sha256(path) != del_["sha256"]:
            raise ValidationError(f"{namn} är skadad: kontrollsumman stämmer inte.")
    return manifest


def _kontrollera(manifest: dict, *, using: str) -> None:
    antal, kontrollsumma = huvudbok_kontrollsumma(using=using)
    if (antal, kontrollsumma) != (manifest["verifikationer"], manifest["huvudbok_sha256"]):
        raise ValidationError(
            "Återläsningen gav inte samma huvudbok som säkerhetskopian "
            f"({antal} verifikationer, kontrollsumma {kontrollsumma}); ingenting har ändrats."
        )


ALIAS = "finsam_aterlasning"


def _provdatabas(kalla: Path, motor: str, arbete: Path) -> dict:
    """Restore the backup's database into a scratch database (SQLite: a file in
    ``arbete``; PostgreSQL: a new database beside the live one) registered as ALIAS."""
    installning = dict(connections["default"].settings_dict)
    if motor == "postgresql":
        namn = f"{installning['NAME']}_aterlasning_{os.getpid()}"
        args, env = _pg_args_env()
        subprocess.run(["dropdb", "--if-exists", *args, namn], env=env, check=True,
                       capture_output=True, text=True)  # fmt: skip
        subprocess.run(["createdb", "--template=template0", *args, namn], env=env,
                       check=True, capture_output=True, text=True)  # fmt: skip
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", *args, "--dbname", namn, str(kalla / "databas.dump")],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
    else:
        namn = str(arbete / "databas.sqlite3")
        shutil.copyfile(kalla / "databas.sqlite3", namn)
    installning["NAME"] = namn
    installning["TEST"] = {**installning.get("TEST", {}), "NAME": namn}
    # A connection of its own, not an entry in DATABASES: nothing else (routers, other
    # threads, management commands) ever sees the scratch database.
    connections.settings[ALIAS] = installning
    try:
        koppling = connections.create_connection(ALIAS)
    finally:
        del connections.settings[ALIAS]
    connections[ALIAS] = koppling
    return installning


def _slapp_provdatabas(motor: str, installning: dict | None) -> None:
    koppling = getattr(connections._connections, ALIAS, None)
    if koppling is not None:
        koppling.close()
        del connections[ALIAS]
    if motor == "postgresql" and installning is not None:
        args, env = _pg_args_env()
        subprocess.run(["dropdb", "--if-exists", *args, installning["NAME"]], env=env,
                       check=False, capture_output=True, text=True)  # fmt: skip


def _packa_upp_media(kalla: Path, manifest: dict, mal: Path) -> None:
    """Unpack the files into ``mal`` and check each one's sha256 against the manifest."""
    mal.mkdir(parents=True)
    with tarfile.open(kalla / MEDIA, "r:gz") as tar:
        tar.extractall(mal, filter="data")
    if _media_filer(mal) != manifest.get("filer", {}):
        raise ValidationError(
            "De uppladdade filerna i säkerhetskopian stämmer inte med manifestet; "
            "ingenting har ändrats."
        )


def backup_restore(*, kalla: Path) -> dict:
    """Replace the database and MEDIA_ROOT with the backup in ``kalla``, but only after
    the signed manifest, each part, the ledger checksum (in a scratch database) and every
    file's sha256 (in a scratch folder) have been checked. The live database is replaced
    in one transaction (PostgreSQL: ``pg_restore --single-transaction``; SQLite: the
    online backup API), then MEDIA_ROOT by a rename. Raises ValidationError, the live
    system untouched, on any mismatch."""
    kalla = Path(kalla)
    manifest = backup_verify(kalla=kalla)
    motor = _motor()
    if manifest["motor"] != motor:
        raise ValidationError(
            f"Säkerhetskopian är från {manifest['motor']}, databasen är {motor}."
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    stamp = f"{os.getpid()}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S}"
    arbete = media_root.parent / f".finsam-aterlasning-{stamp}"
    arbete.mkdir()
    prov = None
    try:
        prov = _provdatabas(kalla, motor, arbete)
        _kontrollera(manifest, using=ALIAS)
        ny_media = media_root.parent / f".{media_root.name}-ny-{stamp}"
        _packa_upp_media(kalla, manifest, ny_media)
        _slapp_provdatabas(motor, prov)
        prov = None
        # Everything checked: now replace the live database, then the files.
        if motor == "postgresql":
            args, env = _pg_args_env()
            name = connection.settings_dict["NAME"]
            connection.close()
            subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--single-transaction", "--exit-on-error", *args, "--dbname", name,
                 str(kalla / "databas.dump")],
                env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            # --no-privileges: the runtime role's grants went with the old tables; the
            # owner (who restores) grants them again, as after a migrate.
            bevilja_approll()
        else:
            connection.ensure_connection()
            src = sqlite3.connect(kalla / "databas.sqlite3")
            try:
                src.backup(connection.connection)
            finally:
                src.close()
        gammal = media_root.parent / f".{media_root.name}-fore-{stamp}"
        if media_root.exists():
            media_root.rename(gammal)
        ny_media.rename(media_root)
        shutil.rmtree(gammal, ignore_errors=True)
    finally:
        _slapp_provdatabas(motor, prov)
        shutil.rmtree(arbete, ignore_errors=True)
        for rest in media_root.parent.glob(f".{media_root.name}-ny-{stamp}"):
            shutil.rmtree(rest, ignore_errors=True)
    return manifest
