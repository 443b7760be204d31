"""Build a report and fastställ it: lock the periods, store the PDF with checksum and
fingerprint; order a draft PDF in the background."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ekonomi.models import Period
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse
from rapporter.models import Pdfbestallning, Rapport, Rapporttyp

H = Logghandelse.Handelse


def bygg(
    *,
    forbund: Forbund,
    typ: str,
    ar: int,
    till: datetime.date | None = None,
    enhet: str | None = None,
    skyddad: bool = False,
):
    """The report document (a builder dataclass) of kind ``typ`` for year ``ar``
    (a delårsrapport up to ``till``; ``enhet`` "tkr1"/"tkr0"/"kr"; ``skyddad``: a
    delårsrapport draft's participant figures protected and rounded, see
    ``bygg_delarsrapport``). Raises
    ``ValidationError`` for a year without bookkeeping (except a verksamhetsplan) or an
    unknown kind."""
    from rapporter.builders.arsredovisning import bygg_arsredovisning
    from rapporter.builders.delarsrapport import bygg_delarsrapport
    from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan

    validera_rapport(forbund=forbund, typ=typ, ar=ar, till=till)
    if typ == Rapporttyp.ARSREDOVISNING:
        return bygg_arsredovisning(forbund=forbund, ar=ar, enhet=enhet)
    if typ == Rapporttyp.DELARSRAPPORT:
        return bygg_delarsrapport(forbund=forbund, ar=ar, till=till, enhet=enhet, skyddad=skyddad)
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        return bygg_verksamhetsplan(forbund=forbund, ar=ar)
    raise ValidationError({"typ": "Okänd rapport."})


def validera_rapport(
    *, forbund: Forbund, typ: str, ar: int, till: datetime.date | None = None
) -> None:
    """What a report of kind ``typ`` for ``ar`` (a delårsrapport up to ``till``) needs
    before it can be built: a known kind, a delårsrapport date in the year covering half
    to two thirds of it (LKBR 2018:597 13 kap. 1 §), and bookkeeping for the year (not for
    a verksamhetsplan). Raises ``ValidationError`` with a Swedish message at the field
    (``typ``, ``till``, ``ar``); returns nothing."""
    if typ not in Rapporttyp.values:
        raise ValidationError({"typ": "Okänd rapport."})
    if typ == Rapporttyp.DELARSRAPPORT:
        from rapporter.builders.delarsrapport import validera_delarsdatum

        if till is None:
            raise ValidationError({"till": "Ange delårsrapportens datum som ÅÅÅÅ-MM-DD."})
        validera_delarsdatum(ar, till)
    if (
        typ != Rapporttyp.VERKSAMHETSPLAN
        and not forbund.rakenskapsar.filter(slut__year=ar).exists()
    ):
        raise ValidationError(
            {"ar": f"Det finns ingen bokföring för {ar}. Läs in bokföringen (SIE) först."}
        )


def planar(*, forbund: Forbund, idag: datetime.date | None = None) -> range:
    """The years a verksamhetsplan can be made for: from the förbund's first räkenskapsår
    (or the year it was formed, if earlier or without books; without either, this year)
    up to next year (``idag``'s year + 1), or the year after the latest räkenskapsår if
    the books reach further. A plan is made before its year, so no books are needed."""
    idag = idag or timezone.localdate()
    slut = list(forbund.rakenskapsar.order_by("slut").values_list("slut", flat=True))
    forsta = [d.year for d in slut[:1]] + ([forbund.bildat.year] if forbund.bildat else [])
    fran = min(forsta) if forsta else idag.year
    till = max([idag.year + 1] + [d.year + 1 for d in slut[-1:]])
    return range(min(fran, till), till + 1)


def faststalld_rapport(*, forbund: Forbund, typ: str, till: datetime.date) -> Rapport | None:
    """The approved report of this kind and date, or None."""
    return (
        Rapport.objects.filter(
            forbund=forbund, typ=typ, till=till, status=Rapport.Status.FASTSTALLD
        )
        .select_related("faststalld_av")
        .first()
    )


def bokforingskontroll(*, forbund: Forbund, ar: int) -> list[str]:
    """The ledger's year-end check for the report's year and the one before it: trial
    balance zero, every voucher balanced, UB(N) = IB(N+1)."""
    from ekonomi.services import kontroll_ub_ib

    problem = []
    for a in (ar - 1, ar):
        if forbund.rakenskapsar.filter(slut__year=a).exists():
            problem += kontroll_ub_ib(forbund=forbund, ar=a)
    return problem


def meddela_faststalld(rapport: Rapport, user) -> None:
    """After the approved PDF is stored: tell the förbund's users (except ``user``, who
    approved it) with the PDF's link and SHA-256 (forbund.services.forbund_meddela)."""
    from django.conf import settings
    from django.urls import reverse

    from forbund.services import forbund_meddela

    namn = f"{rapport.get_typ_display()} {rapport.ar}"
    av = (user.get_full_name() or user.username) if user else "Finsam"
    lank = settings.FINSAM_BASE_URL.rstrip("/") + reverse(
        "rapporter:rapport-pdf", kwargs={"orgnr": rapport.forbund.orgnr, "rapport_pk": rapport.pk}
    )
    forbund_meddela(
        forbund=rapport.forbund,
        amne=f"{namn} är fastställd – {rapport.forbund.namn}",
        text=(
            f"{namn} för {rapport.forbund.namn} (till och med {rapport.till:%Y-%m-%d}) "
            f"fastställdes {timezone.localtime(rapport.faststalld):%Y-%m-%d %H:%M} av {av}.\n\n"
            f"Den fastställda PDF:en: {lank}\nSHA-256: {rapport.sha256}\n\nFinsam\n"
        ),
        utom_user_id=getattr(user, "pk", None),
    )


def rapport_faststall(
    *,
    forbund: Forbund,
    typ: str,
    ar: int,
    till: datetime.date | None,
    user,
    now: datetime.datetime | None = None,
    beslut=None,
) -> Rapport:
    """Utkast → fastställd. Refuses while any account lands nowhere (or twice); in one
    transaction locks the periods up to the report date, records the approval with the
    fingerprint of the figures and the decision, and orders its PDF: a background task
    (``rapporter.tasks.rendera_faststalld``) renders the HTML frozen here once and stores
    it (private, under MEDIA_ROOT) with its SHA-256, so no web worker waits for WeasyPrint.
    ``beslut``: the styrelse decision that approved it (a ``forbund.Beslut`` of this
    förbund); the PDF then says "Fastställd <the decision's date>, § <n>" and signs with
    that date. Returns the report (``rapport.bestallning`` is the PDF's order)."""
    from rapporter.faststallelse import Faststallelse, rapportdatum
    from rapporter.rendering import render_pdf_html
    from rapporter.tasks import rendera_faststalld

    till = rapportdatum(typ, ar, till)
    if till is None:
        raise ValidationError({"till": "Ange rapportens datum."})
    if beslut is not None:
        from rapporter.faststallelse import kontrollera_beslut

        kontrollera_beslut(forbund=forbund, typ=typ, ar=ar, till=till, beslut=beslut)
    dokument = bygg(forbund=forbund, typ=typ, ar=ar, till=till)
    saknas = [x for x in getattr(dokument, "saknas", []) if not x.ej_tillampligt]
    if saknas:
        raise ValidationError(
            [
                "Rapporten kan inte fastställas: uppgifter saknas. Lägg in dem eller markera "
                "dem som ej tillämpliga med en motivering.",
                *[f"Uppgift saknas: {x.text}." for x in saknas],
            ]
        )
    kontroll = getattr(dokument, "kontroll", None)
    if kontroll is not None and not kontroll.ok:
        konton = ", ".join(k.nummer for k in kontroll.saknas) or ", ".join(
            k.nummer for k, _ in kontroll.dubbla
        )
        if not konton:  # only the kassaflödesanalys or driftredovisning is off
            raise ValidationError(
                ["Rapporten kan inte fastställas:", *getattr(kontroll, "grupperingar", ())]
            )
        raise ValidationError(
            f"Rapporten kan inte fastställas: konton hamnar inte på exakt en rad ({konton})."
        )
    if faststalld_rapport(forbund=forbund, typ=typ, till=till):
        raise ValidationError("Rapporten är redan fastställd.")
    if typ != Rapporttyp.VERKSAMHETSPLAN:
        problem = bokforingskontroll(forbund=forbund, ar=ar)
        if problem:
            raise ValidationError(
                ["Rapporten kan inte fastställas: bokföringen stämmer inte.", *problem]
            )
    now = now or timezone.now()
    dokument.faststallelse = Faststallelse(
        datum=beslut.sammantrade.datum if beslut else timezone.localdate(now), beslut=beslut
    )
    html = render_pdf_html(dokument)
    with transaction.atomic(durable=True):
        if typ != Rapporttyp.VERKSAMHETSPLAN:
            perioder = list(
                Period.objects.select_for_update()
                .filter(rakenskapsar__forbund=forbund, slut__lte=till, last=False)
                .order_by("start")
            )
            for period in perioder:
                period.last = True
                period.save(update_fields=["last"])
                logga(
                    user=user,
                    forbund=forbund,
                    obj=period,
                    handelse=H.LAST,
                    beskrivning=f"Period {period} låst vid fastställelse",
                    andringar={"last": [False, True]},
                )
        rapport = Rapport(
            forbund=forbund,
            typ=typ,
            ar=ar,
            till=till,
            status=Rapport.Status.FASTSTALLD,
            faststalld=now,
            faststalld_av=user,
            fingeravtryck=dokument.fingeravtryck,
            beslut=beslut,
        )
        rapport.full_clean()
        rapport.save()
        logga(
            user=user,
            forbund=forbund,
            obj=rapport,
            handelse=H.FASTSTALLD,
            andringar={"fingeravtryck": [None, rapport.fingeravtryck]},
        )
        bestallning = Pdfbestallning(
            forbund=forbund,
            typ=typ,
            ar=ar,
            till=till,
            rapport=rapport,
            html=html,
            steg="I kö",
            skapad_av=user,
        )
        bestallning.full_clean()
        bestallning.save()
        # The task's queue row commits with the approval (database backend), or the task
        # runs here at once (immediate backend: DEBUG and tests).
        rendera_faststalld.enqueue(bestallning.pk)
    rapport.refresh_from_db()
    return rapport


@transaction.atomic
def faststalld_pdf_igen(*, rapport: Rapport, user) -> Pdfbestallning:
    """Order an approved report's PDF again after its render failed (time or memory
    limit): the same frozen HTML, the same order. Raises ``ValidationError`` when the PDF
    is already stored or still being rendered."""
    from rapporter.tasks import rendera_faststalld

    bestallning = Pdfbestallning.objects.select_for_update().filter(rapport=rapport).first()
    if bestallning is None or rapport.pdf or bestallning.status != Pdfbestallning.Status.FEL:
        raise ValidationError("Den fastställda PDF:en finns redan eller skapas just nu.")
    bestallning.status, bestallning.procent = Pdfbestallning.Status.VANTAR, 0
    bestallning.steg, bestallning.fel = "I kö", ""
    bestallning.save(update_fields=["status", "procent", "steg", "fel"])
    logga(
        user=user,
        forbund=rapport.forbund,
        obj=rapport,
        handelse=H.OVRIGT,
        beskrivning=f"{rapport}: PDF:en beställd igen",
    )
    rendera_faststalld.enqueue(bestallning.pk)
    return bestallning


def pdf_bestall(
    *,
    forbund: Forbund,
    typ: str,
    ar: int,
    till: datetime.date | None,
    enhet: str | None,
    user,
) -> Pdfbestallning:
    """Order a draft report's PDF: the row the page polls, and a background task
    (``rapporter.tasks.rendera_utkast``) that fills it. Returns the order at once (with the
    immediate backend of DEBUG and tests, already rendered). Raises ``ValidationError``
    (Swedish, at the field; nothing saved or queued) for an order that could not be built:
    see ``validera_rapport`` and ``Pdfbestallning.clean``."""
    from rapporter.tasks import rendera_utkast

    bestallning = Pdfbestallning(
        forbund=forbund,
        typ=typ,
        ar=ar,
        till=till,
        enhet=enhet if enhet in ("tkr1", "tkr0", "kr") else "",
        steg="I kö",
        skapad_av=user,
    )
    bestallning.full_clean()
    # Refused here, at the order, with the page's message and nothing saved: never an
    # order that can only fail in the background.
    validera_rapport(forbund=forbund, typ=typ, ar=ar, till=till)
    bestallning.save()
    rendera_utkast.enqueue(bestallning.pk)
    bestallning.refresh_from_db()
    return bestallning
