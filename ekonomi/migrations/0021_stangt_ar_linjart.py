"""PostgreSQL: the closed-year check of 0020 in time linear in the statement's rows
(issue 16.3).

``finsam_ver_stangt_ar_mangd`` joined the statement's old and new rows (``gamla`` and
``nya``, transition tables without indexes or statistics); the planner ran that join as
a nested loop, so posting the SIE benchmark's 5 000 vouchers in one UPDATE spent 3.0 of
its 3.4 s in this trigger (25 million row pairs) and the import fell from ~25 000 to
~13 000 rows/s. The same question is asked with ``IN`` over the vouchers of closed years,
which PostgreSQL answers with one hash of them: 1 ms when no year is closed, 3 ms when
all 5 000 vouchers had to be looked at. Same rows refused, same message, same SQLSTATE;
SQLite (row triggers) is unchanged.
"""

from django.db import migrations

STANGT = "finsam: räkenskapsåret är stängt (bokslut är gjort)"

POSTGRES_UP = f"""CREATE OR REPLACE FUNCTION finsam_ver_stangt_ar_mangd() RETURNS trigger AS $$
    BEGIN
      -- Drafts (old status P) of this statement in a closed year.
      IF EXISTS (SELECT 1 FROM gamla o WHERE o.status = 'P' AND o.id IN (
                   SELECT v.id FROM nya v JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id
                   WHERE a.stangt)) THEN
        RAISE EXCEPTION '{STANGT}' USING ERRCODE = '23000';
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql"""

# 0020's body, for the way back.
POSTGRES_DOWN = f"""CREATE OR REPLACE FUNCTION finsam_ver_stangt_ar_mangd() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM nya v JOIN gamla o ON o.id = v.id AND o.status = 'P'
                 JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id WHERE a.stangt) THEN
        RAISE EXCEPTION '{STANGT}' USING ERRCODE = '23000';
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql"""


def _postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0020_datum_period_serie_skydd")]

    operations = [migrations.RunPython(_postgres(POSTGRES_UP), _postgres(POSTGRES_DOWN))]
