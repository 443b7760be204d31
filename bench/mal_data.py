"""The synthetic förbund of ``bench/mal.py``: its chart, members and objects, one year's
SIE 4 file, and the insatser registered on the ledger's objects. Deterministic: the same
arguments give the same file and rows."""

import datetime
from decimal import Decimal
from pathlib import Path

SISTA_AR = 2025
VER_PER_AR = 5_000
OBJEKT = 60
MEDLEMMAR = [("Försäkringskassan", "fk", "3511"), ("Region", "region", "3512")]
MEDLEMMAR += [("Kommunen", "kommun", "3513")]
KONTON = [("1510", "Kundfordringar", "T"), ("1930", "Bank", "T"), ("2060", "EK", "S")]
KONTON += [("2440", "Leverantörsskulder", "S")]
KONTON += [(nr, f"Bidrag {namn}", "I") for namn, _, nr in MEDLEMMAR]
KONTON += [(str(4000 + 10 * i), f"Kostnad {i}", "K") for i in range(40)]
KOSTNAD = [nr for nr, _, typ in KONTON if typ == "K"]


def generera(sokvag: Path, ar: int, ib: int) -> int:
    """One year's SIE 4 file: 5 000 vouchers of four rows (every tenth a member's grant,
    the rest two costs paid from the bank, the first cost on a cost centre and an insats
    object). Returns the year's closing bank balance (öre), the next year's IB."""
    bank = ib
    with sokvag.open("w", encoding="cp437", newline="\r\n") as f:
        w = f.write
        w(f'#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#PROGRAM "bench/mal.py" 1\n#GEN {ar + 1}0110\n')
        w(f'#FNAMN "Samordningsförbundet Bänken"\n#ORGNR 222000-1008\n#RAR 0 {ar}0101 {ar}1231\n')
        for nr, namn, typ in KONTON:
            w(f'#KONTO {nr} "{namn}"\n#KTYP {nr} {typ}\n')
        w('#DIM 1 "Kostnadsställe"\n#DIM 6 "Projekt"\n')
        for i in range(10):
            w(f'#OBJEKT 1 "K{i}" "Kostnadsställe {i}"\n')
        for i in range(OBJEKT):
            w(f'#OBJEKT 6 "P{i:02d}" "Insats {i}"\n')
        w(f"#IB 0 1930 {ib / 100:.2f}\n#IB 0 2060 {-ib / 100:.2f}\n")
        for n in range(1, VER_PER_AR + 1):
            dag = f"{ar}{1 + n % 12:02d}{1 + n % 28:02d}"
            w(f'#VER A {n} {dag} "Verifikation {n}"\n{{\n')
            if n % 10 == 0:
                a = 1_000_000 + (n * 7919 + ar) % 4_000_000
                b = 100_000 + (n * 104_729 + ar) % 400_000
                konto = MEDLEMMAR[n // 10 % 3][2]
                w(f"#TRANS 1930 {{}} {a / 100:.2f}\n#TRANS {konto} {{}} {-a / 100:.2f}\n")
                w(f"#TRANS 1510 {{}} {b / 100:.2f}\n#TRANS {konto} {{}} {-b / 100:.2f}\n")
                bank += a
            else:
                a = 10_000 + (n * 7919 + ar) % 900_000
                b = 5_000 + (n * 104_729 + ar) % 400_000
                k1, k2 = KOSTNAD[n % 40], KOSTNAD[(n * 3) % 40]
                w(f'#TRANS {k1} {{1 "K{n % 10}" 6 "P{n % OBJEKT:02d}"}} {a / 100:.2f}\n')
                w(f"#TRANS {k2} {{}} {b / 100:.2f}\n#TRANS 1930 {{}} {-a / 100:.2f}\n")
                w(f"#TRANS 1930 {{}} {-b / 100:.2f}\n")
                bank -= a + b
            w("}\n")
    return bank


def skapa_insatser(forbund, fran: int, till: int) -> None:
    """Insatser ``fran``..``till``-1 on the objects P00…: every other one individinriktad
    with 30 participations (half ended) and anonymous counts, the others structural with
    activities; each with a status and two goals."""
    from ekonomi.models import Objekt
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
    objekt = {o.kod: o for o in Objekt.objects.filter(dimension__forbund=forbund)}
    if fran == 0:  # the placeholders the SIE import made for the objects: ours replace them
        Insats.objects.filter(forbund=forbund).delete()
    for i in range(fran, till):
        individ = i % 2 == 0
        start = datetime.date(SISTA_AR - 1, 1, 1)
        insats = Insats.objects.create(
            forbund=forbund,
            namn=f"Insats {i}",
            typ=Insats.Typ.INDIVID if individ else Insats.Typ.STRUKTUR,
            finansieringsform=Insats.Finansiering.HEL,
            start=start,
            objekt=objekt[f"P{i:02d}"],
        )
        InsatsStatus.objects.create(insats=insats, status="pagaende", datum=start)
        for ar in (SISTA_AR - 1, SISTA_AR):
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
                    insats=insats, datum=datetime.date(ar, 1 + i % 12, 1), namn="Träff", antal=40
                )
                for ar in (SISTA_AR - 1, SISTA_AR)
            )
            continue
        deltaganden = []
        for k in range(30):
            d0 = datetime.date(SISTA_AR - k % 2, 1, 1) + datetime.timedelta(days=(k * 37) % 300)
            slut = d0 + datetime.timedelta(days=30 + k * 5) if k % 2 else None
            deltaganden.append(
                Deltagande(
                    insats=insats,
                    kod=f"B{i}-{k}",
                    kon="K" if k % 2 else "M",
                    aldersgrupp="25-29",
                    start=d0,
                    slut=slut,
                    avslutsorsak=orsak if slut else None,
                    samtycke_datum=d0,
                )
            )
        Deltagande.objects.bulk_create(deltaganden)
        AnonymaDeltagare.objects.create(insats=insats, ar=SISTA_AR, kon="K", antal=3)
