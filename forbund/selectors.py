from django.db.models import QuerySet

from forbund.models import Forbund, Logghandelse, Medlem


def medlemmar(*, forbund: Forbund) -> QuerySet[Medlem]:
    return forbund.medlemmar.all()


def logg(*, forbund: Forbund, objekttyp: str = "", objekt_id: str = "") -> QuerySet[Logghandelse]:
    qs = forbund.logg.select_related("user")
    if objekttyp:
        qs = qs.filter(objekttyp=objekttyp)
    if objekt_id:
        qs = qs.filter(objekt_id=objekt_id)
    return qs
