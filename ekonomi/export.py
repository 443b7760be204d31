"""CSV and Excel downloads. Amounts leave as Decimal kronor (never float); text cells
pass through ``finsam.celler.ofarlig`` so none can start a formula."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

from finsam.celler import ofarlig_rad
from finsam.money import ore_till_kr

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kr(ore: int) -> Decimal:
    return ore_till_kr(ore)


def csv_svar(filnamn: str, rubriker: list[str], rader: list[list]) -> HttpResponse:
    """Semicolon-separated with decimal comma and a BOM, as Swedish Excel expects."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(ofarlig_rad(rubriker))
    for rad in rader:
        w.writerow(
            ofarlig_rad(str(v).replace(".", ",") if isinstance(v, Decimal) else v for v in rad)
        )
    resp = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{filnamn}.csv"'
    return resp


def excel_svar(filnamn: str, rubriker: list[str], rader: list[list], blad: str = "Data"):
    wb = Workbook()
    ws = wb.active
    ws.title = blad[:31]
    ws.append(ofarlig_rad(rubriker))
    for rad in rader:
        ws.append(ofarlig_rad(rad))
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{filnamn}.xlsx"'
    return resp
