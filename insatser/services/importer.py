"""CSV and Excel import of participants: every row is checked, a per-row error report is
returned, and nothing is saved when any row is wrong."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from finsam import kalkylblad
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


MAX_RADER = 10_000  # header included
MAX_KOLUMNER = 40  # the KOLUMNER headings in any order, with room for extra columns


def _las_rader(fil, filnamn: str) -> list[dict[str, str]]:
    """The file's data rows as {heading: value}. Excel is read within the limits of
    ``finsam.kalkylblad`` (size, unpacked size, rows, columns), CSV within the same size
    and row limits; a refusal is ``ValidationError({"fil": ...})`` naming the limit."""
    data = fil.read(kalkylblad.MAX_FIL_BYTE + 1)
    if isinstance(data, str):
        data = data.encode()
    kalkylblad.kontrollera_storlek(len(data))
    if filnamn.lower().endswith(".xlsx"):
        rader = kalkylblad.las_xlsx(data, max_rader=MAX_RADER, max_kolumner=MAX_KOLUMNER)
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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    forsta = text.splitlines()[0] if text else ""
    delim = ";" if forsta.count(";") >= forsta.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    rader = []
    try:
        reader.fieldnames = [f.strip().lower() for f in reader.fieldnames or []]
        for r in reader:
            kalkylblad.kontrollera_rader(reader.line_num, max_rader=MAX_RADER)
            if any((v or "").strip() for v in r.values() if isinstance(v, str)):
                rader.append(r)
    except csv.Error as exc:
        raise ValidationError({"fil": f"Filen går inte att läsa som CSV: {exc}."}) from exc
    return rader


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


def deltaganden_import(*, user, insats: Insats, fil, filnamn: str) -> list[Deltagande]:
    """Read a CSV or .xlsx file with the KOLUMNER headings; all rows or none.

    The file is read and every row interpreted before the write transaction starts, so
    a large file never holds the database's write lock (SQLite) while it is parsed."""
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
    with transaction.atomic():
        return _spara(user=user, insats=insats, tolkade=tolkade, fel=fel)


def _spara(*, user, insats: Insats, tolkade: list[tuple[int, dict]], fel: dict) -> list:
    """Create the interpreted rows; any row error (parsing or domain) rolls all back."""
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
