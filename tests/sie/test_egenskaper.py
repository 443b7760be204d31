"""Property-based tests (hypothesis): no input gives a traceback.

- Generated valid typ 4 files (vouchers in named, long and empty series, with and without
  numbers; objects; budgets; odd but legal syntax: tabs, needless quotes, escaped quotes,
  blank lines, unknown labels, CRLF; UTF-8, CP437 or Windows-1252) import, their declared
  #UB/#RES/#OUB hold in the books, and an export of them imports into an empty förbund
  with the same balances.
- Mutated files (deleted, duplicated, swapped or truncated lines, swapped fields, random
  bytes) either import with their declared balances holding or are refused with
  ``SieFel`` naming a line, and a refusal leaves the database exactly as it was.

Profiles (tests/conftest.py): ``ci`` (default, derandomized: the same examples every run)
and ``fuzz`` (thousands, random): ``make fuzz``.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.db.models import Sum

pytest.importorskip("hypothesis", reason='hypothesis saknas: pip install -e ".[dev]"')

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ekonomi.models import Konto, Rad, RadObjekt, Rakenskapsar
from ekonomi.sie.importer import OTOLKBAR, SieFel, sie_importera
from ekonomi.sie.parser import Parser, Post, las_kodning, tolka_belopp
from forbund.models import Forbund
from tests.sie.conftest import databasen
from tests.sie.test_export import exportera, till_nytt_forbund

pytestmark = pytest.mark.django_db

KONTON = [
    ("1510", "Kundfordringar", "T"),
    ("1930", "Bank", "T"),
    ("2440", "Leverantörsskulder", "S"),
    ("2910", "Upplupna kostnader", "S"),
    ("3510", "Medlemsbidrag", "I"),
    ("4610", "Köp av verksamhet", "K"),
    ("5010", "Löner", "K"),
    ("6110", "Kontorsmaterial", "K"),
]
TYP = {nr: typ for nr, _n, typ in KONTON}
OBJEKT = [(1, "10", "Kansli"), (1, "20", "Styrelse"), (6, "P1", "Steget"), (6, "P 2", "Vägen")]
SERIER = ["A", "B", "EXTERNAL MAP", ""]
# Texts: Swedish letters, quotes (escaped in the file), a backslash, typography.
TECKEN = "abcåäöÅÄÖ XYZ0123-_.,:;%/" + '"' + "”–€"


@contextlib.contextmanager
def exempel():
    """One example's own rollback: a block the importer's durable transaction may nest in
    (marked like pytest-django's own test transaction)."""
    blocket = transaction.atomic()
    blocket._from_testcase = True
    with blocket:
        yield
        transaction.set_rollback(True)


@dataclass
class Bok:
    """A generated year of books, rendered as an SIE file by ``fil()``."""

    ib: dict[str, int]
    vers: list[tuple[str, int | None, str, str, list]]  # serie, nr, datum, text, rader
    budget: list[tuple[str, tuple | None, int, int]]
    kodning: str
    crlf: bool
    flikar: bool
    citera_allt: bool
    tomma_rader: bool
    okanda: bool
    rader_ut: list[str] = field(default_factory=list)

    def saldon(self):
        ub = dict(self.ib)
        res: dict[str, int] = {}
        oub: dict[tuple, int] = {}
        for _s, _n, _d, _t, rader in self.vers:
            for konto, objekt, belopp in rader:
                mal = ub if TYP[konto] in "TS" else res
                mal[konto] = mal.get(konto, 0) + belopp
                for dim, kod in objekt:
                    oub[(konto, dim, kod)] = oub.get((konto, dim, kod), 0) + belopp
        return ub, res, oub

    def fil(self) -> bytes:
        sep = "\t" if self.flikar else " "

        def q(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

        def f(text: str) -> str:  # a field: quoted when it must be, or when we like
            return (
                q(text)
                if self.citera_allt or not text or any(c in text for c in ' \t"{}')
                else text
            )

        def lista(objekt) -> str:
            return "{" + " ".join(f"{d} {q(k)}" for d, k in objekt) + "}"

        def belopp(ore: int) -> str:
            tecken = "-" if ore < 0 else ""
            kr, rest = divmod(abs(ore), 100)
            return f"{tecken}{kr}.{rest:02d}" if rest or self.citera_allt else f"{tecken}{kr}"

        ut = self.rader_ut = []

        def w(*delar: str) -> None:
            ut.append(sep.join(delar))
            if delar[0] in ("#VER", "#TRANS"):
                return  # nothing may stand between #VER and its "{", nor inside the block
            if self.tomma_rader and len(ut) % 7 == 0:
                ut.append("")
            if self.okanda and len(ut) % 11 == 0:
                ut.append(f'#NYHET{sep}1{sep}"okänd etikett"')

        w("#FLAGGA", "0")
        w("#FORMAT", "PC8")
        w("#SIETYP", "4")
        w("#PROGRAM", q("Egenskapsprov"), "1.0")
        w("#FNAMN", q("Samordningsförbundet Provet"))
        w("#ORGNR", "222000-1008")
        w("#RAR", "0", "20240101", "20241231")
        for nr, namn, typ in KONTON:
            w("#KONTO", f(nr), q(namn))
            w("#KTYP", f(nr), typ)
        w("#DIM", "1", q("Kostnadsställe"))
        w("#DIM", "6", q("Projekt"))
        for dim, kod, namn in OBJEKT:
            w("#OBJEKT", str(dim), q(kod), q(namn))
        for konto, b in sorted(self.ib.items()):
            w("#IB", "0", f(konto), belopp(b))
        ub, res, oub = self.saldon()
        for konto, b in sorted(ub.items()):
            w("#UB", "0", konto, belopp(b))
        for konto, b in sorted(res.items()):
            w("#RES", "0", konto, belopp(b))
        for (konto, dim, kod), b in sorted(oub.items()):
            w("#OUB", "0", konto, lista([(dim, kod)]), belopp(b))
        for konto, obj, manad, b in self.budget:
            w("#PBUDGET", "0", f"2024{manad:02d}", konto, lista([obj] if obj else []), belopp(b))
        for serie, nummer, datum, text, rader in self.vers:
            w("#VER", q(serie), q(str(nummer)) if nummer is not None else '""', datum, q(text))
            ut.append("{")
            for konto, objekt, b in rader:
                w("#TRANS", konto, lista(objekt), belopp(b))
            ut.append("}")
        radslut = "\r\n" if self.crlf else "\n"
        return (radslut.join(ut) + radslut).encode(self.kodning, errors="replace")


@st.composite
def bocker(draw) -> Bok:
    kodning = draw(st.sampled_from(["utf-8", "cp437", "cp1252"]))
    tecken = TECKEN if kodning != "cp437" else TECKEN.replace("”–€", "")
    balans = [nr for nr, _n, t in KONTON if t in "TS"]
    ib_konton = draw(st.lists(st.sampled_from(balans), min_size=0, max_size=3, unique=True))
    ib = {k: draw(st.integers(-(10**9), 10**9)) for k in ib_konton[:-1]}
    if ib_konton:
        ib[ib_konton[-1]] = -sum(ib.values())  # an IB that sums to zero
    vers = []
    nasta = dict.fromkeys(SERIER, 1)
    for _ in range(draw(st.integers(0, 8))):
        serie = draw(st.sampled_from(SERIER))
        numrerad = draw(st.booleans()) or serie != ""
        nummer = None
        if numrerad:
            nummer = nasta[serie]
            nasta[serie] += 1
        datum = f"2024{draw(st.integers(1, 12)):02d}{draw(st.integers(1, 28)):02d}"
        text = draw(st.text(alphabet=tecken, max_size=30))
        rader = []
        for _r in range(draw(st.integers(1, 4))):
            konto = draw(st.sampled_from([k for k, _n, _t in KONTON]))
            objekt = draw(st.lists(st.sampled_from(OBJEKT), max_size=2, unique_by=lambda o: o[0]))
            rader.append(
                [konto, tuple((d, k) for d, k, _n in objekt), draw(st.integers(-(10**8), 10**8))]
            )
        motkonto = draw(st.sampled_from([k for k, _n, _t in KONTON]))
        rader.append([motkonto, (), -sum(r[2] for r in rader)])
        vers.append((serie, nummer, datum, text, rader))
    budget = []
    for konto in draw(st.lists(st.sampled_from(["3510", "4610", "5010"]), unique=True)):
        obj = draw(st.sampled_from([None, (6, "P1"), (1, "10")]))
        for manad in draw(st.lists(st.integers(1, 12), unique=True, max_size=4)):
            budget.append((konto, obj, manad, draw(st.integers(-(10**8), 10**8))))
    return Bok(
        ib=ib,
        vers=vers,
        budget=budget,
        kodning=kodning,
        crlf=draw(st.booleans()),
        flikar=draw(st.booleans()),
        citera_allt=draw(st.booleans()),
        tomma_rader=draw(st.booleans()),
        okanda=draw(st.booleans()),
    )


def saldon(forbund) -> tuple[dict, dict]:
    rader = Rad.objects.filter(konto__forbund=forbund, verifikation__status="B")
    per_konto = {
        k: s
        for k, s in rader.values_list("konto__nummer")
        .annotate(s=Sum("belopp"))
        .values_list("konto__nummer", "s")
        if s
    }
    per_objekt = {
        (k, d, o): s
        for k, d, o, s in RadObjekt.objects.filter(rad__in=rader)
        .values_list("rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod")
        .annotate(s=Sum("rad__belopp"))
        .values_list("rad__konto__nummer", "objekt__dimension__nummer", "objekt__kod", "s")
        if s
    }
    return per_konto, per_objekt


@given(bok=bocker())
def test_generated_valid_files_import_and_round_trip_their_balances(forbund, bok):
    data = bok.fil()
    with exempel():
        imp = sie_importera(fil=io.BytesIO(data), forbund=forbund, user=None)
        ub, res, oub = bok.saldon()
        per_konto, per_objekt = saldon(forbund)
        # Balance accounts hold IB + movements, result accounts the year's movements.
        assert per_konto == {k: b for k, b in {**ub, **res}.items() if b}
        assert per_objekt == {k: b for k, b in oub.items() if b}
        assert imp.sammanfattning.get("verifikationer_nya", 0) == len(bok.vers)
        if not bok.vers and not bok.ib:
            return  # nothing booked: nothing to export
        kopia = sie_importera(
            fil=io.BytesIO(till_nytt_forbund(exportera(forbund), "222000-1016")), user=None
        )
        assert saldon(kopia.forbund) == (per_konto, per_objekt)


# --- mutations ---------------------------------------------------------------------------------


def _mutera(data: bytes, draw) -> bytes:
    rader = data.split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        if not rader:
            break
        i = draw(st.integers(0, len(rader) - 1))
        vad = draw(
            st.sampled_from(["radera", "dubbla", "korta", "byt_falt", "byt_rader", "bytes"])
        )
        if vad == "radera":
            del rader[i]
        elif vad == "dubbla":
            rader.insert(i, rader[i])
        elif vad == "korta":
            rader[i] = rader[i][: draw(st.integers(0, max(0, len(rader[i]) - 1)))]
        elif vad == "byt_falt":
            falt = rader[i].split(b" ")
            if len(falt) > 2:
                a = draw(st.integers(1, len(falt) - 1))
                b = draw(st.integers(1, len(falt) - 1))
                falt[a], falt[b] = falt[b], falt[a]
            rader[i] = b" ".join(falt)
        elif vad == "byt_rader":
            j = draw(st.integers(0, len(rader) - 1))
            rader[i], rader[j] = rader[j], rader[i]
        else:
            pos = draw(st.integers(0, len(rader[i])))
            rader[i] = rader[i][:pos] + draw(st.binary(min_size=1, max_size=8)) + rader[i][pos:]
    return b"\n".join(rader)


def _deklarerade_saldon_haller(data: bytes, forbund) -> None:
    """Independently of the importer's proof: the file's #UB/#RES (year 0) hold."""
    fil = io.BytesIO(data)
    info = las_kodning(fil)
    ub, res = {}, {}
    for p in Parser(fil, info.kodning, info.alternativ).poster():
        if not isinstance(p, Post) or p.falt[:1] != ["0"] or len(p.falt) < 3:
            continue
        if p.etikett in ("#UB", "#RES"):
            mal = ub if p.etikett == "#UB" else res
            mal[p.falt[1]] = tolka_belopp(p.falt[2], p.rad)  # the last one wins, as on import
    typer = dict(Konto.objects.filter(forbund=forbund).values_list("nummer", "typ"))
    ar = Rakenskapsar.objects.filter(forbund=forbund).first()
    if ar is None:
        return
    rader = Rad.objects.filter(verifikation__rakenskapsar=ar, verifikation__status="B")
    totalt = dict(
        rader.values_list("konto__nummer")
        .annotate(s=Sum("belopp"))
        .values_list("konto__nummer", "s")
    )
    utan_ib = dict(
        rader.exclude(verifikation__serie__kod="IB")
        .values_list("konto__nummer")
        .annotate(s=Sum("belopp"))
        .values_list("konto__nummer", "s")
    )
    for konto, b in ub.items():
        # 2010 takes an unbalanced IB's difference (with a warning): its #UB predates it.
        if typer.get(konto) in ("T", "S") and konto != "2010":
            assert (totalt.get(konto) or 0) == b, (konto, b)
    for konto, b in res.items():
        if typer.get(konto) in ("I", "K"):
            assert (utan_ib.get(konto) or 0) == b, (konto, b)


def _importera_eller_neka(data: bytes, forbund) -> None:
    with exempel():
        fore = databasen()
        try:
            sie_importera(fil=io.BytesIO(data), forbund=forbund, user=None)
        except SieFel as fel:
            assert databasen() == fore, f"nekad men ändrad databas: {fel}"
            assert fel.meddelande != OTOLKBAR, "en rad som ingen regel tolkar"
            assert fel.rad is not None or fel.meddelande.startswith(
                ("filen är tom", "databasen vägrade")
            ), str(fel)
            return
        _deklarerade_saldon_haller(data, forbund)


@given(bok=bocker(), data=st.data())
def test_mutated_files_import_with_their_balances_or_are_refused_naming_a_line(forbund, bok, data):
    _importera_eller_neka(_mutera(bok.fil(), data.draw), forbund)


@given(data=st.binary(max_size=2000))
def test_random_bytes_are_refused_without_a_trace(forbund, data):
    _importera_eller_neka(data, forbund)


@given(text=st.text(max_size=400))
def test_random_text_after_a_valid_header_is_refused_or_imported(forbund, text):
    huvud = "#FLAGGA 0\n#SIETYP 4\n#ORGNR 222000-1008\n#RAR 0 20240101 20241231\n"
    _importera_eller_neka((huvud + text).encode("utf-8", "replace"), forbund)


def test_the_forbund_fixture_is_the_one_imported_into(forbund):
    # The properties above import into this förbund (its orgnr is the files' #ORGNR).
    assert Forbund.objects.get(orgnr="222000-1008") == forbund
