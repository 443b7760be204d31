"""PDF rendering in a sandbox: a child process with memory, CPU and wall-clock limits and
a URL fetcher that reaches only the app's own static files and ``data:`` URIs.

Why: a report's HTML carries user text (förbund, insats and account names, narrative).
Even escaped, WeasyPrint would fetch any ``http://`` or ``file://`` URL that reaches a
stylesheet or an image, and one hostile resource (``file:///dev/zero``) grew a worker to
7.6 GB (issue 17.1). The limits hold on Linux (``resource.setrlimit`` in the child).
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from rapporter.pdfarbetare import BAS

log = logging.getLogger(__name__)


class PdfFel(Exception):
    """The PDF could not be made within the limits (time, memory) or the renderer
    failed. ``str(exc)`` is a Swedish message fit for the user."""


def statisk_url(path: str) -> str:
    """The address of a static file inside the PDF document (``rapporter/print.css`` ->
    ``https://finsam.invalid/static/rapporter/print.css``); only the sandboxed fetcher
    resolves it, from the allowlist below."""
    return BAS + _statisk_prefix().lstrip("/") + path


def _statisk_prefix() -> str:
    prefix = (
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    )
    return prefix if prefix.endswith("/") else prefix + "/"


def statiska_filer() -> dict[str, str]:
    """The app's static files the PDF may use: relative path -> absolute path, from the
    staticfiles finders (development, tests) and the files under STATIC_ROOT (production,
    hashed names included). Paths resolving outside their root (symlinks) are left out."""
    filer: dict[str, str] = {}
    rot = settings.STATIC_ROOT
    if rot and os.path.isdir(rot):
        bas = Path(rot).resolve()
        for katalog, _, namn in os.walk(bas):
            for n in namn:
                path = Path(katalog, n).resolve()
                if path.is_relative_to(bas) and path.is_file():
                    filer[path.relative_to(bas).as_posix()] = str(path)
    for finder in finders.get_finders():
        for relativ, storage in finder.list([]):
            path = Path(storage.path(relativ)).resolve()
            prefix = getattr(storage, "prefix", None)
            url_vag = f"{prefix}/{relativ}" if prefix else relativ
            if path.is_file():
                filer.setdefault(Path(url_vag).as_posix(), str(path))
    return filer


def _barn_miljo() -> dict[str, str]:
    """The child's environment: no secrets, no proxies; enough for Python and fontconfig."""
    miljo = {"LANG": "C.UTF-8", "PYTHONPATH": str(settings.BASE_DIR)}
    for nyckel in ("PATH", "HOME", "XDG_CACHE_HOME", "FONTCONFIG_FILE", "FONTCONFIG_PATH"):
        if nyckel in os.environ:
            miljo[nyckel] = os.environ[nyckel]
    return miljo


def html_till_pdf(html: str, *, komprimera: bool = True) -> bytes:
    """Render ``html`` to PDF/UA-1 bytes in a sandboxed child process.

    Limits from settings: ``FINSAM_PDF_MINNE_MB`` (address space of the child, MiB),
    ``FINSAM_PDF_TIDSGRANS`` (wall-clock seconds; the child is killed after it; CPU time
    is capped at the same number). Raises ``PdfFel`` when a limit is hit or the renderer
    fails; the web worker itself never grows or waits past the limit."""
    tid = settings.FINSAM_PDF_TIDSGRANS
    uppdrag = {
        "html": html,
        "filer": statiska_filer(),
        "statisk_prefix": _statisk_prefix(),
        "komprimera": komprimera,
        "minne_byte": settings.FINSAM_PDF_MINNE_MB * 1024 * 1024,
        "cpu_sekunder": max(1, int(tid)),
    }
    try:
        resultat = subprocess.run(
            [sys.executable, "-m", "rapporter.pdfarbetare"],
            input=json.dumps(uppdrag).encode(),
            capture_output=True,
            timeout=tid,
            env=_barn_miljo(),
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        log.warning("PDF-rendering avbröts efter %s s", tid)
        raise PdfFel(f"PDF:en kunde inte skapas inom tidsgränsen ({tid:g} sekunder).") from exc
    fel = resultat.stderr.decode(errors="replace")
    if fel.strip():
        log.warning("PDF-rendering: %s", fel[-2000:])
    if resultat.returncode != 0 or not resultat.stdout.startswith(b"%PDF"):
        if resultat.returncode == 3 or "MemoryError" in fel:
            raise PdfFel(
                f"PDF:en kunde inte skapas inom minnesgränsen ({settings.FINSAM_PDF_MINNE_MB} MB)."
            )
        raise PdfFel("PDF:en kunde inte skapas (renderingen avbröts).")
    return resultat.stdout
