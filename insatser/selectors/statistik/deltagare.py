"""The participant statistics of one insats or the whole förbund for a period, with cost
per participant (terms and the cost rule in the package docstring,
``insatser.selectors.statistik``)."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from forbund.models import Forbund
from insatser.models import Insats
from insatser.models.deltagare import Aldersgrupp, Forsorjning, Kon
from insatser.selectors.skydd import Andel, Raknare, Tal, skydda
from insatser.selectors.statistik.kostnad import insatsobjekt, utfall_ore
from insatser.selectors.statistik.mal import Maluppfyllelse, maluppfyllelse
from insatser.selectors.statistik.perioden import (
    anonyma_under,
    deltaganden_under,
    rakna_perioden,
)

# The choices as lists once: a TextChoices' ``choices`` builds a new list on every read.
_KON = Kon.choices
_ALDERSGRUPPER = [*Aldersgrupp.choices, ("", "Uppgift saknas")]
_FORSORJNING = Forsorjning.choices


@dataclass(frozen=True)
class Rad_:
    etikett: str
    tal: Tal
    arbete_studier: bool = False


@dataclass(frozen=True)
class ForsorjningRad:
    etikett: str
    vid_start: Tal
    vid_slut: Tal


@dataclass(frozen=True)
class Deltagarstatistik:
    fran: datetime.date
    till: datetime.date
    publicering: bool
    grans: int
    totalt: Tal
    aktuella_vid_start: Tal
    nya: Tal
    avslutade: Tal
    pagaende_vid_slut: Tal
    anonyma: Tal
    arbete_studier: Tal
    andel_arbete_studier: Andel
    per_avslutsorsak: list[Rad_]
    per_kon: list[Rad_]
    per_aldersgrupp: list[Rad_]
    per_remitterande: list[Rad_]
    forsorjning: list[ForsorjningRad]
    utfall_ore: int
    kostnad_per_deltagare_ore: int | None
    kostnad_per_arbete_studier_ore: int | None
    skyddad: bool = False  # rounded as well as suppressed (roles without participant rights)
    mal: list[Maluppfyllelse] = field(default_factory=list)


def deltagarstatistik(
    *,
    forbund: Forbund,
    fran: datetime.date,
    till: datetime.date,
    insats: Insats | None = None,
    publicering: bool = False,
    grans: int | None = None,
    skyddad: bool = False,
    data=None,
    utfall_per_objekt: dict[int, int] | None = None,
    individobjekt: list[int] | None = None,
) -> Deltagarstatistik:
    """Participant statistics for [fran, till] (one insats or all).

    ``publicering`` suppresses counts under ``grans`` (default FINSAM_SMA_CELLER);
    ``skyddad`` also rounds (module docstring). Money in öre. ``data``: a
    ``forhamtning.Forhamtat`` holding the insats's rows, so statistics for many insatser
    take a fixed number of queries (needs ``insats``, or for the förbund total ``data``
    loaded ``hela_forbundet``). ``utfall_per_objekt``: the
    period's cost per ledger object (öre, as ``Underlag.kostnad_per_objekt`` gives it from
    the grouped query a report already made), so the cost needs no scan of the rows.
    ``individobjekt``: the ledger objects of the förbund's individinriktade insatser when
    the caller has read them (the förbund total's cost then needs no query)."""
    grans = grans or settings.FINSAM_SMA_CELLER
    raknare = Raknare(publicering, grans, skyddad=skyddad)
    if data is not None:
        rader = data.deltaganden_under(insats, fran, till)
    else:
        rader = list(deltaganden_under(forbund=forbund, insats=insats, fran=fran, till=till))
    r = rakna_perioden(rader, fran, till)
    avslutade = r["avslutade"]

    # Every count under a key, so that secondary suppression can work across tables.
    antal: dict[tuple, int] = {
        ("totalt",): len(rader),
        ("aktuella",): len(r["aktuella"]),
        ("nya",): len(r["nya"]),
        ("avslutade",): len(avslutade),
        ("pagaende",): len(r["pagaende"]),
        ("arbete_studier",): len(r["arbete_studier"]),
    }
    orsaker: dict[int, tuple[int, str, bool]] = {}
    for d in avslutade:
        o = d.avslutsorsak
        orsaker[o.pk] = (o.ordning, o.namn, o.arbete_studier)
        antal[("orsak", o.pk)] = antal.get(("orsak", o.pk), 0) + 1
    kon = Counter(d.kon for d in rader)
    alder = Counter(d.aldersgrupp for d in rader)
    remitterande = Counter(d.remitterande.namn if d.remitterande else "" for d in rader)
    fors_start = Counter(d.forsorjning_start for d in avslutade)
    fors_slut = Counter(d.forsorjning_slut or Forsorjning.OKAND for d in avslutade)
    for namn, varden in [
        ("kon", kon),
        ("alder", alder),
        ("rem", remitterande),
        ("fstart", fors_start),
        ("fslut", fors_slut),
    ]:
        antal.update({(namn, k): n for k, n in varden.items()})

    def nycklar(namn: str, varden) -> list[tuple]:
        return [(namn, k) for k in varden]

    as_orsaker = [("orsak", pk) for pk, (_, _, as_) in orsaker.items() if as_]
    tal = skydda(
        antal,
        raknare,
        grupper=[
            (("totalt",), [("aktuella",), ("nya",)]),
            (("totalt",), [("avslutade",), ("pagaende",)]),
            (("totalt",), nycklar("kon", kon)),
            (("totalt",), nycklar("alder", alder)),
            (("totalt",), nycklar("rem", remitterande)),
            (("avslutade",), [("orsak", pk) for pk in orsaker]),
            (("arbete_studier",), as_orsaker),
            (
                ("avslutade",),
                [
                    ("arbete_studier",),
                    *(k for k in antal if k[0] == "orsak" and k not in as_orsaker),
                ],
            ),
            (("avslutade",), nycklar("fstart", fors_start)),
            (("avslutade",), nycklar("fslut", fors_slut)),
        ],
    )

    per_orsak = [
        Rad_(etikett=namn, tal=tal[("orsak", pk)], arbete_studier=as_)
        for pk, (_, namn, as_) in sorted(orsaker.items(), key=lambda t: (t[1][0], t[1][1]))
    ]
    per_rem = [
        Rad_(etikett=namn or "Uppgift saknas", tal=tal[("rem", namn)])
        for namn in sorted(remitterande, key=lambda n: (n == "", n))
    ]
    forsorjning = [
        ForsorjningRad(
            etikett=label,
            vid_start=tal.get(("fstart", value), Tal(0)),
            vid_slut=tal.get(("fslut", value), Tal(0)),
        )
        for value, label in _FORSORJNING
        if fors_start.get(value, 0) or fors_slut.get(value, 0)
    ]

    def fordelning(namn: str, ordning) -> list[Rad_]:
        return [
            Rad_(etikett=etikett, tal=tal[(namn, kod)])
            for kod, etikett in ordning
            if (namn, kod) in tal
        ]

    if data is not None and insats is not None:
        utfall = data.utfall_ore(insats)
        anonyma = data.anonyma_under(insats, fran, till)
    elif utfall_per_objekt is not None:
        if individobjekt is None:
            individobjekt = insatsobjekt(forbund=forbund, insats=insats)
        utfall = sum(utfall_per_objekt.get(o, 0) for o in individobjekt)
        anonyma = (
            data.anonyma_under(None, fran, till)
            if data is not None
            else anonyma_under(forbund=forbund, insats=insats, fran=fran, till=till)
        )
    else:
        utfall = utfall_ore(forbund=forbund, insats=insats, fran=fran, till=till)
        anonyma = anonyma_under(forbund=forbund, insats=insats, fran=fran, till=till)
    n_as = len(r["arbete_studier"])
    totalt = tal[("totalt",)]
    return Deltagarstatistik(
        fran=fran,
        till=till,
        publicering=raknare.publicering,
        grans=grans,
        totalt=totalt,
        aktuella_vid_start=tal[("aktuella",)],
        nya=tal[("nya",)],
        avslutade=tal[("avslutade",)],
        pagaende_vid_slut=tal[("pagaende",)],
        anonyma=raknare.tal(anonyma),
        arbete_studier=tal[("arbete_studier",)],
        andel_arbete_studier=(
            Andel(n_as, len(avslutade), dold=True)
            if tal[("arbete_studier",)].dold or tal[("avslutade",)].dold
            else raknare.andel(n_as, len(avslutade))
        ),
        per_avslutsorsak=per_orsak,
        per_kon=fordelning("kon", _KON),
        per_aldersgrupp=fordelning("alder", _ALDERSGRUPPER),
        per_remitterande=per_rem,
        forsorjning=forsorjning,
        utfall_ore=utfall,
        kostnad_per_deltagare_ore=(
            None if totalt.dold else raknare.per_deltagare(utfall, len(rader))
        ),
        kostnad_per_arbete_studier_ore=(
            None if tal[("arbete_studier",)].dold else raknare.per_deltagare(utfall, n_as)
        ),
        skyddad=skyddad,
        mal=(
            maluppfyllelse(
                insats=insats,
                publicering=publicering,
                grans=grans,
                skyddad=skyddad,
                data=data,
                fran=fran,
                till=till,
            )
            if insats is not None
            else []
        ),
    )
