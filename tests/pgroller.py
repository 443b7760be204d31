"""The test suite on PostgreSQL with two roles, as in production (issue 17.6, README "Drift").

With ``DATABASE_MIGRATE_URL`` set beside ``DATABASE_URL`` (``.ci/run`` does), the test
database is created, migrated and finally dropped by the owner, and the tests themselves run
as the runtime role of ``DATABASE_URL``, which owns nothing and has only the grants of
``finsam/dbroll.py``. What only an owner may do (the flush between transactional tests,
a restore, comparing roles) goes through ``som_agare()`` explicitly. Without
``DATABASE_MIGRATE_URL`` (a single ``postgres://postgres@...`` URL, or SQLite) everything
runs on the one connection and ``som_agare()`` changes nothing."""

import os
from contextlib import contextmanager

from django.db import connections

_NYCKLAR = ("USER", "PASSWORD", "HOST", "PORT")


def agare_installning(using: str = "default") -> dict | None:
    """The owner's USER/PASSWORD/HOST/PORT from ``DATABASE_MIGRATE_URL`` when the suite
    runs on PostgreSQL with two roles; None otherwise (one role, or SQLite)."""
    url = os.environ.get("DATABASE_MIGRATE_URL", "")
    if not url or connections[using].vendor != "postgresql":
        return None
    import environ

    cfg = environ.Env.db_url_config(url)
    return {k: cfg.get(k, "") for k in _NYCKLAR}


def tva_roller(using: str = "default") -> bool:
    """True when the tests connect as the runtime role and an owner URL is known."""
    agare = agare_installning(using)
    return agare is not None and connections[using].settings_dict["USER"] != agare["USER"]


def byt_till(using: str, installning: dict) -> dict:
    """Point the connection ``using`` at other credentials (closing it first); returns
    the previous ones. Never inside a transaction: that would end it."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise RuntimeError("byt roll bara utanför en transaktion (transaction=True-test)")
    tidigare = {k: connection.settings_dict.get(k, "") for k in _NYCKLAR}
    connection.close()
    connection.settings_dict.update(installning)
    return tidigare


@contextmanager
def som_agare(using: str = "default"):
    """Run the block on the owner's connection when the suite runs with two roles (the
    connection is closed and reopened around it); otherwise on the connection as it is.
    Only outside a transaction: in ``transaction=True`` tests or the flush."""
    if not tva_roller(using):
        yield connections[using]
        return
    tidigare = byt_till(using, agare_installning(using))
    try:
        yield connections[using]
    finally:
        byt_till(using, tidigare)
