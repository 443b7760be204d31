"""PostgreSQL: the application's runtime role owns nothing (issue 17.6).

Migrations run as the schema owner (``DATABASE_MIGRATE_URL``, ``make migrate``); after each
``migrate`` the owner grants the runtime role (the user of ``DATABASE_URL``) exactly what
the application needs: SELECT/INSERT/UPDATE/DELETE on the tables and use of the sequences.
Not granted, so refused to the runtime role whatever it sends: TRUNCATE, TRIGGER,
REFERENCES, CREATE in the schema, and (only an owner or superuser can) ALTER TABLE,
DROP, ``DISABLE TRIGGER``, ``session_replication_role``. The audit trail
(``forbund_logghandelse``) is append-only for it: INSERT and SELECT only.

The triggers run with the privileges of the statement's role; what they write (period
balances, the unlock's audit row) is covered by the grants above.
"""

from django.conf import settings
from django.db import connections

# Append-only for the runtime role: it may add and read, never change or remove.
BARA_TILLAGG = ("forbund_logghandelse",)


def bevilja_approll(*, using: str = "default", roll: str | None = None) -> str | None:
    """Grant ``roll`` (default ``settings.FINSAM_DB_APPROLL``) the runtime rights on every
    table and sequence of the current schema; returns the role or None when there is
    none to grant (SQLite, no role configured, or the role is the connection's own)."""
    roll = roll if roll is not None else getattr(settings, "FINSAM_DB_APPROLL", "")
    connection = connections[using]
    if not roll or connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == roll:
            return None
        q = connection.ops.quote_name(roll)
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {q}")
        cursor.execute(f"REVOKE CREATE ON SCHEMA public FROM {q}")
        cursor.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {q}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {q}"
        )
        for tabell in BARA_TILLAGG:
            cursor.execute(
                f"REVOKE UPDATE, DELETE ON {connection.ops.quote_name(tabell)} FROM {q}"
            )
        cursor.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {q}")
    return roll


def efter_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: re-grant after every migration (new tables included). The
    signal comes once per app after all migrations ran; one app's is enough."""
    if sender.label == "ekonomi":
        bevilja_approll(using=using)
