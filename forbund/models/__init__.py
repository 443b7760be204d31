"""The förbund register. ``organisation`` holds the shared schema (förbund, roles, audit
trail, members, mandates, meetings); ``register`` what the register issue added
(förbundsordning, predecessors, groups, attachments, ansvarsfrihet); ``bidrag`` the
medlemsbidrag per year; ``konto`` invitations, sessions and reminders."""

from forbund.models.bidrag import Bidragsandel, Bidragsar
from forbund.models.konto import Inbjudan, Inloggning, Paminnelse, Startlosenord
from forbund.models.organisation import (
    Behorighet,
    Beslut,
    Forbund,
    Kanslitjanst,
    Logghandelse,
    Medlem,
    Person,
    Revisor,
    Roll,
    Sammantrade,
    Styrelseuppdrag,
)
from forbund.models.register import (
    Ansvarsfrihet,
    Bilaga,
    Forbundsordning,
    Foregangare,
    Grupp,
    Gruppmedlem,
)

__all__ = [
    "Ansvarsfrihet",
    "Behorighet",
    "Beslut",
    "Bidragsandel",
    "Bidragsar",
    "Bilaga",
    "Foregangare",
    "Forbund",
    "Forbundsordning",
    "Grupp",
    "Gruppmedlem",
    "Inbjudan",
    "Inloggning",
    "Kanslitjanst",
    "Logghandelse",
    "Medlem",
    "Paminnelse",
    "Person",
    "Revisor",
    "Roll",
    "Sammantrade",
    "Startlosenord",
    "Styrelseuppdrag",
]
