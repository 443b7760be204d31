"""Benchmark of the reports (issue 8).

A förbund with 5 000 vouchers a year and five years of history, inserted in bulk the way
the ledger does it (vouchers P → rows → one UPDATE to B, so the triggers check every
voucher), and insatser on the ledger's objects (BENCH_INSATSER, default 15 then 60, with
participants, goals and activities). Measures the årsredovisning as HTML (server time and
number of SQL queries, for 1 and for 5 years of data and for each number of insatser: the
count must be the same), as PDF (time and peak memory), and compares the statements'
aggregation with a bare SQL SUM over the same rows.

    python bench/report_bench.py                      # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam_bench python bench/report_bench.py
"""

import datetime
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = None
if "DATABASE_URL" not in os.environ:
    _tmp = tempfile.mkdtemp(prefix="finsam-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

VER_PER_AR = int(os.environ.get("BENCH_VER", "5000"))
AR = [2019, 2020, 2021, 2022, 2023]
# Insatser (each with its ledger object, participants, goals and a status), measured at
# the first count and again after the rest are added: the query count must not move.
INSATSER = [int(n) for n in os.environ.get("BENCH_INSATSER", "15,60").split(",")]


def _ms(s: float) -> str:
    return f"{s * 1000:.1f} ms"


def bygg_bok():
    from django.contrib.auth import get_user_model

    from ekonomi.models import (
        Dimension,
        Konto,
        Objekt,
        Rad,
        RadObjekt,
        Rakenskapsar,
        Serie,
        Verifikation,
    )
    from forbund.models import Behorighet, Forbund, Medlem
    from rapporter.aggregering import saldon

    rng = random.Random(2013)
    forbund = Forbund.objects.create(namn="Bänkförbundet", orgnr="222000-1008")
    for namn, typ, konto in [
        ("Försäkringskassan", "fk", "3511"),
        ("Region", "region", "3512"),
        ("Kommunen", "kommun", "3513"),
    ]:
        Medlem.objects.create(forbund=forbund, namn=namn, typ=typ, intaktskonton=konto)
    user = get_user_model().objects.create_user("chef", password="x" * 16)
    Behorighet.objects.create(user=user, forbund=forbund, roll="forbundschef")
    konton = {}
    for nummer, typ in (
        [
            ("1510", "T"),
            ("1640", "T"),
            ("1930", "T"),
            ("2010", "S"),
            ("2440", "S"),
            ("2990", "S"),
            ("3511", "I"),
            ("3512", "I"),
            ("3513", "I"),
            ("3590", "I"),
            ("8410", "I"),
            ("8590", "K"),
        ]
        + [(f"4{i:03d}", "K") for i in range(10, 400, 20)]
        + [(f"5{i:03d}", "K") for i in range(10, 200, 40)]
        + [(f"6{i:03d}", "K") for i in range(10, 900, 100)]
    ):
        konton[nummer] = Konto.objects.create(
            forbund=forbund, nummer=nummer, namn=f"Konto {nummer}", typ=typ
        )
    dim = Dimension.objects.create(forbund=forbund, nummer=6, namn="Projekt")
    objekt = [
        Objekt.objects.create(dimension=dim, kod=f"P{i}", namn=f"Insats {i}")
        for i in range(max(INSATSER))
    ]
    kostnadskonton = [k for n, k in konton.items() if k.typ == "K" and n != "8590"]
    intaktskonton = [konton["3511"], konton["3512"], konton["3513"], konton["3590"]]
    ub = {konton["1930"].id: 500_000_000, konton["2010"].id: -500_000_000}
    nu = timezone.now()
    for ar in AR:
        t0 = time.perf_counter()
        rakenskapsar = Rakenskapsar.objects.create(
            forbund=forbund, start=datetime.date(ar, 1, 1), slut=datetime.date(ar, 12, 31)
        )
        ib_serie = Serie.objects.create(rakenskapsar=rakenskapsar, kod="IB")
        serie = Serie.objects.create(rakenskapsar=rakenskapsar, kod="A")
        with transaction.atomic():
            ib = Verifikation.objects.create(
                rakenskapsar=rakenskapsar,
                serie=ib_serie,
                nummer=1,
                datum=datetime.date(ar, 1, 1),
                text="IB",
            )
            Rad.objects.bulk_create(
                [Rad(verifikation=ib, konto_id=k, belopp=b) for k, b in ub.items() if b]
            )
            vers = [
                Verifikation(
                    rakenskapsar=rakenskapsar,
                    serie=serie,
                    nummer=n,
                    datum=datetime.date(ar, 1, 1) + datetime.timedelta(days=rng.randrange(365)),
                    text=f"Ver {n}",
                )
                for n in range(1, VER_PER_AR + 1)
            ]
            Verifikation.objects.bulk_create(vers, batch_size=2000)
            vers = list(Verifikation.objects.filter(serie=serie).order_by("nummer"))
            rader, objektrader = [], []
            for i, ver in enumerate(vers):
                if i % 10 == 0:  # income
                    belopp = rng.randrange(100_000, 5_000_000)
                    rader.append(Rad(verifikation=ver, konto=konton["1930"], belopp=belopp))
                    rader.append(
                        Rad(verifikation=ver, konto=rng.choice(intaktskonton), belopp=-belopp)
                    )
                else:  # a cost, split on two accounts, the first on an insats
                    a, b = rng.randrange(1_000, 400_000), rng.randrange(1_000, 100_000)
                    r1 = Rad(verifikation=ver, konto=rng.choice(kostnadskonton), belopp=a)
                    rader += [
                        r1,
                        Rad(verifikation=ver, konto=rng.choice(kostnadskonton), belopp=b),
                        Rad(verifikation=ver, konto=konton["1930"], belopp=-(a + b)),
                    ]
                    objektrader.append((r1, rng.choice(objekt)))
            Rad.objects.bulk_create(rader, batch_size=5000)
            RadObjekt.objects.bulk_create(
                [RadObjekt(rad=r, objekt=o) for r, o in objektrader], batch_size=5000
            )
            Verifikation.objects.filter(rakenskapsar=rakenskapsar, status="P").update(
                status="B", bokford=nu
            )
        s = saldon(forbund=forbund, fran=rakenskapsar.start, till=rakenskapsar.slut)
        resultat = sum(v for k, v in s.total.items() if Konto.objects.get(pk=k).typ in "IK")
        ub = {k: v for k, v in s.total.items() if Konto.objects.get(pk=k).typ in "TS"}
        ub[konton["2010"].id] = ub.get(konton["2010"].id, 0) + resultat
        print(
            f"  {ar}: {VER_PER_AR} verifikationer, {len(rader) + len(ub)} rader, "
            f"{_ms(time.perf_counter() - t0)}"
        )
    return forbund, user, objekt


def skapa_insatser(forbund, objekt, fran: int, till: int) -> None:
    """Insatser ``fran``..``till``-1 on the ledger objects: every other one individinriktad
    with 40 participations (half ended) and anonymous counts, the others structural with
    activities; each with a status and two goals."""
    from decimal import Decimal

    from insatser.models import (
        AnonymaDeltagare,
        Avslutsorsak,
        Deltagande,
        Insats,
        InsatsStatus,
        Mal,
        Strukturaktivitet,
    )

    orsak = Avslutsorsak.objects.filter(forbund__isnull=True, raknas=True).first()
    rng = random.Random(fran)
    for i in range(fran, till):
        individ = i % 2 == 0
        insats = Insats.objects.create(
            forbund=forbund,
            namn=f"Insats {i}",
            typ=Insats.Typ.INDIVID if individ else Insats.Typ.STRUKTUR,
            finansieringsform=Insats.Finansiering.HEL,
            start=datetime.date(AR[0], 1, 1),
            objekt=objekt[i],
        )
        InsatsStatus.objects.create(insats=insats, status="pagaende", datum=insats.start)
        for ar in (AR[-1], AR[-2]):
            Mal.objects.create(
                insats=insats,
                beskrivning=f"Mål {ar}",
                matt=Mal.Matt.DELTAGARE if individ else Mal.Matt.STRUKTUR,
                jamforelse=Mal.Jamforelse.MINST,
                malvarde=Decimal(20),
                fran=datetime.date(ar, 1, 1),
                till=datetime.date(ar, 12, 31),
            )
        if not individ:
            Strukturaktivitet.objects.bulk_create(
                Strukturaktivitet(
                    insats=insats,
                    datum=datetime.date(ar, rng.randrange(1, 13), 1),
                    namn="Nätverksträff",
                    antal=rng.randrange(10, 80),
                )
                for ar in AR
            )
            continue
        deltaganden = []
        for k in range(40):
            start = datetime.date(AR[-1] - k % 3, 1, 1) + datetime.timedelta(rng.randrange(300))
            slut = start + datetime.timedelta(days=rng.randrange(30, 200)) if k % 2 else None
            deltaganden.append(
                Deltagande(
                    insats=insats,
                    kod=f"B{i}-{k}",
                    kon="K" if k % 2 else "M",
                    aldersgrupp="25-29",
                    start=start,
                    slut=slut,
                    avslutsorsak=orsak if slut else None,
                    samtycke_datum=start,
                )
            )
        Deltagande.objects.bulk_create(deltaganden)
        AnonymaDeltagare.objects.create(insats=insats, ar=AR[-1], kon="K", antal=3)


def matt(fn, n=5):
    tider = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        tider.append(time.perf_counter() - t0)
    return statistics.median(tider), min(tider)


def main():
    setup_test_environment()
    print(f"Databas: {connection.vendor}")
    call_command("migrate", verbosity=0)
    from ekonomi.models import Rad

    print("Bygger bokföringen (bulk, via triggrarna):")
    forbund, user, objekt = bygg_bok()
    print(f"  totalt {Rad.objects.count()} rader")
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: planner statistics for the new rows.
        with connection.cursor() as c:
            c.execute("ANALYZE")
    client = Client()
    client.force_login(user)

    def url(ar):
        return reverse("rapporter:arsredovisning", kwargs={"orgnr": forbund.orgnr, "ar": ar})

    client.get(url(2023))  # definitions created on first use; warm caches
    skapade = 0
    for antal in INSATSER:
        skapa_insatser(forbund, objekt, skapade, antal)
        skapade = antal
        for ar in (2019, 2023):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url(ar))
            assert response.status_code == 200
            print(
                f"Årsredovisning {ar} HTML med {antal} insatser: "
                f"{len(ctx.captured_queries)} SQL-frågor"
            )
        median, basta = matt(lambda: client.get(url(2023)))
        print(
            f"Årsredovisning HTML med {antal} insatser (server, median av 5): {_ms(median)} "
            f"(bästa {_ms(basta)})"
        )

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pdf_tid, _ = matt(lambda: client.get(url(2023) + "?format=pdf"), 3)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # tracemalloc slows Python down, so memory is measured in a separate run.
    tracemalloc.start()
    response = client.get(url(2023) + "?format=pdf")
    _, topp = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"Årsredovisning PDF (median av 3): {_ms(pdf_tid)}, {len(response.content)} byte, "
        f"Python-allokeringar topp {topp / 2**20:.1f} MiB, processens max-RSS "
        f"{rss1 / 1024:.0f} MiB (före PDF {rss0 / 1024:.0f} MiB)"
    )

    from rapporter.aggregering import saldon
    from rapporter.builders.rakningar import Kol, resultatrakning
    from rapporter.builders.underlag import hamta_underlag

    fran, till = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)
    bar_sql = """
        SELECT r.konto_id, SUM(r.belopp) FROM ekonomi_rad r
        JOIN ekonomi_verifikation v ON v.id = r.verifikation_id
        JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id
        WHERE a.forbund_id = %s AND v.status = 'B' AND v.datum BETWEEN %s AND %s
        GROUP BY r.konto_id"""

    def bar():
        with connection.cursor() as c:
            c.execute(bar_sql, [forbund.pk, fran, till])
            return c.fetchall()

    def aggregering():
        return saldon(forbund=forbund, fran=fran, till=till)

    def resultatrakning_hel():
        u = hamta_underlag(forbund=forbund, perioder={"ar": (fran, till)})
        return resultatrakning(u, [Kol("2023", period="ar")])

    n_rader = Rad.objects.filter(verifikation__datum__range=(fran, till)).count()
    t_bar, _ = matt(bar, 7)
    t_agg, _ = matt(aggregering, 7)
    t_rr, _ = matt(resultatrakning_hel, 7)
    print(f"Aggregering över {n_rader} rader (2023):")
    print(f"  bar SQL SUM ... GROUP BY konto: {_ms(t_bar)}")
    print(
        f"  rapporternas saldon() (summa + IB-andel): {_ms(t_agg)} "
        f"({t_agg / t_bar:.2f}× den bara summan)"
    )
    print(
        f"  hel resultaträkning (underlag + byggare): {_ms(t_rr)} "
        f"({t_rr / t_bar:.2f}× den bara summan)"
    )
    fran, till = datetime.date(2019, 1, 1), datetime.date(2023, 12, 31)
    n_rader = Rad.objects.filter(verifikation__datum__range=(fran, till)).count()
    t_bar, _ = matt(bar, 7)
    t_agg, _ = matt(aggregering, 7)
    print(f"Aggregering över alla {n_rader} rader (2019–2023):")
    print(f"  bar SQL SUM ... GROUP BY konto: {_ms(t_bar)}")
    print(f"  rapporternas saldon(): {_ms(t_agg)} ({t_agg / t_bar:.2f}× den bara summan)")
    totalt = sum(b for _, b in bar())
    assert totalt == sum(aggregering().total.values()), "aggregeringen skiljer sig"


if __name__ == "__main__":
    main()
