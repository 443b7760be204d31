"""SIE import: ``sie_importera(*, fil, forbund=None, user, dry_run=False)``.

All or nothing: the whole import runs in one durable transaction; any problem raises
``SieFel`` whose message names the file line (``rad 1234: verifikation A 17 balanserar
inte (differens 0,50)``) and nothing is saved.

Decisions (documented here because other apps rely on them):
- A voucher that does not balance refuses the file (never a silent import, no
  quarantine). Empty vouchers are skipped with a warning.
- Already imported vouchers (same series and number in the year) are compared on date,
  text and rows: identical → skipped (so the same file can be imported again, and a later
  export of the same year adds only its new vouchers); different → the file is refused.
  Vouchers without a number (type 4I) get the next number of their series; a file whose
  sha256 was imported before does not add its unnumbered vouchers again.
- ``#IB 0`` becomes the year's one IB voucher (series ``IB``, first day, balance accounts
  only, split per object when ``#OIB`` uses a single dimension) when the year has none;
  when it has one, the file's IB must equal it. IB that does not sum to zero comes from an
  export made before the previous year was closed: the difference (the untransferred
  result) is carried to the eget kapital account 2010 with a warning, and that account's
  ``#UB`` is compared with the carried amount added.
- After the import the books prove themselves against the file: per balance account
  IB + vouchers = ``#UB 0``, per result account the vouchers = ``#RES 0``, per object
  ``#OIB 0`` + vouchers = ``#OUB 0``. A mismatch is an **error** (rollback): otherwise the
  books would silently differ from the system they came from.
- A file that cannot be SIE (a PDF, an image, a spreadsheet, a zip, binary data, a first
  line without a label, no SIE label at all) is refused at once (``InteSieFil``, "inte en
  SIE-fil"); the views record nothing for it.
- A file whose ``#ORGNR`` is another (valid) organisation than the chosen förbund is
  refused. An invalid ``#ORGNR`` (wrong check digit) or none never blocks an import into a
  förbund the user chose: a warning, and the file's number in the summary. Without a
  chosen förbund the file's ``#ORGNR`` selects one, or creates it from ``#FNAMN``.
- Series and numbers: a voucher without series (``#VER "" ""``, ``#VER "" "64"``, typ 4I)
  goes to ``standardserie`` (default ``SIE``; the summary says how many); a given number
  is kept, a missing one (or 0) gets the series' next. Series codes up to 50 characters,
  spaces included, are kept as written.
- ``#FLAGGA 1`` (the file was already read by a program) is warned about, and unnumbered
  vouchers are booked only with ``bekrafta=True``: they would be booked twice otherwise.
- Account types come from ``#KTYP``; without it the type is inferred from the account
  class (Kommun-Bas: 1 T, 2 S, 3 I, 4–7 K, 80–84 I, 85–89 K) with a warning. An existing
  account keeps its type and name (a differing ``#KTYP`` is warned about).
- Objects of dimension 6 are linked to the insats of the same name without an object, or
  create one (typ ``ekonomi.sie.objekt.INSATS_TYP``, to be completed by hand).
- Vouchers, rows and row objects are inserted preliminary in bulk (batches of 2 000
  vouchers: multi-row INSERT on SQLite, COPY on PostgreSQL — the ORM's bulk_create was
  4× slower) and posted by one UPDATE at the end, so the database triggers check every
  voucher's balance at that moment.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from ekonomi.models import Serie, SieImport, Verifikation
from ekonomi.sie.huvud import STANDARDSERIE, HuvudMixin
from ekonomi.sie.parser import SERIE_MAX, Parser, SieFel, Ver, las_kodning
from ekonomi.sie.saldofil import SaldofilMixin
from ekonomi.sie.saldon import SaldoMixin
from ekonomi.sie.verifikationer import VerifikationMixin
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse

logger = logging.getLogger(__name__)

SieImportFel = SieFel
OTOLKBAR = "raden kan inte tolkas"

__all__ = ["InteSieFil", "STANDARDSERIE", "SieFel", "SieImportFel", "sie_importera"]


class InteSieFil(SieFel):
    """The bytes are not an SIE file at all; nothing is recorded for such an upload."""


class _Import(SaldofilMixin, SaldoMixin, VerifikationMixin, HuvudMixin):
    def kor(self) -> None:
        parser = self.parser
        try:
            for post in parser.poster():
                if type(post) is Ver:
                    self.ver(post)
                else:
                    self.post(post)
        except SieFel:
            raise
        except (ArithmeticError, AttributeError, IndexError, KeyError, TypeError, ValueError):
            # A record shaped in a way no rule above foresaw: still a refusal naming the
            # line, never a traceback (logged, so the rule can be added).
            logger.exception("SIE-import: oväntat fel på rad %s", parser.antal_rader)
            raise SieFel(parser.antal_rader, OTOLKBAR) from None
        if not self.kanda_poster and not self.forberedd:
            raise InteSieFil(
                1, "filen är inte en SIE-fil (inga SIE-etiketter som #FLAGGA, #KONTO, #VER)"
            )
        self.forbered()
        self.saldon_kraver_rar()
        self.flush()
        self.ib_fran_foregaende_ub()
        self.ingaende_balans()
        self.budget()
        self.saldofil()
        self.skapa_saknade()
        if self.framsteg is not None:
            self.framsteg(85, "Bokför och prövar saldona mot filen")
        nu = timezone.now()
        try:
            with transaction.atomic():
                bokforda = Verifikation.objects.filter(
                    sie_import=self.imp, status=Verifikation.Status.PRELIMINAR
                ).update(status=Verifikation.Status.BOKFORD, bokford=nu, bokford_av=self.user)
        except IntegrityError as exc:  # the checks above should make this unreachable
            logger.warning("SIE-import: bokföringen nekades av databasen: %s", exc)
            raise SieFel(
                None,
                "databasen vägrade bokföra verifikationerna (en verifikation balanserar inte "
                "eller en period är låst); inget sparades",
            ) from None
        self.s["bokforda"] = bokforda
        for serie in self.rorda_serier.values():
            hogsta = self.nasta_nummer[serie.pk] - 1
            if hogsta > serie.senaste_nummer:
                Serie.objects.filter(pk=serie.pk).update(senaste_nummer=hogsta)
        self.kontrollera()
        self.kontrollera_saldofil()
        for etikett, (antal, rad) in sorted(self.fil.okanda.items()):
            self.varna(f"okänd etikett {etikett} hoppades över ({antal} st)", rad)
        for rad, text in self.parser.varningar:
            self.varna(text, rad)

    def saldon_kraver_rar(self) -> None:
        """Balances of year 0 (#IB/#UB/#RES/#OIB/#OUB 0) mean nothing without #RAR 0 saying
        which year that is: such a file is refused, or its balances could not be proved."""
        if self.ar is not None:
            return
        fil = self.fil
        rader = [b[1] for mal in (fil.ib, fil.ub, fil.res, fil.oib, fil.oub) for b in mal.values()]
        if rader:
            raise SieFel(
                min(rader),
                "filen har saldon för räkenskapsår 0 men saknar #RAR 0 (årets första och "
                "sista dag), så saldona kan inte prövas",
            )

    def sammanfattning(self) -> dict:
        s = dict(self.s)
        if s.get("standardserie_antal"):
            s["standardserie"] = f"{self.standardserie} ({s['standardserie_antal']} st)"
        orgnr = self.fil.orgnr[0] if self.fil.orgnr else "saknas"
        if self.fil.flagga and "flagga" not in s:
            s["flagga"] = self.fil.flagga[0]
        s.update(
            orgnr_fil=orgnr,
            kodning=self.info.kodning,
            sietyp=self.fil.sietyp,
            ksumma="kontrollerad" if self.parser.ksumma else "saknas",
            rakenskapsar=str(self.ar) if self.ar else "",
            rakenskapsar_id=self.ar.pk if self.ar else None,
        )
        return s


@contextmanager
def _gc_utan_gamla_objekt() -> Iterator[None]:
    """Python's cycle collector leaves the objects that existed before the import alone
    while it runs (``gc.freeze``; back in the collector's care afterwards).

    An import allocates a hundred thousand short-lived objects (rows, tuples), which
    triggers full collections, and each one walked every object of Django and the app
    too: 0.19 of 1.55 CPU-seconds for 70 000 rows. The import's own objects are still
    collected as before, so memory stays flat. Skipped when something else froze
    objects (a pre-fork server): unfreezing would undo its freeze."""
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Torrkorning(Exception):
    def __init__(self, resultat: SieImport):
        self.resultat = resultat


def sie_importera(
    *,
    fil: BinaryIO,
    forbund: Forbund | None = None,
    user=None,
    dry_run: bool = False,
    filnamn: str = "",
    standardserie: str = STANDARDSERIE,
    bekrafta: bool = False,
    framsteg: Callable[[int, str], None] | None = None,
) -> SieImport:
    """Import one SIE file (a binary file object) all or nothing; see the module docstring.

    ``standardserie``: the series for vouchers without one. ``bekrafta``: the user
    confirmed a ``#FLAGGA 1`` file's unnumbered vouchers. ``framsteg(procent, steg)`` is
    told how far the import has come (0–90 %, Swedish step text; a background import's
    progress bar): it must not write to the database, whose transaction is the
    import's. Returns the ``SieImport`` record
    (unsaved for a dry run: nothing is kept). Raises ``SieFel`` (line-numbered message;
    ``InteSieFil`` when the bytes are not SIE at all) and saves nothing on any problem.
    """
    standardserie = (standardserie or "").strip()
    if not standardserie or len(standardserie) > SERIE_MAX:
        raise SieFel(None, f"standardserien ska ha 1–{SERIE_MAX} tecken")
    filnamn = (filnamn or getattr(fil, "name", "") or "fil.se").replace("\\", "/")
    filnamn = filnamn.rsplit("/", 1)[-1][:255]  # a label only, never used as a path
    info = las_kodning(fil)
    if info.storlek > settings.FINSAM_MAX_UPLOAD_BYTES:
        raise SieFel(
            None,
            f"filen är för stor ({info.storlek} byte, högst "
            f"{settings.FINSAM_MAX_UPLOAD_BYTES} byte)",
        )
    if info.storlek == 0:
        raise SieFel(None, "filen är tom")
    if info.inte_sie:
        raise InteSieFil(1, f"filen är inte en SIE-fil ({info.inte_sie})")
    lasning = None
    if framsteg is not None:
        senast = [-1]

        def lasning(lasta: int) -> None:
            procent = 80 * lasta // info.storlek
            if procent != senast[0]:
                senast[0] = procent
                framsteg(procent, "Läser och kontrollerar verifikationerna")

    parser = Parser(fil, info.kodning, info.alternativ, info.styrtecken, framsteg=lasning)
    imp = _Import(
        forbund=forbund,
        user=user,
        filnamn=filnamn,
        info=info,
        parser=parser,
        standardserie=standardserie,
        bekrafta=bekrafta,
    )
    imp.provkor = dry_run
    imp.framsteg = framsteg
    try:
        with _gc_utan_gamla_objekt(), transaction.atomic(durable=True):
            imp.kor()
            post = imp.imp
            post.sammanfattning = imp.sammanfattning()
            post.varningar = imp.varningar
            if dry_run:
                post.status = SieImport.Status.TORRKORNING
                raise _Torrkorning(post)
            post.save(update_fields=["sammanfattning", "varningar"])
            logga(
                user=imp.user,
                forbund=imp.forbund,
                obj=post,
                handelse=Logghandelse.Handelse.IMPORTERAD,
                andringar={
                    k: v
                    for k, v in post.sammanfattning.items()
                    if k.endswith(("nya", "skapat", "redan", "hoppade", "rader"))
                },
            )
    except IntegrityError as exc:
        # E.g. the same file imported twice at the same moment: the database's unique
        # series+number constraint stops the second one; nothing of it is saved.
        logger.warning("SIE-import nekad av databasen: %s", exc)
        raise SieFel(
            None,
            "databasen vägrade importen (t.ex. samma verifikationer sparades samtidigt av en "
            "annan inläsning); inget sparades",
        ) from None
    except DatabaseError:
        # A value the checks above let through but the database refused: say so in
        # Swedish (no constraint names), keep the details in the log.
        logger.exception("SIE-import: databasen vägrade ett värde")
        raise SieFel(
            parser.antal_rader or None,
            "databasen kunde inte spara ett värde ur filen; inget sparades",
        ) from None
    except _Torrkorning as t:
        resultat = t.resultat
        resultat.pk = None
        resultat.id = None
        return resultat
    return post


def sie_registrera_nekad(
    *, forbund: Forbund, user, filnamn: str, sha256: str, fel: str
) -> SieImport:
    """Record a refused import (after the rollback) so the list shows every attempt."""
    with transaction.atomic():
        post = SieImport.objects.create(
            forbund=forbund,
            filnamn=filnamn.replace("\\", "/").rsplit("/", 1)[-1][:255],
            sha256=sha256,
            user=user if user is not None and user.is_authenticated else None,
            status=SieImport.Status.NEKAD,
            varningar=[fel],
        )
        logga(
            user=user,
            forbund=forbund,
            obj=post,
            handelse=Logghandelse.Handelse.OVRIGT,
            beskrivning=f"SIE-import nekad: {fel}",
        )
    return post
