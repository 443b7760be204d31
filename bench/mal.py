"""Issue 16's targets, measured side by side in one run on SQLite and PostgreSQL.

    python bench/mal.py                       # or: make bench
    python bench/mal.py --db sqlite           # one database; --years 1 10; --n 9
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam_mal_bench python bench/mal.py

For each database and each history length (1 and 10 years × 5 000 verifikationer of four
rows, every fourth row on a cost centre and one of 60 insats objects) a child process
builds a fresh synthetic förbund ledger the way a förbund gets one (one SIE file per year
through ``sie_importera``), adds three members and locks the last year's periods. Fresh
child processes then register 15 insatser, later 60, on the ledger's objects
(participants, goals, statuses, activities) and measure the last year, as a web worker
meets a report (not in the process that just ran the imports):

- floor: the bare ``SELECT konto_id, SUM(belopp) … GROUP BY konto_id`` over that year's
  bokförda rows;
- the årsredovisning build (every statement, note and section) and its SQL queries (build
  plus HTML rendering) with 15 and with 60 insatser;
- each statement alone (resultaträkning, balansräkning: underlag + builder);
- the closed year's resultaträkning + balansräkning;
- the SIE import's rows/s (``bench/sie_bench.py``'s ``mat_sie_import``, 70 000 rows).

PostgreSQL runs in a throwaway database (``BENCH_DATABASE_URL``, dropped and recreated);
it is skipped with a message when the server does not answer. Times are the best of
``--n`` runs (the årsredovisning) or 3 × ``--n`` runs (the floor and the statements, a
few ms each) after a warm-up (the median beside it): on a shared machine the best run is
the least disturbed one. The machine's load average is printed with every result.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mal_data import MEDLEMMAR, SISTA_AR, generera, skapa_insatser

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/finsam_mal_bench"
)
INSATSER = (15, 60)


def basta_ms(fn, n: int) -> tuple[float, float]:
    """(best, median) of ``n`` runs in ms after one warm-up."""
    fn()
    tider = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        tider.append(time.perf_counter() - t0)
    return round(min(tider) * 1000, 2), round(statistics.median(tider) * 1000, 2)


def _databas(db: str, tmp: Path) -> None:
    if db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    import psycopg

    bas, namn = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{bas}/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{namn}"')
        c.execute(f'CREATE DATABASE "{namn}"')
    os.environ["DATABASE_URL"] = PG_URL


def bygg(db, ar_antal, tmp, sie_importera, Medlem, Period, call_command, connection) -> dict:
    """The build step: ``ar_antal`` years of books through ``sie_importera`` (one SIE file
    per year), the members, the last year's periods locked; on PostgreSQL ``VACUUM
    ANALYZE`` (what autovacuum does after a bulk load: the posting UPDATEs leave the
    vouchers' old versions behind). The reports are measured afterwards in fresh
    processes, as a web worker meets them: a 10-year process measured in the same process
    as its ten imports carried their aftermath (a Python heap that full collections walk,
    the server backend's memory after ten COPYs), which a 1-year process had less of."""
    call_command("migrate", verbosity=0)
    forbund, ib, import_s, rader = None, 500_000_000, 0.0, 0
    for ar in range(SISTA_AR - ar_antal + 1, SISTA_AR + 1):
        fil = tmp / f"{ar}.se"
        ib = generera(fil, ar, ib)
        t0 = time.perf_counter()
        with fil.open("rb") as fh:
            imp = sie_importera(fil=fh, forbund=forbund, user=None)
        import_s += time.perf_counter() - t0
        rader += imp.sammanfattning["rader_nya"]
        forbund = imp.forbund
        fil.unlink()
    for namn, typ, konto in MEDLEMMAR:
        Medlem.objects.create(forbund=forbund, namn=namn, typ=typ, intaktskonton=konto)
    sista = forbund.rakenskapsar.get(start__year=SISTA_AR)
    Period.objects.filter(rakenskapsar=sista).update(last=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
    return {
        "tmp": str(tmp),
        "rader_totalt": rader,
        "bygg_import_rader_per_s": round(rader / import_s),
    }


def barn(db: str, ar_antal: int, n: int, fas: str, tmp: Path | None, antal: int) -> dict:
    """One step in this (fresh) process; returns its figures. ``fas`` "bygg": a new
    database with ``ar_antal`` years of books (the temporary folder in the answer); "mat":
    that database's last year measured with ``antal`` insatser (created up to that number;
    the floor and the statements too when ``antal`` is the first of ``INSATSER``)."""
    last_fore = os.getloadavg()[0]
    if fas == "bygg":
        tmp = Path(tempfile.mkdtemp(prefix="mal_bench_"))
        _databas(db, tmp)
    else:
        os.environ["DATABASE_URL"] = (
            f"sqlite:///{tmp / 'bench.sqlite3'}" if db == "sqlite" else PG_URL
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Production settings without collectstatic: the templates' static URLs unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    from ekonomi.models import Period, Rad
    from ekonomi.sie.importer import sie_importera
    from forbund.models import Forbund, Medlem
    from rapporter.builders.arsredovisning import bygg_arsredovisning
    from rapporter.builders.rakningar import Kol, balansrakning, resultatrakning
    from rapporter.builders.underlag import hamta_underlag
    from rapporter.rendering import render_html

    try:
        from rapporter.builders.arsrakningar import rakningar_for_ar as rakningar_stangt_ar
    except ImportError:  # before the closed-year path existed: the general one
        rakningar_stangt_ar = None

    if fas == "bygg":
        return bygg(db, ar_antal, tmp, sie_importera, Medlem, Period, call_command, connection)
    forbund = Forbund.objects.get()
    sista = forbund.rakenskapsar.get(start__year=SISTA_AR)

    fran, till = sista.start, sista.slut
    golv_sql = """SELECT r.konto_id, SUM(r.belopp) FROM ekonomi_rad r
        JOIN ekonomi_verifikation v ON v.id = r.verifikation_id
        JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id
        WHERE a.forbund_id = %s AND v.status = 'B' AND v.datum BETWEEN %s AND %s
        GROUP BY r.konto_id"""

    def golv():
        with connection.cursor() as c:
            c.execute(golv_sql, [forbund.pk, fran, till])
            return c.fetchall()

    def underlag():
        return hamta_underlag(forbund=forbund, perioder={"ar": (fran, till)})

    kol = [Kol(str(SISTA_AR), period="ar")]

    def rr():
        return resultatrakning(underlag(), kol)

    def br():
        return balansrakning(underlag(), kol)

    def rr_br_allmant():
        u = underlag()
        r = resultatrakning(u, kol)
        return r, balansrakning(u, kol, rr=r, rr_kolumner=[0])

    def rr_br_stangt():
        if rakningar_stangt_ar is None:
            return rr_br_allmant()
        return rakningar_stangt_ar(forbund=forbund, ar=SISTA_AR)

    def ars():
        return bygg_arsredovisning(forbund=forbund, ar=SISTA_AR)

    def fragor(fn) -> int:
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    # The same figures on every path (and the same as the rows).
    summa = dict(golv())
    r_allm, b_allm = rr_br_allmant()
    r_st, b_st = rr_br_stangt()
    assert [r.belopp for r in r_allm.rader] == [r.belopp for r in r_st.rader], "RR skiljer sig"
    assert [r.belopp for r in b_allm.rader] == [r.belopp for r in b_st.rader], "BR skiljer sig"
    u = underlag()
    assert {k: v for k, v in u.saldon["ar"].total.items() if v} == {
        k: v for k, v in summa.items() if v
    }, "saldona skiljer sig från raderna"
    ut = {"ars": {}}
    if antal == INSATSER[0]:
        ut.update(
            rader_aret=Rad.objects.filter(verifikation__rakenskapsar=sista).count(),
            golv_ms=basta_ms(golv, 3 * n),
            rr_ms=basta_ms(rr, 3 * n),
            br_ms=basta_ms(br, 3 * n),
            rr_br_stangt_ms=basta_ms(rr_br_stangt, 3 * n),
            rr_br_stangt_fragor=fragor(rr_br_stangt),
            stangt_vag="stangt" if rakningar_stangt_ar else "allman",
        )
    i = INSATSER.index(antal)  # the processes run in INSATSER's order: 0 → 15 → 60
    skapa_insatser(forbund, INSATSER[i - 1] if i else 0, antal)
    ars()  # definitions and sections created on first use
    ut["ars"][str(antal)] = {
        "ms": basta_ms(ars, n),
        "fragor": fragor(lambda: render_html(ars())),
        "fragor_bygg": fragor(ars),
    }
    ut["last"] = [round(last_fore, 1), round(os.getloadavg()[0], 1)]
    return ut


def sie_import(db: str) -> dict | None:
    """The SIE import's figures from ``bench/sie_bench.py``'s ``mat_sie_import`` (its own
    child process; on PostgreSQL this script's throwaway database, dropped and recreated
    after the report runs): 5 000 vouchers × 14 rows = 70 000 rows, issue 16's size."""
    sys.path.insert(0, str(ROOT / "bench"))
    from sie_bench import PER_VER, mat_sie_import

    try:
        return mat_sie_import("sqlite" if db == "sqlite" else PG_URL, 5_000 * PER_VER)
    except RuntimeError as exc:
        print(f"  {exc}")
        return None


def pg_svarar() -> str:
    """'' when the PostgreSQL server answers, else why not."""
    try:
        import psycopg

        bas = PG_URL.rsplit("/", 1)[0]
        with psycopg.connect(f"{bas}/postgres", connect_timeout=3):
            return ""
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL
        return str(exc).strip().splitlines()[0]


class Utskrift:
    """Collects PASS/FAIL lines and prints them as they come."""

    def __init__(self):
        self.fel = 0
        self.antal = 0

    def mal(self, namn: str, matt: str, grans: str, kvot: float | None, ok: bool) -> None:
        self.antal += 1
        self.fel += not ok
        k = f"{kvot:6.2f}×" if kvot is not None else "       "
        print(f"  [{'PASS' if ok else 'FAIL'}] {namn:44} {matt:>24}  gräns {grans:<22} {k}")


def skriv(db: str, res: dict, sie: dict | None, ut: Utskrift) -> None:
    for ar, r in sorted(res.items()):
        golv = r["golv_ms"][0]
        print(
            f"\n{db}, {ar} år ({r['rader_totalt']} rader, året {r['rader_aret']}; "
            f"load average {r['last'][0]} → {r['last'][1]}); golv SUM…GROUP BY året "
            f"{golv:.2f} ms (median {r['golv_ms'][1]:.2f})"
        )
        for antal, a in r["ars"].items():
            ms = a["ms"][0]
            ut.mal(
                f"årsredovisning, {antal} insatser, ≤ 10× golvet",
                f"{ms:.1f} ms (median {a['ms'][1]:.1f})",
                f"{10 * golv:.1f} ms",
                ms / golv,
                ms <= 10 * golv,
            )
            ut.mal(
                f"årsredovisning, {antal} insatser, ≤ 30 frågor",
                f"{a['fragor']} frågor (bygg {a['fragor_bygg']})",
                "30 frågor",
                a["fragor"] / 30,
                a["fragor"] <= 30,
            )
        for nyckel, namn in (("rr_ms", "resultaträkning"), ("br_ms", "balansräkning")):
            ms = r[nyckel][0]
            ut.mal(
                f"{namn} ≤ 2× golvet",
                f"{ms:.2f} ms (median {r[nyckel][1]:.2f})",
                f"{2 * golv:.2f} ms",
                ms / golv,
                ms <= 2 * golv,
            )
        st = r["rr_br_stangt_ms"][0]
        vag = "stängt år" if r["stangt_vag"] == "stangt" else "allmän väg"
        ut.mal(
            f"stängt år RR + BR ≤ golvet ({vag})",
            f"{st:.2f} ms (median {r['rr_br_stangt_ms'][1]:.2f})",
            f"{golv:.2f} ms; {r['rr_br_stangt_fragor']} frågor",
            st / golv,
            st <= golv,
        )
        if db == "postgres" and ar == 10:
            ut.mal("stängt år RR + BR ≤ 5 ms vid 10 år", f"{st:.2f} ms", "5 ms", st / 5, st <= 5)
    # The same query count for every history length and number of insatser.
    antal = {(ar, i): a["fragor"] for ar, r in res.items() for i, a in r["ars"].items()}
    if antal:
        print()
        ut.mal(
            "årsredovisning: samma antal frågor",
            " ".join(f"{ar}år/{i}:{n}" for (ar, i), n in sorted(antal.items())),
            "lika",
            None,
            len(set(antal.values())) == 1,
        )
    if len(res) >= 2:
        ett, tio = res[min(res)], res[max(res)]
        for nyckel, namn in (
            ("rr_ms", "resultaträkning"),
            ("br_ms", "balansräkning"),
            ("rr_br_stangt_ms", "stängt år RR + BR"),
        ):
            kvot = tio[nyckel][0] / ett[nyckel][0]
            ut.mal(
                f"{namn}: {max(res)} år ≤ 1,2× {min(res)} år",
                f"{tio[nyckel][0]:.2f} / {ett[nyckel][0]:.2f} ms",
                "1,2×",
                kvot,
                kvot <= 1.2,
            )
        for i in ett["ars"]:
            a, b = tio["ars"][i]["ms"][0], ett["ars"][i]["ms"][0]
            ut.mal(
                f"årsredovisning {i} insatser: {max(res)} år ≤ 1,2× {min(res)} år",
                f"{a:.1f} / {b:.1f} ms",
                "1,2×",
                a / b,
                a / b <= 1.2,
            )
    if sie is not None:
        mal = 20_000 if db == "postgres" else 40_000
        v = sie["import_rader_per_s"]
        ut.mal(
            f"SIE-import ≥ {mal} rader/s ({sie['rader']} rader)",
            f"{v} rader/s",
            f"{mal} rader/s",
            v / mal,
            v >= mal,
        )
        print(
            f"  (SIE-import: {sie['import_s']} s vägg, CPU {sie['import_cpu_s']} s process"
            f" + {sie['server_cpu_s']} s server = {sie['import_rader_per_cpu_s']} rader per"
            f" CPU-s; load {sie['last_fore']}/{sie['last']})"
        )
        ut.mal(
            "SIE-import minne platt (RSS efter − före)",
            f"{sie['maxrss_import_mb'] - sie['maxrss_fore_mb']:.0f} MB",
            "≤ 100 MB",
            None,
            sie["maxrss_import_mb"] - sie["maxrss_fore_mb"] <= 100,
        )


def _barnprocess(db: str, ar: int, n: int, *flaggor: str) -> dict | None:
    k = subprocess.run(
        [sys.executable, __file__, "--db", db, "--years", str(ar), "--n", str(n), *flaggor],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if k.returncode:
        print(f"\n{db} {ar} år ({' '.join(flaggor)}): misslyckades\n{k.stderr[-3000:]}")
        return None
    return json.loads(k.stdout.strip().splitlines()[-1])


def kor_ar(db: str, ar: int, n: int) -> dict | None:
    """One history length: a process that builds the books, then one fresh process per
    number of insatser that measures (the first also the floor and the statements)."""
    if (res := _barnprocess(db, ar, n, "--child", "bygg")) is None:
        return None
    tmp = res.pop("tmp")
    res.update(db=db, ar=ar, ars={})
    try:
        for antal in INSATSER:
            m = _barnprocess(db, ar, n, "--child", "mat", "--tmp", tmp, "--insatser", str(antal))
            if m is None:
                return None
            res["ars"].update(m.pop("ars"))
            res.update(m)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["sqlite", "postgres", "alla"], default="alla")
    p.add_argument("--years", type=int, nargs="*", default=[1, 10])
    p.add_argument("--n", type=int, default=9, help="runs per timing (best and median)")
    p.add_argument("--child", choices=["bygg", "mat"], help=argparse.SUPPRESS)
    p.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--insatser", type=int, default=0, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(barn(a.db, a.years[0], a.n, a.child, a.tmp, a.insatser)))
        return
    dbs = ["sqlite", "postgres"] if a.db == "alla" else [a.db]
    print(
        f"bench/mal.py {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} kärnor, load average {os.getloadavg()[0]:.1f}; "
        f"bästa av {a.n} (golv och räkningar {3 * a.n})"
    )
    ut = Utskrift()
    for db in dbs:
        if db == "postgres" and (varfor := pg_svarar()):
            print(f"\npostgres: hoppar över, servern svarar inte ({varfor})")
            continue
        res = {}
        for ar in a.years:
            if (r := kor_ar(db, ar, a.n)) is None:
                ut.fel += 1
            else:
                res[ar] = r
        skriv(db, res, sie_import(db), ut)
    print(f"\n{ut.antal - ut.fel} av {ut.antal} mål nådda.")
    sys.exit(1 if ut.fel else 0)


if __name__ == "__main__":
    main()
