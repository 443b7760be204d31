"""Hostile .xlsx files for the import tests (issue 17.2), generated in memory: each is a
few hundred KB at most, but read naively would take gigabytes."""

import io
import re
import tracemalloc
import zipfile

from openpyxl import Workbook


def arbetsbok(rader: list[list]) -> bytes:
    """An ordinary workbook with ``rader`` in its active sheet."""
    wb = Workbook()
    for rad in rader:
        wb.active.append(rad)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _byt_delar(xlsx: bytes, andra) -> bytes:
    """Copy ``xlsx`` part by part; ``andra(namn, data, zip_ut)`` may write a part itself
    (return True) or leave it to be copied."""
    ut = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as zin,
        zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if not andra(info.filename, data, zout):
                zout.writestr(info.filename, data)
    return ut.getvalue()


BLAD = "xl/worksheets/sheet1.xml"


def deklarerad_dimension(rader: list[list]) -> bytes:
    """A small workbook whose sheet declares the dimension A1:XFD1048576."""

    def andra(namn, data, zout):
        if namn != BLAD:
            return False
        text = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
        assert b"XFD1048576" in text
        zout.writestr(namn, text)
        return True

    return _byt_delar(arbetsbok(rader), andra)


def breda_rader(rader: list[list], *, antal: int = 50) -> bytes:
    """Each of ``antal`` extra rows has a value in column XFD (16 384 wide if padded)."""

    def andra(namn, data, zout):
        if namn != BLAD:
            return False
        extra = b"".join(
            f'<row r="{len(rader) + i}"><c r="XFD{len(rader) + i}"><v>1</v></c></row>'.encode()
            for i in range(1, antal + 1)
        )
        zout.writestr(namn, data.replace(b"</sheetData>", extra + b"</sheetData>"))
        return True

    return _byt_delar(arbetsbok(rader), andra)


def sista_raden(rader: list[list]) -> bytes:
    """A value in the sheet's last possible row (1 048 576)."""

    def andra(namn, data, zout):
        if namn != BLAD:
            return False
        extra = b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
        zout.writestr(namn, data.replace(b"</sheetData>", extra + b"</sheetData>"))
        return True

    return _byt_delar(arbetsbok(rader), andra)


def stora_delade_strangar(rader: list[list], *, megabyte: int = 60) -> bytes:
    """A workbook with an ``xl/sharedStrings.xml`` (wired into the workbook) that unpacks
    to ``megabyte`` MB of short strings."""

    def andra(namn, data, zout):
        if namn == "[Content_Types].xml":
            zout.writestr(namn, data.replace(b"</Types>", TYP_DELADE + b"</Types>"))
            return True
        if namn == "xl/_rels/workbook.xml.rels":
            zout.writestr(
                namn, data.replace(b"</Relationships>", REL_DELADE + b"</Relationships>")
            )
            return True
        if namn == BLAD:
            post = b"<si><t>finsam</t></si>" * 4096
            with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
                for _ in range(megabyte * 1024 * 1024 // len(post)):
                    f.write(post)
                f.write(b"</sst>")
        return False

    return _byt_delar(arbetsbok(rader), andra)


TYP_DELADE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
REL_DELADE = (
    b'<Relationship Id="rIdDelade" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
)


def zipbomb(rader: list[list], *, megabyte: int = 300) -> bytes:
    """The sheet unpacks to ``megabyte`` MB of whitespace around its rows."""

    def andra(namn, data, zout):
        if namn != BLAD:
            return False
        huvud, _, svans = data.partition(b"<sheetData>")
        bit = b" " * (1024 * 1024)
        with zout.open(namn, "w", force_zip64=True) as f:
            f.write(huvud + b"<sheetData>")
            for _ in range(megabyte):
                f.write(bit)
            f.write(svans)
        return True

    return _byt_delar(arbetsbok(rader), andra)


def topp_minne(funktion) -> tuple[object, int]:
    """Run ``funktion()``; return (its result or the exception it raised, peak bytes
    allocated by Python meanwhile, tracemalloc)."""
    tracemalloc.start()
    try:
        try:
            resultat = funktion()
        except Exception as exc:
            resultat = exc
        return resultat, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
