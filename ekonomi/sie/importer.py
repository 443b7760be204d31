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
- A file whose ``#ORGNR`` is another organisation than the chosen förbund is refused.
  Without a chosen förbund the file's ``#ORGNR`` selects one, or creates it from
  ``#FNAMN``.
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

from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ekonomi.models import Serie, SieImport, Verifikation
from ekonomi.sie.huvud import HuvudMixin
from ekonomi.sie.parser import Parser, SieFel, Ver, las_kodning
from ekonomi.sie.saldon import SaldoMixin
from ekonomi.sie.verifikationer import VerifikationMixin
from forbund.audit import logga
from forbund.models import Forbund, Logghandelse

SieImportFel = SieFel
ANALYSERA_FRAN = 10_000  # rows; a bigger import refreshes PostgreSQL's statistics

__all__ = ["SieFel", "SieImportFel", "sie_importera"]


class _Import(SaldoMixin, VerifikationMixin, HuvudMixin):
    def kor(self) -> None:
        for post in self.parser.poster():
            if type(post) is Ver:
                self.ver(post)
            else:
                self.post(post)
        self.forbered()
        self.flush()
        self.ingaende_balans()
        self.budget()
        self.skapa_saknade()
        if connection.vendor == "postgresql" and self.s["rader_nya"] > ANALYSERA_FRAN:
            # Fresh statistics before the posting UPDATE and the proof: with the planner
            # still believing the tables are small, both pick plans that crawl.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE ekonomi_verifikation, ekonomi_rad, ekonomi_radobjekt")
        nu = timezone.now()
        try:
            with transaction.atomic():
                bokforda = Verifikation.objects.filter(
                    sie_import=self.imp, status=Verifikation.Status.PRELIMINAR
                ).update(status=Verifikation.Status.BOKFORD, bokford=nu, bokford_av=self.user)
        except IntegrityError as exc:  # the checks above should make this unreachable
            raise SieFel(None, f"databasen vägrade bokföra verifikationerna: {exc}") from None
        self.s["bokforda"] = bokforda
        for serie in self.rorda_serier.values():
            hogsta = self.nasta_nummer[serie.pk] - 1
            if hogsta > serie.senaste_nummer:
                Serie.objects.filter(pk=serie.pk).update(senaste_nummer=hogsta)
        self.kontrollera()
        for etikett, (antal, rad) in sorted(self.fil.okanda.items()):
            self.varna(f"okänd etikett {etikett} hoppades över ({antal} st)", rad)
        for rad, text in self.parser.varningar:
            self.varna(text, rad)

    def sammanfattning(self) -> dict:
        s = dict(self.s)
        s.update(
            kodning=self.info.kodning,
            sietyp=self.fil.sietyp,
            ksumma="kontrollerad" if self.parser.ksumma else "saknas",
            rakenskapsar=str(self.ar) if self.ar else "",
            rakenskapsar_id=self.ar.pk if self.ar else None,
        )
        return s


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
) -> SieImport:
    """Import one SIE file (a binary file object) all or nothing; see the module docstring.

    Returns the ``SieImport`` record (unsaved for a dry run: nothing is kept). Raises
    ``SieFel`` (line-numbered message) and saves nothing on any problem.
    """
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
    parser = Parser(fil, info.kodning)
    imp = _Import(forbund=forbund, user=user, filnamn=filnamn, info=info, parser=parser)
    try:
        with transaction.atomic(durable=True):
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
        raise SieFel(None, f"databasen vägrade importen: {exc}") from None
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
