"""Write use-cases of the reports: edit definitions, settings, narrative and forecasts,
and fastställ a report (lock the periods, store the PDF with checksum and fingerprint)."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ekonomi.models import Period
from forbund.audit import form_andringar, logga
from forbund.models import Forbund, Logghandelse
from rapporter.models import (
    Avsnittsval,
    Berattelseavsnitt,
    Pdfbestallning,
    Prognosjustering,
    Rapport,
    Rapportdefinition,
    Rapportinstallning,
    Rapporttyp,
    Uppgiftsundantag,
)

H = Logghandelse.Handelse


@transaction.atomic
def definition_spara(*, definition: Rapportdefinition, formset, user) -> Rapportdefinition:
    """Save an edited definition (a validated inline formset), one audit row per line."""
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk:
            continue
        if form in formset.deleted_forms:
            if form.instance.pk:
                logga(
                    user=user,
                    forbund=definition.forbund,
                    obj=form.instance,
                    handelse=H.BORTTAGEN,
                    beskrivning=f"{definition}: {form.instance}",
                )
            continue
        if not form.has_changed():
            continue
        ny = form.instance.pk is None
        andringar = form_andringar(form)
        rad = form.save(commit=False)
        rad.definition = definition
        rad.full_clean()
        rad.save()
        logga(
            user=user,
            forbund=definition.forbund,
            obj=rad,
            handelse=H.SKAPAD if ny else H.ANDRAD,
            andringar=andringar,
            beskrivning=f"{definition}: {rad}",
        )
    for form in formset.deleted_forms:
        if form.instance.pk:
            form.instance.delete()
    return definition


@transaction.atomic
def _utan_bilddata(andringar: dict) -> dict:
    """The audit row names a new logo instead of holding its bytes."""
    if "logotyp_fil" in andringar:
        andringar["logotyp_fil"] = [None, "ny logotyp"]
    return andringar


def installning_spara(*, forbund: Forbund, form, user) -> Rapportinstallning:
    installning = form.save(commit=False)
    installning.forbund = forbund
    installning.full_clean()
    ny = installning.pk is None
    installning.save()
    logga(
        user=user,
        forbund=forbund,
        obj=installning,
        handelse=H.SKAPAD if ny else H.ANDRAD,
        andringar=_utan_bilddata(form_andringar(form)),
    )
    return installning


@transaction.atomic
def berattelse_spara(
    *, forbund: Forbund, rapport: str, ar: int, texter: dict[str, str], user
) -> list[Berattelseavsnitt]:
    """Save the edited narrative sections; unchanged sections are left alone."""
    sparade = []
    for nyckel, text in texter.items():
        avsnitt = Berattelseavsnitt.objects.filter(
            forbund=forbund, rapport=rapport, ar=ar, nyckel=nyckel
        ).first()
        fore = avsnitt.text if avsnitt else ""
        if fore == text:
            continue
        if avsnitt is None:
            avsnitt = Berattelseavsnitt(forbund=forbund, rapport=rapport, ar=ar, nyckel=nyckel)
        avsnitt.text = text
        avsnitt.full_clean()
        avsnitt.save()
        logga(
            user=user,
            forbund=forbund,
            obj=avsnitt,
            handelse=H.ANDRAD,
            andringar={"text": [fore, text]},
        )
        sparade.append(avsnitt)
    return sparade


@transaction.atomic
def prognos_spara(
    *, forbund: Forbund, ar: int, radkod: str, belopp: int, kommentar: str, user
) -> Prognosjustering:
    if not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv varför prognosen justeras."})
    justering = Prognosjustering.objects.filter(forbund=forbund, ar=ar, radkod=radkod).first()
    fore = [justering.belopp, justering.kommentar] if justering else [None, None]
    if justering is None:
        justering = Prognosjustering(forbund=forbund, ar=ar, radkod=radkod)
    justering.belopp = belopp
    justering.kommentar = kommentar
    justering.full_clean()
    justering.save()
    logga(
        user=user,
        forbund=forbund,
        obj=justering,
        handelse=H.ANDRAD,
        andringar={"belopp": [fore[0], belopp], "kommentar": [fore[1], kommentar]},
    )
    return justering


@transaction.atomic
def prognos_ta_bort(*, justering: Prognosjustering, user) -> None:
    logga(
        user=user,
        forbund=justering.forbund,
        obj=justering,
        handelse=H.BORTTAGEN,
        andringar={"belopp": [justering.belopp, None]},
    )
    justering.delete()


def bygg(
    *,
    forbund: Forbund,
    typ: str,
    ar: int,
    till: datetime.date | None = None,
    enhet: str | None = None,
):
    from rapporter.builders.arsredovisning import bygg_arsredovisning
    from rapporter.builders.delarsrapport import bygg_delarsrapport
    from rapporter.builders.verksamhetsplan import bygg_verksamhetsplan

    if typ == Rapporttyp.DELARSRAPPORT and till is not None:
        from rapporter.builders.delarsrapport import validera_delarsdatum

        validera_delarsdatum(ar, till)
    if (
        typ != Rapporttyp.VERKSAMHETSPLAN
        and not forbund.rakenskapsar.filter(slut__year=ar).exists()
    ):
        raise ValidationError(
            {"ar": f"Det finns ingen bokföring för {ar}. Läs in bokföringen (SIE) först."}
        )
    if typ == Rapporttyp.ARSREDOVISNING:
        return bygg_arsredovisning(forbund=forbund, ar=ar, enhet=enhet)
    if typ == Rapporttyp.DELARSRAPPORT:
        return bygg_delarsrapport(forbund=forbund, ar=ar, till=till, enhet=enhet)
    if typ == Rapporttyp.VERKSAMHETSPLAN:
        return bygg_verksamhetsplan(forbund=forbund, ar=ar)
    raise ValidationError({"typ": "Okänd rapport."})


def faststalld_rapport(*, forbund: Forbund, typ: str, till: datetime.date) -> Rapport | None:
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


def _meddela_faststalld(rapport: Rapport, user) -> None:
    """After commit: tell the förbund's users (forbund.services.forbund_meddela)."""
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
    """Utkast → fastställd. Refuses while any account lands nowhere (or twice); locks the
    periods up to the report date, stores the PDF (private, under MEDIA_ROOT) with its
    SHA-256 and the fingerprint of the figures. ``beslut``: the styrelse decision that
    approved it (a ``forbund.Beslut`` of this förbund); the PDF then says "Fastställd
    <the decision's date>, § <n>" and signs with that date."""
    from rapporter.faststallelse import Faststallelse, rapportdatum
    from rapporter.rendering import render_pdf
    from rapporter.sandlada import PdfFel

    till = rapportdatum(typ, ar, till)
    if beslut is not None and beslut.sammantrade.forbund_id != forbund.pk:
        raise ValidationError({"beslut": "Beslutet hör inte till förbundet."})
    if till is None:
        raise ValidationError({"till": "Ange rapportens datum."})
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
    try:
        pdf = render_pdf(dokument)
    except PdfFel as exc:
        raise ValidationError(f"Rapporten kan inte fastställas: {exc}") from exc
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
            sha256=hashlib.sha256(pdf).hexdigest(),
            fingeravtryck=dokument.fingeravtryck,
            beslut=beslut,
        )
        rapport.pdf.save(
            f"{forbund.orgnr}/{typ}-{till.isoformat()}.pdf", ContentFile(pdf), save=False
        )
        rapport.full_clean()
        rapport.save()
        logga(
            user=user,
            forbund=forbund,
            obj=rapport,
            handelse=H.FASTSTALLD,
            andringar={
                "sha256": [None, rapport.sha256],
                "fingeravtryck": [None, rapport.fingeravtryck],
            },
        )
        # A failing mail server must not turn a committed approval into an error page.
        transaction.on_commit(lambda: _meddela_faststalld(rapport, user), robust=True)
    return rapport


UNDANTAG_NYCKLAR = frozenset(
    {"medlemmar", "medlemskonton", "styrelse", "sammantraden", "revisorer", "budget", "texter"}
)


@transaction.atomic
def undantag_spara(
    *, forbund: Forbund, rapport: str, ar: int, nyckel: str, motivering: str, user
) -> Uppgiftsundantag:
    """Mark a missing register fact of one report "ej tillämpligt" with a reason (audited).
    Raises ``ValidationError`` without a reason or for an unknown fact."""
    motivering = (motivering or "").strip()
    if nyckel not in UNDANTAG_NYCKLAR or rapport not in Rapporttyp.values:
        raise ValidationError({"nyckel": "Okänd uppgift."})
    if not motivering:
        raise ValidationError({"motivering": "Skriv varför uppgiften inte är tillämplig."})
    undantag, ny = Uppgiftsundantag.objects.get_or_create(
        forbund=forbund,
        rapport=rapport,
        ar=ar,
        nyckel=nyckel,
        defaults={"motivering": motivering[:300], "markerad_av": user},
    )
    fore = None if ny else undantag.motivering
    if not ny:
        undantag.motivering = motivering[:300]
        undantag.markerad_av = user
    undantag.full_clean()
    undantag.save()
    logga(
        user=user,
        forbund=forbund,
        obj=undantag,
        handelse=H.SKAPAD if ny else H.ANDRAD,
        beskrivning=str(undantag),
        andringar={"motivering": [fore, undantag.motivering]},
    )
    return undantag


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
    immediate backend of DEBUG and tests, already rendered)."""
    from rapporter.tasks import rendera_utkast

    if typ not in Rapporttyp.values:
        raise ValidationError({"typ": "Okänd rapport."})
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
    bestallning.save()
    rendera_utkast.enqueue(bestallning.pk)
    bestallning.refresh_from_db()
    return bestallning


def fjolarets_texter(*, forbund: Forbund, rapport: str, ar: int) -> dict[str, str]:
    """The texts of the latest earlier year of the same report kind (``{nyckel: html}``):
    a new year's texts start as a copy of last year's. Empty when there is none."""
    tidigare = (
        Berattelseavsnitt.objects.filter(forbund=forbund, rapport=rapport, ar__lt=ar)
        .exclude(text="")
        .order_by("-ar")
        .values_list("ar", flat=True)
        .first()
    )
    if tidigare is None:
        return {}
    return dict(
        Berattelseavsnitt.objects.filter(
            forbund=forbund, rapport=rapport, ar=tidigare
        ).values_list("nyckel", "text")
    )


@transaction.atomic
def avsnitt_spara(*, forbund: Forbund, rapport: str, val: dict[str, dict], user) -> None:
    """Save the förbund's order, headings and hidden flags of a report kind's sections
    (``val``: {nyckel: {"ordning", "rubrik", "dold"}}). A required section cannot be
    hidden (ValidationError keyed by the section)."""
    from rapporter.struktur import avsnittslista

    for s, v in avsnittslista(forbund=forbund, rapport=rapport, med_dolda=True):
        ny = val.get(s.nyckel)
        if ny is None:
            continue
        if ny["dold"] and s.fast:
            raise ValidationError({s.nyckel: f"Avsnittet ”{s.rubrik}” måste finnas med."})
        rubrik = ny["rubrik"].strip()
        egen = v is not None and v.egen
        if egen and not rubrik:
            rubrik = v.rubrik
        elif not egen and rubrik == s.rubrik:
            rubrik = ""
        if v is None:
            v = Avsnittsval(forbund=forbund, rapport=rapport, nyckel=s.nyckel)
        fore = (v.ordning, v.rubrik, v.dold)
        v.ordning, v.rubrik, v.dold = ny["ordning"], rubrik, ny["dold"]
        if v.pk is not None and fore == (v.ordning, v.rubrik, v.dold):
            continue
        ny_rad = v.pk is None
        v.save()
        logga(
            user=user,
            forbund=forbund,
            obj=v,
            handelse=H.SKAPAD if ny_rad else H.ANDRAD,
            andringar={"ordning/rubrik/dold": [list(fore), [v.ordning, v.rubrik, v.dold]]},
        )


@transaction.atomic
def eget_avsnitt_skapa(*, forbund: Forbund, rapport: str, rubrik: str, user) -> Avsnittsval:
    """Add a narrative section of the förbund's own, last in the report kind."""
    from django.utils.text import slugify

    from rapporter.struktur import avsnittslista

    befintliga = {
        s.nyckel for s, _ in avsnittslista(forbund=forbund, rapport=rapport, med_dolda=True)
    }
    bas = "egen-" + (slugify(rubrik)[:28] or "avsnitt")
    nyckel, n = bas, 2
    while nyckel in befintliga:
        nyckel, n = f"{bas}-{n}", n + 1
    sista = len(befintliga) * 10 + 10
    hogsta = (
        Avsnittsval.objects.filter(forbund=forbund, rapport=rapport)
        .order_by("-ordning")
        .values_list("ordning", flat=True)
        .first()
    )
    v = Avsnittsval.objects.create(
        forbund=forbund,
        rapport=rapport,
        nyckel=nyckel,
        ordning=max(sista, (hogsta or 0) + 10),
        rubrik=rubrik.strip(),
        egen=True,
    )
    logga(
        user=user,
        forbund=forbund,
        obj=v,
        handelse=H.SKAPAD,
        andringar={"rubrik": [None, v.rubrik]},
    )
    return v
