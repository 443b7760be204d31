"""Generated balance files (SIE typ 2) for the tests: deterministic, balanced per period."""


def _kr(ore: int) -> str:
    return f"{'-' if ore < 0 else ''}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def typ2_fil(*, konton: int = 500, perioder: int = 12) -> tuple[str, dict, dict]:
    """A typ 2 file for 2024 with ``konton`` accounts and ``perioder`` months of #PSALDO.

    Returns (text, {konto: IB öre}, {konto: [öre per period]}). Half the accounts are
    balance accounts (1xxx/2xxx), half result accounts (3xxx, 4xxx–6xxx); 1930 balances
    every period."""
    balans = [f"1{i:03d}" for i in range(1, konton // 4)] + [
        f"2{i:03d}" for i in range(1, konton // 4)
    ]
    resultat = [f"3{i:03d}" for i in range(1, konton // 4)] + [
        f"{4 + i % 3}{i:03d}" for i in range(1, konton - len(balans) - konton // 4 + 1)
    ]
    rader = [
        "#FLAGGA 0",
        '#PROGRAM "Genererad" 1.0',
        "#FORMAT PC8",
        "#SIETYP 2",
        '#FNAMN "Samordningsförbundet Generaldalen"',
        "#ORGNR 555555-5555",
        "#RAR 0 20240101 20241231",
        "#KONTO 1930 Bank",
        "#KTYP 1930 T",
    ]
    for nr in balans + resultat:
        typ = {"1": "T", "2": "S", "3": "I"}.get(nr[0], "K")
        rader += [f'#KONTO {nr} "Konto {nr}"', f"#KTYP {nr} {typ}"]
    ib = {nr: (i * 7919 % 100000) * (1 if nr[0] == "1" else -1) for i, nr in enumerate(balans)}
    ib["1930"] = -sum(ib.values())
    ps: dict[str, list[int]] = {nr: [] for nr in [*balans, *resultat, "1930"]}
    for m in range(perioder):
        summa = 0
        for i, nr in enumerate(balans + resultat):
            belopp = ((i + 1) * 104729 + m * 1299709) % 5000000 - 2500000
            ps[nr].append(belopp)
            summa += belopp
        ps["1930"].append(-summa)
    ub = {nr: ib.get(nr, 0) + sum(ps[nr]) for nr in [*balans, "1930"]}
    rader += [f"#IB 0 {nr} {_kr(b)}" for nr, b in ib.items()]
    rader += [f"#UB 0 {nr} {_kr(b)}" for nr, b in ub.items()]
    rader += [f"#RES 0 {nr} {_kr(sum(ps[nr]))}" for nr in resultat]
    for m in range(perioder):
        rader += [f"#PSALDO 0 2024{m + 1:02d} {nr} {{}} {_kr(b[m])}" for nr, b in ps.items()]
    return "\r\n".join(rader) + "\r\n", ib, ps
