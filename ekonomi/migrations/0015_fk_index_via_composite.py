"""Drop four single-column foreign-key indexes that a composite index already covers
(issue 16.3): every index is written for each voucher, row and row object inserted, and a
voucher's again when it is posted.

- ``ekonomi_rad.verifikation_id``: covered by ``rad_ver_konto`` (verifikation_id, konto_id);
- ``ekonomi_radobjekt.rad_id``: by the unique ``objekt_en_gang_per_rad`` (rad_id, objekt_id);
- ``ekonomi_verifikation.rakenskapsar_id``: by (rakenskapsar_id, datum);
- ``ekonomi_verifikation.serie_id``: by the unique ``unikt_vernummer_per_serie``.

The indexes are dropped by name, not by ``AlterField``: on SQLite that would rebuild the
tables, and a rebuilt table loses the ledger's triggers (0002–0013). The foreign-key
constraints stay as they were.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEX = [
    ("ekonomi_rad_verifikation_id_0872ea91", "ekonomi_rad", "verifikation_id"),
    ("ekonomi_radobjekt_rad_id_49dd1662", "ekonomi_radobjekt", "rad_id"),
    ("ekonomi_verifikation_rakenskapsar_id_2dff9240", "ekonomi_verifikation", "rakenskapsar_id"),
    ("ekonomi_verifikation_serie_id_87f43761", "ekonomi_verifikation", "serie_id"),
]


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0014_set_based_checks")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{namn}"',
                    reverse_sql=f'CREATE INDEX "{namn}" ON "{tabell}" ("{kolumn}")',
                )
                for namn, tabell, kolumn in INDEX
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="rad",
                    name="verifikation",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rader",
                        to="ekonomi.verifikation",
                    ),
                ),
                migrations.AlterField(
                    model_name="radobjekt",
                    name="rad",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="radobjekt",
                        to="ekonomi.rad",
                    ),
                ),
                migrations.AlterField(
                    model_name="verifikation",
                    name="rakenskapsar",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verifikationer",
                        to="ekonomi.rakenskapsar",
                    ),
                ),
                migrations.AlterField(
                    model_name="verifikation",
                    name="serie",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verifikationer",
                        to="ekonomi.serie",
                    ),
                ),
            ],
        )
    ]
