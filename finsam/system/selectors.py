"""Reads for the systemadministratör: every förbund's status, every user's account."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from forbund.models import Behorighet, Forbund, Inbjudan, Roll, Startlosenord
from forbund.selectors.kontroller import Tidsfrist
from forbund.selectors.oversikt import huvudfrister


@dataclass(frozen=True)
class Forbundsstatus:
    forbund: Forbund
    anvandare: int
    forbundschefer: int
    vantande_inbjudningar: int
    senaste_import: datetime.datetime | None  # the last SIE file imported (not dry runs)
    senaste_importfil: str
    faststallda: int  # reports approved (fastställda), all years
    senast_faststalld: datetime.datetime | None
    frister: list[Tidsfrist]

    @property
    def forsenade(self) -> int:
        return sum(1 for t in self.frister if t.status == "forsenad")


def _antal(qs: QuerySet) -> Coalesce:
    """Count rows of ``qs`` per förbund as a correlated subquery (no join fan-out)."""
    return Coalesce(
        Subquery(
            qs.filter(forbund=OuterRef("pk"))
            .order_by()
            .values("forbund")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def forbundsstatus(
    *, today: datetime.date, now: datetime.datetime | None = None
) -> list[Forbundsstatus]:
    """One row per förbund, by name; deadlines as of ``today``, waiting invitations as of
    ``now``. Two queries whatever the number of förbund: one annotated query over the
    förbund, one for the deadlines' decisions."""
    from ekonomi.models import SieImport
    from rapporter.models import Rapport

    importer = SieImport.objects.filter(
        forbund=OuterRef("pk"), status=SieImport.Status.KLAR
    ).order_by("-tidpunkt")
    faststallda = Rapport.objects.filter(status=Rapport.Status.FASTSTALLD)
    forbund = list(
        Forbund.objects.order_by("namn").annotate(
            n_anvandare=_antal(Behorighet.objects.all()),
            n_chefer=_antal(Behorighet.objects.filter(roll=Roll.FORBUNDSCHEF)),
            n_inbjudningar=_antal(
                Inbjudan.objects.filter(
                    accepterad__isnull=True,
                    aterkallad__isnull=True,
                    giltig_till__gte=now or timezone.now(),
                )
            ),
            senaste_import=Subquery(importer.values("tidpunkt")[:1]),
            senaste_importfil=Subquery(importer.values("filnamn")[:1]),
            n_faststallda=_antal(faststallda),
            senast_faststalld=Subquery(
                faststallda.filter(forbund=OuterRef("pk"))
                .order_by("-faststalld")
                .values("faststalld")[:1]
            ),
        )
    )
    frister = huvudfrister(forbund=forbund, today=today)
    return [
        Forbundsstatus(
            forbund=f,
            anvandare=f.n_anvandare,
            forbundschefer=f.n_chefer,
            vantande_inbjudningar=f.n_inbjudningar,
            senaste_import=f.senaste_import,
            senaste_importfil=f.senaste_importfil or "",
            faststallda=f.n_faststallda,
            senast_faststalld=f.senast_faststalld,
            frister=frister[f.pk],
        )
        for f in forbund
    ]


def konton(*, sok: str = "") -> QuerySet:
    """Every account, with its roles, whether it has a confirmed second factor and
    whether its password is a start password. ``sok`` matches username, name or e-mail."""
    qs = (
        get_user_model()
        .objects.order_by("username")
        .annotate(
            har_tvafaktor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            har_startlosenord=Exists(Startlosenord.objects.filter(user=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "behorigheter",
                queryset=Behorighet.objects.select_related("forbund").order_by("forbund__namn"),
            )
        )
    )
    sok = sok.strip()
    if sok:
        qs = qs.filter(
            Q(username__icontains=sok)
            | Q(first_name__icontains=sok)
            | Q(last_name__icontains=sok)
            | Q(email__icontains=sok)
        )
    return qs
