"""SQLite: a partial index of the locked periods, so the lock triggers of 0004 look in an
index that holds only locked periods (issue 16.3).

``ekonomi_rad_last_period`` runs for every row inserted (and the voucher triggers for
every voucher): ``EXISTS (... p.rakenskapsar_id = ? AND ? BETWEEN p.start AND p.slut AND
p.last = 1)``. Through the unique (rakenskapsar_id, start) index that read up to twelve
periods and each one's table row; this index, ``WHERE last = 1`` exactly as the triggers
write it (SQLite uses a partial index only when the query's terms imply its WHERE), is
empty while nothing is locked and holds a year's locked months otherwise. Measured on the
SIE benchmark's 70 000 rows: the row inserts' CPU time 0.42 → 0.29 s. The triggers
themselves are unchanged: same checks, same messages.

Not in the model's state (Django would write the condition as ``WHERE "last"``, which the
triggers' ``p.last = 1`` does not imply): a later migration that rebuilds
``ekonomi_period`` on SQLite would drop it, and with it the period triggers, which
``tests/ekonomi/test_raw_sql_guards.py`` catches. PostgreSQL reads a period through
``finsam_period_last`` (the period holding the date, locked or not) and needs nothing.
"""

from django.db import migrations

SQLITE_UP = (
    'CREATE INDEX "ekonomi_period_last" ON "ekonomi_period" '
    '("rakenskapsar_id", "start", "slut") WHERE "last" = 1'
)
SQLITE_DOWN = 'DROP INDEX IF EXISTS "ekonomi_period_last"'


def _sqlite(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0018_rad_konto_ver")]

    operations = [migrations.RunPython(_sqlite(SQLITE_UP), _sqlite(SQLITE_DOWN))]
