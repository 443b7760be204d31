"""Print shell assignments for the load run: the demo förbund, a date in an open period
and two accounts to post between (bank debit, cost credit reversed is fine: it balances)."""

from ekonomi.models import Konto, Period, Rakenskapsar
from forbund.demo import DEMO_ORGNR
from forbund.models import Forbund

forbund = Forbund.objects.get(orgnr=DEMO_ORGNR)
datum = ""
ar = Rakenskapsar.objects.filter(forbund=forbund, stangt=False).order_by("-start").first()
if ar is not None:
    period = Period.objects.filter(rakenskapsar=ar, last=False).order_by("-start").first()
    datum = (period.start if period else ar.start).isoformat()
konton = Konto.objects.filter(forbund=forbund, aktiv=True)
bank = konton.filter(nummer="1930").first() or konton.filter(typ="T").order_by("nummer").first()
kostnad = konton.filter(typ="K").order_by("nummer").first()
print(f"FINSAM_LOAD_ORGNR={DEMO_ORGNR}")
print(f"FINSAM_LOAD_DATUM={datum}")
print(
    f"FINSAM_LOAD_KONTON={kostnad.nummer},{bank.nummer}"
    if bank and kostnad
    else "FINSAM_LOAD_KONTON="
)
