"""A control character in stored text (a name typed or posted with U+000B, Word's soft
line break, or ESC) never fails an export (issue 17): the XLSX writer and python-docx
refuse such characters for the whole file, so the cell or run gets a space instead."""

import io
import zipfile

from django.urls import reverse

from ekonomi.models import Konto
from tests.ekonomi.routes import objekt as ekonomi_objekt
from tests.rapporter.routes import objekt as rapport_objekt

NAMN = "Bank\x0bkonto\x1b=1+1"


def test_exports_of_names_with_control_characters(client_as, forbundschef, forbund):
    ekonomi_objekt(forbund)
    r = rapport_objekt(forbund)
    Konto.objects.filter(forbund=forbund).update(namn=NAMN)
    forbund.namn = "Förbundet\x0bTest"
    forbund.save(update_fields=["namn"])
    client = client_as(forbundschef)
    o = forbund.orgnr
    xlsx = client.get(reverse("ekonomi:saldobalans", kwargs={"orgnr": o}) + "?ar=2024&format=xlsx")
    assert xlsx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as z:
        delade = (
            z.read("xl/sharedStrings.xml").decode()
            if "xl/sharedStrings.xml" in z.namelist()
            else ""
        )
        blad = z.read("xl/worksheets/sheet1.xml").decode()
    assert "Bank konto =1+1" in delade + blad
    docx = client.get(
        reverse("rapporter:arsredovisning", kwargs={"orgnr": o, "ar": r["ar"]}) + "?format=docx"
    )
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
        assert (
            "Förbundet Test"
            in z.read("word/document.xml").decode() + z.read("word/header1.xml").decode()
        )
