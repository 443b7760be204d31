"""What a report needs from the registers and does not have. A generated section whose
facts are missing says "Uppgift saknas: …" (a link on screen, a placeholder in the PDF)
instead of stating "0 sammanträden" or "inga ledamöter" as facts, and fastställ refuses
until each is entered or marked "ej tillämpligt" with a reason.

Built from what the report has already loaded (no queries of its own)."""

from dataclasses import dataclass

from django.urls import reverse

from forbund.models import Forbund


@dataclass(frozen=True)
class Saknas:
    nyckel: str  # "styrelse", "sammantraden", ...
    text: str  # what is missing, to follow "Uppgift saknas: "
    url: str  # where to enter it
    ej_tillampligt: str = ""  # the reason, when marked "ej tillämpligt"


def _url(forbund: Forbund, namn: str, **kwargs) -> str:
    return reverse(namn, kwargs={"orgnr": forbund.orgnr, **kwargs})


def saknas_i_rapport(
    *,
    forbund: Forbund,
    rapport: str,
    ar: int,
    organisation=None,
    medlemmar: list | None = None,
    har_budget: bool,
    berattelse: list,
    undantag: dict[str, str] | None = None,
    forbundsmal=None,
    avsnitt: set[str] | None = None,
    ovriga: list[tuple] = (),
) -> list[Saknas]:
    """The missing facts of one report. ``organisation``: the report's ``Organisation``
    (None for a report without that section); ``medlemmar``: the Underlag's
    ``Medlemspost`` list; ``berattelse``: (nyckel, rubrik, text) triples; ``undantag``:
    nyckel → the reason it was marked "ej tillämpligt"; ``avsnitt``: the keys of the
    sections printed (a fact only a hidden section shows is not asked for; None: all);
    ``ovriga``: (nyckel, text, url name, url kwargs) of facts the builder found missing
    itself (participants, ansvarsförbindelser, a plan's prognoses …).

    Per section: members, styrelse and kansli wherever the organisation is printed;
    sammanträden and (årsredovisning) revisorer in an årsredovisning or delårsrapport;
    groups and networks where the section "samverkan" (a plan: "organisation") is
    printed; the förbundsordning in a plan's "uppdrag".
    ``forbundsmal``: the report's ``insatser.selectors.forbundsmal.Maluppfoljning``
    (None when the report does not print the goals): no goals for the year, or goals not
    followed up per the report's date, are missing facts."""
    undantag = undantag or {}
    ut: list[Saknas] = []
    plan = rapport == "verksamhetsplan"

    def visas(nyckel: str) -> bool:
        return avsnitt is None or nyckel in avsnitt

    def lagg_till(nyckel: str, text: str, url_namn: str, **kwargs) -> None:
        url = _url(forbund, url_namn, **kwargs)
        ut.append(Saknas(nyckel, text, url, undantag.get(nyckel, "")))

    if organisation is not None:
        if not organisation.medlemmar:
            lagg_till("medlemmar", "förbundets medlemmar", "forbund:medlem-list")
        if plan and visas("uppdrag") and not organisation.forbundsordning:
            lagg_till("forbundsordning", "förbundsordningen", "forbund:forbundsordning-list")
        if not plan or visas("organisation"):
            if not organisation.styrelse:
                lagg_till("styrelse", "styrelsens ledamöter och ersättare", "forbund:uppdrag-list")
            if not organisation.kansli:
                lagg_till("kansli", "kansliet", "forbund:kansli-list")
        if not plan and not organisation.sammantraden:
            lagg_till("sammantraden", "styrelsens sammanträden", "forbund:sammantrade-list")
        if rapport == "arsredovisning" and not organisation.revisorer:
            lagg_till("revisorer", "revisorerna", "forbund:revisor-list")
        if visas("organisation" if plan else "samverkan") and not organisation.grupper:
            lagg_till("samverkan", "grupper och nätverk i samverkan", "forbund:grupp-list")
    if medlemmar is not None and medlemmar and not any(m.konton for m in medlemmar):
        lagg_till(
            "medlemskonton", "vilka konton medlemmarnas bidrag bokförs på", "rapporter:onboarding"
        )
    if not har_budget:
        lagg_till("budget", f"budget för {ar}", "ekonomi:budget-list")
    for nyckel, text, url_namn, kwargs in ovriga:
        lagg_till(nyckel, text, url_namn, **kwargs)
    if forbundsmal is not None:
        ut.extend(mal_saknas(forbund=forbund, uppfoljning=forbundsmal, undantag=undantag))
    if not any(text for _, _, text in berattelse):
        lagg_till("texter", "rapportens texter", "rapporter:berattelse", rapport=rapport, ar=ar)
    return ut


def deltagare_saknas(insatser_rapport: list, deltagare) -> tuple | None:
    """The "deltagare" entry of ``ovriga`` for an årsredovisning or delårsrapport, or None.

    The rule (issue 13.2): a participant count of 0 is never printed as a fact, since an
    insats without registrations cannot tell "no participants" from "nothing entered".
    Participants are missing for an individinriktad insats with no participant (named
    or anonymous) registered during the period, and for the whole förbund when no insats
    has any. The draft then says "Uppgift saknas: deltagare …" in place of the figures;
    a förbund whose insats really had none marks "deltagare" ej tillämpligt with that
    reason. ``deltagare``: the förbund-wide ``Deltagarstatistik`` (None: not printed)."""
    utan = [r.insats.namn for r in insatser_rapport if not har_deltagare(r.statistik, True)]
    if deltagare is not None and not har_deltagare(deltagare):
        return (
            "deltagare",
            "deltagare i förbundets insatser under perioden",
            "insatser:insats-list",
            {},
        )
    if utan:
        return (
            "deltagare",
            f"deltagare i {', '.join(utan)} under perioden",
            "insatser:insats-list",
            {},
        )
    return None


def ovriga_saknas(
    *, avsnitt: set[str], insatser_rapport: list, deltagare, ansvarsforbindelser: str
) -> list[tuple]:
    """The ``ovriga`` of an årsredovisning or delårsrapport: participants (see
    :func:`deltagare_saknas`; only where "insatser" or "deltagare" is printed), the
    insatser's goals where "maluppfyllelse" is printed and no insats has a goal for the
    period, and "Panter och ansvarsförbindelser" when nothing was entered (an explicit
    "Inga" is a fact; an empty setting is not)."""
    ut = []
    if "insatser" in avsnitt or "deltagare" in avsnitt:
        d = deltagare_saknas(
            insatser_rapport if "insatser" in avsnitt else [],
            deltagare if "deltagare" in avsnitt else None,
        )
        if d:
            ut.append(d)
    if "maluppfyllelse" in avsnitt and not any(r.mal for r in insatser_rapport):
        ut.append(("insatsmal", "insatsernas mål för perioden", "insatser:insats-list", {}))
    if not (ansvarsforbindelser or "").strip():
        ut.append(
            (
                "ansvarsforbindelser",
                "panter och ansvarsförbindelser (skriv ”Inga” om det inte finns några)",
                "rapporter:installningar",
                {},
            )
        )
    return ut


def har_deltagare(stat, individ: bool = False) -> bool:
    """True when ``stat`` (a ``Deltagarstatistik``) counts any participant, named or
    anonymous. ``individ``: None stands for an insats that is not individinriktad (it has
    no participant statistics to lack), so it counts as True."""
    if stat is None:
        return individ
    return bool(stat.totalt.antal or stat.anonyma.antal)


def undantag_for(*, forbund: Forbund, rapport: str, ar: int) -> dict[str, str]:
    """nyckel → reason of the facts marked "ej tillämpligt" for the report (one query)."""
    from rapporter.models import Uppgiftsundantag

    return dict(
        Uppgiftsundantag.objects.filter(forbund=forbund, rapport=rapport, ar=ar).values_list(
            "nyckel", "motivering"
        )
    )


def oppna(saknas: list[Saknas]) -> list[Saknas]:
    """The missing facts neither entered nor marked "ej tillämpligt"."""
    return [s for s in saknas if not s.ej_tillampligt]


def mal_saknas(*, forbund: Forbund, uppfoljning, undantag: dict[str, str]) -> list[Saknas]:
    """The förbund's goals missing from a report: none set for the year (``forbundsmal``),
    or some not followed up per the report's date (``malutfall``)."""
    ar, till = uppfoljning.ar, uppfoljning.till
    lista = _url(forbund, "insatser:forbundsmal-list", ar=ar)
    if not uppfoljning.rader:
        return [
            Saknas(
                "forbundsmal", f"förbundets mål för {ar}", lista, undantag.get("forbundsmal", "")
            )
        ]
    saknar = uppfoljning.saknar_uppfoljning
    if not saknar:
        return []
    url = _url(forbund, "insatser:malutfall", ar=ar) + f"?till={till.isoformat()}"
    text = f"uppföljning per {till.isoformat()} av förbundets mål " + ", ".join(
        r.nr for r in saknar
    )
    return [Saknas("malutfall", text, url, undantag.get("malutfall", ""))]
