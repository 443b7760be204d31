"""Cost against history (issue 16 "Targets"): 1 and 10 years × 5 000 verifikationer.

    .venv/bin/python bench/historik_bench.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/historik_bench.py --db sqlite --years 1 10
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam_hist_bench \\
        .venv/bin/python bench/historik_bench.py --db postgres

Each (database, years) runs in a fresh child process on a fresh database (a temporary
SQLite file, or the PostgreSQL database of ``BENCH_DATABASE_URL`` dropped and recreated).
The books are built the way a förbund gets them: one SIE file per year (5 000 vouchers of
4 rows, every fourth row on a cost centre and an insats) through ``sie_importera``, which
gives the import's rows/s. The last year is then closed (its periods locked) and measured:

- floor: the bare ``SELECT konto_id, SUM(belopp) … GROUP BY konto_id`` over that year's
  bokförda rows (the least any statement must do when it reads rows);
- RR + BR: the resultaträkning and balansräkning builders (``hamta_underlag`` + builders),
  which read the database-kept monthly balances for whole months;
- saldobalans of the year (``ekonomi.selectors.saldobalans``).

Targets: RR + BR ≤ the floor and ≤ 5 ms on PostgreSQL at 10 years; 10 years ≤ 1.2× one
year; SIE import ≥ 20 000 rows/s on PostgreSQL, ≥ 40 000 on SQLite. Times are the best of 9
runs after one warm-up (median beside it); the machine's load is printed too.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/finsam_hist_bench"
)
VER_PER_AR = 5_000
KONTON = [("1930", "Bank", "T"), ("2440", "Leverantörsskulder", "S"), ("2060", "EK", "S")]
KONTON += [(str(4000 + 10 * i), f"Kostnad {i}", "K") for i in range(40)]


def generera(sokvag: Path, ar: int, ib: int) -> int:
    """One year's SIE file; returns the year's closing bank balance (öre)."""
    bank = ib
    poster = []
    for n in range(1, VER_PER_AR + 1):
        a = 10_000 + (n * 7919 + ar) % 900_000
        b = 5_000 + (n * 104_729 + ar) % 400_000
        k1, k2 = KONTON[3 + n % 40][0], KONTON[3 + (n * 3) % 40][0]
        poster.append((n, f"{ar}{1 + n % 12:02d}{1 + n % 28:02d}", k1, a, k2, b))
        bank -= a + b
    with sokvag.open("w", encoding="cp437", newline="\r\n") as f:
        w = f.write
        w(f'#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#PROGRAM "historik_bench" 1\n#GEN {ar + 1}0110\n')
        w(f'#FNAMN "Samordningsförbundet Bänken"\n#ORGNR 222000-1008\n#RAR 0 {ar}0101 {ar}1231\n')
        for nr, namn, typ in KONTON:
            w(f'#KONTO {nr} "{namn}"\n#KTYP {nr} {typ}\n')
        w('#DIM 1 "Kostnadsställe"\n#DIM 6 "Projekt"\n')
        for i in range(10):
            w(f'#OBJEKT 1 "K{i}" "Kostnadsställe {i}"\n#OBJEKT 6 "P{i}" "Insats {i}"\n')
        w(f"#IB 0 1930 {ib / 100:.2f}\n#IB 0 2060 {-ib / 100:.2f}\n")
        for n, dag, k1, a, k2, b in poster:
            w(f'#VER A {n} {dag} "Faktura {n}"\n{{\n')
            w(f'#TRANS {k1} {{1 "K{n % 10}" 6 "P{n % 10}"}} {a / 100:.2f}\n')
            w(f"#TRANS {k2} {{}} {b / 100:.2f}\n#TRANS 1930 {{}} {-a / 100:.2f}\n")
            w(f"#TRANS 1930 {{}} {-b / 100:.2f}\n}}\n")
    return bank


def server_cpu_s(connection) -> float:
    """CPU seconds the PostgreSQL backend of ``connection`` has used so far (it runs on this
    machine: /proc/<pid>/stat utime + stime); 0 for SQLite, which runs in this process."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    try:
        falt = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(falt[11]) + int(falt[12])) / os.sysconf("SC_CLK_TCK")


def basta_ms(fn, n: int = 9) -> tuple[float, float]:
    """(best, median) of n runs in ms after one warm-up. On a shared machine the best run
    is the one least disturbed by others; both are printed."""
    fn()
    tider = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        tider.append(time.perf_counter() - t0)
    return min(tider) * 1000, statistics.median(tider) * 1000


def barn(db: str, ar_antal: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="hist_bench_"))
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
    from django.db import connection

    call_command("migrate", verbosity=0)
    from ekonomi.models import Period, Rad
    from ekonomi.selectors import periodsaldon, saldobalans
    from ekonomi.sie.importer import sie_importera
    from rapporter.builders.rakningar import Kol, balansrakning, resultatrakning
    from rapporter.builders.underlag import hamta_underlag

    forsta = 2026 - ar_antal
    ib, rader, import_s, import_cpu = 500_000_000, 0, 0.0, 0.0
    forbund = None
    for ar in range(forsta, 2026):
        fil = tmp / f"{ar}.se"
        ib_nasta = generera(fil, ar, ib)
        t0, c0, s0 = time.perf_counter(), time.process_time(), server_cpu_s(connection)
        with fil.open("rb") as fh:
            imp = sie_importera(fil=fh, forbund=forbund, user=None)
        import_s += time.perf_counter() - t0
        import_cpu += time.process_time() - c0 + server_cpu_s(connection) - s0
        rader += imp.sammanfattning["rader_nya"]
        forbund, ib = imp.forbund, ib_nasta
        fil.unlink()
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    sista = forbund.rakenskapsar.get(start__year=2025)
    Period.objects.filter(rakenskapsar=sista).update(last=True)
    fran, till = sista.start, sista.slut
    ar_rader = Rad.objects.filter(verifikation__rakenskapsar=sista).count()
    golv_sql = """SELECT r.konto_id, SUM(r.belopp) FROM ekonomi_rad r
        JOIN ekonomi_verifikation v ON v.id = r.verifikation_id
        JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id
        WHERE a.forbund_id = %s AND v.status = 'B' AND v.datum BETWEEN %s AND %s
        GROUP BY r.konto_id"""

    def golv():
        with connection.cursor() as c:
            c.execute(golv_sql, [forbund.pk, fran, till])
            return c.fetchall()

    def rr_br():
        u = hamta_underlag(forbund=forbund, perioder={"ar": (fran, till)})
        kol = [Kol("2025", period="ar")]
        rr = resultatrakning(u, kol)
        return balansrakning(u, kol, rr=rr, rr_kolumner=[0])

    def sb():
        return saldobalans(rakenskapsar=sista)

    def saldon_las():  # what RR + BR read: this year's and last year's monthly balances
        periodsaldon(forbund=forbund, fran=fran, till=till)
        return periodsaldon(
            forbund=forbund, fran=fran.replace(year=2024), till=till.replace(year=2024)
        )

    summa = dict(golv())
    assert {r.konto.pk: r.ub for r in sb().rader} == summa, "saldobalansen skiljer sig"
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        rr_br()
    return {
        "db": db,
        "ar": ar_antal,
        "rader_totalt": rader,
        "rader_aret": ar_rader,
        "import_rader_per_s": round(rader / import_s),
        # CPU of this process plus (PostgreSQL) its backend: the import's own work, which a
        # loaded machine stretches far less than the wall clock.
        "import_rader_per_cpu_s": round(rader / import_cpu),
        "golv_ms": basta_ms(golv),
        "rr_br_ms": basta_ms(rr_br),
        "rr_br_fragor": len(ctx.captured_queries),
        "saldon_ms": basta_ms(saldon_las),
        "saldobalans_ms": basta_ms(sb),
        "last": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["sqlite", "postgres", "alla"], default="alla")
    p.add_argument("--years", type=int, nargs="*", default=[1, 10])
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(barn(a.db, a.years[0])))
        return
    dbs = ["sqlite", "postgres"] if a.db == "alla" else [a.db]
    for db in dbs:
        res = {}
        for ar in a.years:
            ut = subprocess.run(
                [sys.executable, __file__, "--child", "--db", db, "--years", str(ar)],
                capture_output=True, text=True, check=False, cwd=ROOT,
            )  # fmt: skip
            if ut.returncode:
                print(f"{db} {ar} år: misslyckades\n{ut.stderr[-3000:]}")
                continue
            res[ar] = r = json.loads(ut.stdout.strip().splitlines()[-1])
            mal_import = 20_000 if db == "postgres" else 40_000
            print(
                f"{db} {ar:>2} år ({r['rader_totalt']} rader, året {r['rader_aret']}, "
                f"last {r['last']}):"
            )
            golv = r["golv_ms"][0]
            print(f"  golv SUM…GROUP BY året:      {golv:8.2f} ms (median {r['golv_ms'][1]:.2f})")
            rr = r["rr_br_ms"]
            print(
                f"  RR + BR stängt år (saldon):  {rr[0]:8.2f} ms (median {rr[1]:.2f}), "
                f"{r['rr_br_fragor']} SQL-frågor, {rr[0] / golv:.2f}× golvet (mål ≤ 1"
                + (", ≤ 5 ms vid 10 år)" if db == "postgres" else ")")
            )
            sl = r["saldon_ms"]
            print(
                f"  varav saldona (2 frågor):    {sl[0]:8.2f} ms (median {sl[1]:.2f}), "
                f"{sl[0] / golv:.2f}× golvet"
            )
            sb = r["saldobalans_ms"]
            print(
                f"  saldobalans året:            {sb[0]:8.2f} ms (median {sb[1]:.2f}), "
                f"{sb[0] / golv:.2f}× golvet"
            )
            print(
                f"  SIE-import:                  {r['import_rader_per_s']:8d} rader/s "
                f"(mål ≥ {mal_import}); per CPU-sekund (Python + databasserver) "
                f"{r['import_rader_per_cpu_s']}"
            )
        if len(res) == 2 and min(res) == 1:
            ett, tio = res[min(res)], res[max(res)]
            for nyckel, namn in (
                ("rr_br_ms", "RR + BR"),
                ("saldon_ms", "saldona"),
                ("saldobalans_ms", "saldobalans"),
            ):
                print(
                    f"{db} {namn}: {max(res)} år / 1 år = {tio[nyckel][0] / ett[nyckel][0]:.2f}× "
                    "(mål ≤ 1.2)"
                )


if __name__ == "__main__":
    main()
