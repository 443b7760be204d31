"""The PDF renderer's sandboxed child process (``python -m rapporter.pdfarbetare``).

Runs WeasyPrint on one HTML document in a process of its own, started by
``rapporter.sandlada.html_till_pdf``: the address-space and CPU limits are set before
WeasyPrint is imported, so a document that would grow without bound (a huge table, a
resource that never ends) kills this child, never the web worker. Nothing here imports
Django: the child gets the HTML, the map of allowed static files and the limits as one
JSON object on stdin and writes the PDF bytes to stdout.

Resources are fetched only through ``SandladHamtare``: ``data:`` URIs and the app's own
static files (an exact allowlist made by the parent from the staticfiles finders and
STATIC_ROOT). Every other URL (http, https elsewhere, file, ftp, relative paths that try
to escape) is refused without opening anything (issue 17.1).
"""

import json
import mimetypes
import resource
import sys
from urllib.parse import unquote, urlsplit

# The document base: a reserved, never-resolving host (RFC 2606 ``.invalid``). Static
# files are addressed as BAS + STATIC_URL + path; nothing is ever fetched from it.
BAS = "https://finsam.invalid/"
STATISK_VAG_MAX_BYTE = 5 * 1024 * 1024


def satt_granser(*, minne_byte: int, cpu_sekunder: int) -> None:
    """Cap this process: address space ``minne_byte`` bytes (RLIMIT_AS, so an allocation
    past it fails with MemoryError) and ``cpu_sekunder`` CPU seconds (RLIMIT_CPU, the
    kernel kills the process after it). Linux semantics; the parent's wall-clock timeout
    is the second guard."""
    resource.setrlimit(resource.RLIMIT_AS, (minne_byte, minne_byte))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_sekunder, cpu_sekunder + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def hamtare(*, filer: dict[str, str], statisk_prefix: str):
    """A WeasyPrint URL fetcher serving ``data:`` URIs and the files in ``filer``
    (URL path below ``statisk_prefix`` -> absolute file path) and refusing all else.

    Raises ``ValueError`` for a refused URL; WeasyPrint logs it and leaves the resource
    out (an image is not drawn, a stylesheet not applied)."""
    from urllib import request

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SandladHamtare(URLFetcher):
        def __init__(self):
            super().__init__(timeout=1, allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url[:5].lower() == "data:":
                svar = request.DataHandler().data_open(request.Request(url))
                return URLFetcherResponse(
                    url, body=svar.read(), headers={"Content-Type": svar.headers["Content-type"]}
                )
            path = _statisk_fil(url, filer=filer, statisk_prefix=statisk_prefix)
            if path is None:
                raise ValueError(f"Otillåten resurs i PDF: {url[:200]}")
            with open(path, "rb") as f:
                data = f.read(STATISK_VAG_MAX_BYTE + 1)
            if len(data) > STATISK_VAG_MAX_BYTE:
                raise ValueError(f"För stor statisk fil: {url[:200]}")
            typ = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=data, headers={"Content-Type": typ})

    return SandladHamtare()


def _statisk_fil(url: str, *, filer: dict[str, str], statisk_prefix: str) -> str | None:
    """The absolute path of an allowed static file addressed by ``url``, else None.
    Only ``https://finsam.invalid/<STATIC_URL><path>`` with ``path`` exactly in the
    allowlist: no directory walking, so ``..``, encoded slashes and other hosts miss."""
    delar = urlsplit(url)
    bas = urlsplit(BAS)
    if delar.scheme != bas.scheme or delar.netloc != bas.netloc:
        return None
    if not delar.path.startswith(statisk_prefix):
        return None
    return filer.get(unquote(delar.path[len(statisk_prefix) :]))


def rendera(uppdrag: dict) -> bytes:
    """Render ``uppdrag["html"]`` to PDF/UA-1 bytes with the sandboxed fetcher."""
    from weasyprint import HTML

    return HTML(
        string=uppdrag["html"],
        base_url=BAS,
        url_fetcher=hamtare(filer=uppdrag["filer"], statisk_prefix=uppdrag["statisk_prefix"]),
    ).write_pdf(
        pdf_variant="pdf/ua-1",
        uncompressed_pdf=not uppdrag["komprimera"],
        custom_metadata=True,
    )


def main() -> int:
    uppdrag = json.loads(sys.stdin.buffer.read())
    satt_granser(minne_byte=uppdrag["minne_byte"], cpu_sekunder=uppdrag["cpu_sekunder"])
    try:
        pdf = rendera(uppdrag)
    except MemoryError:
        sys.stderr.write("PDF: minnesgränsen nåddes\n")
        return 3
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
