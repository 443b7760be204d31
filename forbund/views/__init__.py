from forbund.views.anvandare import (
    anvandare_create,
    anvandare_delete,
    anvandare_list,
    anvandare_update,
    inbjudan_aterkalla,
)
from forbund.views.bidrag import (
    bidrag_create,
    bidrag_detail,
    bidrag_list,
    bidrag_underlag,
    bidrag_update,
)
from forbund.views.forbund import (
    arbetsar_byt,
    bilaga_fil,
    forbund_update,
    forbundsordning_fil,
    gruppmedlem_delete,
    logg,
    start,
    styrelse,
)

__all__ = [
    "arbetsar_byt",
    "anvandare_create",
    "anvandare_delete",
    "anvandare_list",
    "anvandare_update",
    "bidrag_create",
    "bidrag_detail",
    "bidrag_list",
    "bidrag_underlag",
    "bidrag_update",
    "bilaga_fil",
    "forbund_update",
    "forbundsordning_fil",
    "gruppmedlem_delete",
    "inbjudan_aterkalla",
    "logg",
    "start",
    "styrelse",
]
