"""After the load run: the ledger still holds. Run with manage.py shell (see run.sh).

- no duplicated and no missing voucher numbers per series and year (numbers 1..N);
- every voucher the load run saw posted is in the books, exactly once;
- the trial balance of every förbund and year sums to exactly zero.
Exits non-zero on any violation.
"""

import json
import os
import sys
from collections import Counter

from django.db.models import Sum

from ekonomi.models import Rad, Verifikation

fel = []
nummer: dict[tuple, list[int]] = {}
for ar_id, serie, n in Verifikation.objects.filter(status="B").values_list(
    "rakenskapsar_id", "serie__kod", "nummer"
):
    nummer.setdefault((ar_id, serie), []).append(n)
for (ar_id, serie), nr in sorted(nummer.items()):
    dubbla = sorted(k for k, v in Counter(nr).items() if v > 1)
    saknade = sorted(set(range(min(nr), max(nr) + 1)) - set(nr))
    if dubbla:
        fel.append(f"år {ar_id} serie {serie}: dubbla nummer {dubbla[:10]}")
    if saknade:
        fel.append(f"år {ar_id} serie {serie}: saknade nummer {saknade[:10]}")
    print(f"år {ar_id} serie {serie}: {len(nr)} verifikationer, nr {min(nr)}–{max(nr)}")

for rad in (
    Rad.objects.filter(verifikation__status="B")
    .values("verifikation__rakenskapsar_id")
    .annotate(summa=Sum("belopp"))
    .order_by()
):
    ar_id = rad["verifikation__rakenskapsar_id"]
    print(f"år {ar_id}: saldobalansens summa {rad['summa']} öre")
    if rad["summa"] != 0:
        fel.append(f"år {ar_id}: saldobalansen summerar till {rad['summa']} öre, inte 0")

ut = os.environ.get("FINSAM_LOAD_UT")
if ut and os.path.exists(ut):
    with open(ut, encoding="utf-8") as f:
        resultat = json.load(f)
    texter = resultat["texter"]
    i_boken = Counter(
        Verifikation.objects.filter(status="B", text__in=texter).values_list("text", flat=True)
    )
    saknas = [t for t in texter if i_boken[t] != 1]
    print(f"bokföring under lasten: {resultat['bokforing']}, {len(texter)} verifikationer")
    if saknas:
        fel.append(f"{len(saknas)} bokförda verifikationer saknas eller finns flera gånger")

if fel:
    print("HUVUDBOKEN HÅLLER INTE:")
    for f in fel:
        print("  " + f)
    sys.exit(1)
print("Huvudboken håller: inga dubbla eller saknade nummer, saldobalansen summerar till 0.")
