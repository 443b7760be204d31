from django.utils import timezone

from forbund.access import RATTIGHETER
from forbund.arbetsar import arbetsar, arslista
from forbund.models import Roll


def forbund(request):
    """The current förbund, the user's role and rights, the förbund to switch to, and the
    working year with the years the header offers."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    aktuellt = getattr(request, "forbund", None)
    roll = getattr(request, "roll", None)
    ar = arbetsar(request, aktuellt) if aktuellt is not None else None
    return {
        "aktuellt_forbund": aktuellt,
        "arbetsar": ar,
        "arbetsar_lista": (
            arslista(forbund=aktuellt, ar=ar, today=timezone.localdate()) if aktuellt else []
        ),
        "min_roll": roll,
        "min_roll_namn": Roll(roll).label if roll in Roll.values else "",
        "mina_ratter": {str(r) for r in RATTIGHETER.get(roll, ())},
        "mina_forbund": [
            b.forbund
            for b in user.behorigheter.select_related("forbund").order_by("forbund__namn")
        ],
    }
