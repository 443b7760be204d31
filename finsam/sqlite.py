"""SQLite connection set-up.

The ledger's triggers call ``finsam_underhall()``: it answers 0 except inside
``underhall()``, which only the test suite's database flush uses. A connection that lacks
the function (a plain sqlite3 shell) cannot delete a bokförd verifikation either: the
trigger fails with "no such function", so the ledger fails closed.
"""

import contextlib
from contextvars import ContextVar

from django.db.backends.signals import connection_created
from django.dispatch import receiver

_underhall: ContextVar[bool] = ContextVar("finsam_underhall", default=False)


@contextlib.contextmanager
def underhall():
    token = _underhall.set(True)
    try:
        yield
    finally:
        _underhall.reset(token)


@receiver(connection_created)
def _register_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "finsam_underhall", 0, lambda: 1 if _underhall.get() else 0, deterministic=False
        )
