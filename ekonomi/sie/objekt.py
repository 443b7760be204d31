"""SIE import, dimensions and objects: merged with the förbund's own; objects of
dimension 6 (projekt) are the insatser (made by the insatser app through
``ekonomi.signals.projektobjekt_skapat``)."""

from __future__ import annotations

from ekonomi.models import Dimension, Objekt
from ekonomi.sie.parser import SieFel
from ekonomi.signals import projektobjekt_skapat


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
            # The insatser app makes it an insats (or an administration object).
            for _receiver, raknare in projektobjekt_skapat.send(
                sender=Objekt, objekt=o, forbund=self.forbund, user=self.user
            ):
                if raknare:
                    self.s[raknare] += 1
        return o

    def objekt_for(self, dim: int, kod: str, rad: int) -> None:
        if (dim, kod) not in self.objekt:
            self._saknade_objekt.setdefault((dim, kod), rad)
