"""Write use-cases of insatser: keyword-only, atomic, validated, audited."""

from insatser.services.deltagare import (
    anonyma_add,
    avslutsorsak_create,
    avslutsorsak_update,
    deltagande_avsluta,
    deltagande_create,
    deltagande_samtycke_atertaget,
    deltagande_update,
    deltaganden_avsluta_many,
    deltaganden_create_many,
)
from insatser.services.forbundsmal import (
    forbundsmal_create,
    forbundsmal_delete,
    forbundsmal_kopiera,
    forbundsmal_update,
    malutfall_spara,
    malutfall_spara_alla,
)
from insatser.services.importer import ImportFel, RadFel, deltaganden_import
from insatser.services.insatser import (
    insats_create,
    insats_status_set,
    insats_update,
    mal_create,
    medel_create,
    strukturaktivitet_create,
    utvardering_create,
)

__all__ = [
    "ImportFel",
    "RadFel",
    "anonyma_add",
    "avslutsorsak_create",
    "avslutsorsak_update",
    "deltagande_avsluta",
    "deltagande_create",
    "deltagande_samtycke_atertaget",
    "deltagande_update",
    "deltaganden_avsluta_many",
    "deltaganden_create_many",
    "deltaganden_import",
    "forbundsmal_create",
    "forbundsmal_delete",
    "forbundsmal_kopiera",
    "forbundsmal_update",
    "insats_create",
    "insats_status_set",
    "insats_update",
    "malutfall_spara",
    "malutfall_spara_alla",
    "mal_create",
    "medel_create",
    "strukturaktivitet_create",
    "utvardering_create",
]
