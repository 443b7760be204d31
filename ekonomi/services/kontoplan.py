"""The chart of accounts, dimensions and objects."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ekonomi.models import Dimension, Konto, Objekt
from ekonomi.models import Rapportrad as R
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse, Medlem

# The account that receives årets resultat at bokslut (the IB of year N+1 gets
# UB(N) + årets resultat on it). Reports show it as "balanserat resultat / övrigt eget
# kapital" and compute årets resultat from the I/K accounts. A förbund with another chart
# designates its account with ``rapportrad = br_eget_kapital``: the lowest-numbered such
# account is used (see ``eget_kapital_konto``).
EGET_KAPITAL_KONTO = "2010"

# Default chart for a samordningsförbund, based on Kommun-Bas (SKR). Types are stored,
# never inferred from BAS company rules (DOMAIN.md §4).
STANDARDKONTON: list[tuple[str, str, str, str]] = [
    ("1510", "Kundfordringar", "T", R.BR_FORDRINGAR),
    ("1610", "Fordringar hos medlemmar", "T", R.BR_FORDRINGAR),
    ("1640", "Fordran ingående moms (momskompensation)", "T", R.BR_FORDRINGAR),
    ("1680", "Övriga kortfristiga fordringar", "T", R.BR_FORDRINGAR),
    ("1710", "Förutbetalda kostnader", "T", R.BR_FORDRINGAR),
    ("1790", "Upplupna intäkter", "T", R.BR_FORDRINGAR),
    ("1910", "Kassa", "T", R.BR_KASSA),
    ("1930", "Bank", "T", R.BR_KASSA),
    ("1940", "Avräkning kommunens kassa", "T", R.BR_KASSA),
    ("2010", "Eget kapital, balanserat resultat", "S", R.BR_EGET_KAPITAL),
    ("2440", "Leverantörsskulder", "S", R.BR_KORTFRISTIGA),
    ("2710", "Personalens källskatt", "S", R.BR_KORTFRISTIGA),
    ("2730", "Lagstadgade sociala avgifter", "S", R.BR_KORTFRISTIGA),
    ("2790", "Övriga kortfristiga skulder", "S", R.BR_KORTFRISTIGA),
    ("2910", "Upplupna löner", "S", R.BR_KORTFRISTIGA),
    ("2940", "Upplupna sociala avgifter", "S", R.BR_KORTFRISTIGA),
    ("2970", "Förutbetalda intäkter", "S", R.BR_KORTFRISTIGA),
    ("2990", "Upplupna kostnader", "S", R.BR_KORTFRISTIGA),
    ("3511", "Medlemsbidrag Försäkringskassan", "I", R.RR_MEDLEMSBIDRAG),
    ("3512", "Medlemsbidrag Arbetsförmedlingen", "I", R.RR_MEDLEMSBIDRAG),
    ("3513", "Medlemsbidrag region", "I", R.RR_MEDLEMSBIDRAG),
    ("3514", "Medlemsbidrag kommun", "I", R.RR_MEDLEMSBIDRAG),
    ("3590", "Övriga bidrag", "I", R.RR_OVRIGA_INTAKTER),
    ("3690", "Försäljning av verksamhet", "I", R.RR_OVRIGA_INTAKTER),
    ("3990", "Övriga intäkter", "I", R.RR_OVRIGA_INTAKTER),
    ("4610", "Lämnade bidrag till insatser", "K", R.RR_LAMNADE_BIDRAG),
    ("4620", "Köp av verksamhet", "K", R.RR_LAMNADE_BIDRAG),
    ("5010", "Arvoden förtroendevalda", "K", R.RR_PERSONAL),
    ("5110", "Löner tjänstemän", "K", R.RR_PERSONAL),
    ("5410", "Sociala avgifter enligt lag och avtal", "K", R.RR_PERSONAL),
    ("5510", "Pensionskostnader", "K", R.RR_PERSONAL),
    ("5810", "Övriga personalkostnader", "K", R.RR_PERSONAL),
    ("6110", "Lokalhyror", "K", R.RR_EXTERNA),
    ("6410", "Förbrukningsmaterial", "K", R.RR_EXTERNA),
    ("6420", "Kurser och konferenser", "K", R.RR_EXTERNA),
    ("6550", "IT-tjänster", "K", R.RR_EXTERNA),
    ("6580", "Konsulttjänster", "K", R.RR_EXTERNA),
    ("6590", "Revision", "K", R.RR_EXTERNA),
    ("7010", "Resor", "K", R.RR_EXTERNA),
    ("7310", "Representation", "K", R.RR_EXTERNA),
    ("7990", "Övriga kostnader", "K", R.RR_EXTERNA),
    ("8410", "Ränteintäkter", "I", R.RR_FIN_INTAKTER),
    ("8510", "Räntekostnader", "K", R.RR_FIN_KOSTNADER),
    ("8590", "Övriga finansiella kostnader", "K", R.RR_FIN_KOSTNADER),
]

# Which revenue account a member's contributions go to, by member type.
MEDLEMSKONTON = {
    Medlem.Typ.FORSAKRINGSKASSAN: "3511",
    Medlem.Typ.ARBETSFORMEDLINGEN: "3512",
    Medlem.Typ.REGION: "3513",
    Medlem.Typ.KOMMUN: "3514",
}

STANDARDDIMENSIONER = [
    (Dimension.KOSTNADSSTALLE, "Kostnadsställe"),
    (Dimension.PROJEKT, "Projekt"),
]


def kontoplan_skapa_standard(*, forbund: Forbund, user=None) -> list[Konto]:
    """Create the default chart and dimensions 1 and 6; idempotent (existing accounts are
    left as they are). Members without revenue accounts get the one for their type."""
    with transaction.atomic():
        befintliga = set(forbund.konton.values_list("nummer", flat=True))
        nya = [
            Konto(forbund=forbund, nummer=n, namn=namn, typ=typ, rapportrad=rad)
            for n, namn, typ, rad in STANDARDKONTON
            if n not in befintliga
        ]
        Konto.objects.bulk_create(nya)
        for nummer, namn in STANDARDDIMENSIONER:
            Dimension.objects.get_or_create(
                forbund=forbund, nummer=nummer, defaults={"namn": namn}
            )
        for medlem in forbund.medlemmar.filter(intaktskonton=""):
            medlem.intaktskonton = MEDLEMSKONTON[medlem.typ]
            medlem.save(update_fields=["intaktskonton"])
        if nya:
            logga(
                user=user,
                forbund=forbund,
                handelse=Logghandelse.Handelse.SKAPAD,
                objekttyp="ekonomi.Konto",
                beskrivning=f"Standardkontoplan: {len(nya)} konton",
            )
    return list(forbund.konton.all())


def eget_kapital_konto(*, forbund: Forbund) -> Konto:
    """The eget kapital account that receives årets resultat at bokslut."""
    konto = forbund.konton.filter(nummer=EGET_KAPITAL_KONTO, typ=Konto.Typ.SKULD).first()
    if konto is None:
        konto = (
            forbund.konton.filter(rapportrad=R.BR_EGET_KAPITAL, typ=Konto.Typ.SKULD)
            .order_by("nummer")
            .first()
        )
    if konto is None:
        raise ValidationError(
            f"Kontoplanen saknar ett eget kapital-konto ({EGET_KAPITAL_KONTO}) för årets resultat."
        )
    return konto


def _spara(obj, *, user, forbund: Forbund, andringar: dict | None, ny: bool):
    obj.full_clean()
    obj.save()
    logga(
        user=user,
        forbund=forbund,
        obj=obj,
        handelse=Logghandelse.Handelse.SKAPAD if ny else Logghandelse.Handelse.ANDRAD,
        andringar=andringar,
    )
    return obj


def konto_spara(*, konto: Konto, user, andringar: dict | None = None) -> Konto:
    """Create or change an account (number, name, type, line, active)."""
    ny = konto.pk is None
    with transaction.atomic():
        if not ny and konto.rader.exists():
            gammal = Konto.objects.get(pk=konto.pk)
            if gammal.nummer != konto.nummer or gammal.typ != konto.typ:
                raise ValidationError(
                    "Ett konto med bokförda rader kan inte byta nummer eller typ; "
                    "lägg upp ett nytt konto och inaktivera det gamla."
                )
        return _spara(konto, user=user, forbund=konto.forbund, andringar=andringar, ny=ny)


def konto_ta_bort(*, konto: Konto, user) -> None:
    """Delete an unused account; one with rows or budget rows is refused."""
    with transaction.atomic():
        if konto.rader.exists() or konto.budgetrader.exists():
            raise ValidationError(
                f"Konto {konto.nummer} har rader och kan inte tas bort; inaktivera det i stället."
            )
        logga(
            user=user, forbund=konto.forbund, obj=konto, handelse=Logghandelse.Handelse.BORTTAGEN
        )
        konto.delete()


def dimension_spara(*, dimension: Dimension, user, andringar: dict | None = None) -> Dimension:
    ny = dimension.pk is None
    with transaction.atomic():
        return _spara(dimension, user=user, forbund=dimension.forbund, andringar=andringar, ny=ny)


def objekt_spara(*, objekt: Objekt, user, andringar: dict | None = None) -> Objekt:
    ny = objekt.pk is None
    with transaction.atomic():
        return _spara(
            objekt, user=user, forbund=objekt.dimension.forbund, andringar=andringar, ny=ny
        )
