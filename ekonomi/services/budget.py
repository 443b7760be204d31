"""Budget per year in versions (budget, reviderad, prognos): rows per account × object with
a yearly amount (``manad`` null) or a monthly split (``manad`` 1–12).

Stored amounts use the ledger's sign (debet-positive: income negative) so utfall and
budget compare directly. People type and read them with both income and costs positive:
``naturligt``/``fran_naturligt`` convert at the edge (grid, CSV, Excel).
"""

import csv
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from ekonomi.models import Budgetrad, Budgetversion, Konto, Objekt, Rakenskapsar
from finsam import kalkylblad
from finsam.money import OgiltigtBelopp, fordela, kr_till_ore, tolka_belopp
from forbund.audit import logga
from forbund.models import Logghandelse


def tecken(konto: Konto) -> int:
    return -1 if konto.typ in (Konto.Typ.INTAKT, Konto.Typ.SKULD) else 1


def naturligt(konto: Konto, belopp: int) -> int:
    return tecken(konto) * belopp


def budgetversion_skapa(
    *, rakenskapsar: Rakenskapsar, typ: str, namn: str, user, kopiera_fran=None
) -> Budgetversion:
    with transaction.atomic():
        version = Budgetversion(rakenskapsar=rakenskapsar, typ=typ, namn=namn.strip())
        version.full_clean()
        version.save()
        if kopiera_fran is not None:
            Budgetrad.objects.bulk_create(
                [
                    Budgetrad(
                        version=version,
                        konto_id=r.konto_id,
                        objekt_id=r.objekt_id,
                        manad=r.manad,
                        ar=r.ar,
                        belopp=r.belopp,
                    )
                    for r in kopiera_fran.rader.all()
                ]
            )
        logga(
            user=user,
            forbund=rakenskapsar.forbund,
            obj=version,
            handelse=Logghandelse.Handelse.SKAPAD,
            andringar={"typ": [None, typ], "namn": [None, namn]},
        )
    return version


def budget_celler(*, version: Budgetversion) -> dict[tuple[int, int | None], int]:
    """Yearly total per (konto_id, objekt_id), ledger sign."""
    celler: dict[tuple[int, int | None], int] = {}
    for r in version.rader.all():
        key = (r.konto_id, r.objekt_id)
        celler[key] = celler.get(key, 0) + r.belopp
    return celler


def budget_spara(
    *,
    version: Budgetversion,
    celler: dict[tuple[Konto, Objekt | None], int],
    user,
    per_manad: bool = False,
) -> Budgetversion:
    """Set yearly amounts (ledger sign) per cell. An unchanged cell keeps its rows (and so
    an imported monthly split); a changed one gets one yearly row, or twelve monthly rows
    splitting it exactly when ``per_manad``. A zero cell is removed."""
    forbund = version.rakenskapsar.forbund
    with transaction.atomic():
        fore = budget_celler(version=version)
        andrade = {}
        for (konto, objekt), belopp in celler.items():
            if konto.forbund_id != forbund.pk:
                raise ValidationError(f"Konto {konto.nummer} hör inte till förbundet.")
            if objekt is not None and objekt.dimension.forbund_id != forbund.pk:
                raise ValidationError(f"Objekt {objekt.kod} hör inte till förbundet.")
            key = (konto.pk, objekt.pk if objekt else None)
            if fore.get(key, 0) == belopp and not per_manad:
                continue
            andrade[key] = belopp
        for (konto_id, objekt_id), belopp in andrade.items():
            version.rader.filter(konto_id=konto_id, objekt_id=objekt_id).delete()
            if belopp == 0:
                continue
            if per_manad:
                Budgetrad.objects.bulk_create(
                    [
                        Budgetrad(
                            version=version,
                            konto_id=konto_id,
                            objekt_id=objekt_id,
                            manad=m,
                            belopp=b,
                        )
                        for m, b in enumerate(fordela(belopp, [1] * 12), start=1)
                    ]
                )
            else:
                Budgetrad.objects.create(
                    version=version, konto_id=konto_id, objekt_id=objekt_id, belopp=belopp
                )
        if andrade:
            logga(
                user=user,
                forbund=forbund,
                obj=version,
                handelse=Logghandelse.Handelse.ANDRAD,
                beskrivning=f"Budget {version}: {len(andrade)} celler ändrade",
                andringar={"celler": [None, len(andrade)]},
            )
    return version


KOLUMNER = ["konto", "objekt", "manad", "belopp"]


MAX_RADER = 50_000  # header included; a 600-account chart × 12 months × a few objects


def _las_rader(innehall: bytes, filnamn: str) -> list[list[str]]:
    """The file's rows as lists of at most four texts. Excel is read within the limits of
    ``finsam.kalkylblad`` (size, unpacked size, rows, columns); CSV within the same size
    and row limits. Raises ``ValidationError({"fil": ...})`` naming the limit."""
    kalkylblad.kontrollera_storlek(len(innehall))
    if filnamn.lower().endswith(".xlsx"):
        return [
            ["" if v is None else str(v) if not isinstance(v, float) else repr(v) for v in row]
            for row in kalkylblad.las_xlsx(
                innehall, max_rader=MAX_RADER, max_kolumner=len(KOLUMNER)
            )
        ]
    try:
        text = innehall.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = innehall.decode("cp1252")
    forsta = text.split("\n", 1)[0]
    rader = []
    try:
        for rad in csv.reader(io.StringIO(text), delimiter=";" if ";" in forsta else ","):
            kalkylblad.kontrollera_rader(len(rader) + 1, max_rader=MAX_RADER)
            rader.append(rad[: len(KOLUMNER)])
    except csv.Error as exc:
        raise ValidationError({"fil": f"Filen går inte att läsa som CSV: {exc}."}) from exc
    return rader


def _manad(text: str, rakenskapsar: Rakenskapsar) -> tuple[int | None, int | None]:
    """(month, its year) from ``8`` (the month's first occurrence in the year) or ``202408``
    (a year longer than 12 months has some months twice); (None, None) when invalid."""
    text = text.removesuffix(".0")
    if len(text) == 6 and text.isdigit():
        ar, manad = int(text[:4]), int(text[4:])
        start, slut = rakenskapsar.start, rakenskapsar.slut
        if 1 <= manad <= 12 and (start.year, start.month) <= (ar, manad) <= (
            slut.year,
            slut.month,
        ):
            return manad, ar
        return None, None
    try:
        manad = int(Decimal(text))
    except ArithmeticError:
        return None, None
    if not 1 <= manad <= 12:
        return None, None
    return manad, Budgetrad.manadens_ar(rakenskapsar, manad)


def budget_import(*, version: Budgetversion, innehall: bytes, filnamn: str, user) -> int:
    """Replace the version's rows with a CSV (``;``) or Excel file with the columns
    konto, objekt (code, may be empty), manad (1–12, ÅÅÅÅMM or empty for the year), belopp
    (income and costs positive, Swedish or dot decimals). Every bad row is reported
    ("Rad 3: ...") and nothing is saved. Returns the number of rows."""
    forbund = version.rakenskapsar.forbund
    rader = _las_rader(innehall, filnamn)
    if not rader:
        raise ValidationError("Filen är tom.")
    rubrik = [c.strip().lower().replace("å", "a") for c in rader[0]]
    if rubrik[:4] != KOLUMNER:
        raise ValidationError(f"Första raden ska vara rubrikerna: {';'.join(KOLUMNER)}.")
    konton = {k.nummer: k for k in forbund.konton.all()}
    objekt = {o.kod: o for o in Objekt.objects.filter(dimension__forbund=forbund)}
    fel, nya, sett = [], [], set()
    for nr, rad in enumerate(rader[1:], start=2):
        rad = [(c or "").strip() for c in rad] + [""] * 4
        if not any(rad[:4]):
            continue
        k_text, o_text, m_text, b_text = rad[:4]
        konto = konton.get(k_text.removesuffix(".0"))
        if konto is None:
            fel.append(f"Rad {nr}: konto ”{k_text}” finns inte.")
            continue
        obj = None
        if o_text:
            obj = objekt.get(o_text)
            if obj is None:
                fel.append(f"Rad {nr}: objekt ”{o_text}” finns inte.")
                continue
        manad = ar_ = None
        if m_text:
            manad, ar_ = _manad(m_text, version.rakenskapsar)
            if manad is None:
                fel.append(
                    f"Rad {nr}: månad ”{m_text}” ska vara 1–12, ÅÅÅÅMM inom räkenskapsåret "
                    "eller tom."
                )
                continue
        try:
            if "." in b_text and "," not in b_text:
                belopp = kr_till_ore(Decimal(b_text))
            else:
                belopp = tolka_belopp(b_text)
        except (OgiltigtBelopp, ArithmeticError):
            fel.append(f"Rad {nr}: ”{b_text}” är inte ett belopp.")
            continue
        key = (konto.pk, obj.pk if obj else None, manad, ar_)
        if key in sett:
            fel.append(
                f"Rad {nr}: konto {konto.nummer} {o_text} månad {m_text or '–'} finns två gånger."
            )
            continue
        sett.add(key)
        nya.append(
            Budgetrad(
                version=version,
                konto=konto,
                objekt=obj,
                manad=manad,
                ar=ar_,
                belopp=naturligt(konto, belopp),
            )
        )
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        version.rader.all().delete()
        Budgetrad.objects.bulk_create(nya)
        logga(
            user=user,
            forbund=forbund,
            obj=version,
            handelse=Logghandelse.Handelse.IMPORTERAD,
            beskrivning=f"Budget {version} importerad från {filnamn}: {len(nya)} rader",
        )
    return len(nya)
