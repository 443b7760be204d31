"""Replace the single-column index on ``ekonomi_rad.konto_id`` with (konto_id,
verifikation_id) (issue 16.2): the huvudbok of one account for one year then reads that
year's rows of the account as one index range (the year's voucher ids), not the account's
rows of every year. The composite index still serves every lookup by account alone, so
the number of indexes written per row stays the same.

Dropped and created by name, not by ``AlterField``: on SQLite that would rebuild the
table, and a rebuilt table loses the ledger's triggers (0002–0017, see 0015).
"""

import django.db.models.deletion
from django.db import migrations, models


def _konto_index(apps, schema_editor):
    """Drop the konto_id index whatever its generated name (a hash of the table)."""
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'ekonomi_rad' "
                "AND indexname LIKE 'ekonomi_rad_konto_id_%%'"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'ekonomi_rad' AND name LIKE 'ekonomi_rad_konto_id_%'"
            )
        for (namn,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{namn}"')


def _konto_index_tillbaka(apps, schema_editor):
    schema_editor.execute(
        'CREATE INDEX "ekonomi_rad_konto_id_201fb063" ON "ekonomi_rad" ("konto_id")'
    )


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0017_fk_som_mangdtriggrar")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_konto_index, _konto_index_tillbaka)],
            state_operations=[
                migrations.AlterField(
                    model_name="rad",
                    name="konto",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="rader",
                        to="ekonomi.konto",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="rad",
            index=models.Index(fields=["konto", "verifikation"], name="rad_konto_ver"),
        ),
    ]
