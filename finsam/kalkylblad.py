"""Reading an uploaded Excel workbook (.xlsx) within fixed limits.

An .xlsx file is a zip of XML parts. Read naively, a small upload can claim any size: a
declared sheet dimension ``A1:XFD1048576`` makes openpyxl pad every row to 16 384 cells
(a 104 KB file took a server to 2.8 GB), a ``sharedStrings.xml`` or a sheet can unpack
to gigabytes (issue 17.2). So, before openpyxl parses anything:

- the upload is at most ``MAX_FIL_BYTE``;
- the zip holds at most ``MAX_DELAR`` parts whose declared uncompressed sizes sum to at
  most ``MAX_OKOMPRIMERAT_BYTE`` (Python's zipfile never unpacks a part past its declared
  size, so the declaration bounds the work), and no part larger than 1 MB unpacks to
  more than ``MAX_KVOT`` times its compressed size;

then the active sheet is streamed (``read_only=True``) with the declared dimension
ignored, at most ``max_kolumner`` columns per row and at most ``max_rader`` rows.
Every refusal is a ``ValidationError`` on the field ``fil`` that names the limit.
"""

import io
import zipfile

from django.core.exceptions import ValidationError

MAX_FIL_BYTE = 5 * 1024 * 1024
MAX_OKOMPRIMERAT_BYTE = 25 * 1024 * 1024
MAX_DELAR = 1000
MAX_KVOT = 100
_KVOT_FRAN_BYTE = 1024 * 1024


def _mb(byte: int) -> str:
    return f"{byte / (1024 * 1024):g} MB"


def _fel(text: str) -> ValidationError:
    return ValidationError({"fil": text})


STORLEKSFEL = f"Filen är större än {_mb(MAX_FIL_BYTE)}, som är gränsen för import."


def kontrollera_storlek(storlek: int) -> None:
    """Refuse an import file over ``MAX_FIL_BYTE`` bytes (a field error on ``fil``)."""
    if storlek > MAX_FIL_BYTE:
        raise _fel(STORLEKSFEL)


def kontrollera_zip(innehall: bytes) -> None:
    """Check an .xlsx file's zip directory against the limits above without unpacking
    anything. Raises ``ValidationError({"fil": ...})`` naming the limit exceeded."""
    kontrollera_storlek(len(innehall))
    try:
        with zipfile.ZipFile(io.BytesIO(innehall)) as arkiv:
            delar = arkiv.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fel("Filen går inte att läsa som Excel (.xlsx).") from exc
    if len(delar) > MAX_DELAR:
        raise _fel(f"Excel-filen har fler än {MAX_DELAR} delar, som är gränsen för import.")
    summa = sum(d.file_size for d in delar)
    if summa > MAX_OKOMPRIMERAT_BYTE:
        raise _fel(
            f"Excel-filen packas upp till {_mb(summa)}; gränsen för import är "
            f"{_mb(MAX_OKOMPRIMERAT_BYTE)}. Spara bara de rader och kolumner som ska läsas in."
        )
    for d in delar:
        if d.file_size > _KVOT_FRAN_BYTE and d.file_size > MAX_KVOT * max(d.compress_size, 1):
            raise _fel(
                f"Excel-filen är packad mer än {MAX_KVOT} gånger (delen {d.filename[:80]}); "
                "en sådan fil läses inte in."
            )


def las_xlsx(innehall: bytes, *, max_rader: int, max_kolumner: int) -> list[tuple]:
    """The active sheet's rows as tuples of cell values (None for empty), each exactly
    ``max_kolumner`` wide (cells further right are ignored), header row included.

    Raises ``ValidationError({"fil": ...})`` when the file is not a readable .xlsx, breaks
    a zip limit, or has more than ``max_rader`` rows (empty rows between rows count)."""
    kontrollera_zip(innehall)
    from openpyxl import load_workbook

    try:
        bok = load_workbook(io.BytesIO(innehall), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise _fel("Filen går inte att läsa som Excel (.xlsx).") from exc
    try:
        blad = bok.active
        if blad is None or not hasattr(blad, "reset_dimensions"):
            raise _fel("Excel-filen har inget kalkylblad att läsa.")
        # The declared dimension is the attacker's number: never pad rows to it.
        blad.reset_dimensions()
        rader: list[tuple] = []
        try:
            for rad in blad.iter_rows(max_col=max_kolumner, values_only=True):
                if len(rader) >= max_rader:
                    raise _fel(
                        f"Filen har fler än {max_rader} rader; gränsen för import är "
                        f"{max_rader} rader (rubrikraden medräknad)."
                    )
                rader.append(tuple(rad))
        except ValidationError:
            raise
        except Exception as exc:
            raise _fel("Filen går inte att läsa som Excel (.xlsx).") from exc
        return rader
    finally:
        bok.close()


def kontrollera_rader(antal: int, *, max_rader: int) -> None:
    """The same row limit for CSV files (a field error on ``fil``)."""
    if antal > max_rader:
        raise _fel(
            f"Filen har fler än {max_rader} rader; gränsen för import är "
            f"{max_rader} rader (rubrikraden medräknad)."
        )
