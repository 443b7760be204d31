"""The ledger. Amounts are integer öre (``belopp``: debet positive, kredit negative) so
that every SUM is exact on SQLite and PostgreSQL alike.

Database-enforced invariants (migration 0002, triggers on both databases):
- a verifikation is created preliminär ('P'); rows may be added, changed or removed only
  while it is preliminär;
- the change P → B (bokförd) requires at least one row, rows summing to exactly 0 and a
  number;
- a bokförd verifikation, its rows and their objects can never be updated or deleted.

The models live in modules by subject (``ar``, ``kontoplan``, ``sie``, ``verifikation``,
``saldo``, ``budget``, ``underlag``); everything is importable from ``ekonomi.models``.
"""

from .ar import Period, Rakenskapsar
from .budget import Budgetrad, Budgetversion
from .kontoplan import KASSAFLODE, Dimension, Konto, Objekt, Rapportrad
from .saldo import Kontosaldo, Objektsaldo
from .sie import SieImport, Sieinlasning
from .underlag import Underlag, underlag_sokvag
from .verifikation import Rad, RadObjekt, Serie, Verifikation

__all__ = [
    "Rakenskapsar",
    "Period",
    "Rapportrad",
    "KASSAFLODE",
    "Konto",
    "Dimension",
    "Objekt",
    "SieImport",
    "Sieinlasning",
    "Serie",
    "Verifikation",
    "Rad",
    "RadObjekt",
    "Kontosaldo",
    "Objektsaldo",
    "Budgetversion",
    "Budgetrad",
    "underlag_sokvag",
    "Underlag",
]
