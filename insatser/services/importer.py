"""CSV and Excel import of participants: every row is checked, a per-row error report is
returned, and nothing is saved when any row is wrong."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from forbund.models import Medlem
from insatser.models import Deltagande, Insats
from insatser.models.deltagare import (
    Aldersgrupp,
    Forsorjning,
    Kon,
    Sysselsattning,
    TidOffentligForsorjning,
    Utbildningsniva,
)
from insatser.services.deltagare import (
    RaderFel,
    _texter,
    avslutsorsaker_for,
    deltaganden_create_many,
)

KOLUMNER = [
    "kod",
    "kon",
    "fodelsear",
    "aldersgrupp",
    "remitterande",
    "start",
    "forsorjning_start",
    "utbildningsniva",
    "tid_offentlig_forsorjning",
    "slut",
    "avslutsorsak",
    "sysselsattning_slut",
    "forsorjning_slut",
    "samtycke_datum",
]
OBLIGATORISKA = {"kod", "kon", "start", "samtycke_datum"}
VAL = {
    "kon": Kon,
    "aldersgrupp": Aldersgrupp,
    "forsorjning_start": Forsorjning,
    "utbildningsniva": Utbildningsniva,
    "tid_offentlig_forsorjning": TidOffentligForsorjning,
    "sysselsattning_slut": Sysselsattning,
    "forsorjning_slut": Forsorjning,
}


@dataclass(frozen=True)
class RadFel:
    rad: int  # the row number in the file (header = 1)
    fel: list[str]


class ImportFel(ValidationError):
    def __init__(self, fel: list[RadFel]):
        self.radfel = fel
        super().__init__([f"Rad {f.rad}: {'; '.join(f.fel)}" for f in fel])


def _las_rader(fil, filnamn: str) -> list[dict[str, str]]:
    if filnamn.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            bok = load_workbook(fil, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValidationError("Filen kunde inte läsas som en Excel-fil (.xlsx).") from exc
        blad = bok.active
        rader = list(blad.iter_rows(values_only=True))
        bok.close()
        if not rader:
            return []
        rubriker = [str(c or "").strip().lower() for c in rader[0]]
        return [
            {
                rubriker[i]: ("" if v is None else v)
                for i, v in enumerate(rad)
                if i < len(rubriker) and rubriker[i]
            }
            for rad in rader[1:]
            if any(v not in (None, "") for v in rad)
        ]
    data = fil.read()
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
    else:
        text = data
    forsta = text.splitlines()[0] if text else ""
    delim = ";" if forsta.count(";") >= forsta.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    reader.fieldnames = [f.strip().lower() for f in reader.fieldnames or []]
    return [r for r in reader if any((v or "").strip() for v in r.values() if isinstance(v, str))]


def _datum(v) -> datetime.date | None:
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    text = str(v).strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"”{text}” är inte ett datum (ÅÅÅÅ-MM-DD)")


def _val(choices, v: str, falt: str) -> str:
    text = str(v).strip()
    if not text:
        return ""
    for value, label in choices.choices:
        if text.lower() in (str(value).lower(), str(label).lower()):
            return value
    raise ValueError(f"okänt värde ”{text}” för {falt}")


def _tolka(rad: dict, *, insats: Insats, medlemmar: dict, orsaker: dict) -> dict:
    fel: list[str] = []
    falt: dict = {}
    saknas = [k for k in sorted(OBLIGATORISKA) if not str(rad.get(k, "") or "").strip()]
    if saknas:
        fel.append("saknar " + ", ".join(saknas))
    for namn in KOLUMNER:
        v = rad.get(namn, "")
        v = "" if v is None else v
        try:
            if namn in ("start", "slut", "samtycke_datum"):
                falt[namn] = _datum(v)
            elif namn == "fodelsear":
                text = str(v).strip()
                falt[namn] = int(float(text)) if text else None
            elif namn == "remitterande":
                text = str(v).strip()
                if text:
                    if text.lower() not in medlemmar:
                        raise ValueError(f"okänd remitterande part ”{text}”")
                    falt[namn] = medlemmar[text.lower()]
                else:
                    falt[namn] = None
            elif namn == "avslutsorsak":
                text = str(v).strip()
                if text:
                    if text.upper() not in orsaker:
                        raise ValueError(f"okänd avslutsorsak ”{text}”")
                    falt[namn] = orsaker[text.upper()]
                else:
                    falt[namn] = None
            elif namn in VAL:
                valt = _val(VAL[namn], v, namn)
                if valt or namn in ("aldersgrupp", "sysselsattning_slut", "forsorjning_slut"):
                    falt[namn] = valt
            else:
                falt[namn] = str(v).strip()
        except ValueError as exc:
            fel.append(str(exc))
    if fel:
        raise ValidationError(fel)
    return falt


@transaction.atomic
def deltaganden_import(*, user, insats: Insats, fil, filnamn: str) -> list[Deltagande]:
    """Read a CSV or .xlsx file with the KOLUMNER headings; all rows or none."""
    rader = _las_rader(fil, filnamn)
    if not rader:
        raise ImportFel([RadFel(rad=1, fel=["filen innehåller inga deltagare"])])
    medlemmar = {m.namn.lower(): m for m in Medlem.objects.filter(forbund=insats.forbund)}
    orsaker = {o.kod.upper(): o for o in avslutsorsaker_for(forbund=insats.forbund)}
    fel: dict[int, list[str]] = {}
    tolkade: list[tuple[int, dict]] = []
    for n, rad in enumerate(rader, start=2):
        try:
            tolkade.append((n, _tolka(rad, insats=insats, medlemmar=medlemmar, orsaker=orsaker)))
        except ValidationError as exc:
            fel[n] = list(exc.messages)
    skapade: list[Deltagande] = []
    if tolkade:
        try:
            # Savepoint: lets the domain check run on the parsed rows even when other rows
            # failed to parse, so the report lists every problem at once.
            with transaction.atomic():
                skapade = deltaganden_create_many(
                    user=user, insats=insats, rader=[f for _, f in tolkade]
                )
                if fel:
                    raise RaderFel({})
        except RaderFel as exc:
            for i, e in exc.rader.items():
                fel.setdefault(tolkade[i - 1][0], []).extend(_texter(e))
    if fel:
        raise ImportFel([RadFel(rad=n, fel=t) for n, t in sorted(fel.items())])
    return skapade
