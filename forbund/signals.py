"""Signals of the förbund app. Apps above it (ekonomi, rapporter) connect to them in their
``AppConfig.ready``, so ``forbund`` never imports them (apps depend downward:
rapporter → insatser/ekonomi → forbund → finsam)."""

from django.dispatch import Signal

#: Sent inside the creating transaction, right after a new förbund is saved.
#: Keyword arguments: ``forbund`` (the new Forbund) and ``standardkontoplan`` (bool: True
#: when the förbund gets Finsam's standard chart of accounts; False when its chart comes
#: from an SIE file). A receiver that raises rolls the creation back.
forbund_skapat = Signal()
