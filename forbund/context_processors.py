from forbund.access import RATTIGHETER


def forbund(request):
    """The current förbund, the user's role and rights, and the förbund to switch to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    aktuellt = getattr(request, "forbund", None)
    roll = getattr(request, "roll", None)
    return {
        "aktuellt_forbund": aktuellt,
        "min_roll": roll,
        "mina_ratter": {str(r) for r in RATTIGHETER.get(roll, ())},
        "mina_forbund": [
            b.forbund
            for b in user.behorigheter.select_related("forbund").order_by("forbund__namn")
        ],
    }
