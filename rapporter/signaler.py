"""Receivers of the förbund app's signals (connected in RapporterConfig.ready)."""


def standarddefinitioner_for_nytt_forbund(sender, *, forbund, **kwargs):
    """Every new förbund (made by hand or by an SIE import) gets the default report
    definitions: resultat- och balansräkning, kassaflödesanalys, driftredovisning."""
    from rapporter.definitioner import definitioner_skapa_standard

    definitioner_skapa_standard(forbund=forbund)
