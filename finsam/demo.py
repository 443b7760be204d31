"""Demo data: one complete förbund built from Helsingborg's published 2013 annual report
(../shared/seeds/000), with a demo user per role. Each app adds its part in its own
``<app>/demo.py``; ``load_demo`` runs them in dependency order. Safe to re-run: every step
looks up what it creates first.
"""

from django.db import transaction

DEMO_LOSENORD = "finsam-demo-2013"


@transaction.atomic
def load() -> list[tuple[str, str]]:
    from ekonomi import demo as ekonomi_demo
    from forbund import demo as forbund_demo
    from insatser import demo as insatser_demo
    from rapporter import demo as rapporter_demo

    forbund, inloggningar = forbund_demo.load(losenord=DEMO_LOSENORD)
    ekonomi_demo.load(forbund=forbund)
    insatser_demo.load(forbund=forbund)
    rapporter_demo.load(forbund=forbund)
    return inloggningar
