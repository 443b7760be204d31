"""Medlemsbidrag in the ledger: the fordran vouchers of a year's computed contributions
(the split itself is ``forbund.services.bidrag``)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ekonomi.models import Konto, Period, Rad, Rakenskapsar, Serie, Verifikation
from forbund.audit import logga
from forbund.models import Bidragsar, Logghandelse
from forbund.services import bidragsar_ej_fakturerat


@transaction.atomic
def medlemsbidrag_fakturera(
    *, user, bidragsar: Bidragsar, datum: datetime.date, fordringskonto: str, serie: str = "F"
) -> list:
    """One bokförd verifikation per member: debit the fordran, credit the member's first
    intäktskonto (amounts in whole kronor on the andelar, öre on the rader). Needs the
    förbund's räkenskapsår covering ``datum`` with an open period, ``fordringskonto`` a
    tillgångskonto and each member's first intäktskonto in the kontoplan; otherwise a
    ``ValidationError`` (per field where there is one) and nothing is booked. Returns the
    vouchers in member order."""
    forbund = bidragsar.forbund
    bidragsar_ej_fakturerat(bidragsar)
    andelar = [
        a
        for a in bidragsar.andelar.select_related("medlem").order_by("medlem__typ", "medlem__namn")
        if a.belopp
    ]
    if not andelar:
        raise ValidationError("Beräkna medlemsbidragen innan fordringarna skapas.")
    ar = Rakenskapsar.objects.filter(forbund=forbund, start__lte=datum, slut__gte=datum).first()
    if ar is None:
        raise ValidationError(
            {
                "datum": "Förbundet har inget räkenskapsår som omfattar datumet: lägg upp "
                "räkenskapsår och kontoplan under Ekonomi först."
            }
        )
    if (
        ar.stangt
        or Period.objects.filter(
            rakenskapsar=ar, start__lte=datum, slut__gte=datum, last=True
        ).exists()
    ):
        raise ValidationError({"datum": "Perioden är låst för bokföring."})
    fordran = Konto.objects.filter(forbund=forbund, nummer=fordringskonto.strip()).first()
    if fordran is None or fordran.typ != Konto.Typ.TILLGANG:
        raise ValidationError(
            {"fordringskonto": "Ange ett tillgångskonto som finns i förbundets kontoplan."}
        )
    intakter = {}
    for a in andelar:
        nummer = (a.medlem.intaktskonton.split(",")[0] or "").strip()
        konto = Konto.objects.filter(forbund=forbund, nummer=nummer).first() if nummer else None
        if konto is None or konto.typ != Konto.Typ.INTAKT:
            raise ValidationError(
                f"{a.medlem} saknar ett intäktskonto som finns i kontoplanen "
                "(ange det på medlemmen)."
            )
        intakter[a.pk] = konto
    serie_obj, _ = Serie.objects.select_for_update().get_or_create(
        rakenskapsar=ar, kod=serie, defaults={"namn": "Fordringar medlemsbidrag"}
    )
    anvandare = user if user is not None and user.is_authenticated else None
    verifikationer = []
    for a in andelar:
        text = f"Medlemsbidrag {bidragsar.ar} {a.medlem}"[:300]
        ver = Verifikation.objects.create(
            rakenskapsar=ar, serie=serie_obj, datum=datum, text=text, registrerad_av=anvandare
        )
        Rad.objects.create(verifikation=ver, konto=fordran, belopp=a.belopp * 100, text=text)
        Rad.objects.create(
            verifikation=ver, konto=intakter[a.pk], belopp=-a.belopp * 100, text=text
        )
        serie_obj.senaste_nummer += 1
        ver.nummer = serie_obj.senaste_nummer
        ver.status = Verifikation.Status.BOKFORD
        ver.bokford = timezone.now()
        ver.bokford_av = anvandare
        ver.save(update_fields=["nummer", "status", "bokford", "bokford_av"])
        a.verifikation = ver
        a.save(update_fields=["verifikation"])
        logga(
            user=user,
            forbund=forbund,
            obj=ver,
            handelse=Logghandelse.Handelse.BOKFORD,
            beskrivning=f"{serie} {ver.nummer} {text}",
            andringar={"belopp_kr": [None, a.belopp], "medlem": [None, str(a.medlem)]},
        )
        verifikationer.append(ver)
    serie_obj.save(update_fields=["senaste_nummer"])
    return verifikationer
