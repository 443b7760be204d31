"""SIE import/export benchmark: rows per second and peak memory, SQLite and PostgreSQL.

    /work/venv/bin/python bench/sie_bench.py                 # 25k and 100k rows, both databases
    /work/venv/bin/python bench/sie_bench.py --db sqlite --rows 100000

Each measurement runs in a fresh child process on a fresh database (a temporary SQLite
file, or the PostgreSQL database ``finsam_sie_bench`` dropped and recreated), so that
``ru_maxrss`` — the process's peak resident memory — belongs to that run alone. The
synthetic file has four ``#TRANS`` rows per voucher (every fourth row with a cost centre
and a project object), an ``#IB``, and ``#UB``/``#RES`` lines the import proves.
Targets (issue 6): import ≥ 20 000 rows/s, export ≥ 50 000 rows/s, flat memory.

    /work/venv/bin/python bench/sie_bench.py --typ2          # a balance file (issue 12)

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
KONTON = [
    ("1930", "Bank", "T"),
    ("2440", "Leverantörsskulder", "S"),
    ("2060", "Eget kapital", "S"),
]
KONTON += [(str(4000 + 10 * i), f"Kostnad {i}", "K") for i in range(40)]
KONTON += [(str(3500 + i), f"Bidrag {i}", "I") for i in range(5)]


def generera(sokvag: Path, rader: int) -> None:
    """A year of vouchers: 4 rows each (two costs, two bank payments)."""
    antal = rader // 4
    saldo: dict[str, int] = {"1930": 500_000_000, "2060": -500_000_000}
    res: dict[str, int] = {}

    def poster():  # regenerated, never stored: the generator must not bias the memory
        for n in range(1, antal + 1):
            a = 10_000 + (n * 7919) % 900_000  # öre
            b = 5_000 + (n * 104_729) % 400_000
            k1 = KONTON[3 + n % 40][0]
            k2 = KONTON[3 + (n * 3) % 40][0]
            yield n, f"2024{1 + n % 12:02d}{1 + n % 28:02d}", k1, a, k2, b

    for _n, _dag, k1, a, k2, b in poster():
        for k, v in ((k1, a), (k2, b)):
            res[k] = res.get(k, 0) + v
        saldo["1930"] -= a + b
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
        for n, dag, k1, a, k2, b in poster():
            w(f'#VER A {n} {dag} "Leverantörsfaktura {n}"\n{{\n')
            w(f'#TRANS {k1} {{1 "K{n % 10}" 6 "P{n % 10}"}} {a / 100:.2f}\n')
            w(f"#TRANS {k2} {{}} {b / 100:.2f}\n")
            w(f"#TRANS 1930 {{}} {-a / 100:.2f}\n")
            w(f"#TRANS 1930 {{}} {-b / 100:.2f}\n}}\n")


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def barn(db: str, rader: int) -> dict:
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
    generera(fil, rader)
    fore = maxrss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    with fil.open("rb") as fh:
        imp = sie_importera(fil=fh, user=None)
    t_import, c_import = time.perf_counter() - t0, time.process_time() - c0
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
        "import_s": round(t_import, 2),
        "import_rader_per_s": round(rader / t_import),
        "import_cpu_s": round(c_import, 2),
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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["sqlite", "postgres", "alla"], default="alla")
    p.add_argument("--rows", type=int, nargs="*", default=[25_000, 100_000])
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--typ2", action="store_true", help="a typ 2 balance file, 12 × 500")
    p.add_argument("--child-typ2", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(barn(a.db, a.rows[0])))
        return
    if a.child_typ2:
        print(json.dumps(barn_typ2(a.db)))
        return
    dbs = ["sqlite", "postgres"] if a.db == "alla" else [a.db]
    if a.typ2:
        main_typ2(dbs)
        return
    rubrik = (
        f"{'db':9}{'rader':>8}{'MB':>6}{'import s':>10}{'rader/s':>10}{'(cpu s)':>9}"
        f"{'export s':>10}{'rader/s':>10}{'(cpu s)':>9}"
        f"{'RSS före':>10}{'efter imp':>10}{'efter exp':>10}"
    )
    print("s = väggklocka; cpu s = processens egen CPU-tid (utan databasserverns); RSS i MB")
    print(rubrik)
    for db in dbs:
        for rader in a.rows:
            ut = subprocess.run(
                [sys.executable, __file__, "--child", "--db", db, "--rows", str(rader)],
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            if ut.returncode:
                print(f"{db} {rader}: misslyckades\n{ut.stderr[-2000:]}")
                continue
            r = json.loads(ut.stdout.strip().splitlines()[-1])
            print(
                f"{db:9}{rader:>8}{r['filstorlek_mb']:>6}{r['import_s']:>10}"
                f"{r['import_rader_per_s']:>10}{r['import_cpu_s']:>9}{r['export_s']:>10}"
                f"{r['export_rader_per_s']:>10}{r['export_cpu_s']:>9}"
                f"{r['maxrss_fore_mb']:>10}{r['maxrss_import_mb']:>10}{r['maxrss_export_mb']:>10}"
            )


if __name__ == "__main__":
    main()
