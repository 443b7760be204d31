"""SQLite: the ledger's guards cannot be switched off through the app's connection (issue 17.6).

SQLite has no roles: whoever sends SQL on the app's connection could ``DROP TRIGGER`` the
ledger's guards (migrations 0002, 0004, 0011, 0013) and then delete posted vouchers. Every
SQLite connection Django opens therefore gets an authorizer (``sqlite3`` calls it while
it compiles each statement, including those a trigger runs), which refuses:

- dropping or altering anything of the database's schema: ``DROP TABLE``/``INDEX``/
  ``TRIGGER``/``VIEW``, ``ALTER TABLE`` (rename, add/drop column);
- creating triggers (a client's own trigger, temporary or not, could answer for the guards),
  and any other ``CREATE`` in the database (tables, indexes, views): SQLite reports each
  as a write to ``sqlite_master``, which is refused, as is writing it directly;
  temporary tables stay allowed;
- ``ATTACH``/``DETACH`` (a file of the client's choosing);
- writing the ledger's kept balances (``ekonomi_kontosaldo``, ``ekonomi_objektsaldo``)
  other than from a trigger (SQLite names the inner-most trigger; a client cannot create
  one): only the posting trigger (ekonomi migration 0013) keeps them, as PostgreSQL's
  ``pg_trigger_depth`` guard does there;
- setting the pragmas that switch checks off or open the schema for writing
  (``writable_schema``, ``ignore_check_constraints``, ``foreign_keys``,
  ``defer_foreign_keys``, ``recursive_triggers``, ``trusted_schema``,
  ``legacy_alter_table``, ``schema_version``); reading any pragma stays allowed.

Allowed only while ``migrate`` runs (between its ``pre_migrate`` and ``post_migrate``
signals, in the migrating thread: that is also how the test database is created), inside
``underhall()`` (test suite's flush), or in a process started with ``FINSAM_MIGRERA=1``
(``make migrate``), which gets no authorizer at all.

What remains: a process holding the database file can open it with any other SQLite
client, without this authorizer (docs/SECURITY.md); Python code inside the app's own
process could remove it. The guard is against SQL, not against the file's owner.
"""

import os
import sqlite3
import threading
from contextlib import contextmanager

# Statement kinds refused outside maintenance, whatever the object.
NEKADE = frozenset(
    {
        sqlite3.SQLITE_DROP_TABLE,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_DROP_TRIGGER,
        sqlite3.SQLITE_DROP_VIEW,
        sqlite3.SQLITE_DROP_VTABLE,
        sqlite3.SQLITE_ALTER_TABLE,
        sqlite3.SQLITE_CREATE_TRIGGER,
        sqlite3.SQLITE_CREATE_TEMP_TRIGGER,
        sqlite3.SQLITE_ATTACH,
        sqlite3.SQLITE_DETACH,
    }
)
# Writing these (insert/update/delete) rewrites the schema itself: SQLite asks with an
# INSERT into sqlite_master for every CREATE, so no new table, index or view either.
# The temporary schema (sqlite_temp_master) stays open: a connection's own scratch tables.
SCHEMATABELLER = frozenset({"sqlite_master", "sqlite_schema"})
_SKRIVNING = frozenset({sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE})
# Written only from within a trigger (the posting trigger keeps them equal to the rows).
SALDOTABELLER = frozenset({"ekonomi_kontosaldo", "ekonomi_objektsaldo"})
# Pragmas that may be read but never set outside maintenance.
NEKADE_PRAGMA = frozenset(
    {
        "writable_schema",
        "ignore_check_constraints",
        "foreign_keys",
        "defer_foreign_keys",
        "recursive_triggers",
        "trusted_schema",
        "legacy_alter_table",
        "schema_version",
    }
)

_lokalt = threading.local()


def underhall_pagar() -> bool:
    """True while this thread migrates or is inside ``underhall()``."""
    return getattr(_lokalt, "djup", 0) > 0 or getattr(_lokalt, "migrerar", False)


@contextmanager
def underhall():
    """Allow schema changes in this thread for the block (the test suite's flush drops
    and recreates the triggers). Not reachable through SQL."""
    _lokalt.djup = getattr(_lokalt, "djup", 0) + 1
    try:
        yield
    finally:
        _lokalt.djup -= 1


def auktorisera(atgard: int, arg1, arg2, databas, kalla) -> int:
    """sqlite3 authorizer callback: SQLITE_DENY for the statements listed in the module
    docstring (outside maintenance), SQLITE_OK for everything else."""
    if atgard in NEKADE:
        neka = True
    elif atgard in _SKRIVNING:
        tabell = (arg1 or "").lower()
        neka = tabell in SCHEMATABELLER or (tabell in SALDOTABELLER and kalla is None)
    elif atgard == sqlite3.SQLITE_PRAGMA:
        neka = arg2 is not None and (arg1 or "").lower() in NEKADE_PRAGMA
    else:
        return sqlite3.SQLITE_OK
    if neka and not underhall_pagar():
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def installera(sender, connection, **kwargs) -> None:
    """connection_created receiver: give every new SQLite connection the authorizer,
    unless this process migrates (``FINSAM_MIGRERA=1``)."""
    if connection.vendor != "sqlite":
        return
    if os.environ.get("FINSAM_MIGRERA", "").lower() in ("1", "true", "yes", "on"):
        return
    connection.connection.set_authorizer(auktorisera)


def fore_migrate(sender, **kwargs) -> None:
    """pre_migrate receiver: this thread migrates; schema changes allowed."""
    _lokalt.migrerar = True


def efter_migrate(sender, **kwargs) -> None:
    """post_migrate receiver: the migrations have run; schema changes refused again."""
    _lokalt.migrerar = False
