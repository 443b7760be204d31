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
) -> list[Saknas]:
    """The missing facts of one report. ``organisation``: the report's ``Organisation``
    (None for a report without that section); ``medlemmar``: the Underlag's
    ``Medlemspost`` list; ``berattelse``: (nyckel, rubrik, text) triples; ``undantag``:
    nyckel → the reason it was marked "ej tillämpligt"; ``forbundsmal``: the report's
    ``insatser.selectors.forbundsmal.Maluppfoljning`` (None when the report does not
    print the goals): no goals for the year, or goals not followed up per the report's
    date, are missing facts."""
    undantag = undantag or {}
    ut: list[Saknas] = []

    def lagg_till(nyckel: str, text: str, url_namn: str, **kwargs) -> None:
        url = _url(forbund, url_namn, **kwargs)
        ut.append(Saknas(nyckel, text, url, undantag.get(nyckel, "")))

    if organisation is not None:
        if not organisation.medlemmar:
            lagg_till("medlemmar", "förbundets medlemmar", "forbund:medlem-list")
        if not organisation.styrelse:
            lagg_till("styrelse", "styrelsens ledamöter och ersättare", "forbund:uppdrag-list")
        if not organisation.sammantraden:
            lagg_till("sammantraden", "styrelsens sammanträden", "forbund:sammantrade-list")
        if rapport == "arsredovisning" and not organisation.revisorer:
            lagg_till("revisorer", "revisorerna", "forbund:revisor-list")
    if medlemmar is not None and medlemmar and not any(m.konton for m in medlemmar):
        lagg_till(
            "medlemskonton", "vilka konton medlemmarnas bidrag bokförs på", "rapporter:onboarding"
        )
    if not har_budget:
        lagg_till("budget", f"budget för {ar}", "ekonomi:budget-list")
    if forbundsmal is not None:
        ut.extend(mal_saknas(forbund=forbund, uppfoljning=forbundsmal, undantag=undantag))
    if not any(text for _, _, text in berattelse):
        lagg_till("texter", "rapportens texter", "rapporter:berattelse", rapport=rapport, ar=ar)
    return ut


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
