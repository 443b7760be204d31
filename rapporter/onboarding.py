"""After an SIE import: turn a förbund known only from its books into one whose reports are
true. Read use-cases (what each object is, which members the income accounts suggest,
what the reports still lack) and one write use-case (``onboarding_spara``) that stores the
object roles and the confirmed members all or nothing.

Every read is set-based: a fixed number of queries whatever the number of objects,
accounts or members."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse

from ekonomi.models import Budgetversion, Dimension, Konto, Objekt, Rad, Rakenskapsar, Verifikation
from forbund import selectors as reg
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse, Medlem
from forbund.services import medlem_create, medlem_update
from insatser.models import Objektroll, ar_administrationsnamn
from rapporter.builders.saknas import Saknas

H = Logghandelse.Handelse
Roll = Objektroll.Roll

# Kommun-Bas group 35: bidrag — where a förbund books its members' contributions.
BIDRAGSGRUPP = "35"


# --- objects -------------------------------------------------------------------------------


@dataclass
class Objektrad:
    objekt: Objekt
    dimension: int
    dimension_namn: str
    roll: str  # the stored role, "" when none
    forslag: str  # the proposed role
    insats: str  # name of a registered insats linked to it, "" when none

    @property
    def kan_vara_insats(self) -> bool:
        return self.dimension == Dimension.PROJEKT


def objekt_lista(*, forbund: Forbund) -> list[Objektrad]:
    """Every object of every dimension with its role and a proposal: administration when
    its name says administration/kansli, insats in the project dimension (6), otherwise
    övrigt. One query."""
    qs = (
        Objekt.objects.filter(dimension__forbund=forbund)
        .select_related("dimension", "roll", "insats")
        .order_by("dimension__nummer", "kod")
    )
    rader = []
    for o in qs:
        roll = getattr(o, "roll", None)
        insats = getattr(o, "insats", None)
        if ar_administrationsnamn(o.namn):
            forslag = Roll.ADMINISTRATION
        elif o.dimension.nummer == Dimension.PROJEKT:
            forslag = Roll.INSATS
        else:
            forslag = Roll.OVRIGT
        rader.append(
            Objektrad(
                objekt=o,
                dimension=o.dimension.nummer,
                dimension_namn=o.dimension.namn,
                roll=roll.roll if roll else "",
                forslag=forslag,
                insats=insats.namn if insats else "",
            )
        )
    return rader


# --- members -------------------------------------------------------------------------------

_TYPORD = (
    (Medlem.Typ.FORSAKRINGSKASSAN, ("försäkringskassan", "forsakringskassan", "staten", "fk")),
    (Medlem.Typ.ARBETSFORMEDLINGEN, ("arbetsförmedlingen", "arbetsformedlingen", "af")),
    (Medlem.Typ.REGION, ("region", "landsting")),
    (Medlem.Typ.KOMMUN, ("kommun", "stad")),
)
_PREFIX = re.compile(
    r"^(medlems?(bidrag|avgift|avgifter|insats|insatser)|bidrag|avgift|intäkt)"
    r"(\s+(från|fr\.?|av))?[\s:,-]*",
    re.IGNORECASE,
)


def gissa_medlemstyp(text: str) -> str:
    """The member type a name suggests ("" when it says nothing)."""
    ord_ = re.findall(r"[\wåäöÅÄÖ]+", text.lower())
    for typ, nycklar in _TYPORD:
        if any(n in ord_ or (len(n) > 3 and any(w.startswith(n) for w in ord_)) for n in nycklar):
            return typ
    return ""


@dataclass
class Medlemsforslag:
    namn: str
    typ: str
    konto: str
    kontonamn: str
    belopp: int  # öre, presented (income positive), in ``ar``
    ar: int | None
    befintlig: Medlem | None  # a registered member of that name, if any

    @property
    def forvald(self) -> bool:
        """Whether the page ticks the proposal: only when it can be saved as shown and is
        evidently a member's contribution, i.e. its name suggests a member type and the
        account has an amount in ``ar`` (a "3590 Övriga bidrag: 0 kr" is left unticked;
        ticked with no type it would fail with "Välj typ av medlem")."""
        return bool(self.namn.strip() and self.typ and self.konto and self.belopp != 0)


def senaste_bokforda_ar(*, forbund: Forbund) -> int | None:
    """The last räkenskapsår that has bokförda vouchers (None without books)."""
    slut = (
        Rakenskapsar.objects.filter(
            forbund=forbund, verifikationer__status=Verifikation.Status.BOKFORD
        )
        .order_by("-slut")
        .values_list("slut", flat=True)
        .first()
    )
    return slut.year if slut else None


def medlemsforslag(*, forbund: Forbund) -> list[Medlemsforslag]:
    """One proposal per income account in Kommun-Bas group 35 that is not yet mapped to a
    member: its name cleaned of "Medlemsbidrag …" as the member's name, the type its name
    suggests, and its amount in the last year with books. Three queries."""
    ar = senaste_bokforda_ar(forbund=forbund)
    medlemmar = list(forbund.medlemmar.all())
    mappade = {k.strip() for m in medlemmar for k in m.intaktskonton.split(",") if k.strip()}
    per_namn = {m.namn.lower(): m for m in medlemmar}
    konton = list(
        Konto.objects.filter(forbund=forbund, typ="I", nummer__startswith=BIDRAGSGRUPP).order_by(
            "nummer"
        )
    )
    belopp: dict[int, int] = {}
    if ar is not None:
        belopp = {
            r["konto_id"]: int(r["total"] or 0)
            for r in Rad.objects.filter(
                konto__in=konton,
                verifikation__status=Verifikation.Status.BOKFORD,
                verifikation__rakenskapsar__forbund=forbund,
                verifikation__datum__year=ar,
            )
            .values("konto_id")
            .order_by("konto_id")
            .annotate(total=Sum("belopp"))
        }
    forslag = []
    for k in konton:
        if k.nummer in mappade:
            continue
        namn = _PREFIX.sub("", k.namn).strip() or k.namn
        namn = namn[:1].upper() + namn[1:]
        forslag.append(
            Medlemsforslag(
                namn=namn,
                typ=gissa_medlemstyp(k.namn),
                konto=k.nummer,
                kontonamn=k.namn,
                belopp=-belopp.get(k.id, 0),
                ar=ar,
                befintlig=per_namn.get(namn.lower()),
            )
        )
    return forslag


# --- what the reports still lack -----------------------------------------------------------


def saknade_uppgifter(
    *, forbund: Forbund, rapport: str, ar: int, fran: datetime.date, till: datetime.date
) -> list[Saknas]:
    """The register facts the report ``rapport`` for [fran, till] needs and that are not
    entered: members, member accounts, styrelse, sammanträden, revisorer (årsredovisning),
    budget, report texts and objects without a role. A fixed number of queries."""
    from rapporter.models import Berattelseavsnitt

    period = {"forbund": forbund, "fran": fran, "till": till}
    saknas: list[Saknas] = []

    def lagg_till(nyckel: str, text: str, url_namn: str, **kwargs) -> None:
        url = reverse(url_namn, kwargs={"orgnr": forbund.orgnr, **kwargs})
        saknas.append(Saknas(nyckel, text, url))

    medlemmar = reg.medlemmar_under(**period)
    if not medlemmar.exists():
        lagg_till("medlemmar", "förbundets medlemmar", "forbund:medlem-list")
    elif not medlemmar.exclude(intaktskonton="").exists():
        lagg_till(
            "medlemskonton",
            "vilka konton medlemmarnas bidrag bokförs på",
            "rapporter:onboarding",
        )
    if rapport != "verksamhetsplan":
        if not reg.styrelse_under(**period).exists():
            lagg_till("styrelse", "styrelsen under perioden", "forbund:uppdrag-list")
        if not reg.sammantraden_under(**period).exists():
            lagg_till("sammantraden", "styrelsens sammanträden", "forbund:sammantrade-list")
    if rapport == "arsredovisning" and not reg.revisorer_under(**period).exists():
        lagg_till("revisorer", "revisorerna", "forbund:revisor-list")
    if not Budgetversion.objects.filter(
        rakenskapsar__forbund=forbund, rakenskapsar__slut__year=ar, typ="budget"
    ).exists():
        lagg_till("budget", f"budget för {ar}", "ekonomi:budget-list")
    if not (
        Berattelseavsnitt.objects.filter(forbund=forbund, rapport=rapport, ar=ar)
        .exclude(text="")
        .exists()
    ):
        lagg_till("texter", "rapportens texter", "rapporter:berattelse", rapport=rapport, ar=ar)
    if Objekt.objects.filter(dimension__forbund=forbund, roll__isnull=True).exists():
        lagg_till("objekt", "vad bokföringens objekt används till", "rapporter:onboarding")
    return saknas


# --- the write use-case --------------------------------------------------------------------


@dataclass
class NyMedlem:
    namn: str
    typ: str
    intaktskonton: str


def _med_konton(befintliga: str, nya: str) -> str:
    """The comma-separated accounts of ``befintliga`` followed by those of ``nya`` not
    already among them ("3513", "3516" → "3513,3516")."""
    ut: list[str] = []
    for k in (befintliga + "," + nya).split(","):
        if k.strip() and k.strip() not in ut:
            ut.append(k.strip())
    return ",".join(ut)


@transaction.atomic
def onboarding_spara(
    *, forbund: Forbund, user, roller: dict[int, str], medlemmar: list[NyMedlem]
) -> None:
    """Store every object's role and the confirmed members, all or nothing.

    ``roller``: object id → "insats" / "administration" / "ovrigt"; every object of the
    förbund must have one, and only objects of the project dimension (6) can be insatser.
    ``medlemmar``: members to create, or to update when one of that name exists (its
    confirmed accounts are added to the ones it has: "3513" + "3516" → "3513,3516").
    Raises ``ValidationError`` (a message per problem) and saves nothing on bad input."""
    objekt = {
        o.pk: o
        for o in Objekt.objects.filter(dimension__forbund=forbund).select_related(
            "dimension", "roll"
        )
    }
    fel = []
    utan = [o for pk, o in objekt.items() if roller.get(pk) not in Roll.values]
    if utan:
        fel.append(
            "Välj vad varje objekt används till. Utan val: "
            + ", ".join(f"{o.kod} {o.namn}" for o in utan)
            + "."
        )
    if set(roller) - set(objekt):
        fel.append("Ett av objekten hör inte till förbundet.")
    for pk, roll in roller.items():
        o = objekt.get(pk)
        if o and roll == Roll.INSATS and o.dimension.nummer != Dimension.PROJEKT:
            fel.append(
                f"Objektet {o.kod} {o.namn} ligger i dimension {o.dimension.nummer}; "
                f"bara objekt i dimension {Dimension.PROJEKT} (projekt) kan vara insatser."
            )
    if fel:
        raise ValidationError(fel)
    for pk, roll in roller.items():
        o = objekt[pk]
        fore = getattr(o, "roll", None)
        if fore is not None and fore.roll == roll:
            continue
        if fore is None:
            fore_roll = None
            post = Objektroll(objekt=o, roll=roll)
        else:
            fore_roll = fore.roll
            post = fore
            post.roll = roll
        post.full_clean()
        post.save()
        logga(
            user=user,
            forbund=forbund,
            obj=post,
            handelse=H.SKAPAD if fore_roll is None else H.ANDRAD,
            beskrivning=str(post),
            andringar={"roll": [fore_roll, roll]},
        )
    befintliga = {m.namn.lower(): m for m in forbund.medlemmar.all()}
    for ny in medlemmar:
        data = {"namn": ny.namn.strip(), "typ": ny.typ, "intaktskonton": ny.intaktskonton}
        if not data["namn"]:
            raise ValidationError("Varje medlem behöver ett namn.")
        try:
            m = befintliga.get(data["namn"].lower())
            if m is None:
                befintliga[data["namn"].lower()] = medlem_create(
                    user=user, forbund=forbund, **data
                )
            else:
                # A confirmed account is added to the member's accounts, never put in
                # their place: a member paying on two accounts (or on a new account in a
                # later year) keeps the earlier ones, so earlier years still count.
                data["intaktskonton"] = _med_konton(m.intaktskonton, data["intaktskonton"])
                medlem_update(user=user, medlem=m, **data)
        except ValidationError as exc:
            raise ValidationError(
                [f"{data['namn']}: {m}" for m in exc.messages]  # noqa: B023
            ) from exc
