"""Writes of the systemadministratör's pages, composed of the apps' own services."""

from django.db import transaction

from forbund import services as forbund_services
from forbund.models import Forbund, Roll


@transaction.atomic
def forbund_inratta(*, user, data: dict, chef_epost: str, bas_url: str) -> Forbund:
    """A new förbund with the standard chart (``forbund.services.forbund_create``, the
    same service the ``create_forbund`` command uses) and, when an address is given, an
    invitation to its first förbundschef — both or neither."""
    forbund = forbund_services.forbund_create(user=user, **data)
    if chef_epost:
        forbund_services.inbjudan_create(
            user=user, forbund=forbund, epost=chef_epost, roll=Roll.FORBUNDSCHEF, bas_url=bas_url
        )
    return forbund
