"""Locked periods in the database: a voucher dated in a locked period cannot be created,
moved there, get new rows or be posted (P → B). Same style as 0002: SQLite RAISE(ABORT),
PostgreSQL SQLSTATE 23000, so Django reports ``IntegrityError`` on both.
"""

from django.db import migrations

_LAST_SQLITE = """EXISTS (SELECT 1 FROM ekonomi_period p
      WHERE p.rakenskapsar_id = {ar} AND {datum} BETWEEN p.start AND p.slut AND p.last = 1)"""

SQLITE_UP = [
    f"""CREATE TRIGGER ekonomi_ver_last_period_ny BEFORE INSERT ON ekonomi_verifikation
    WHEN {_LAST_SQLITE.format(ar="NEW.rakenskapsar_id", datum="NEW.datum")}
    BEGIN SELECT RAISE(ABORT, 'finsam: perioden är låst'); END""",
    f"""CREATE TRIGGER ekonomi_ver_last_period_andras BEFORE UPDATE ON ekonomi_verifikation
    WHEN OLD.status = 'P'
      AND {_LAST_SQLITE.format(ar="NEW.rakenskapsar_id", datum="NEW.datum")}
    BEGIN SELECT RAISE(ABORT, 'finsam: perioden är låst'); END""",
    f"""CREATE TRIGGER ekonomi_rad_last_period BEFORE INSERT ON ekonomi_rad
    WHEN EXISTS (SELECT 1 FROM ekonomi_verifikation v WHERE v.id = NEW.verifikation_id
      AND {_LAST_SQLITE.format(ar="v.rakenskapsar_id", datum="v.datum")})
    BEGIN SELECT RAISE(ABORT, 'finsam: perioden är låst'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_ver_last_period_ny",
    "DROP TRIGGER IF EXISTS ekonomi_ver_last_period_andras",
    "DROP TRIGGER IF EXISTS ekonomi_rad_last_period",
]

# FOR SHARE on the period: a posting waits for a concurrent lock (and vice versa), so a
# voucher can never be posted into a period that is being locked at the same moment.
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION finsam_period_last(ar_id bigint, d date) RETURNS boolean AS $$
    DECLARE l boolean;
    BEGIN
      SELECT p.last INTO l FROM ekonomi_period p
        WHERE p.rakenskapsar_id = ar_id AND d BETWEEN p.start AND p.slut FOR SHARE;
      RETURN COALESCE(l, false);
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION finsam_ver_period() RETURNS trigger AS $$
    BEGIN
      IF (TG_OP = 'INSERT' OR OLD.status = 'P')
         AND finsam_period_last(NEW.rakenskapsar_id, NEW.datum) THEN
        RAISE EXCEPTION 'finsam: perioden är låst' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_period BEFORE INSERT OR UPDATE ON ekonomi_verifikation
    FOR EACH ROW EXECUTE FUNCTION finsam_ver_period()""",
    """CREATE OR REPLACE FUNCTION finsam_rad_period() RETURNS trigger AS $$
    DECLARE ar_id bigint; d date;
    BEGIN
      SELECT v.rakenskapsar_id, v.datum INTO ar_id, d FROM ekonomi_verifikation v
        WHERE v.id = NEW.verifikation_id;
      IF finsam_period_last(ar_id, d) THEN
        RAISE EXCEPTION 'finsam: perioden är låst' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_rad_period BEFORE INSERT ON ekonomi_rad
    FOR EACH ROW EXECUTE FUNCTION finsam_rad_period()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_rad_period ON ekonomi_rad",
    "DROP FUNCTION IF EXISTS finsam_rad_period()",
    "DROP TRIGGER IF EXISTS ekonomi_ver_period ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_ver_period()",
    "DROP FUNCTION IF EXISTS finsam_period_last(bigint, date)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0003_konto_rapportrad_underlag")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
