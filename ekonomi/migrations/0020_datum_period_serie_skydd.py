"""Three ways around the period lock and the kept balances, closed in the database (same
style as 0002/0011: SQLite RAISE(ABORT), PostgreSQL SQLSTATE 23000 → ``IntegrityError``):

- a verifikation is dated inside its räkenskapsår (``start``–``slut``), when created and
  when a draft's date or year changes. A voucher dated outside had no period, so no lock
  applied (it could be posted into a closed year), and the reports that find the kept
  balances through the years covering a period (``rapporter.aggregering``) missed it
  while the row sums counted it;
- nothing is created in or posted into a closed year (``stangt``): a day without a period
  (see below) had no lock even after the bokslut;
- a period that is locked, or whose year has vouchers, can neither be deleted nor get
  other dates or another year: deleting the locked March (or shrinking it to one day)
  left its days without a lock, and a draft dated there could then be posted;
- a series with bokförda verifikationer keeps its code and year: ``ekonomi_kontosaldo.ib``
  is the IB series' part, taken at posting, so renaming a series to or from ``IB`` made
  the kept IB part differ from the rows;
- a räkenskapsår or series with vouchers, and a förbund with räkenskapsår, cannot be
  deleted or change id at once (their foreign keys are deferred to COMMIT on both
  databases, so until then the statement seemed to succeed and left orphan vouchers).

PostgreSQL: the insert check is a statement trigger (one join of the new vouchers with
their years, so the SIE import pays one query, not one per voucher); the update checks
are row triggers that fire only when the date, year or code changes.
"""

from django.db import migrations

DATUM = "finsam: verifikationens datum ligger utanför räkenskapsåret"
PERIOD = (
    "finsam: en period som är låst eller vars år har verifikationer kan inte tas bort "
    "eller få andra datum"
)
STANGT = "finsam: räkenskapsåret är stängt (bokslut är gjort)"
# (parent table, child table, column, what the parent has) refused at once.
FORALDRAR = [
    ("ekonomi_rakenskapsar", "ekonomi_verifikation", "rakenskapsar_id", "räkenskapsåret har verifikationer"),
    ("ekonomi_serie", "ekonomi_verifikation", "serie_id", "serien har verifikationer"),
    ("forbund_forbund", "ekonomi_rakenskapsar", "forbund_id", "förbundet har räkenskapsår"),
]  # fmt: skip
SERIE = "finsam: en serie med bokförda verifikationer kan inte byta kod eller räkenskapsår"

_STANGT_SQLITE = """(SELECT stangt FROM ekonomi_rakenskapsar WHERE id = NEW.rakenskapsar_id) = 1"""
_PERIOD_SQLITE = """(OLD.last = 1
      OR EXISTS (SELECT 1 FROM ekonomi_verifikation WHERE rakenskapsar_id = OLD.rakenskapsar_id))"""
_UTANFOR_SQLITE = """NOT EXISTS (SELECT 1 FROM ekonomi_rakenskapsar a
      WHERE a.id = NEW.rakenskapsar_id AND NEW.datum BETWEEN a.start AND a.slut)"""

# SQLite fires the latest trigger first: a bokförd voucher keeps 0002's refusal.
SQLITE_UP = [
    f"""CREATE TRIGGER ekonomi_ver_datum_i_aret_ny BEFORE INSERT ON ekonomi_verifikation
    WHEN {_UTANFOR_SQLITE}
    BEGIN SELECT RAISE(ABORT, '{DATUM}'); END""",
    f"""CREATE TRIGGER ekonomi_ver_datum_i_aret BEFORE UPDATE OF datum, rakenskapsar_id
    ON ekonomi_verifikation
    WHEN OLD.status <> 'B' AND (NEW.datum IS NOT OLD.datum
      OR NEW.rakenskapsar_id IS NOT OLD.rakenskapsar_id) AND {_UTANFOR_SQLITE}
    BEGIN SELECT RAISE(ABORT, '{DATUM}'); END""",
    f"""CREATE TRIGGER ekonomi_ver_stangt_ar_ny BEFORE INSERT ON ekonomi_verifikation
    WHEN {_STANGT_SQLITE}
    BEGIN SELECT RAISE(ABORT, '{STANGT}'); END""",
    f"""CREATE TRIGGER ekonomi_ver_stangt_ar BEFORE UPDATE ON ekonomi_verifikation
    WHEN OLD.status <> 'B' AND {_STANGT_SQLITE}
    BEGIN SELECT RAISE(ABORT, '{STANGT}'); END""",
    f"""CREATE TRIGGER ekonomi_period_tas_bort BEFORE DELETE ON ekonomi_period
    WHEN {_PERIOD_SQLITE}
    BEGIN SELECT RAISE(ABORT, '{PERIOD}'); END""",
    f"""CREATE TRIGGER ekonomi_period_flyttas
    BEFORE UPDATE OF start, slut, rakenskapsar_id ON ekonomi_period
    WHEN (NEW.start IS NOT OLD.start OR NEW.slut IS NOT OLD.slut
      OR NEW.rakenskapsar_id IS NOT OLD.rakenskapsar_id) AND {_PERIOD_SQLITE}
    BEGIN SELECT RAISE(ABORT, '{PERIOD}'); END""",
    f"""CREATE TRIGGER ekonomi_serie_skydd BEFORE UPDATE OF kod, rakenskapsar_id ON ekonomi_serie
    WHEN (NEW.kod IS NOT OLD.kod OR NEW.rakenskapsar_id IS NOT OLD.rakenskapsar_id)
      AND EXISTS (SELECT 1 FROM ekonomi_verifikation WHERE serie_id = OLD.id AND status = 'B')
    BEGIN SELECT RAISE(ABORT, '{SERIE}'); END""",
]
for _foralder, _barn, _kolumn, _namn in FORALDRAR:
    _finns = f"EXISTS (SELECT 1 FROM {_barn} WHERE {_kolumn} = OLD.id)"
    SQLITE_UP += [
        f"""CREATE TRIGGER {_foralder}_med_barn_tas_bort BEFORE DELETE ON {_foralder}
        WHEN {_finns}
        BEGIN SELECT RAISE(ABORT, 'finsam: {_namn} och kan inte tas bort'); END""",
        f"""CREATE TRIGGER {_foralder}_med_barn_byter_id BEFORE UPDATE OF id ON {_foralder}
        WHEN NEW.id IS NOT OLD.id AND {_finns}
        BEGIN SELECT RAISE(ABORT, 'finsam: {_namn} och kan inte byta id'); END""",
    ]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {sql.split()[2]}" for sql in SQLITE_UP]

POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION finsam_ver_datum_ny_mangd() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM nya v LEFT JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id
                 WHERE a.id IS NULL OR v.datum NOT BETWEEN a.start AND a.slut) THEN
        RAISE EXCEPTION '{DATUM}' USING ERRCODE = '23000';
      END IF;
      IF EXISTS (SELECT 1 FROM nya v JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id
                 WHERE a.stangt) THEN
        RAISE EXCEPTION '{STANGT}' USING ERRCODE = '23000';
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_datum_ny_mangd AFTER INSERT ON ekonomi_verifikation
    REFERENCING NEW TABLE AS nya FOR EACH STATEMENT EXECUTE FUNCTION finsam_ver_datum_ny_mangd()""",
    # Drafts edited or posted in a closed year: one join of the statement's changed drafts.
    f"""CREATE OR REPLACE FUNCTION finsam_ver_stangt_ar_mangd() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM nya v JOIN gamla o ON o.id = v.id AND o.status = 'P'
                 JOIN ekonomi_rakenskapsar a ON a.id = v.rakenskapsar_id WHERE a.stangt) THEN
        RAISE EXCEPTION '{STANGT}' USING ERRCODE = '23000';
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ver_stangt_ar_mangd AFTER UPDATE ON ekonomi_verifikation
    REFERENCING OLD TABLE AS gamla NEW TABLE AS nya
    FOR EACH STATEMENT EXECUTE FUNCTION finsam_ver_stangt_ar_mangd()""",
    f"""CREATE OR REPLACE FUNCTION finsam_ver_datum_i_aret() RETURNS trigger AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM ekonomi_rakenskapsar a
                     WHERE a.id = NEW.rakenskapsar_id AND NEW.datum BETWEEN a.start AND a.slut) THEN
        RAISE EXCEPTION '{DATUM}' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    # OLD.status = 'P': a bokförd voucher keeps finsam_ver_skydd_rad's refusal.
    """CREATE TRIGGER ekonomi_ver_datum_i_aret BEFORE UPDATE ON ekonomi_verifikation
    FOR EACH ROW WHEN (OLD.status = 'P' AND (NEW.datum IS DISTINCT FROM OLD.datum
      OR NEW.rakenskapsar_id IS DISTINCT FROM OLD.rakenskapsar_id))
    EXECUTE FUNCTION finsam_ver_datum_i_aret()""",
    f"""CREATE OR REPLACE FUNCTION finsam_period_skydd() RETURNS trigger AS $$
    BEGIN
      IF OLD.last OR EXISTS (SELECT 1 FROM ekonomi_verifikation
                             WHERE rakenskapsar_id = OLD.rakenskapsar_id) THEN
        RAISE EXCEPTION '{PERIOD}' USING ERRCODE = '23000';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_period_tas_bort BEFORE DELETE ON ekonomi_period
    FOR EACH ROW EXECUTE FUNCTION finsam_period_skydd()""",
    """CREATE TRIGGER ekonomi_period_flyttas BEFORE UPDATE ON ekonomi_period
    FOR EACH ROW WHEN ((NEW.start, NEW.slut, NEW.rakenskapsar_id)
      IS DISTINCT FROM (OLD.start, OLD.slut, OLD.rakenskapsar_id))
    EXECUTE FUNCTION finsam_period_skydd()""",
    f"""CREATE OR REPLACE FUNCTION finsam_serie_skydd() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM ekonomi_verifikation WHERE serie_id = OLD.id AND status = 'B') THEN
        RAISE EXCEPTION '{SERIE}' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_serie_skydd BEFORE UPDATE ON ekonomi_serie
    FOR EACH ROW WHEN (NEW.kod IS DISTINCT FROM OLD.kod
      OR NEW.rakenskapsar_id IS DISTINCT FROM OLD.rakenskapsar_id)
    EXECUTE FUNCTION finsam_serie_skydd()""",
]
for _foralder, _barn, _kolumn, _namn in FORALDRAR:
    POSTGRES_UP += [
        f"""CREATE OR REPLACE FUNCTION finsam_{_foralder}_med_barn() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM {_barn} WHERE {_kolumn} = OLD.id) THEN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'finsam: {_namn} och kan inte tas bort' USING ERRCODE = '23503';
        END IF;
        RAISE EXCEPTION 'finsam: {_namn} och kan inte byta id' USING ERRCODE = '23503';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {_foralder}_med_barn_tas_bort BEFORE DELETE ON {_foralder}
    FOR EACH ROW EXECUTE FUNCTION finsam_{_foralder}_med_barn()""",
        f"""CREATE TRIGGER {_foralder}_med_barn_byter_id BEFORE UPDATE OF id ON {_foralder}
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION finsam_{_foralder}_med_barn()""",
    ]

POSTGRES_DOWN = [
    *(
        sql
        for _foralder, *_ in FORALDRAR
        for sql in (
            f"DROP TRIGGER IF EXISTS {_foralder}_med_barn_tas_bort ON {_foralder}",
            f"DROP TRIGGER IF EXISTS {_foralder}_med_barn_byter_id ON {_foralder}",
            f"DROP FUNCTION IF EXISTS finsam_{_foralder}_med_barn()",
        )
    ),
    "DROP TRIGGER IF EXISTS ekonomi_ver_stangt_ar_mangd ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_ver_stangt_ar_mangd()",
    "DROP TRIGGER IF EXISTS ekonomi_serie_skydd ON ekonomi_serie",
    "DROP FUNCTION IF EXISTS finsam_serie_skydd()",
    "DROP TRIGGER IF EXISTS ekonomi_period_tas_bort ON ekonomi_period",
    "DROP TRIGGER IF EXISTS ekonomi_period_flyttas ON ekonomi_period",
    "DROP FUNCTION IF EXISTS finsam_period_skydd()",
    "DROP TRIGGER IF EXISTS ekonomi_ver_datum_i_aret ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_ver_datum_i_aret()",
    "DROP TRIGGER IF EXISTS ekonomi_ver_datum_ny_mangd ON ekonomi_verifikation",
    "DROP FUNCTION IF EXISTS finsam_ver_datum_ny_mangd()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("ekonomi", "0019_period_last_index"), ("forbund", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
