"""Signals of the ledger app. Apps above it (insatser) connect to them in their
``AppConfig.ready``, so ``ekonomi`` never imports them (apps depend downward:
rapporter → insatser/ekonomi → forbund → finsam; insatser reads the ledger, not the
other way round)."""

from django.dispatch import Signal

#: Sent by the SIE import inside its transaction, right after a new object of dimension 6
#: (projekt) is saved. Keyword arguments: ``objekt`` (the new Objekt), ``forbund`` and
#: ``user`` (who imports; may be None). A receiver returns the name of the import's
#: counter it adds one to (``"insatser_nya"``, ``"insatser_kopplade"``) or None; one that
#: raises rolls the import back.
projektobjekt_skapat = Signal()
