"""A year's resultaträkning and balansräkning on their own (issue 16.2): the statements a
closed year is asked for again and again (the statement pages, comparisons, the peer's
"closing snapshot" case), read with three queries whatever the history's length.

The year's balances come from the database-kept monthly balances of that räkenskapsår
only (``ekonomi_kontosaldo``, at most 12 × accounts rows, found through its year key), in
one grouped query that also brings the accounts' number, name and type
(``rapporter.aggregering.kontoplan_och_saldon``, the årsredovisning's too); the two
definitions' lines come in one query and the report settings in one. The figures are the
same as the årsredovisning's (``hamta_underlag`` + the same builders): every account of
the förbund is placed on its line, those without a balance at zero.
"""

import datetime

from forbund.models import Forbund
from rapporter import aggregering as agg
from rapporter.builders.grund import Tabell
from rapporter.builders.rakningar import Kol, balansrakning, resultatrakning
from rapporter.builders.underlag import Underlag, installning_for
from rapporter.definitioner import hamta_definitioner
from rapporter.models import Rapportdefinition

RR, BR = Rapportdefinition.Typ.RESULTATRAKNING, Rapportdefinition.Typ.BALANSRAKNING


def rakningar_for_ar(*, forbund: Forbund, ar: int) -> tuple[Tabell, Tabell]:
    """The resultaträkning and balansräkning of the räkenskapsår ending in ``ar`` (one
    column, the year's own figures; the balansräkning's result line prints the
    resultaträkning's figure). Three queries, none of them over the ledger's rows."""
    fran, till = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
    konton, saldon = agg.kontoplan_och_saldon(forbund=forbund, perioder={"ar": (fran, till)})
    definitioner = hamta_definitioner(forbund=forbund, typer=[RR, BR])
    rr_rader, br_rader = definitioner[RR][1], definitioner[BR][1]
    u = Underlag(
        forbund=forbund,
        installning=installning_for(forbund),
        konton=konton,
        rr=rr_rader,
        br=br_rader,
        medlemmar=[],
        insatser={},
        saldon=saldon,
    )
    kol = [Kol(str(ar), period="ar")]
    rr = resultatrakning(u, kol)
    return rr, balansrakning(u, kol, rr=rr, rr_kolumner=[0])
