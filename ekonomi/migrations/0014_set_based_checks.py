"""PostgreSQL: the ledger's checks on inserts and on posting run once per statement
(transition tables) instead of once per row (issue 16.3). Same invariants, same
messages, same locks as 0002/0004:

- new vouchers are preliminär and not dated in a locked period;
- new rows and row objects belong to preliminary vouchers not in a locked period;
- the posting UPDATE (P → B): every posted voucher has rows summing to exactly 0 and is
  not in a locked period;
- FOR SHARE on the vouchers that get rows and on the periods involved, so that "add a
  row" and "bokför", "post" and "lock the period" still wait for each other.

The row triggers keep what needs no lookup (a bokförd voucher never changes or goes away)
and the checks on updates and deletes of single rows, which the application never does in
bulk. A COPY of 100 000 rows thus costs a handful of set queries instead of 300 000
trigger calls. SQLite keeps its row triggers (it has no statement triggers).
"""

from django.db import migrations

_LAST = "finsam: perioden är låst"
_RAD_BOKFORD = "finsam: raderna i en bokförd verifikation kan inte ändras"

# Lock the periods covering (rakenskapsar_id, datum) pairs of `{kalla}` FOR SHARE, then fail
# if any is locked. The check reads after the lock, so a concurrent lock is seen.
_PERIODER = """
      PERFORM 1 FROM ekonomi_period p
        WHERE p.id IN (SELECT p2.id FROM (SELECT DISTINCT rakenskapsar_id, datum FROM {kalla}) n
          JOIN ekonomi_period p2 ON p2.rakenskapsar_id = n.rakenskapsar_id
           AND n.datum BETWEEN p2.start AND p2.slut)
        ORDER BY p.id FOR SHARE;
      IF EXISTS (SELECT 1 FROM (SELECT DISTINCT rakenskapsar_id, datum FROM {kalla}) n
          JOIN ekonomi_period p ON p.rakenskapsar_id = n.rakenskapsar_id
           AND n.datum BETWEEN p.start AND p.slut WHERE p.last) THEN
        RAISE EXCEPTION '{fel}' USING ERRCODE = '23000';
      END IF;"""

# The vouchers a posting UPDATE turns from P to B (alias v).
_BOKFORS = "nya v JOIN gamla o ON o.id = v.id AND o.status = 'P' AND v.status = 'B'"
_BOKFORS_DATUM = f"(SELECT v.rakenskapsar_id, v.datum FROM {_BOKFORS}) b"


def _rader_ny(funktion: str, verifikationer: str) -> str:
    """A statement trigger function for new rows or row objects: their vouchers
    (``verifikationer``: a query of voucher ids, read once into an array) locked FOR
    SHARE, preliminary, and not in a locked period. Every lookup is by primary key
    (``= ANY(array)``), so the cost follows the new rows, never the ledger's size (a
    semi-join was once planned as a scan of every voucher)."""
    kalla = (
        "(SELECT v.rakenskapsar_id, v.datum FROM ekonomi_verifikation v WHERE v.id = ANY(ids)) x"
    )
    return f"""CREATE OR REPLACE FUNCTION {funktion}() RETURNS trigger AS $$
    DECLARE ids bigint[];
    BEGIN
      ids := ARRAY({verifikationer});
      -- FOR SHARE: a concurrent posting of these vouchers waits until we commit.
      PERFORM 1 FROM ekonomi_verifikation v WHERE v.id = ANY(ids) ORDER BY v.id FOR SHARE;
      IF EXISTS (SELECT 1 FROM ekonomi_verifikation v
          WHERE v.id = ANY(ids) AND v.status = 'B') THEN
        RAISE EXCEPTION '{_RAD_BOKFORD}' USING ERRCODE = '23000';
      END IF;{_PERIODER.format(kalla=kalla, fel=_LAST)}
      RETURN NULL;
    END $$ LANGUAGE plpgsql"""


POSTGRES_UP = [
    # Row triggers: inserts leave them.
    "DROP TRIGGER ekonomi_ver_skydd ON ekonomi_verifikation",
    """CREATE TRIGGER ekonomi_ver_skydd BEFORE UPDATE OR DELETE ON ekonomi_verifikation
    FOR EACH ROW EXECUTE FUNCTION finsam_ver_skydd_rad()""",
    "DROP TRIGGER ekonomi_ver_period ON ekonomi_verifikation",
    # A draft being edited (P → P) is checked per row; posting (P → B) per statement.
    """CREATE TRIGGER ekonomi_ver_period BEFORE UPDATE ON ekonomi_verifikation
    FOR EACH ROW WHEN (OLD.status = 'P' AND NEW.status = 'P')
    EXECUTE FUNCTION finsam_ver_period()""",
    "DROP TRIGGER ekonomi_rad_skydd ON ekonomi_rad",
    """CREATE TRIGGER ekonomi_rad_skydd BEFORE UPDATE OR DELETE ON ekonomi_rad
    FOR EACH ROW EXECUTE FUNCTION finsam_rad_skydd()""",
    "DROP TRIGGER ekonomi_rad_period ON ekonomi_rad",
    "DROP TRIGGER ekonomi_radobjekt_skydd ON ekonomi_radobjekt",
    """CREATE TRIGGER ekonomi_radobjekt_skydd BEFORE UPDATE OR DELETE ON ekonomi_radobjekt
    FOR EACH ROW EXECUTE FUNCTION finsam_radobjekt_skydd()""",
    # Statement triggers.
    f"""CREATE OR REPLACE FUNCTION finsam_ver_ny_mangd() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM nya WHERE status <> 'P') THEN
        RAISE EXCEPTION 'finsam: en verifikation skapas preliminär och bokförs sedan'
          USING ERRCODE = '23000';
      END IF;{_PERIODER.format(kalla="nya", fel=_LAST)}
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_ny_mangd AFTER INSERT ON ekonomi_verifikation
    REFERENCING NEW TABLE AS nya FOR EACH STATEMENT EXECUTE FUNCTION finsam_ver_ny_mangd()""",
    f"""CREATE OR REPLACE FUNCTION finsam_ver_bokfors_mangd() RETURNS trigger AS $$
    DECLARE utan_rader boolean; obalans boolean;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM {_BOKFORS}) THEN
        RETURN NULL;
      END IF;
      -- One pass, one index probe per posted voucher (a correlated subquery: the planner
      -- cannot turn it into a nested loop over the whole rows table, whatever it guesses
      -- about the transition tables' size).
      SELECT bool_or(x.s IS NULL), bool_or(x.s <> 0) INTO utan_rader, obalans
        FROM (SELECT (SELECT SUM(r.belopp) FROM ekonomi_rad r WHERE r.verifikation_id = v.id) s
              FROM {_BOKFORS}) x;
      IF utan_rader THEN
        RAISE EXCEPTION 'finsam: verifikationen saknar rader' USING ERRCODE = '23000';
      END IF;
      IF obalans THEN
        RAISE EXCEPTION 'finsam: verifikationen balanserar inte' USING ERRCODE = '23000';
      END IF;{_PERIODER.format(kalla=_BOKFORS_DATUM, fel=_LAST)}
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_bokfors_mangd AFTER UPDATE ON ekonomi_verifikation
    REFERENCING OLD TABLE AS gamla NEW TABLE AS nya
    FOR EACH STATEMENT EXECUTE FUNCTION finsam_ver_bokfors_mangd()""",
    _rader_ny("finsam_rad_ny_mangd", "SELECT DISTINCT verifikation_id FROM nya"),
    _rader_ny(
        "finsam_radobjekt_ny_mangd",
        "SELECT DISTINCT r.verifikation_id FROM nya n CROSS JOIN LATERAL"
        " (SELECT r.verifikation_id FROM ekonomi_rad r WHERE r.id = n.rad_id) r",
    ),
    """CREATE TRIGGER ekonomi_rad_ny_mangd AFTER INSERT ON ekonomi_rad
    REFERENCING NEW TABLE AS nya FOR EACH STATEMENT EXECUTE FUNCTION finsam_rad_ny_mangd()""",
    """CREATE TRIGGER ekonomi_radobjekt_ny_mangd AFTER INSERT ON ekonomi_radobjekt
    REFERENCING NEW TABLE AS nya
    FOR EACH STATEMENT EXECUTE FUNCTION finsam_radobjekt_ny_mangd()""",
]

# The per-row function for verifikation minus its INSERT and posting branches (moved to
# the statement triggers above).
POSTGRES_UP.insert(
    0,
    """CREATE OR REPLACE FUNCTION finsam_ver_skydd_rad() RETURNS trigger AS $$
    BEGIN
      IF OLD.status = 'B' THEN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'finsam: en bokförd verifikation kan inte tas bort'
            USING ERRCODE = '23000';
        END IF;
        RAISE EXCEPTION 'finsam: en bokförd verifikation kan inte ändras' USING ERRCODE = '23000';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
)

POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS ekonomi_radobjekt_ny_mangd ON ekonomi_radobjekt",
    "DROP TRIGGER IF EXISTS ekonomi_rad_ny_mangd ON ekonomi_rad",
    "DROP TRIGGER IF EXISTS ekonomi_ver_bokfors_mangd ON ekonomi_verifikation",
    "DROP TRIGGER IF EXISTS ekonomi_ver_ny_mangd ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_radobjekt_ny_mangd()",
    "DROP FUNCTION IF EXISTS finsam_rad_ny_mangd()",
    "DROP FUNCTION IF EXISTS finsam_ver_bokfors_mangd()",
    "DROP FUNCTION IF EXISTS finsam_ver_ny_mangd()",
    "DROP TRIGGER ekonomi_radobjekt_skydd ON ekonomi_radobjekt",
    """CREATE TRIGGER ekonomi_radobjekt_skydd BEFORE INSERT OR UPDATE OR DELETE
    ON ekonomi_radobjekt FOR EACH ROW EXECUTE FUNCTION finsam_radobjekt_skydd()""",
    """CREATE TRIGGER ekonomi_rad_period BEFORE INSERT ON ekonomi_rad
    FOR EACH ROW EXECUTE FUNCTION finsam_rad_period()""",
    "DROP TRIGGER ekonomi_rad_skydd ON ekonomi_rad",
    """CREATE TRIGGER ekonomi_rad_skydd BEFORE INSERT OR UPDATE OR DELETE ON ekonomi_rad
    FOR EACH ROW EXECUTE FUNCTION finsam_rad_skydd()""",
    "DROP TRIGGER ekonomi_ver_period ON ekonomi_verifikation",
    """CREATE TRIGGER ekonomi_ver_period BEFORE INSERT OR UPDATE ON ekonomi_verifikation
    FOR EACH ROW EXECUTE FUNCTION finsam_ver_period()""",
    "DROP TRIGGER ekonomi_ver_skydd ON ekonomi_verifikation",
    """CREATE TRIGGER ekonomi_ver_skydd BEFORE INSERT OR UPDATE OR DELETE ON ekonomi_verifikation
    FOR EACH ROW EXECUTE FUNCTION finsam_ver_skydd()""",
    "DROP FUNCTION IF EXISTS finsam_ver_skydd_rad()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0013_periodsaldo_triggers")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP}), _run({"postgresql": POSTGRES_DOWN})
        )
    ]
