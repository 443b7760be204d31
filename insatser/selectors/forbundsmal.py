"""Reading the förbund's goals (issue 14.3): the year's goals in print order and their
follow-up per report period, with outcomes suppressed as published (``skydd``)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, FilteredRelation, Q

from forbund.models import Forbund
from insatser.models import Forbundsmal, Malutfall
from insatser.models.forbundsmal import tal_text
from insatser.selectors.skydd import Raknare

KAN_INTE_BEDOMAS = Malutfall.Bedomning.KAN_INTE.label


@dataclass(frozen=True)
class Malrad:
    """One goal as printed: ``nr`` ("1", "1.2"), ``niva`` 0 for a top goal, 1 for a
    resultatmål under an inriktningsmål, and with ``till`` its follow-up: ``uppfoljning``
    (the Malutfall, None when not followed up), the outcome as it may be shown
    (``utfall_text``: "<5" when suppressed) and the assessment (label; "Kan inte bedömas"
    when the outcome is suppressed, "" when not followed up)."""

    mal: Forbundsmal
    nr: str
    niva: int
    uppfoljning: Malutfall | None = None
    utfall_text: str = ""
    bedomning: str = ""
    dold: bool = False
    har_resultatmal: bool = False  # an inriktningsmål followed up through its resultatmål

    @property
    def kommentar(self) -> str:
        # A suppressed count's comment is left out too: it may repeat the number.
        return self.uppfoljning.kommentar if self.uppfoljning and not self.dold else ""

    def som_dict(self) -> dict:
        """The goal for the report JSON (numbers as strings, exact)."""
        m = self.mal
        ut = {
            "nr": self.nr,
            "slag": m.slag,
            "niva": self.niva,
            "text": m.text,
            "matt": m.matt,
            "malvarde": None if m.malvarde is None else str(m.malvarde),
            "enhet": m.enhet,
            "maltext": m.maltext,
            "deltagarantal": m.deltagarantal,
        }
        return ut


@dataclass(frozen=True)
class Maluppfoljning:
    """The year's goals (``rader`` in print order) and, with ``till``, their follow-up."""

    ar: int
    till: datetime.date | None
    rader: list[Malrad]

    @property
    def saknar_uppfoljning(self) -> list[Malrad]:
        """The goals without a follow-up per ``till`` (none without ``till``). An
        inriktningsmål with resultatmål is followed up through them and needs none."""
        if self.till is None:
            return []
        return [r for r in self.rader if r.uppfoljning is None and not r.har_resultatmal]

    def som_dict(self) -> list[dict]:
        ut = []
        for r in self.rader:
            d = r.som_dict()
            if self.till is not None:
                u = r.uppfoljning
                d.update(
                    {
                        "uppfoljd": u is not None,
                        # Suppressed: neither the number nor a text that might carry it.
                        "utfall": None
                        if u is None or u.utfall is None or r.dold
                        else str(u.utfall),
                        "utfall_text": r.utfall_text if u is not None else None,
                        "bedomning": r.bedomning or None,
                        "kommentar": r.kommentar if u is not None else None,
                    }
                )
            ut.append(d)
        return ut


def malar_tillatet(*, forbund: Forbund, ar: int) -> bool:
    """Goals are set for one of the förbund's räkenskapsår, or for the year after its
    latest one (the plan is made before its year exists), as the verksamhetsplan."""
    from ekonomi.models import Rakenskapsar

    aren = set(Rakenskapsar.objects.filter(forbund=forbund).values_list("slut__year", flat=True))
    return ar in aren or (bool(aren) and ar == max(aren) + 1)


def forbundsmal_qs(*, forbund: Forbund, ar: int):
    """The year's goals of the förbund (unordered for print; see ``forbundsmal_i_ordning``)."""
    return Forbundsmal.objects.filter(forbund=forbund, ar=ar)


def i_ordning(mal: list[Forbundsmal]) -> list[tuple[Forbundsmal, str, int]]:
    """``[(goal, nr, niva)]``: the top goals by (ordning, id), each followed by its
    resultatmål by (ordning, id), numbered "1", "1.1", ... No queries."""
    nyckel = lambda m: (m.ordning, m.pk)  # noqa: E731
    barn: dict[int, list] = {}
    topp = []
    for m in mal:
        (barn.setdefault(m.overordnat_id, []) if m.overordnat_id else topp).append(m)
    ut = []
    for i, m in enumerate(sorted(topp, key=nyckel), start=1):
        ut.append((m, str(i), 0))
        m.har_resultatmal = bool(barn.get(m.pk))
        for j, b in enumerate(sorted(barn.get(m.pk, []), key=nyckel), start=1):
            ut.append((b, f"{i}.{j}", 1))
    return ut


def maluppfoljning(
    *, forbund: Forbund, ar: int, till: datetime.date | None = None
) -> Maluppfoljning:
    """The goals of year ``ar`` in print order; with ``till`` each with its follow-up per
    that date. One query, whatever the number of goals.

    A goal whose outcome is a participant count (``deltagarantal``) and lies under the
    publication threshold (settings.FINSAM_SMA_CELLER, as in every published table) is
    shown as "<n" and assessed "Kan inte bedömas", whatever was entered."""
    qs = forbundsmal_qs(forbund=forbund, ar=ar)
    if till is not None:
        # One query: each goal with its follow-up per ``till`` joined in (at most one,
        # by the unique (mal, till) constraint).
        qs = qs.annotate(
            u=FilteredRelation("utfall", condition=Q(utfall__till=till)),
            u_pk=F("u__pk"),
            u_utfall=F("u__utfall"),
            u_text=F("u__utfall_text"),
            u_bedomning=F("u__bedomning"),
            u_kommentar=F("u__kommentar"),
        )
    raknare = Raknare(publicering=True, grans=settings.FINSAM_SMA_CELLER)
    rader = []
    for m, nr, niva in i_ordning(list(qs)):
        forald = getattr(m, "har_resultatmal", False)
        if till is None:
            rader.append(Malrad(m, nr, niva, har_resultatmal=forald))
            continue
        u = None
        if m.u_pk is not None:
            u = Malutfall(
                pk=m.u_pk,
                mal=m,
                till=till,
                utfall=m.u_utfall,
                utfall_text=m.u_text,
                bedomning=m.u_bedomning,
                kommentar=m.u_kommentar,
            )
        rader.append(_med_utfall(m, nr, niva, u, raknare, forald))
    return Maluppfoljning(ar=ar, till=till, rader=rader)


def _med_utfall(
    m: Forbundsmal, nr: str, niva: int, u: Malutfall | None, raknare, forald: bool
) -> Malrad:
    if u is None:
        return Malrad(m, nr, niva, har_resultatmal=forald)
    delar = []
    dold = False
    if u.utfall is not None:
        # A count is whole; a fraction under the threshold is treated as small too.
        tal = raknare.tal(max(1, int(u.utfall))) if 0 < u.utfall < raknare.grans else None
        if m.deltagarantal and tal is not None and tal.dold:
            dold = True
            delar.append(str(tal))
        else:
            delar.append("\u00a0".join(x for x in (tal_text(u.utfall), m.enhet) if x))
    if u.utfall_text and not dold:
        # A suppressed count's text is left out too: it may repeat the number.
        delar.append(u.utfall_text)
    return Malrad(
        m,
        nr,
        niva,
        uppfoljning=u,
        utfall_text="; ".join(delar),
        bedomning=KAN_INTE_BEDOMAS if dold else u.get_bedomning_display(),
        dold=dold,
        har_resultatmal=forald,
    )
