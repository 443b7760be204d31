"""Backup and restore of the whole installation: database and uploaded files.

A backup is a folder with three parts and a manifest:

- ``databas.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``databas.sqlite3``
  (SQLite: the online backup API, consistent while the app runs);
- ``media.tar.gz``: everything under MEDIA_ROOT (underlag, protokoll);
- ``manifest.json``: engine, time, the sha256 of each part, and the number of vouchers
  and a checksum of the ledger, so a restore can prove it brought back the same books.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
FORMAT = 1


def huvudbok_kontrollsumma() -> tuple[int, str]:
    """(number of vouchers, sha256) over every voucher of every förbund: förbund, year,
    series, number, date, text, status and its rows (account, amount, text, objekt)."""
    from ekonomi.models import Rad, Verifikation

    rader: dict[int, list] = {}
    for rad in (
        Rad.objects.order_by("verifikation_id", "id")
        .values_list("verifikation_id", "konto__nummer", "belopp", "text", "id")
        .iterator()
    ):
        rader.setdefault(rad[0], []).append([rad[1], rad[2], rad[3]])
    objekt: dict[int, list] = {}
    from ekonomi.models import RadObjekt

    for rad_id, dim, kod in RadObjekt.objects.order_by(
        "rad_id", "objekt__dimension__nummer"
    ).values_list("rad_id", "objekt__dimension__nummer", "objekt__kod"):
        objekt.setdefault(rad_id, []).append([dim, kod])
    h = hashlib.sha256()
    antal = 0
    for v in (
        Verifikation.objects.order_by(
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


def backup_create(*, mal: Path) -> dict:
    """Write a backup into the folder ``mal`` (created; must not already hold a backup)."""
    mal = Path(mal)
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
    }
    (mal / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def backup_verify(*, kalla: Path) -> dict:
    """Read the manifest and check every part's sha256; raise ValidationError otherwise."""
    kalla = Path(kalla)
    try:
        manifest = json.loads((kalla / MANIFEST).read_text())
    except (OSError, ValueError) as e:
        raise ValidationError(f"Ingen läsbar {MANIFEST} i {kalla}: {e}") from e
    if manifest.get("format") != FORMAT:
        raise ValidationError(f"Okänt format på säkerhetskopian: {manifest.get('format')}.")
    for namn, del_ in manifest["delar"].items():
        path = kalla / namn
        if not path.is_file():
            raise ValidationError(f"{namn} saknas i säkerhetskopian.")
        if _sha256(path) != del_["sha256"]:
            raise ValidationError(f"{namn} är skadad: kontrollsumman stämmer inte.")
    return manifest


def backup_restore(*, kalla: Path) -> dict:
    """Replace the database and MEDIA_ROOT with the backup in ``kalla``.

    The whole database is replaced (schema and data), then the ledger checksum is compared
    with the manifest's; a mismatch raises ValidationError.
    """
    kalla = Path(kalla)
    manifest = backup_verify(kalla=kalla)
    motor = _motor()
    if manifest["motor"] != motor:
        raise ValidationError(
            f"Säkerhetskopian är från {manifest['motor']}, databasen är {motor}."
        )
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
    else:
        connection.ensure_connection()
        src = sqlite3.connect(kalla / "databas.sqlite3")
        try:
            src.backup(connection.connection)
        finally:
            src.close()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(kalla / MEDIA, "r:gz") as tar:
        tar.extractall(media_root, filter="data")
    antal, kontrollsumma = huvudbok_kontrollsumma()
    if (antal, kontrollsumma) != (manifest["verifikationer"], manifest["huvudbok_sha256"]):
        raise ValidationError(
            "Återläsningen gav inte samma huvudbok som säkerhetskopian "
            f"({antal} verifikationer, kontrollsumma {kontrollsumma})."
        )
    return manifest
