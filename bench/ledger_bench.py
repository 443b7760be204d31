"""Ledger benchmark: a förbund with 5 000 vouchers (≈ 20 000 rows) a year over 10 years,
then the saldobalans and huvudbok pages: milliseconds and SQL queries.

    /work/venv/bin/python bench/ledger_bench.py                 # SQLite in /tmp
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam_bench \\
        /work/venv/bin/python bench/ledger_bench.py             # PostgreSQL

The database is rebuilt on every run (it is a scratch database, never the project's).
Vouchers go in through ``verifikationer_bulk_skapa``: created preliminär, rows bulk
inserted, then posted with one UPDATE, so the database triggers check every voucher.
The pages are measured after the first year and again after all ten: the query count
must be the same (it does not grow with the number of rows).
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "sqlite:////tmp/finsam_ledger_bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

AR = 10
VER_PER_AR = 5000
RADER_PER_VER = 4
UPPREPNINGAR = 5


def nollstall_databas():
    import environ

    cfg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if cfg["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(cfg["NAME"] + suffix).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or 5432,
        user=cfg["USER"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
        conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def bygg_ar(forbund, ar_nr, konton, objekt, user):
    from ekonomi import services
    from ekonomi.services.bulk import verifikationer_bulk_skapa

    ar = services.rakenskapsar_skapa(
        forbund=forbund,
        start=datetime.date(ar_nr, 1, 1),
        slut=datetime.date(ar_nr, 12, 31),
        user=user,
    )
    rnd = random.Random(ar_nr)
    kostnader = [konton[n] for n in ("4610", "5110", "5410", "6110", "6420", "6590", "7010")]
    vers = []
    for i in range(VER_PER_AR):
        rader = [
            (rnd.choice(kostnader), rnd.randint(1, 2_000_000), [rnd.choice(objekt)])
            for _ in range(RADER_PER_VER - 1)
        ]
        rader.append((konton["1930"], -sum(b for _, b, _ in rader), []))
        vers.append((datetime.date(ar_nr, 1 + i % 12, 1 + i % 28), f"Bench {ar_nr}-{i}", rader))
    verifikationer_bulk_skapa(rakenskapsar=ar, serie="A", verifikationer=vers, user=user)
    return ar


def mat(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tider, fragor = [], None
    for _ in range(UPPREPNINGAR):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            tider.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        fragor = len(ctx.captured_queries)
    return statistics.median(tider), min(tider), fragor


def main():
    nollstall_databas()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from ekonomi import services
    from ekonomi.models import Dimension, Objekt, Rad
    from forbund.models import Behorighet, Forbund, Roll

    setup_test_environment()
    call_command("migrate", verbosity=0)
    forbund = Forbund.objects.create(namn="Benchförbundet", orgnr="222000-1040")
    user = get_user_model().objects.create_user("bench", password="bench-bench-bench")
    Behorighet.objects.create(user=user, forbund=forbund, roll=Roll.KANSLI)
    services.kontoplan_skapa_standard(forbund=forbund)
    konton = {k.nummer: k.pk for k in forbund.konton.all()}
    dim = forbund.dimensioner.get(nummer=Dimension.PROJEKT)
    objekt = [
        Objekt.objects.create(dimension=dim, kod=f"P{i}", namn=f"Projekt {i}").pk for i in range(8)
    ]
    client = Client()
    client.force_login(user)
    base = f"/f/{forbund.orgnr}/ekonomi"

    print(f"Databas: {connection.vendor} ({connection.settings_dict['NAME']})")
    resultat = []
    t_bygg = 0.0
    forsta_ar = 2015
    for n in range(AR):
        t0 = time.perf_counter()
        bygg_ar(forbund, forsta_ar + n, konton, objekt, user)
        t_bygg += time.perf_counter() - t0
        if n in (0, AR - 1):
            rader = Rad.objects.count()
            ar = forsta_ar + n
            sidor = {
                "saldobalans": f"{base}/saldobalans/?ar={ar}",
                "saldobalans per objekt (dim 6)": f"{base}/saldobalans/?ar={ar}&dimension=6",
                "saldobalans till 30/6": f"{base}/saldobalans/?ar={ar}&till={ar}-06-30",
                "huvudbok 1930 sida 1": f"{base}/huvudbok/1930/?ar={ar}",
                "huvudbok 1930 sista sidan": f"{base}/huvudbok/1930/?ar={ar}&sida=50",
                "huvudbok 4610 sida 1": f"{base}/huvudbok/4610/?ar={ar}",
            }
            for namn, url in sidor.items():
                median, minsta, fragor = mat(client, url)
                resultat.append((rader, namn, median, minsta, fragor))
    print(
        f"Byggt {AR} år × {VER_PER_AR} verifikationer = {Rad.objects.count()} rader "
        f"på {t_bygg:.1f} s"
    )
    print(f"{'rader i databasen':>18} | {'sida':<32} | {'median ms':>9} | {'min ms':>7} | frågor")
    for rader, namn, median, minsta, fragor in resultat:
        print(f"{rader:>18} | {namn:<32} | {median:>9.1f} | {minsta:>7.1f} | {fragor}")


if __name__ == "__main__":
    main()
