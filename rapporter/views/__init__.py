"""The report views, one module per concern (URL names in ``rapporter.urls``)."""

from rapporter.views.dokument import (
    _till as _till,
)
from rapporter.views.dokument import (
    arsredovisning as arsredovisning,
)
from rapporter.views.dokument import (
    delarsrapport as delarsrapport,
)
from rapporter.views.dokument import (
    index as index,
)
from rapporter.views.dokument import (
    verksamhetsplan as verksamhetsplan,
)
from rapporter.views.faststall import (
    ej_tillampligt as ej_tillampligt,
)
from rapporter.views.faststall import (
    faststall as faststall,
)
from rapporter.views.grund import (
    _ar_saknas as _ar_saknas,
)
from rapporter.views.grund import (
    _kontrollera_ar as _kontrollera_ar,
)
from rapporter.views.grund import (
    _kontrollera_planar as _kontrollera_planar,
)
from rapporter.views.grund import (
    _plan_saknas as _plan_saknas,
)
from rapporter.views.grund import (
    _svar as _svar,
)
from rapporter.views.installningar import (
    definition_redigera as definition_redigera,
)
from rapporter.views.installningar import (
    definitioner as definitioner,
)
from rapporter.views.installningar import (
    installningar as installningar,
)
from rapporter.views.installningar import (
    prognos as prognos,
)
from rapporter.views.pdf import (
    pdf_bestall as pdf_bestall,
)
from rapporter.views.pdf import (
    pdf_bestallning as pdf_bestallning,
)
from rapporter.views.pdf import (
    pdf_bestallning_fil as pdf_bestallning_fil,
)
from rapporter.views.pdf import (
    rapport_pdf as rapport_pdf,
)
from rapporter.views.rakningar import (
    RAKNINGAR as RAKNINGAR,
)
from rapporter.views.rakningar import (
    rakning as rakning,
)
from rapporter.views.rakningar import (
    render_json_del as render_json_del,
)
