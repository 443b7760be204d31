"""A row has at most one object per dimension (same style as 0022: SQLite RAISE(ABORT),
PostgreSQL SQLSTATE 23000 → ``IntegrityError``).

The services refuse a second object of a dimension on a row ("Högst ett objekt per
dimension och rad.") and the SIE import refuses such an objektlista at its line; the
database did not. A row on two projects (raw SQL, or a path that forgot the check) counts
its amount under both in ``ekonomi_objektsaldo`` and every per-object figure, so the
insatser's costs add up to more than the account.

Checked when a row object is inserted or changed (an object keeps its dimension once it
is used on rows, 0022): SQLite in row triggers through the unique (rad, objekt) index;
PostgreSQL in statement triggers after the statement, one index probe per distinct row
of the statement (``LATERAL … LIMIT 1``, as 0017: the cost follows the statement, never
the ledger's size).
"""

from django.db import migrations

FEL = "finsam: en rad kan ha högst ett objekt per dimension"

_SQLITE_VILLKOR = """EXISTS (SELECT 1 FROM ekonomi_radobjekt ro
      JOIN ekonomi_objekt o ON o.id = ro.objekt_id
      WHERE ro.rad_id = NEW.rad_id AND ro.objekt_id <> NEW.objekt_id{annan}
        AND o.dimension_id = (SELECT dimension_id FROM ekonomi_objekt WHERE id = NEW.objekt_id))"""

SQLITE_UP = [
    f"""CREATE TRIGGER ekonomi_radobjekt_en_per_dimension_ny BEFORE INSERT ON ekonomi_radobjekt
    WHEN {_SQLITE_VILLKOR.format(annan="")}
    BEGIN SELECT RAISE(ABORT, '{FEL}'); END""",
    f"""CREATE TRIGGER ekonomi_radobjekt_en_per_dimension_andras
    BEFORE UPDATE OF rad_id, objekt_id ON ekonomi_radobjekt
    WHEN {_SQLITE_VILLKOR.format(annan=" AND ro.id <> OLD.id")}
    BEGIN SELECT RAISE(ABORT, '{FEL}'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_radobjekt_en_per_dimension_ny",
    "DROP TRIGGER IF EXISTS ekonomi_radobjekt_en_per_dimension_andras",
]

POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION finsam_radobjekt_en_per_dimension() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM ekonomi_radobjekt ro JOIN ekonomi_objekt o ON o.id = ro.objekt_id
                 WHERE ro.rad_id = ANY (ARRAY(SELECT DISTINCT rad_id FROM nya))
                 GROUP BY ro.rad_id, o.dimension_id HAVING count(*) > 1) THEN
        RAISE EXCEPTION '{FEL}' USING ERRCODE = '23000';
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_radobjekt_en_per_dimension_ny AFTER INSERT ON ekonomi_radobjekt
    REFERENCING NEW TABLE AS nya
    FOR EACH STATEMENT EXECUTE FUNCTION finsam_radobjekt_en_per_dimension()""",
    """CREATE TRIGGER ekonomi_radobjekt_en_per_dimension_andras
    AFTER UPDATE ON ekonomi_radobjekt
    REFERENCING NEW TABLE AS nya
    FOR EACH STATEMENT EXECUTE FUNCTION finsam_radobjekt_en_per_dimension()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_radobjekt_en_per_dimension_ny ON ekonomi_radobjekt",
    "DROP TRIGGER IF EXISTS ekonomi_radobjekt_en_per_dimension_andras ON ekonomi_radobjekt",
    "DROP FUNCTION IF EXISTS finsam_radobjekt_en_per_dimension()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0022_bokforing_inom_forbundet")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
