"""The demo förbund's books, built so that its reports reproduce Helsingborg's published
annual report 2013 (../shared/seeds/000_*): RR 2013 and 2012, BR 2013-12-31 and
2012-12-31, Not 1–5 and the kassaflödesanalys, to the tkr decimal.

- Chart: the standard Kommun-Bas chart (``services.kontoplan``), dimensions 1 and 6.
- Dimension 6 (Projekt) objects, one per process; the insatser demo links its Insats rows
  to them by code:
    SAMG    Samordningsgruppen
    GPS     GPS – Navigera rätt
    PLANT   PlantEra PlantÄra
    MARIA   Maria Nordväst (Beroendecenter för unga)
    HIT     HIT-processen
    KULTUR  Kultur på recept 2.0
- Dimension 1 (Kostnadsställe): KANSLI, STYRELSE, SAMVERKAN.
- 2012: IB (BR 2011: kassa 11 821,9 = eget kapital), a year of monthly vouchers with
  result −6 059,6, then ``bokslut`` 2012, which creates 2013's IB voucher (eget kapital
  5 762,3 on 2010).
- 2013: monthly member contributions (Helsingborgs stad's second half as a fordran),
  monthly process payments per object plus a year-end accrual, salaries, other costs with
  ingående moms, interest; result 167,6. 2013 is left open. Budget 2013 in one version.

- 2014: the year (no vouchers) with "Budget 2014", the verksamhetsplan's budget
  (``budget_2014``, called by the insatser demo with its 2014 grants). Seed 000
  chapter 5 gives its figures: the members' frame of 12 mkr (Finsam-lagen 5 §: the state
  6, region and kommun 3 each, on the 2013 accounts) and the grants per process (tkr:
  GPS 100, PlantEra 3 452, Maria Nordväst 1 788, HIT 2 525, Kultur på recept 1 617, IPS
  2 426, Drottninghög 1 000, OK 1 455, Unga 16–20 448), to be met with the eget kapital
  of 5,9 mkr. The report gives no 2014 figure for administration and interest: those lines
  repeat the 2013 budget (1 700 tkr, interest 80 tkr). Result −4 431 tkr; the eget kapital
  5 929,9 tkr becomes 1 498,9 tkr.

Exact öre values were chosen so every rounded tkr figure of the report comes out
(e.g. avräkning stadens kassa 6 034 030,00 kr → 6 034,0 and a cash flow of −129,8).
Idempotent: nothing is added when the books for 2012 already exist.
"""

import datetime

from ekonomi import services
from ekonomi.models import Budgetrad, Budgetversion, Dimension, Objekt
from ekonomi.services.bokslut import _bokslut
from ekonomi.services.bulk import verifikationer_bulk_skapa
from finsam.money import fordela
from forbund.models import Behorighet, Forbund, Roll

D = datetime.date
KR = 100  # öre per krona

PROJEKT = [
    ("SAMG", "Samordningsgruppen"),
    ("GPS", "GPS – Navigera rätt"),
    ("PLANT", "PlantEra PlantÄra"),
    ("MARIA", "Maria Nordväst (Beroendecenter för unga)"),
    ("HIT", "HIT-processen"),
    ("KULTUR", "Kultur på recept 2.0"),
]
KOSTNADSSTALLEN = [("KANSLI", "Kansli"), ("STYRELSE", "Styrelse"), ("SAMVERKAN", "Samverkan")]

# Lämnade bidrag per process (Not 3), kronor.
PROCESSER = {
    2012: {
        "SAMG": 3_370_200,
        "GPS": 2_610_500,
        "PLANT": 2_483_700,
        "MARIA": 706_700,
        "HIT": 938_200,
        "KULTUR": 855_600,
    },
    2013: {
        "SAMG": 3_815_797,
        "GPS": 2_646_238,
        "PLANT": 2_523_247,
        "MARIA": 659_267,
        "HIT": 1_468_416,
        "KULTUR": 1_182_588,
    },
}
# Medlemsbidrag per account and year (Not 1), kronor.
MEDLEMSBIDRAG = {
    2012: {"3511": 1_500_000, "3512": 1_500_000, "3513": 1_500_000, "3514": 1_500_000},
    2013: {"3511": 3_500_000, "3512": 3_500_000, "3513": 3_500_000, "3514": 3_500_000},
}
# Other external costs: account → (net kr, ingående moms kr, kostnadsställe).
OVRIGA = {
    2012: {
        "6110": (118_000, 0, "KANSLI"),
        "6410": (33_000, 8_250, "KANSLI"),
        "6420": (290_000, 25_000, "SAMVERKAN"),
        "6550": (45_000, 11_250, "KANSLI"),
        "6580": (185_000, 21_840, "KANSLI"),
        "6590": (92_000, 0, "STYRELSE"),
        "7010": (21_000, 0, "KANSLI"),
        "7310": (14_000, 0, "STYRELSE"),
        "7990": (43_000, 0, "KANSLI"),
    },
    2013: {
        "6110": (120_000, 0, "KANSLI"),
        "6410": (35_000, 8_750, "KANSLI"),
        "6420": (300_000, 25_690, "SAMVERKAN"),
        "6550": (48_000, 12_000, "KANSLI"),
        "6580": (190_000, 47_500, "KANSLI"),
        "6590": (95_000, 0, "STYRELSE"),
        "7010": (22_000, 0, "KANSLI"),
        "7310": (15_000, 0, "STYRELSE"),
        "7990": (35_847, 0, "KANSLI"),
    },
}
PERSONAL = {2012: (522_000, 198_200), 2013: (566_100, 217_700)}  # löner, sociala avgifter
RANTA = {2012: 236_100, 2013: 87_800}
UPPLUPNA_PROCESSER = {2012: 467_900, 2013: 1_935_070}  # 2990 at year end


def load(*, forbund: Forbund) -> None:
    services.kontoplan_skapa_standard(forbund=forbund)
    objekt = _objekt(forbund)
    if forbund.rakenskapsar.filter(start=D(2012, 1, 1)).exists():
        return
    chef = Behorighet.objects.filter(forbund=forbund, roll=Roll.FORBUNDSCHEF).first()
    user = chef.user if chef else None
    konton = {k.nummer: k.pk for k in forbund.konton.all()}
    ar2012 = services.rakenskapsar_skapa(
        forbund=forbund, start=D(2012, 1, 1), slut=D(2012, 12, 31), user=user
    )
    services.ingaende_balans_skapa(
        rakenskapsar=ar2012,
        saldon={"1940": 11_821_900 * KR, "2010": -11_821_900 * KR},
        user=user,
        text="Ingående balans 2012 (BR 2011-12-31)",
    )
    verifikationer_bulk_skapa(
        rakenskapsar=ar2012,
        serie="A",
        verifikationer=_ar(
            2012,
            konton,
            objekt,
            moms_ib=0,
            extra=[
                (
                    D(2012, 9, 28),
                    "Moms retroaktivt sökt för 2011",
                    [("1940", 230_400 * KR), ("3990", -230_400 * KR)],
                ),
                (
                    D(2012, 12, 31),
                    "Återbetalning av ingående moms 2012 (del)",
                    [("1940", 0), ("1640", 0)],
                ),
            ],
        ),
        user=user,
    )
    ar2013 = _bokslut(rakenskapsar=ar2012, user=user)
    verifikationer_bulk_skapa(
        rakenskapsar=ar2013,
        serie="A",
        verifikationer=_ar(
            2013,
            konton,
            objekt,
            moms_ib=66_340,
            extra=[
                (
                    D(2013, 10, 15),
                    "Sålda platser Kultur på recept, grannkommuner",
                    [("1940", 20_000 * KR), ("3690", -20_000 * KR)],
                ),
                (
                    D(2013, 12, 20),
                    "Medlemsinsats andra halvåret, Helsingborgs stad (fordran)",
                    [("1610", 1_750_000 * KR), ("3514", -1_750_000 * KR)],
                ),
                (
                    D(2013, 12, 30),
                    "Felaktigt återsökt moms, återbetalas 2014",
                    [("1940", 13_000 * KR), ("2790", -13_000 * KR)],
                ),
            ],
        ),
        user=user,
    )
    _budget(ar2013, forbund, konton, objekt)


def _objekt(forbund: Forbund) -> dict[str, int]:
    ut = {}
    for nummer, lista in (
        (Dimension.PROJEKT, PROJEKT),
        (Dimension.KOSTNADSSTALLE, KOSTNADSSTALLEN),
    ):
        dim = forbund.dimensioner.get(nummer=nummer)
        for kod, namn in lista:
            o, _ = Objekt.objects.get_or_create(dimension=dim, kod=kod, defaults={"namn": namn})
            ut[kod] = o.pk
    return ut


def _rad(konton, nummer, belopp, *objekt_id):
    return (konton[nummer], belopp, [o for o in objekt_id if o])


def _ar(ar: int, konton, objekt, *, moms_ib: int, extra) -> list:
    """The year's vouchers for the bulk path, sorted by date."""
    ver = []
    manader = range(1, 13)

    def dag(m, d):
        return D(ar, m, min(d, 28))

    # Last year's accrued process costs and moms refund are settled in January/February.
    if ar == 2013:
        ver.append(
            (
                D(2013, 1, 20),
                "Betalning upplupna processkostnader 2012",
                [
                    _rad(konton, "2990", UPPLUPNA_PROCESSER[2012] * KR),
                    _rad(konton, "1940", -UPPLUPNA_PROCESSER[2012] * KR),
                ],
            )
        )
        ver.append(
            (
                D(2013, 2, 15),
                "Momsersättning 2012 från Skatteverket",
                [_rad(konton, "1940", moms_ib * KR), _rad(konton, "1640", -moms_ib * KR)],
            )
        )

    # Member contributions, monthly; Helsingborgs stad pays monthly the first half of 2013.
    bidrag = MEDLEMSBIDRAG[ar]
    delar = {}
    for nummer, total in bidrag.items():
        if ar == 2013 and nummer == "3514":
            delar[nummer] = fordela(total // 2 * KR, [1] * 6) + [0] * 6
        else:
            delar[nummer] = fordela(total * KR, [1] * 12)
    for m in manader:
        rader = [_rad(konton, n, -delar[n][m - 1]) for n in bidrag if delar[n][m - 1]]
        rader.append(_rad(konton, "1940", -sum(b for _, b, _ in rader)))
        ver.append((dag(m, 25), f"Medlemsbidrag {m:02d}/{ar}", rader))

    # Process payments monthly per object; the year-end accrual on 2990.
    processer = {k: v * KR for k, v in PROCESSER[ar].items()}
    upplupet = dict(
        zip(processer, fordela(UPPLUPNA_PROCESSER[ar] * KR, list(processer.values())), strict=True)
    )
    betalt = {k: fordela(processer[k] - upplupet[k], [1] * 12) for k in processer}
    for m in manader:
        rader = [_rad(konton, "4610", betalt[k][m - 1], objekt[k]) for k in processer]
        rader.append(_rad(konton, "1940", -sum(b for _, b, _ in rader)))
        ver.append((dag(m, 28), f"Utbetalning till processer {m:02d}/{ar}", rader))
    rader = [_rad(konton, "4610", upplupet[k], objekt[k]) for k in processer]
    rader.append(_rad(konton, "2990", -UPPLUPNA_PROCESSER[ar] * KR))
    ver.append((D(ar, 12, 31), f"Upplupna kostnader processer {ar}", rader))

    # Salaries and social fees, monthly (kansli, paid through the city's payroll).
    lon, soc = PERSONAL[ar]
    for m, (lb, sb) in enumerate(
        zip(fordela(lon * KR, [1] * 12), fordela(soc * KR, [1] * 12), strict=True), start=1
    ):
        ver.append(
            (
                dag(m, 25),
                f"Löner och sociala avgifter {m:02d}/{ar}",
                [
                    _rad(konton, "5110", lb, objekt["KANSLI"]),
                    _rad(konton, "5410", sb, objekt["KANSLI"]),
                    _rad(konton, "1940", -(lb + sb)),
                ],
            )
        )

    # Other costs, quarterly per account, with ingående moms on 1640.
    for nummer, (netto, moms, stalle) in OVRIGA[ar].items():
        for q, (nb, mb) in enumerate(
            zip(fordela(netto * KR, [1] * 4), fordela(moms * KR, [1] * 4), strict=True)
        ):
            rader = [_rad(konton, nummer, nb, objekt[stalle])]
            if mb:
                rader.append(_rad(konton, "1640", mb))
            rader.append(_rad(konton, "1940", -(nb + mb)))
            ver.append((D(ar, 3 * q + 3, 20), f"Faktura konto {nummer} kvartal {q + 1}", rader))

    # Interest on the account with the city, quarterly.
    for q, b in enumerate(fordela(RANTA[ar] * KR, [1] * 4)):
        ver.append(
            (
                D(ar, 3 * q + 3, 30),
                f"Ränta kvartal {q + 1}",
                [_rad(konton, "1940", b), _rad(konton, "8410", -b)],
            )
        )

    for datum, text, rr in extra:
        rader = [_rad(konton, n, b) for n, b in rr if b]
        if rader:
            ver.append((datum, text, rader))
    return sorted(ver, key=lambda v: v[0])


# Budget 2014 (seed 000 chapter 5), kronor: contributions per account and the
# administration of the 2013 budget (no 2014 figure published); the grants per process
# come from the insatser demo's register (``budget_2014(beviljat=...)``).
BIDRAG_2014 = {"3511": 3_000_000, "3512": 3_000_000, "3513": 3_000_000, "3514": 3_000_000}
ADMINISTRATION = [
    ("5110", "KANSLI", 580_000),
    ("5410", "KANSLI", 220_000),
    ("6420", "SAMVERKAN", 300_000),
    ("6580", "KANSLI", 200_000),
    ("6590", "STYRELSE", 100_000),
    ("6110", "KANSLI", 120_000),
    ("7990", "KANSLI", 180_000),
]
RANTA_BUDGET = 80_000


def budget_2014(*, forbund: Forbund, beviljat: dict[str, int]) -> None:
    """The 2014 räkenskapsår (no vouchers) and its "Budget 2014" (module docstring), so the
    verksamhetsplan and the budget pages for 2014 show the plan. ``beviljat``: object code
    → kronor granted for 2014, budgeted on 4610 per object; called by the insatser demo,
    which creates the objects of the new processes (IPS, DROTT, OK, UNGA). Idempotent."""
    ar = forbund.rakenskapsar.filter(start=D(2014, 1, 1)).first()
    if ar is None:
        chef = Behorighet.objects.filter(forbund=forbund, roll=Roll.FORBUNDSCHEF).first()
        ar = services.rakenskapsar_skapa(
            forbund=forbund, start=D(2014, 1, 1), slut=D(2014, 12, 31), user=chef and chef.user
        )
    version, skapad = Budgetversion.objects.get_or_create(
        rakenskapsar=ar, namn="Budget 2014", defaults={"typ": Budgetversion.Typ.BUDGET}
    )
    if not skapad:
        return
    konton = {k.nummer: k.pk for k in forbund.konton.all()}
    objekt = dict(Objekt.objects.filter(dimension__forbund=forbund).values_list("kod", "pk"))
    rader = [(n, None, -b) for n, b in BIDRAG_2014.items()]
    rader += [("4610", kod, b) for kod, b in beviljat.items()]
    rader += ADMINISTRATION + [("8410", None, -RANTA_BUDGET)]
    Budgetrad.objects.bulk_create(
        [
            Budgetrad(
                version=version,
                konto_id=konton[n],
                objekt_id=objekt[o] if o else None,
                belopp=b * KR,
            )
            for n, o, b in rader
        ]
    )


def _budget(ar, forbund, konton, objekt) -> None:
    version, skapad = Budgetversion.objects.get_or_create(
        rakenskapsar=ar, namn="Budget 2013", defaults={"typ": Budgetversion.Typ.BUDGET}
    )
    if not skapad:
        return
    rader = [(n, None, -b * KR) for n, b in MEDLEMSBIDRAG[2013].items()]
    rader += [
        ("4610", "SAMG", 3_900_000 * KR),
        ("4610", "GPS", 2_700_000 * KR),
        ("4610", "PLANT", 2_600_000 * KR),
        ("4610", "MARIA", 800_000 * KR),
        ("4610", "HIT", 1_500_000 * KR),
        ("4610", "KULTUR", 1_200_000 * KR),
        ("5110", "KANSLI", 580_000 * KR),
        ("5410", "KANSLI", 220_000 * KR),
        ("6420", "SAMVERKAN", 300_000 * KR),
        ("6580", "KANSLI", 200_000 * KR),
        ("6590", "STYRELSE", 100_000 * KR),
        ("6110", "KANSLI", 120_000 * KR),
        ("7990", "KANSLI", 180_000 * KR),
        ("8410", None, -80_000 * KR),
    ]
    Budgetrad.objects.bulk_create(
        [
            Budgetrad(
                version=version,
                konto_id=konton[n],
                objekt_id=objekt[o] if o else None,
                belopp=b,
            )
            for n, o, b in rader
        ]
    )
