"""Monthly balances kept by the database (issue 16.2), filled from the existing ledger.

The only event that changes what a report sums is posting (status P → B): posted rows can
never change or be deleted (0002, 0011). So the posting UPDATE adds the posted vouchers'
rows to ``ekonomi_kontosaldo`` (per year, month, account; plus the IB series' part) and
``ekonomi_objektsaldo`` (per year, month, account, object) in the same statement:

- PostgreSQL: one statement-level trigger with transition tables, so the SIE import's
  single posting UPDATE of 100 000 rows adds them with two grouped upserts;
- SQLite: a row trigger per posted voucher (two small upserts).

PostgreSQL also refuses any write to the balance tables that does not come from that
trigger (``pg_trigger_depth``), and TRUNCATE. On SQLite a client with raw SQL can rewrite
them; ``ekonomi.selectors.periodsaldon_avviker`` finds any difference (docs/SECURITY.md).
"""

from django.db import migrations

_KONTO_UPSERT = """ON CONFLICT (rakenskapsar_id, manad, konto_id)
  DO UPDATE SET belopp = {t}belopp + excluded.belopp, ib = {t}ib + excluded.ib"""
_OBJEKT_UPSERT = """ON CONFLICT (rakenskapsar_id, manad, konto_id, objekt_id)
  DO UPDATE SET belopp = {t}belopp + excluded.belopp"""

SQLITE_UP = [
    f"""CREATE TRIGGER ekonomi_ver_periodsaldo AFTER UPDATE OF status ON ekonomi_verifikation
    WHEN OLD.status = 'P' AND NEW.status = 'B'
    BEGIN
      INSERT INTO ekonomi_kontosaldo (rakenskapsar_id, manad, konto_id, belopp, ib)
      SELECT NEW.rakenskapsar_id, date(NEW.datum, 'start of month'), r.konto_id, SUM(r.belopp),
        CASE WHEN (SELECT kod FROM ekonomi_serie WHERE id = NEW.serie_id) = 'IB'
             THEN SUM(r.belopp) ELSE 0 END
      FROM ekonomi_rad r WHERE r.verifikation_id = NEW.id GROUP BY r.konto_id
      {_KONTO_UPSERT.format(t="")};
      INSERT INTO ekonomi_objektsaldo (rakenskapsar_id, manad, konto_id, objekt_id, belopp)
      SELECT NEW.rakenskapsar_id, date(NEW.datum, 'start of month'), r.konto_id, ro.objekt_id,
        SUM(r.belopp)
      FROM ekonomi_rad r JOIN ekonomi_radobjekt ro ON ro.rad_id = r.id
      WHERE r.verifikation_id = NEW.id GROUP BY r.konto_id, ro.objekt_id
      {_OBJEKT_UPSERT.format(t="")};
    END""",
    f"""INSERT INTO ekonomi_kontosaldo (rakenskapsar_id, manad, konto_id, belopp, ib)
    SELECT v.rakenskapsar_id, date(v.datum, 'start of month'), r.konto_id, SUM(r.belopp),
      SUM(CASE WHEN s.kod = 'IB' THEN r.belopp ELSE 0 END)
    FROM ekonomi_verifikation v JOIN ekonomi_rad r ON r.verifikation_id = v.id
      JOIN ekonomi_serie s ON s.id = v.serie_id
    WHERE v.status = 'B' GROUP BY 1, 2, 3
    {_KONTO_UPSERT.format(t="")}""",
    f"""INSERT INTO ekonomi_objektsaldo (rakenskapsar_id, manad, konto_id, objekt_id, belopp)
    SELECT v.rakenskapsar_id, date(v.datum, 'start of month'), r.konto_id, ro.objekt_id,
      SUM(r.belopp)
    FROM ekonomi_verifikation v JOIN ekonomi_rad r ON r.verifikation_id = v.id
      JOIN ekonomi_radobjekt ro ON ro.rad_id = r.id
    WHERE v.status = 'B' GROUP BY 1, 2, 3, 4
    {_OBJEKT_UPSERT.format(t="")}""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_ver_periodsaldo",
    "DELETE FROM ekonomi_objektsaldo",
    "DELETE FROM ekonomi_kontosaldo",
]

# LATERAL: one index probe per posted voucher, whatever the planner guesses about the
# transition tables (a plain join was once planned as a nested loop over every row).
_PG_KONTO = f"""INSERT INTO ekonomi_kontosaldo AS k (rakenskapsar_id, manad, konto_id, belopp, ib)
  SELECT v.rakenskapsar_id, date_trunc('month', v.datum)::date, r.konto_id, SUM(r.belopp),
    SUM(CASE WHEN s.kod = 'IB' THEN r.belopp ELSE 0 END)
  FROM {{kalla}} JOIN ekonomi_serie s ON s.id = v.serie_id
    CROSS JOIN LATERAL (SELECT r.konto_id, r.belopp FROM ekonomi_rad r
                        WHERE r.verifikation_id = v.id) r
  WHERE {{villkor}} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  {_KONTO_UPSERT.format(t="k.")}"""
_PG_OBJEKT = f"""INSERT INTO ekonomi_objektsaldo AS k
    (rakenskapsar_id, manad, konto_id, objekt_id, belopp)
  SELECT v.rakenskapsar_id, date_trunc('month', v.datum)::date, r.konto_id, r.objekt_id,
    SUM(r.belopp)
  FROM {{kalla}}
    CROSS JOIN LATERAL (SELECT r.konto_id, ro.objekt_id, r.belopp FROM ekonomi_rad r
                        JOIN ekonomi_radobjekt ro ON ro.rad_id = r.id
                        WHERE r.verifikation_id = v.id) r
  WHERE {{villkor}} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  {_OBJEKT_UPSERT.format(t="k.")}"""
_NYSS_BOKFORDA = {
    "kalla": "nya v JOIN gamla o ON o.id = v.id",
    "villkor": "o.status = 'P' AND v.status = 'B'",
}
_ALLA_BOKFORDA = {"kalla": "ekonomi_verifikation v", "villkor": "v.status = 'B'"}

POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION finsam_periodsaldo_bokfor() RETURNS trigger AS $$
    BEGIN
      {_PG_KONTO.format(**_NYSS_BOKFORDA)};
      {_PG_OBJEKT.format(**_NYSS_BOKFORDA)};
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_periodsaldo AFTER UPDATE ON ekonomi_verifikation
    REFERENCING OLD TABLE AS gamla NEW TABLE AS nya
    FOR EACH STATEMENT EXECUTE FUNCTION finsam_periodsaldo_bokfor()""",
    # Depth 1 is a client's own statement; the posting trigger's upserts run at depth 2.
    """CREATE OR REPLACE FUNCTION finsam_periodsaldo_skydd() RETURNS trigger AS $$
    BEGIN
      IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION USING ERRCODE = '23000',
          MESSAGE = 'finsam: ' || TG_TABLE_NAME || ' skrivs bara av databasen vid bokföring';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    *(
        f"""CREATE TRIGGER {t}_skydd BEFORE INSERT OR UPDATE OR DELETE ON {t}
        FOR EACH ROW EXECUTE FUNCTION finsam_periodsaldo_skydd()"""
        for t in ("ekonomi_kontosaldo", "ekonomi_objektsaldo")
    ),
    *(
        f"""CREATE TRIGGER {t}_ingen_truncate BEFORE TRUNCATE ON {t}
        FOR EACH STATEMENT EXECUTE FUNCTION finsam_ingen_truncate()"""
        for t in ("ekonomi_kontosaldo", "ekonomi_objektsaldo")
    ),
]
# The backfill runs before the guard exists (it is a client statement at depth 0).
POSTGRES_FYLL = [_PG_KONTO.format(**_ALLA_BOKFORDA), _PG_OBJEKT.format(**_ALLA_BOKFORDA)]
_SALDO = ("ekonomi_kontosaldo", "ekonomi_objektsaldo")
POSTGRES_DOWN = [
    *(f"DROP TRIGGER IF EXISTS {t}_ingen_truncate ON {t}" for t in _SALDO),
    *(f"DROP TRIGGER IF EXISTS {t}_skydd ON {t}" for t in _SALDO),
    "DROP FUNCTION IF EXISTS finsam_periodsaldo_skydd()",
    "DROP TRIGGER IF EXISTS ekonomi_ver_periodsaldo ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_periodsaldo_bokfor()",
    "DELETE FROM ekonomi_objektsaldo",
    "DELETE FROM ekonomi_kontosaldo",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0012_periodsaldon")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_FYLL + POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
