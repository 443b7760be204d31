"""Receivers of the förbund app's signals (connected in EkonomiConfig.ready)."""


def standardkontoplan_for_nytt_forbund(sender, *, forbund, standardkontoplan=True, **kwargs):
    """A förbund made by hand (forbund.services.forbund_create) gets the standard chart of
    accounts (Kommun-Bas) and dimensions 1 and 6; one made from an SIE file keeps the
    file's chart."""
    if standardkontoplan:
        from ekonomi.services import kontoplan_skapa_standard

        kontoplan_skapa_standard(forbund=forbund)
