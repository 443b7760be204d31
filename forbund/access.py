"""Who may do what in which förbund.

Every förbund-scoped URL starts with ``f/<orgnr>/``. ``forbund_view`` resolves the
förbund through the user's own Behorighet (no membership → 404, as if it did not exist),
checks the role's right (missing → 403) and hands the view the Forbund. Every object
lookup in the view then goes through that förbund, so another förbund's ids also 404.
"""

from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from forbund.models import Behorighet, Forbund, Roll


class Ratt(StrEnum):
    LASA = "lasa"  # registers, insatser (aggregate), reports
    SKRIVA = "skriva"  # enter and edit registers, insatser, participants, the ledger
    DELTAGARE = "deltagare"  # participant-level data
    EKONOMI = "ekonomi"  # read the ledger: verifikationer, huvudbok, saldobalans
    LOGG = "logg"  # read the audit trail
    ADMINISTRERA = "administrera"  # approve reports, lock periods, manage the förbund's users


RATTIGHETER: dict[str, frozenset[Ratt]] = {
    Roll.KANSLI: frozenset({Ratt.LASA, Ratt.SKRIVA, Ratt.DELTAGARE, Ratt.EKONOMI}),
    Roll.FORBUNDSCHEF: frozenset(Ratt),
    Roll.STYRELSE: frozenset({Ratt.LASA}),
    Roll.REVISOR: frozenset({Ratt.LASA, Ratt.EKONOMI, Ratt.LOGG}),
}


def har_ratt(roll: str | None, ratt: Ratt) -> bool:
    return roll is not None and ratt in RATTIGHETER.get(roll, frozenset())


def hamta_forbund(user, orgnr: str) -> tuple[Forbund, str]:
    """The förbund with this orgnr and the user's role in it, or 404."""
    if not user.is_authenticated:
        raise Http404
    beh = (
        Behorighet.objects.select_related("forbund")
        .filter(user=user, forbund__orgnr=orgnr)
        .first()
    )
    if beh is None:
        raise Http404("Förbundet finns inte.")
    return beh.forbund, beh.roll


def kontrollera(request, orgnr: str, ratt: Ratt) -> Forbund:
    forbund, roll = hamta_forbund(request.user, orgnr)
    request.forbund = forbund
    request.roll = roll
    if not har_ratt(roll, ratt):
        raise PermissionDenied("Din roll i förbundet ger inte behörighet till detta.")
    return forbund


def forbund_view(ratt: Ratt = Ratt.LASA):
    """Decorator for function views: ``view(request, forbund, **kwargs)``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, orgnr: str, *args, **kwargs):
            forbund = kontrollera(request, orgnr, ratt)
            return view(request, forbund, *args, **kwargs)

        wrapper.finsam_ratt = ratt
        return wrapper

    return decorator


class ForbundMixin:
    """For class-based views: set ``ratt``; ``self.forbund`` is the checked förbund."""

    ratt: Ratt = Ratt.LASA

    def dispatch(self, request, *args, **kwargs):
        self.forbund = kontrollera(request, kwargs["orgnr"], self.ratt)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forbund", self.forbund)
        return super().get_context_data(**kwargs)
