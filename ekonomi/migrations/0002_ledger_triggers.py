"""Ledger invariants in the database (see ekonomi/models.py docstring).

Both databases raise an integrity error (SQLite RAISE(ABORT), PostgreSQL SQLSTATE 23000),
so Django reports every violation as ``IntegrityError`` whatever the backend.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER ekonomi_ver_skapas_preliminar BEFORE INSERT ON ekonomi_verifikation
    WHEN NEW.status = 'B'
    BEGIN SELECT RAISE(ABORT, 'finsam: en verifikation skapas preliminär och bokförs sedan'); END""",
    """CREATE TRIGGER ekonomi_ver_bokford_andras BEFORE UPDATE ON ekonomi_verifikation
    WHEN OLD.status = 'B'
    BEGIN SELECT RAISE(ABORT, 'finsam: en bokförd verifikation kan inte ändras'); END""",
    """CREATE TRIGGER ekonomi_ver_bokford_tas_bort BEFORE DELETE ON ekonomi_verifikation
    WHEN OLD.status = 'B' AND finsam_underhall() = 0
    BEGIN SELECT RAISE(ABORT, 'finsam: en bokförd verifikation kan inte tas bort'); END""",
    """CREATE TRIGGER ekonomi_ver_bokfors BEFORE UPDATE OF status ON ekonomi_verifikation
    WHEN OLD.status = 'P' AND NEW.status = 'B'
    BEGIN
      SELECT RAISE(ABORT, 'finsam: verifikationen saknar rader')
        WHERE NOT EXISTS (SELECT 1 FROM ekonomi_rad WHERE verifikation_id = NEW.id);
      SELECT RAISE(ABORT, 'finsam: verifikationen balanserar inte')
        WHERE (SELECT SUM(belopp) FROM ekonomi_rad WHERE verifikation_id = NEW.id) <> 0;
    END""",
    """CREATE TRIGGER ekonomi_rad_ny BEFORE INSERT ON ekonomi_rad
    WHEN (SELECT status FROM ekonomi_verifikation WHERE id = NEW.verifikation_id) = 'B'
    BEGIN SELECT RAISE(ABORT, 'finsam: raderna i en bokförd verifikation kan inte ändras'); END""",
    """CREATE TRIGGER ekonomi_rad_andras BEFORE UPDATE ON ekonomi_rad
    WHEN (SELECT status FROM ekonomi_verifikation WHERE id = OLD.verifikation_id) = 'B'
      OR (SELECT status FROM ekonomi_verifikation WHERE id = NEW.verifikation_id) = 'B'
    BEGIN SELECT RAISE(ABORT, 'finsam: raderna i en bokförd verifikation kan inte ändras'); END""",
    """CREATE TRIGGER ekonomi_rad_tas_bort BEFORE DELETE ON ekonomi_rad
    WHEN (SELECT status FROM ekonomi_verifikation WHERE id = OLD.verifikation_id) = 'B'
      AND finsam_underhall() = 0
    BEGIN SELECT RAISE(ABORT, 'finsam: raderna i en bokförd verifikation kan inte ändras'); END""",
    """CREATE TRIGGER ekonomi_radobjekt_ny BEFORE INSERT ON ekonomi_radobjekt
    WHEN (SELECT v.status FROM ekonomi_rad r JOIN ekonomi_verifikation v
          ON v.id = r.verifikation_id WHERE r.id = NEW.rad_id) = 'B'
    BEGIN SELECT RAISE(ABORT, 'finsam: raderna i en bokförd verifikation kan inte ändras'); END""",
    """CREATE TRIGGER ekonomi_radobjekt_andras BEFORE UPDATE ON ekonomi_radobjekt
    WHEN (SELECT v.status FROM ekonomi_rad r JOIN ekonomi_verifikation v
          ON v.id = r.verifikation_id WHERE r.id = OLD.rad_id) = 'B'
      OR (SELECT v.status FROM ekonomi_rad r JOIN ekonomi_verifikation v
          ON v.id = r.verifikation_id WHERE r.id = NEW.rad_id) = 'B'
    BEGIN SELECT RAISE(ABORT, 'finsam: raderna i en bokförd verifikation kan inte ändras'); END""",
    """CREATE TRIGGER ekonomi_radobjekt_tas_bort BEFORE DELETE ON ekonomi_radobjekt
    WHEN (SELECT v.status FROM ekonomi_rad r JOIN ekonomi_verifikation v
          ON v.id = r.verifikation_id WHERE r.id = OLD.rad_id) = 'B'
      AND finsam_underhall() = 0
    BEGIN SELECT RAISE(ABORT, 'finsam: raderna i en bokförd verifikation kan inte ändras'); END""",
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "ekonomi_ver_skapas_preliminar", "ekonomi_ver_bokford_andras",
        "ekonomi_ver_bokford_tas_bort", "ekonomi_ver_bokfors", "ekonomi_rad_ny",
        "ekonomi_rad_andras", "ekonomi_rad_tas_bort", "ekonomi_radobjekt_ny",
        "ekonomi_radobjekt_andras", "ekonomi_radobjekt_tas_bort",
    )
]

# PostgreSQL: row locks (FOR SHARE on the voucher) make "add a row" and "bokför" wait for
# each other, so a row can never slip into a voucher while it is being posted.
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION finsam_ver_skydd() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.status = 'B' THEN
          RAISE EXCEPTION 'finsam: en verifikation skapas preliminär och bokförs sedan'
            USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
      ELSIF TG_OP = 'UPDATE' THEN
        IF OLD.status = 'B' THEN
          RAISE EXCEPTION 'finsam: en bokförd verifikation kan inte ändras' USING ERRCODE = '23000';
        END IF;
        IF NEW.status = 'B' THEN
          IF NOT EXISTS (SELECT 1 FROM ekonomi_rad WHERE verifikation_id = NEW.id) THEN
            RAISE EXCEPTION 'finsam: verifikationen saknar rader' USING ERRCODE = '23000';
          END IF;
          IF (SELECT SUM(belopp) FROM ekonomi_rad WHERE verifikation_id = NEW.id) <> 0 THEN
            RAISE EXCEPTION 'finsam: verifikationen balanserar inte' USING ERRCODE = '23000';
          END IF;
        END IF;
        RETURN NEW;
      ELSE
        IF OLD.status = 'B' THEN
          RAISE EXCEPTION 'finsam: en bokförd verifikation kan inte tas bort' USING ERRCODE = '23000';
        END IF;
        RETURN OLD;
      END IF;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_skydd BEFORE INSERT OR UPDATE OR DELETE ON ekonomi_verifikation
    FOR EACH ROW EXECUTE FUNCTION finsam_ver_skydd()""",
    """CREATE OR REPLACE FUNCTION finsam_rad_skydd() RETURNS trigger AS $$
    DECLARE s text;
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT status INTO s FROM ekonomi_verifikation WHERE id = OLD.verifikation_id FOR SHARE;
        IF s = 'B' THEN
          RAISE EXCEPTION 'finsam: raderna i en bokförd verifikation kan inte ändras'
            USING ERRCODE = '23000';
        END IF;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT status INTO s FROM ekonomi_verifikation WHERE id = NEW.verifikation_id FOR SHARE;
        IF s = 'B' THEN
          RAISE EXCEPTION 'finsam: raderna i en bokförd verifikation kan inte ändras'
            USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
      END IF;
      RETURN OLD;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_rad_skydd BEFORE INSERT OR UPDATE OR DELETE ON ekonomi_rad
    FOR EACH ROW EXECUTE FUNCTION finsam_rad_skydd()""",
    """CREATE OR REPLACE FUNCTION finsam_radobjekt_skydd() RETURNS trigger AS $$
    DECLARE s text;
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT v.status INTO s FROM ekonomi_rad r JOIN ekonomi_verifikation v
          ON v.id = r.verifikation_id WHERE r.id = OLD.rad_id FOR SHARE OF v;
        IF s = 'B' THEN
          RAISE EXCEPTION 'finsam: raderna i en bokförd verifikation kan inte ändras'
            USING ERRCODE = '23000';
        END IF;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT v.status INTO s FROM ekonomi_rad r JOIN ekonomi_verifikation v
          ON v.id = r.verifikation_id WHERE r.id = NEW.rad_id FOR SHARE OF v;
        IF s = 'B' THEN
          RAISE EXCEPTION 'finsam: raderna i en bokförd verifikation kan inte ändras'
            USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
      END IF;
      RETURN OLD;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_radobjekt_skydd BEFORE INSERT OR UPDATE OR DELETE ON ekonomi_radobjekt
    FOR EACH ROW EXECUTE FUNCTION finsam_radobjekt_skydd()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_radobjekt_skydd ON ekonomi_radobjekt",
    "DROP FUNCTION IF EXISTS finsam_radobjekt_skydd()",
    "DROP TRIGGER IF EXISTS ekonomi_rad_skydd ON ekonomi_rad",
    "DROP FUNCTION IF EXISTS finsam_rad_skydd()",
    "DROP TRIGGER IF EXISTS ekonomi_ver_skydd ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_ver_skydd()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
