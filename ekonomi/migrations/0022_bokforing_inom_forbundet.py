"""A posted voucher's series, accounts and objects belong to its own year and förbund
(same style as 0002/0020: SQLite RAISE(ABORT), PostgreSQL SQLSTATE 23000 →
``IntegrityError``).

The services check this, the database did not: a draft moved by raw SQL to another
förbund's year (or given another förbund's account or object) could be posted. Its kept
balance then sat under the other förbund's year with an account not in that förbund's
chart, so ``rapporter.aggregering.kontoplan_och_saldon`` (which reads the förbund's
chart) and the row sums (which read the förbund's vouchers) gave different figures for
the same period, and one förbund's ledger held another's accounts.

Checked when a voucher is posted (P → B), the only moment its rows start to count:
SQLite in a row trigger per posted voucher (its rows through the (verifikation, konto)
index); PostgreSQL in a statement trigger after the balance upkeep (below). After
posting nothing of the voucher can change (0002), an account with rows keeps its förbund
(0011), a series with posted vouchers its year (0020), and here: an object used on rows
keeps its dimension, and a dimension whose objects are used on rows keeps its förbund.
"""

from django.db import migrations

SERIE = "finsam: verifikationens serie hör till ett annat räkenskapsår"
KONTO = "finsam: en rad har ett konto från ett annat förbund"
OBJEKT = "finsam: en rad har ett objekt från ett annat förbund"
OBJEKT_DIM = "finsam: ett objekt som används på rader kan inte byta dimension"
DIM_FORBUND = "finsam: en dimension vars objekt används på rader kan inte byta förbund"

_AR_FORBUND = "(SELECT forbund_id FROM ekonomi_rakenskapsar WHERE id = NEW.rakenskapsar_id)"
_RAD_OBJEKT = """ekonomi_rad r JOIN ekonomi_radobjekt ro ON ro.rad_id = r.id
        JOIN ekonomi_objekt o ON o.id = ro.objekt_id"""

SQLITE_UP = [
    f"""CREATE TRIGGER ekonomi_ver_bokfors_forbund BEFORE UPDATE OF status
    ON ekonomi_verifikation WHEN OLD.status = 'P' AND NEW.status = 'B'
    BEGIN
      SELECT RAISE(ABORT, '{SERIE}')
        WHERE (SELECT rakenskapsar_id FROM ekonomi_serie WHERE id = NEW.serie_id)
          IS NOT NEW.rakenskapsar_id;
      SELECT RAISE(ABORT, '{KONTO}') WHERE EXISTS (SELECT 1 FROM ekonomi_rad r
        JOIN ekonomi_konto k ON k.id = r.konto_id
        WHERE r.verifikation_id = NEW.id AND k.forbund_id IS NOT {_AR_FORBUND});
      SELECT RAISE(ABORT, '{OBJEKT}') WHERE EXISTS (SELECT 1 FROM {_RAD_OBJEKT}
        JOIN ekonomi_dimension d ON d.id = o.dimension_id
        WHERE r.verifikation_id = NEW.id AND d.forbund_id IS NOT {_AR_FORBUND});
    END""",
    f"""CREATE TRIGGER ekonomi_objekt_byter_dimension BEFORE UPDATE OF dimension_id
    ON ekonomi_objekt WHEN NEW.dimension_id IS NOT OLD.dimension_id
      AND EXISTS (SELECT 1 FROM ekonomi_radobjekt WHERE objekt_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, '{OBJEKT_DIM}'); END""",
    f"""CREATE TRIGGER ekonomi_dimension_byter_forbund BEFORE UPDATE OF forbund_id
    ON ekonomi_dimension WHEN NEW.forbund_id IS NOT OLD.forbund_id
      AND EXISTS (SELECT 1 FROM ekonomi_objekt o JOIN ekonomi_radobjekt ro
                  ON ro.objekt_id = o.id WHERE o.dimension_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, '{DIM_FORBUND}'); END""",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {sql.split()[2]}" for sql in SQLITE_UP]

# PostgreSQL checks after the balance upkeep (trigger names fire in alphabetical order:
# ekonomi_ver_periodsaldo, then ekonomi_ver_periodsaldo_kontroll) and reads the kept
# balances of the posted vouchers' years and months, found through their unique key: a
# row of another förbund's account or object shows there as an account or object of
# another förbund under the year. The cost follows the months × accounts touched, never
# the rows (reading every posted row again cost the SIE import's posting UPDATE more than
# the import's whole row insert, measured with bench/sie_bench.py). The posted vouchers
# are found with ``IN`` over the old rows, not a join of the two transition tables, which
# have no indexes or statistics (0021: such a join ran as a nested loop over every pair).
POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION finsam_ver_periodsaldo_kontroll() RETURNS trigger AS $$
    DECLARE ar_ids bigint[]; manader date[]; fel_serie boolean;
    BEGIN
      -- One pass over the posted vouchers: their years, months and any foreign series.
      SELECT array_agg(DISTINCT v.rakenskapsar_id),
             array_agg(DISTINCT date_trunc('month', v.datum)::date),
             bool_or(s.rakenskapsar_id IS DISTINCT FROM v.rakenskapsar_id)
        INTO ar_ids, manader, fel_serie
        FROM nya v LEFT JOIN ekonomi_serie s ON s.id = v.serie_id
        WHERE v.status = 'B' AND v.id IN (SELECT g.id FROM gamla g WHERE g.status = 'P');
      IF ar_ids IS NULL THEN
        RETURN NULL;
      END IF;
      IF fel_serie THEN
        RAISE EXCEPTION '{SERIE}' USING ERRCODE = '23000';
      END IF;
      IF EXISTS (SELECT 1 FROM ekonomi_kontosaldo s
                 JOIN ekonomi_rakenskapsar a ON a.id = s.rakenskapsar_id
                 JOIN ekonomi_konto k ON k.id = s.konto_id
                 WHERE s.rakenskapsar_id = ANY(ar_ids) AND s.manad = ANY(manader)
                   AND k.forbund_id <> a.forbund_id) THEN
        RAISE EXCEPTION '{KONTO}' USING ERRCODE = '23000';
      END IF;
      IF EXISTS (SELECT 1 FROM ekonomi_objektsaldo s
                 JOIN ekonomi_rakenskapsar a ON a.id = s.rakenskapsar_id
                 JOIN ekonomi_objekt o ON o.id = s.objekt_id
                 JOIN ekonomi_dimension d ON d.id = o.dimension_id
                 WHERE s.rakenskapsar_id = ANY(ar_ids) AND s.manad = ANY(manader)
                   AND d.forbund_id <> a.forbund_id) THEN
        RAISE EXCEPTION '{OBJEKT}' USING ERRCODE = '23000';
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_periodsaldo_kontroll AFTER UPDATE ON ekonomi_verifikation
    REFERENCING OLD TABLE AS gamla NEW TABLE AS nya
    FOR EACH STATEMENT EXECUTE FUNCTION finsam_ver_periodsaldo_kontroll()""",
    f"""CREATE OR REPLACE FUNCTION finsam_objekt_byter_dimension() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM ekonomi_radobjekt WHERE objekt_id = OLD.id) THEN
        RAISE EXCEPTION '{OBJEKT_DIM}' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_objekt_byter_dimension BEFORE UPDATE ON ekonomi_objekt
    FOR EACH ROW WHEN (NEW.dimension_id IS DISTINCT FROM OLD.dimension_id)
    EXECUTE FUNCTION finsam_objekt_byter_dimension()""",
    f"""CREATE OR REPLACE FUNCTION finsam_dimension_byter_forbund() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM ekonomi_objekt o JOIN ekonomi_radobjekt ro
                 ON ro.objekt_id = o.id WHERE o.dimension_id = OLD.id) THEN
        RAISE EXCEPTION '{DIM_FORBUND}' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_dimension_byter_forbund BEFORE UPDATE ON ekonomi_dimension
    FOR EACH ROW WHEN (NEW.forbund_id IS DISTINCT FROM OLD.forbund_id)
    EXECUTE FUNCTION finsam_dimension_byter_forbund()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_dimension_byter_forbund ON ekonomi_dimension",
    "DROP FUNCTION IF EXISTS finsam_dimension_byter_forbund()",
    "DROP TRIGGER IF EXISTS ekonomi_objekt_byter_dimension ON ekonomi_objekt",
    "DROP FUNCTION IF EXISTS finsam_objekt_byter_dimension()",
    "DROP TRIGGER IF EXISTS ekonomi_ver_periodsaldo_kontroll ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_ver_periodsaldo_kontroll()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0021_stangt_ar_linjart")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
