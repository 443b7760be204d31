"""SIE import, part 1b: the förbund and the räkenskapsår a file is for (``#ORGNR``,
``#FNAMN``, ``#RAR``, and the vouchers' dates when there is no ``#RAR 0``).

The service is ``ekonomi.sie.importer.sie_importera``; its decisions are listed there.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from ekonomi.models import Period, Rakenskapsar
from ekonomi.sie.parser import SieFel
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse
from forbund.signals import forbund_skapat
from forbund.validators import normalisera_orgnr, validera_orgnr


def _giltigt_orgnr(orgnr: str) -> bool:
    try:
        validera_orgnr(orgnr)
    except ValidationError:
        return False
    return True


class ForbundArMixin:
    def _forbund(self) -> None:
        fil = self.fil
        orgnr = normalisera_orgnr(fil.orgnr[0]) if fil.orgnr else None
        if fil.flagga and fil.flagga[0] == "1":
            self.varna(
                "#FLAGGA 1: filen är markerad som redan inläst i ett program; verifikationer "
                "utan nummer läses bara in efter bekräftelse",
                fil.flagga[1],
            )
        if self.forbund is not None:
            if orgnr and not _giltigt_orgnr(orgnr):
                # A test company or a typo in the exporting system: the user chose the
                # förbund, so the number only informs (shown in the summary).
                self.varna(
                    f"organisationsnumret {orgnr} i filen är ogiltigt (fel form eller "
                    f"kontrollsiffra); filen lästes in i det valda förbundet {self.forbund}",
                    fil.orgnr[1],
                )
            elif orgnr and orgnr != self.forbund.orgnr:
                raise SieFel(
                    fil.orgnr[1],
                    f"filen gäller organisationsnummer {orgnr}, inte {self.forbund} "
                    f"({self.forbund.orgnr})",
                )
            return
        if not orgnr:
            raise SieFel(None, "filen saknar #ORGNR; välj förbund att importera till")
        self.forbund = Forbund.objects.filter(orgnr=orgnr).first()
        if self.forbund is not None:
            return
        if not fil.fnamn or not fil.fnamn[0]:
            raise SieFel(fil.orgnr[1], f"förbundet {orgnr} finns inte och filen saknar #FNAMN")
        forbund = Forbund(namn=fil.fnamn[0][:200], orgnr=orgnr)
        try:
            forbund.full_clean()
        except ValidationError as exc:
            fel = "; ".join(m for ms in exc.message_dict.values() for m in ms)
            raise SieFel(fil.orgnr[1], f"organisationsnumret {orgnr}: {fel}") from None
        forbund.save()
        # The default report definitions, as forbund_create gives a förbund made by hand
        # (the chart of accounts is the file's own).
        forbund_skapat.send(sender=Forbund, forbund=forbund, standardkontoplan=False)
        logga(
            user=self.user,
            forbund=forbund,
            obj=forbund,
            handelse=Logghandelse.Handelse.SKAPAD,
            beskrivning=f"{forbund} (SIE-import)",
        )
        self.forbund = forbund
        self.s["forbund_skapat"] = 1

    def _ar_fran_rar(self, start: datetime.date, slut: datetime.date, rad: int) -> Rakenskapsar:
        manader = (slut.year - start.year) * 12 + slut.month - start.month + 1
        if manader > 18:
            # BFL 3 kap.: a räkenskapsår is at most 18 months (a first or changed year).
            raise SieFel(rad, f"räkenskapsåret {start}–{slut} är längre än 18 månader")
        ar = Rakenskapsar.objects.filter(forbund=self.forbund, start=start).first()
        if ar is not None:
            if ar.slut != slut:
                raise SieFel(rad, f"räkenskapsåret {start} slutar {ar.slut} i Finsam, inte {slut}")
        else:
            krock = Rakenskapsar.objects.filter(
                forbund=self.forbund, start__lte=slut, slut__gte=start
            ).first()
            if krock is not None:
                raise SieFel(rad, f"räkenskapsåret {start}–{slut} överlappar {krock}")
            ar = self._skapa_ar(start, slut)
        self.ar_cache[ar.pk] = ar
        return ar

    def _skapa_ar(self, start: datetime.date, slut: datetime.date) -> Rakenskapsar:
        ar = Rakenskapsar(forbund=self.forbund, start=start, slut=slut)
        ar.full_clean()
        ar.save()
        perioder = []
        d = start
        while d <= slut:
            nasta = datetime.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            perioder.append(
                Period(rakenskapsar=ar, start=d, slut=min(nasta - datetime.timedelta(1), slut))
            )
            d = nasta
        Period.objects.bulk_create(perioder)
        logga(
            user=self.user,
            forbund=self.forbund,
            obj=ar,
            handelse=Logghandelse.Handelse.SKAPAD,
            beskrivning=f"{ar} (SIE-import)",
        )
        self.s["rakenskapsar_skapat"] += 1
        return ar

    def ar_for(self, datum: datetime.date, rad: int) -> Rakenskapsar:
        if self.ar is not None:
            if not self.ar.start <= datum <= self.ar.slut:
                raise SieFel(
                    rad,
                    f"datum {datum} ligger utanför räkenskapsåret {self.ar.start}–{self.ar.slut}",
                )
            return self.ar
        for ar in self.ar_cache.values():
            if ar.start <= datum <= ar.slut:
                return ar
        ar = Rakenskapsar.objects.filter(
            forbund=self.forbund, start__lte=datum, slut__gte=datum
        ).first()
        if ar is None:
            start, slut = datetime.date(datum.year, 1, 1), datetime.date(datum.year, 12, 31)
            if Rakenskapsar.objects.filter(
                forbund=self.forbund, start__lte=slut, slut__gte=start
            ).exists():
                raise SieFel(rad, f"inget räkenskapsår omfattar {datum}")
            ar = self._skapa_ar(start, slut)
            self.varna(f"filen saknar #RAR; räkenskapsåret {ar} skapades", rad)
        self.ar_cache[ar.pk] = ar
        return ar
