"""Write use-cases of the ledger (keyword-only, atomic, audited)."""

from ekonomi.services.ar import period_las, period_las_upp, rakenskapsar_skapa
from ekonomi.services.bokslut import bokslut, ingaende_balans_skapa, kontroll_ub_ib
from ekonomi.services.kontoplan import (
    EGET_KAPITAL_KONTO,
    dimension_spara,
    eget_kapital_konto,
    konto_spara,
    konto_ta_bort,
    kontoplan_skapa_standard,
    objekt_spara,
)
from ekonomi.services.medlemsbidrag import medlemsbidrag_fakturera
from ekonomi.services.underlag import underlag_lagg_till
from ekonomi.services.verifikationer import (
    verifikation_bokfor,
    verifikation_create,
    verifikation_reverse,
    verifikation_ta_bort_utkast,
)

__all__ = [
    "EGET_KAPITAL_KONTO",
    "bokslut",
    "dimension_spara",
    "eget_kapital_konto",
    "ingaende_balans_skapa",
    "konto_spara",
    "konto_ta_bort",
    "kontoplan_skapa_standard",
    "kontroll_ub_ib",
    "medlemsbidrag_fakturera",
    "objekt_spara",
    "period_las",
    "period_las_upp",
    "rakenskapsar_skapa",
    "underlag_lagg_till",
    "verifikation_bokfor",
    "verifikation_create",
    "verifikation_reverse",
    "verifikation_ta_bort_utkast",
]

from ekonomi.services.budget import (  # noqa: E402
    budget_import,
    budget_spara,
    budgetversion_skapa,
)

__all__ += ["budget_import", "budget_spara", "budgetversion_skapa"]
