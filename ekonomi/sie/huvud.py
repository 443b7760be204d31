"""SIE import, part 1: the file's header — chart, dimensions, objects (the förbund and
the year: ``ekonomi.sie.forbund_ar``).

The service is ``ekonomi.sie.importer.sie_importera``; its decisions are listed there.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from ekonomi.models import (
    Budgetrad,
    Dimension,
    Konto,
    Objekt,
    Rad,
    Rakenskapsar,
    Serie,
    SieImport,
)
from ekonomi.sie.forbund_ar import ForbundArMixin
from ekonomi.sie.objekt import ObjektMixin
from ekonomi.sie.parser import (
    Parser,
    Post,
    SieFel,
    Ver,
    tolka_belopp,
    tolka_datum,
    tolka_dimension,
    tolka_konto,
    tolka_objektkod,
    tolka_objektlista,
)
from ekonomi.sie.saldofil.poster import SALDO_ETIKETTER
from forbund.models import Forbund

# Labels we read, or know and deliberately leave out (no warning for those).
_KANDA = (
    "#FLAGGA #PROGRAM #FORMAT #GEN #SIETYP #PROSA #FTYP #FNR #ORGNR #BKOD #ADRESS "
    "#FNAMN #RAR #TAXAR #OMFATTN #KPTYP #VALUTA #KONTO #KTYP #ENHET #SRU #DIM "
    "#UNDERDIM #OBJEKT #IB #UB #OIB #OUB #RES #PSALDO #PBUDGET"
)
KANDA_ETIKETTER = frozenset(_KANDA.split(" "))

# Vouchers without a series (``#VER "" ""`` from payroll, fixed-asset and till systems,
# SIE 4B §#VER: the receiver assigns series and number) go to this series unless the
# user chooses another on the form or with ``import_sie --serie``.
STANDARDSERIE = "SIE"


def harled_kontotyp(nummer: str) -> str:
    forsta = nummer[0]
    if forsta == "1":
        return Konto.Typ.TILLGANG
    if forsta == "2":
        return Konto.Typ.SKULD
    if forsta == "3":
        return Konto.Typ.INTAKT
    if forsta == "8":
        return Konto.Typ.INTAKT if nummer[:2] <= "84" else Konto.Typ.KOSTNAD
    return Konto.Typ.KOSTNAD


@dataclass
class _Fil:
    """What the file says outside its vouchers (bounded by the chart, not the books)."""

    fnamn: tuple[str, int] | None = None
    flagga: tuple[str, int] | None = None
    orgnr: tuple[str, int] | None = None
    sietyp: str = ""
    rar0: tuple[datetime.date, datetime.date, int] | None = None
    konton: dict[str, list] = field(default_factory=dict)  # nr -> [namn, typ|None, rad]
    dimensioner: dict[int, list] = field(default_factory=dict)  # nr -> [namn, över, rad]
    objekt: dict[tuple[int, str], list] = field(default_factory=dict)  # -> [namn, rad]
    ib: dict[str, list] = field(default_factory=dict)  # konto -> [öre, rad]
    ub: dict[str, list] = field(default_factory=dict)
    res: dict[str, list] = field(default_factory=dict)
    oib: dict[tuple, list] = field(default_factory=dict)  # (konto, dim, kod) -> [öre, rad]
    oub: dict[tuple, list] = field(default_factory=dict)
    budget: dict[tuple, list] = field(default_factory=dict)  # (konto, obj, (år, mån))->[öre, rad]
    okanda: dict[str, list] = field(default_factory=dict)  # etikett -> [antal, första rad]


class HuvudMixin(ForbundArMixin, ObjektMixin):
    def __init__(
        self,
        *,
        forbund: Forbund | None,
        user,
        filnamn: str,
        info,
        parser: Parser,
        standardserie: str = STANDARDSERIE,
        bekrafta: bool = False,
    ):
        self.forbund = forbund
        self.standardserie = standardserie
        self.bekrafta = bekrafta
        self.provkor = False  # a dry run: warn where a real import would ask to confirm
        self.framsteg = None  # (procent, steg) -> None, see sie_importera
        self.kanda_poster = 0
        self.user = user if user is not None and user.is_authenticated else None
        self.filnamn = filnamn
        self.info = info
        self.parser = parser
        self.fil = _Fil()
        self.varningar: list[str] = []
        self.s: dict = defaultdict(int)  # sammanfattning
        self.imp: SieImport | None = None
        self.ar: Rakenskapsar | None = None
        self.ar_cache: dict[int, Rakenskapsar] = {}
        self.konton: dict[str, Konto] = {}
        self.dimensioner: dict[int, Dimension] = {}
        self.objekt: dict[tuple[int, str], Objekt] = {}
        self.serier: dict[tuple[int, str], Serie] = {}
        self.nasta_nummer: dict[int, int] = {}
        self.batch: list[tuple[Ver, Rakenskapsar]] = []
        self.forberedd = False
        self.redan_importerad = False
        self.tidigare_ib: set[int] = set()
        self.last: dict[int, list] = {}
        self.batch_rader = 0
        self.senaste_ver_id = 0
        self.rorda_serier: dict[int, Serie] = {}
        self._saknade_konton: dict[str, int] = {}
        self._saknade_objekt: dict[tuple[int, str], int] = {}
        self.saldoposter: list[Post] = []  # for ekonomi.sie.saldofil
        self.ub_justering: dict[str, int] = {}  # konto -> öre added to the file's #UB 0

    def varna(self, text: str, rad: int | None = None) -> None:
        if len(self.varningar) < 500:
            self.varningar.append(f"rad {rad}: {text}" if rad else text)

    # --- records -------------------------------------------------------------------------

    def post(self, p: Post) -> None:
        e, f, rad = p.etikett, p.falt, p.rad
        fil = self.fil
        if e in SALDO_ETIKETTER:
            self.saldopost(p)
        if e not in KANDA_ETIKETTER:
            fil.okanda.setdefault(e, [0, rad])[0] += 1
            return
        self.kanda_poster += 1
        if e == "#FLAGGA" and f:
            fil.flagga = (str(f[0]).strip(), rad)
        elif e == "#FNAMN" and f:
            fil.fnamn = (str(f[0]).strip(), rad)
        elif e == "#ORGNR" and f and isinstance(f[0], str):
            fil.orgnr = (f[0].strip(), rad)
        elif e == "#SIETYP" and f:
            fil.sietyp = str(f[0])
        elif e == "#RAR":
            if len(f) >= 3 and f[0] == "0" and f[1] and f[2]:
                start = tolka_datum(f[1], rad, "startdatum")
                slut = tolka_datum(f[2], rad, "slutdatum")
                if slut <= start:
                    raise SieFel(rad, "räkenskapsåret slutar före det börjar")
                fil.rar0 = (start, slut, rad)
        elif e == "#KONTO":
            if len(f) < 1:
                raise SieFel(rad, "#KONTO saknar kontonummer")
            nr = tolka_konto(f[0], rad)
            namn = f[1] if len(f) > 1 and isinstance(f[1], str) else ""
            post = fil.konton.setdefault(nr, [namn, None, rad])
            post[0] = namn or post[0]
        elif e == "#KTYP":
            if len(f) < 2:
                raise SieFel(rad, "#KTYP saknar kontonummer eller typ")
            nr = tolka_konto(f[0], rad)
            typ = str(f[1]).upper()
            if typ not in ("T", "S", "I", "K"):
                raise SieFel(rad, f"okänd kontotyp ”{f[1]}” (ska vara T, S, I eller K)")
            fil.konton.setdefault(nr, [f"Konto {nr}", None, rad])[1] = typ
        elif e in ("#DIM", "#UNDERDIM"):
            if not f:
                raise SieFel(rad, f"{e} saknar dimensionsnummer")
            nr = tolka_dimension(f[0], rad)
            namn = f[1] if len(f) > 1 and isinstance(f[1], str) else f"Dimension {nr}"
            over = None
            if e == "#UNDERDIM":
                if len(f) < 3:
                    raise SieFel(rad, "#UNDERDIM saknar överordnad dimension")
                over = tolka_dimension(f[2], rad, "den överordnade dimensionen")
                if over == nr:
                    raise SieFel(rad, f"dimension {nr} kan inte vara underordnad sig själv")
            fil.dimensioner[nr] = [namn, over, rad]
        elif e == "#OBJEKT":
            if len(f) < 2 or not f[1]:
                raise SieFel(rad, "#OBJEKT ska ha dimension och objektkod")
            dim = tolka_dimension(f[0], rad)
            kod = tolka_objektkod(f[1], rad)
            namn = f[2] if len(f) > 2 and isinstance(f[2], str) else kod
            fil.objekt[(dim, kod)] = [namn, rad]
        elif e in ("#IB", "#UB", "#RES"):
            if len(f) < 3:
                raise SieFel(rad, f"{e} ska ha år, konto och belopp")
            if f[0] != "0":
                return
            nr = tolka_konto(f[1], rad)
            belopp = tolka_belopp(f[2], rad)
            mal = {"#IB": fil.ib, "#UB": fil.ub, "#RES": fil.res}[e]
            mal[nr] = [belopp, rad]
        elif e in ("#OIB", "#OUB"):
            if len(f) < 4 or not isinstance(f[2], list):
                raise SieFel(rad, f"{e} ska ha år, konto, objekt och belopp")
            if f[0] != "0":
                return
            nr = tolka_konto(f[1], rad)
            objekt = tolka_objektlista(f[2], rad)
            if len(objekt) != 1:
                self.varna(f"{e} med {len(objekt)} objekt hoppas över", rad)
                return
            belopp = tolka_belopp(f[3], rad)
            mal = fil.oib if e == "#OIB" else fil.oub
            mal[(nr, objekt[0][0], objekt[0][1])] = [belopp, rad]
        elif e == "#PBUDGET":
            if len(f) < 4:
                raise SieFel(rad, "#PBUDGET ska ha år, period, konto och belopp")
            if f[0] != "0":
                return
            period = str(f[1])
            if (
                len(period) != 6
                or not (period.isascii() and period.isdigit())
                or not 1 <= int(period[4:]) <= 12
            ):
                raise SieFel(rad, f"ogiltig period ”{period}” (ska vara ÅÅÅÅMM)")
            nr = tolka_konto(f[2], rad)
            i = 3
            objekt: tuple = ()
            if isinstance(f[3], list):
                objekt = tolka_objektlista(f[3], rad)
                i = 4
            if len(f) <= i:
                raise SieFel(rad, "#PBUDGET saknar belopp")
            belopp = tolka_belopp(f[i], rad)
            if len(objekt) > 1:
                self.varna("#PBUDGET med flera objekt: bara det första används", rad)
            # (year, month): a räkenskapsår longer than 12 months has some months twice.
            nyckel = (nr, objekt[0] if objekt else None, (int(period[:4]), int(period[4:])))
            fil.budget.setdefault(nyckel, [0, rad])[0] += belopp

    # --- förbund, year, chart ---------------------------------------------------------------

    def forbered(self) -> None:
        """Create what the file's header describes; safe to call again for late records."""
        if not self.forberedd:
            self._forbund()
            self.imp = SieImport.objects.create(
                forbund=self.forbund,
                filnamn=self.filnamn,
                sha256=self.info.sha256,
                user=self.user,
                status=SieImport.Status.KLAR,
            )
            self.redan_importerad = (
                SieImport.objects.filter(
                    forbund=self.forbund, sha256=self.info.sha256, status=SieImport.Status.KLAR
                )
                .exclude(pk=self.imp.pk)
                .exists()
            )
            if self.fil.rar0:
                self.ar = self._ar_fran_rar(*self.fil.rar0)
            self.konton = {k.nummer: k for k in Konto.objects.filter(forbund=self.forbund)}
            self.dimensioner = {
                d.nummer: d for d in Dimension.objects.filter(forbund=self.forbund)
            }
            self.objekt = {
                (o.dimension.nummer, o.kod): o
                for o in Objekt.objects.filter(dimension__forbund=self.forbund).select_related(
                    "dimension"
                )
            }
            self.forberedd = True
        self._kontoplan()
        self._dimensioner()

    def _kontoplan(self) -> None:
        nya = []
        namn_i_filen: dict[str, str] = {}
        for nr, (namn, typ, rad) in self.fil.konton.items():
            befintligt = self.konton.get(nr)
            if befintligt is not None:
                if namn and namn[:200] != befintligt.namn:
                    namn_i_filen[nr] = namn[:200]
                if typ and befintligt.typ != typ and not getattr(befintligt, "_sie_varnat", 0):
                    self.varna(
                        f"konto {nr} har typ {typ} i filen men {befintligt.typ} i Finsam; "
                        "Finsams typ behålls",
                        rad,
                    )
                    befintligt._sie_varnat = 1
                continue
            if not typ:
                typ = harled_kontotyp(nr)
                self.varna(f"konto {nr} saknar #KTYP; typ {typ} efter kontoklass", rad)
            nya.append(Konto(forbund=self.forbund, nummer=nr, namn=(namn or nr)[:200], typ=typ))
        self._skapa_konton(nya)
        self._namn_fran_filen(namn_i_filen)

    def _namn_fran_filen(self, namn_i_filen: dict[str, str]) -> None:
        """An account nobody has used yet (the standard chart a new förbund starts with)
        takes the name the förbund's own books give it: the template's "3512 Medlemsbidrag
        Arbetsförmedlingen" must not print in the reports, or be proposed as a member, for
        an account the file calls "Medlemsavgift Region Skåne". A used account keeps its
        name, with a warning. Two queries."""
        konton = [self.konton[nr] for nr in namn_i_filen]
        if not konton:
            return
        anvanda = set(Rad.objects.filter(konto__in=konton).values_list("konto_id", flat=True))
        anvanda |= set(
            Budgetrad.objects.filter(konto__in=konton).values_list("konto_id", flat=True)
        )
        byta = []
        for k in konton:
            namn = namn_i_filen[k.nummer]
            if k.pk in anvanda:
                if not getattr(k, "_sie_namn_varnat", 0):
                    self.varna(
                        f"konto {k.nummer} heter ”{namn}” i filen; Finsams namn ”{k.namn}” behålls"
                    )
                    k._sie_namn_varnat = 1
                continue
            self.varna(f"konto {k.nummer} får filens namn ”{namn}” (hette ”{k.namn}”)")
            k.namn = namn
            byta.append(k)
        Konto.objects.bulk_update(byta, ["namn"])
        self.s["konton_namn_fran_filen"] += len(byta)

    def _skapa_konton(self, nya: list[Konto]) -> None:
        if not nya:
            return
        for k in Konto.objects.bulk_create(nya):
            self.konton[k.nummer] = k
        self.s["konton_nya"] += len(nya)

    def konto(self, nr: str, rad: int) -> None:
        """Make sure an account used by a row exists (created with a warning if not)."""
        if nr in self.konton or nr in self._saknade_konton:
            return
        self._saknade_konton[nr] = rad

    def skapa_saknade(self) -> None:
        nya = []
        for nr, rad in self._saknade_konton.items():
            typ = harled_kontotyp(nr)
            self.varna(f"konto {nr} saknas i kontoplanen; skapat med typ {typ}", rad)
            nya.append(Konto(forbund=self.forbund, nummer=nr, namn=f"Konto {nr}", typ=typ))
        self._saknade_konton = {}
        self._skapa_konton(nya)
        for (dim, kod), rad in self._saknade_objekt.items():
            if (dim, kod) not in self.objekt:
                self.varna(f"objekt {kod} i dimension {dim} saknas; skapat", rad)
                self._skapa_objekt(dim, kod, kod, rad)
        self._saknade_objekt = {}
