"""SIE import/export benchmark: rows per second and peak memory, SQLite and PostgreSQL.

    .venv/bin/python bench/sie_bench.py                 # 70k and 280k rows, both databases
    .venv/bin/python bench/sie_bench.py --db sqlite --rows 70000

Each measurement runs in a fresh child process on a fresh database (a temporary SQLite
file, or the PostgreSQL database of ``BENCH_PG`` — default ``finsam_sie_bench`` — dropped
and recreated), so that ``ru_maxrss`` — the process's peak resident memory — belongs to
that run alone. The synthetic file has vouchers of ``PER_VER`` (14) ``#TRANS`` rows
(every fourth with a cost centre and a project object), an ``#IB``, and ``#UB``/``#RES``
lines the import proves. The import is timed whole: reading the encoding, parsing,
checks, inserts, posting (the triggers and the balance upkeep), the proof against the
file and COMMIT, with the database's durability settings untouched.

Figures per run: wall clock, the process's CPU time and — on PostgreSQL — the CPU time
of its server process (``/proc/<pid>/stat``), so that a run on a shared machine can be
judged by rows per CPU-second too. Targets (issue 16): import ≥ 20 000 rows/s on
PostgreSQL and ≥ 40 000 on SQLite, memory flat (RSS growth the same for 1× and 4× the
rows).

Other scripts call ``mat_sie_import(db_url)`` (``bench/mal.py``).

    .venv/bin/python bench/sie_bench.py --typ2          # a balance file (issue 12)

``--typ2`` imports a SIE typ 2 file of 12 periods × 500 accounts (6 000 ``#PSALDO`` rows,
no vouchers): the import books one SALDO voucher per period and proves every period.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/finsam_sie_bench")
MAL = {"sqlite": 40_000, "postgres": 20_000}  # rows/s, issue 16
KONTON = [
    ("1930", "Bank", "T"),
    ("2440", "Leverantörsskulder", "S"),
    ("2060", "Eget kapital", "S"),
]
KONTON += [(str(4000 + 10 * i), f"Kostnad {i}", "K") for i in range(40)]
KONTON += [(str(3500 + i), f"Bidrag {i}", "I") for i in range(5)]
PER_VER = 14  # rows per voucher (issue 16: 5 000 vouchers × 14 rows = 70 000 rows)


def generera(sokvag: Path, rader: int, per_ver: int = PER_VER) -> int:
    """A year of vouchers of ``per_ver`` rows each (``per_ver - 1`` costs, every fourth on a
    cost centre and a project, and one bank payment), about ``rader`` rows in all (whole
    vouchers). Returns the number of ``#TRANS`` rows."""
    antal = rader // per_ver
    saldo: dict[str, int] = {"1930": 500_000_000, "2060": -500_000_000}
    res: dict[str, int] = {}

    def poster():  # regenerated, never stored: the generator must not bias the memory
        for n in range(1, antal + 1):
            kostnader = [
                (KONTON[3 + (n * 7 + j * 3) % 40][0], 10_000 + (n * 7919 + j * 104_729) % 900_000)
                for j in range(per_ver - 1)
            ]
            yield n, f"2024{1 + n % 12:02d}{1 + n % 28:02d}", kostnader

    for _n, _dag, kostnader in poster():
        for k, v in kostnader:
            res[k] = res.get(k, 0) + v
            saldo["1930"] -= v
    with sokvag.open("w", encoding="cp437", newline="\r\n") as f:
        w = f.write
        w('#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#PROGRAM "sie_bench" 1\n#GEN 20250110\n')
        w('#FNAMN "Samordningsförbundet Bänken"\n#ORGNR 222000-1008\n')
        w("#RAR 0 20240101 20241231\n")
        for nr, namn, typ in KONTON:
            w(f'#KONTO {nr} "{namn}"\n#KTYP {nr} {typ}\n')
        w('#DIM 1 "Kostnadsställe"\n#DIM 6 "Projekt"\n')
        for i in range(10):
            w(f'#OBJEKT 1 "K{i}" "Kostnadsställe {i}"\n#OBJEKT 6 "P{i}" "Insats {i}"\n')
        w("#IB 0 1930 5000000.00\n#IB 0 2060 -5000000.00\n")
        for k, v in sorted(saldo.items()):
            w(f"#UB 0 {k} {v / 100:.2f}\n")
        for k, v in sorted(res.items()):
            w(f"#RES 0 {k} {v / 100:.2f}\n")
        for n, dag, kostnader in poster():
            w(f'#VER A {n} {dag} "Leverantörsfaktura {n}"\n{{\n')
            for j, (k, v) in enumerate(kostnader):
                objekt = f'1 "K{(n + j) % 10}" 6 "P{(n + j) % 10}"' if j % 4 == 0 else ""
                w(f"#TRANS {k} {{{objekt}}} {v / 100:.2f}\n")
            w(f"#TRANS 1930 {{}} {-sum(v for _k, v in kostnader) / 100:.2f}\n}}\n")
    return antal * per_ver


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ny_databas(db: str, url: str | None = None) -> str:
    """A fresh database for one run: a temporary SQLite file, or the PostgreSQL database
    of ``url`` (or ``BENCH_PG``) dropped and recreated. Returns its DATABASE_URL."""
    if db == "sqlite":
        if url and url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            return url
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='sie_bench_')) / 'bench.sqlite3'}"
    import psycopg

    url = url or PG_URL
    bas, namn = url.rsplit("/", 1)
    with psycopg.connect(f"{bas}/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{namn}"')
        c.execute(f'CREATE DATABASE "{namn}"')
    return url


def _server_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL server process (0 on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    try:
        falt = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a server on another machine: its CPU is not ours to read
        return 0.0
    return (int(falt[11]) + int(falt[12])) / os.sysconf("SC_CLK_TCK")


def barn(db: str, rader: int, url: str | None = None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="sie_bench_"))
    os.environ["DATABASE_URL"] = _ny_databas(db, url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
    # Production settings: with DEBUG on, Django keeps every query's SQL in memory.
    os.environ["DJANGO_DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ekonomi.models import Rad, Rakenskapsar
    from ekonomi.sie.exporter import sie_exportera
    from ekonomi.sie.importer import sie_importera

    fil = tmp / "bench.se"
    rader = generera(fil, rader)
    fore = maxrss_mb()
    s0 = _server_cpu()
    t0, c0 = time.perf_counter(), time.process_time()
    with fil.open("rb") as fh:
        imp = sie_importera(fil=fh, user=None)
    t_import, c_import = time.perf_counter() - t0, time.process_time() - c0
    s_import = _server_cpu() - s0
    efter_import = maxrss_mb()
    assert imp.sammanfattning["rader_nya"] == rader, imp.sammanfattning
    assert Rad.objects.exclude(verifikation__serie__kod="IB").count() == rader
    ar = Rakenskapsar.objects.get()
    t0, c0 = time.perf_counter(), time.process_time()
    storlek = 0
    with open(os.devnull, "wb") as ut:
        for chunk in sie_exportera(forbund=imp.forbund, ar=ar, typ=4):
            ut.write(chunk)
            storlek += len(chunk)
    t_export, c_export = time.perf_counter() - t0, time.process_time() - c0
    efter_export = maxrss_mb()
    return {
        "db": db,
        "rader": rader,
        "filstorlek_mb": round(fil.stat().st_size / 2**20, 1),
        "last_fore": round(os.getloadavg()[0], 1),
        "import_s": round(t_import, 2),
        "import_rader_per_s": round(rader / t_import),
        "import_cpu_s": round(c_import, 2),
        "server_cpu_s": round(s_import, 2),
        "import_rader_per_cpu_s": round(rader / (c_import + s_import)),
        "mal_rader_per_s": MAL[db],
        "kvot": round(rader / t_import / MAL[db], 2),
        "last": round(os.getloadavg()[0], 1),
        "export_s": round(t_export, 2),
        "export_rader_per_s": round(rader / t_export),
        "export_cpu_s": round(c_export, 2),
        "maxrss_fore_mb": round(fore, 1),
        "maxrss_import_mb": round(efter_import, 1),
        "maxrss_export_mb": round(efter_export, 1),
        "kontrollerade_saldon": imp.sammanfattning.get("kontrollerade_saldon"),
    }


def generera_typ2(sokvag: Path, konton: int = 500, perioder: int = 12) -> int:
    """A typ 2 file: #IB/#UB/#RES and #PSALDO per period for ``konton`` accounts, each
    period balanced by the bank account. Returns the number of #PSALDO rows."""
    balans = [str(1000 + i) for i in range(konton // 2)]
    resultat = [str(3000 + i) if i % 4 == 0 else str(4000 + i) for i in range(konton // 2)]
    typ = {nr: ("T" if nr < "2" else "I" if nr[0] == "3" else "K") for nr in balans + resultat}
    ib = {nr: (i * 7919 % 100_000) for i, nr in enumerate(balans)}
    ib["2060"] = -sum(ib.values())
    typ["2060"], typ["1930"] = "S", "T"
    ps: dict[str, list[int]] = {nr: [] for nr in [*balans, *resultat, "1930"]}
    for m in range(perioder):
        summa = 0
        for i, nr in enumerate(balans + resultat):
            belopp = ((i + 1) * 104_729 + m * 1_299_709) % 5_000_000 - 2_500_000
            ps[nr].append(belopp)
            summa += belopp
        ps["1930"].append(-summa)

    def kr(ore: int) -> str:
        return f"{'-' if ore < 0 else ''}{abs(ore) // 100}.{abs(ore) % 100:02d}"

    with sokvag.open("w", encoding="cp437", newline="\r\n") as f:
        w = f.write
        w('#FLAGGA 0\n#FORMAT PC8\n#SIETYP 2\n#PROGRAM "sie_bench" 1\n#GEN 20250110\n')
        w('#FNAMN "Samordningsförbundet Bänken"\n#ORGNR 222000-1008\n')
        w("#RAR 0 20240101 20241231\n")
        for nr, t in sorted(typ.items()):
            w(f'#KONTO {nr} "Konto {nr}"\n#KTYP {nr} {t}\n')
        for nr, b in ib.items():
            w(f"#IB 0 {nr} {kr(b)}\n")
        for nr in [*balans, "1930", "2060"]:
            w(f"#UB 0 {nr} {kr(ib.get(nr, 0) + sum(ps.get(nr, [])))}\n")
        for nr in resultat:
            w(f"#RES 0 {nr} {kr(sum(ps[nr]))}\n")
        for m in range(perioder):
            for nr, belopp in ps.items():
                w(f"#PSALDO 0 2024{m + 1:02d} {nr} {{}} {kr(belopp[m])}\n")
    return sum(len(b) for b in ps.values())


def barn_typ2(db: str) -> dict:
    """One typ 2 import in a fresh database (same set-up as ``barn``)."""
    tmp = Path(tempfile.mkdtemp(prefix="sie_bench_"))
    if db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    else:
        import psycopg

        bas, namn = PG_URL.rsplit("/", 1)
        with psycopg.connect(f"{bas}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{namn}"')
            c.execute(f'CREATE DATABASE "{namn}"')
        os.environ["DATABASE_URL"] = PG_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ekonomi.sie.importer import sie_importera

    fil = tmp / "typ2.se"
    psaldo = generera_typ2(fil)
    fore = maxrss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    with fil.open("rb") as fh:
        imp = sie_importera(fil=fh, user=None)
    t_import, c_import = time.perf_counter() - t0, time.process_time() - c0
    assert imp.sammanfattning["saldoverifikationer_nya"] == 12, imp.sammanfattning
    return {
        "db": db,
        "psaldo_rader": psaldo,
        "import_s": round(t_import, 2),
        "rader_per_s": round(psaldo / t_import),
        "import_cpu_s": round(c_import, 2),
        "saldorader": imp.sammanfattning["saldorader"],
        "maxrss_fore_mb": round(fore, 1),
        "maxrss_import_mb": round(maxrss_mb(), 1),
    }


def main_typ2(dbs: list[str]) -> None:
    print("SIE typ 2, 12 perioder × 500 konton (s = väggklocka, RSS i MB)")
    print(f"{'db':9}{'#PSALDO':>8}{'import s':>10}{'rader/s':>10}{'(cpu s)':>9}{'RSS efter':>10}")
    for db in dbs:
        ut = subprocess.run(
            [sys.executable, __file__, "--child-typ2", "--db", db],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if ut.returncode:
            print(f"{db}: misslyckades\n{ut.stderr[-2000:]}")
            continue
        r = json.loads(ut.stdout.strip().splitlines()[-1])
        print(
            f"{db:9}{r['psaldo_rader']:>8}{r['import_s']:>10}{r['rader_per_s']:>10}"
            f"{r['import_cpu_s']:>9}{r['maxrss_import_mb']:>10}"
        )


def mat_sie_import(db_url: str, rader: int = 5_000 * PER_VER) -> dict:
    """Measure one SIE import in a child process on a fresh database and return its
    figures (``barn``'s dict: ``rader``, ``import_s``, ``import_rader_per_s``,
    ``import_cpu_s``, ``server_cpu_s``, ``import_rader_per_cpu_s``, ``mal_rader_per_s``,
    ``kvot`` (rows/s over the target), ``maxrss_fore_mb``, ``maxrss_import_mb``, export
    figures, ``last`` (load average)).

    ``db_url``: ``sqlite`` (a temporary file), ``sqlite:///path`` (replaced), or a
    ``postgres://…/name`` URL whose database is DROPPED and recreated. Raises
    ``RuntimeError`` with the child's stderr when the run fails."""
    db = "sqlite" if db_url.startswith("sqlite") else "postgres"
    kommando = [sys.executable, str(Path(__file__).resolve()), "--child", "--db", db]
    kommando += ["--rows", str(rader)]
    if db_url != "sqlite":
        kommando += ["--url", db_url]
    ut = subprocess.run(kommando, capture_output=True, text=True, check=False, cwd=ROOT)
    if ut.returncode:
        raise RuntimeError(f"SIE-importen ({db}) misslyckades:\n{ut.stderr[-2000:]}")
    return json.loads(ut.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["sqlite", "postgres", "alla"], default="alla")
    p.add_argument("--rows", type=int, nargs="*", default=[5_000 * PER_VER, 20_000 * PER_VER])
    p.add_argument("--url", help=argparse.SUPPRESS)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--typ2", action="store_true", help="a typ 2 balance file, 12 × 500")
    p.add_argument("--child-typ2", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(barn(a.db, a.rows[0], a.url)))
        return
    if a.child_typ2:
        print(json.dumps(barn_typ2(a.db)))
        return
    dbs = ["sqlite", "postgres"] if a.db == "alla" else [a.db]
    if a.typ2:
        main_typ2(dbs)
        return
    print(
        "import: hela importen (tolkning, kontroller, inläsning, bokföring med triggrar och "
        "saldon, prövning mot filen, COMMIT)\n"
        "s = väggklocka; cpu = processens (+ PostgreSQL-serverprocessens) CPU-tid; RSS i MB; "
        "last = load average före/efter"
    )
    print(
        f"{'db':9}{'rader':>8}{'import s':>9}{'rader/s':>9}{'mål':>8}{'kvot':>6}"
        f"{'cpu s':>7}{'+server':>8}{'rader/cpu-s':>12}{'export/s':>9}"
        f"{'RSS före':>9}{'efter':>7}{'ökning':>7}{'last':>11}"
    )
    for db in dbs:
        for rader in a.rows:
            try:
                r = mat_sie_import("sqlite" if db == "sqlite" else PG_URL, rader)
            except RuntimeError as exc:
                print(exc)
                continue
            print(
                f"{db:9}{r['rader']:>8}{r['import_s']:>9}{r['import_rader_per_s']:>9}"
                f"{r['mal_rader_per_s']:>8}{r['kvot']:>6}{r['import_cpu_s']:>7}"
                f"{r['server_cpu_s']:>8}{r['import_rader_per_cpu_s']:>12}"
                f"{r['export_rader_per_s']:>9}{r['maxrss_fore_mb']:>9}{r['maxrss_import_mb']:>7}"
                f"{r['maxrss_import_mb'] - r['maxrss_fore_mb']:>7.1f}"
                f"{r['last_fore']:>6}/{r['last']:<4}"
            )


if __name__ == "__main__":
    main()
