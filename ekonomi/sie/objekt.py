"""SIE import, dimensions and objects: merged with the förbund's own; objects of
dimension 6 (projekt) are the insatser."""

from __future__ import annotations

from ekonomi.models import Dimension, Objekt
from ekonomi.sie.parser import SieFel
from forbund.audit import logga
from forbund.models import Logghandelse
from insatser.models import Insats, Objektroll, ar_administrationsnamn

INSATS_TYP = Insats.Typ.INDIVID  # a placeholder for insatser created from SIE objects


class ObjektMixin:
    def _dimensioner(self) -> None:
        for nr, (namn, _over, rad) in sorted(self.fil.dimensioner.items()):
            if nr not in self.dimensioner:
                self._skapa_dimension(nr, namn, rad)
        for nr, (_namn, over, rad) in self.fil.dimensioner.items():
            if over is not None:
                d = self.dimensioner[nr]
                if d.overordnad_id is None:
                    if over not in self.dimensioner:
                        self._skapa_dimension(over, f"Dimension {over}", rad)
                    d.overordnad = self.dimensioner[over]
                    d.save(update_fields=["overordnad"])
        for (dim, kod), (namn, rad) in self.fil.objekt.items():
            if (dim, kod) not in self.objekt:
                self._skapa_objekt(dim, kod, namn, rad)

    def _skapa_dimension(self, nr: int, namn: str, rad: int) -> Dimension:
        d = Dimension.objects.create(forbund=self.forbund, nummer=nr, namn=namn[:100])
        self.dimensioner[nr] = d
        self.s["dimensioner_nya"] += 1
        return d

    def _skapa_objekt(self, dim: int, kod: str, namn: str, rad: int) -> Objekt:
        if len(kod) > 50:
            raise SieFel(rad, f"objektkoden ”{kod[:20]}…” är för lång")
        d = self.dimensioner.get(dim)
        if d is None:
            self.varna(f"dimension {dim} saknar #DIM; skapad", rad)
            d = self._skapa_dimension(dim, f"Dimension {dim}", rad)
        o = Objekt.objects.create(dimension=d, kod=kod, namn=(namn or kod)[:200])
        self.objekt[(dim, kod)] = o
        self.s["objekt_nya"] += 1
        if dim == Dimension.PROJEKT:
            if ar_administrationsnamn(o.namn):
                # "Administration"/"Kansli" is not an insats: no insats in the register,
                # and the reports do not sum it under "Summa insatser".
                Objektroll.objects.create(objekt=o, roll=Objektroll.Roll.ADMINISTRATION)
            else:
                self._insats(o)
        return o

    def _insats(self, o: Objekt) -> None:
        insats = Insats.objects.filter(forbund=self.forbund, namn=o.namn, objekt=None).first()
        if insats is not None:
            insats.objekt = o
            insats.save(update_fields=["objekt"])
            self.s["insatser_kopplade"] += 1
            return
        insats = Insats(forbund=self.forbund, namn=o.namn, typ=INSATS_TYP, objekt=o)
        insats.full_clean()
        insats.save()
        logga(
            user=self.user,
            forbund=self.forbund,
            obj=insats,
            handelse=Logghandelse.Handelse.SKAPAD,
            beskrivning=f"{insats} (SIE-import)",
        )
        self.s["insatser_nya"] += 1

    def objekt_for(self, dim: int, kod: str, rad: int) -> None:
        if (dim, kod) not in self.objekt:
            self._saknade_objekt.setdefault((dim, kod), rad)
