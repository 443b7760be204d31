"""The ledger against raw SQL (issue 17.6), same style as 0002/0004 (SQLite RAISE(ABORT),
PostgreSQL SQLSTATE 23000 → ``IntegrityError`` on both):

- a bokförd verifikation, its rows and row objects can never be deleted on SQLite either:
  the delete triggers no longer consult a SQL function (a client could define
  ``finsam_underhall()`` itself and answer 1);
- an account keeps its number, type and förbund once it has rows, and cannot be deleted;
- a räkenskapsår keeps its förbund and dates once it has vouchers; a closed one
  (``stangt``) never reopens;
- a locked period is unlocked only by an UPDATE that gives a reason
  (``upplasningsorsak``, optionally ``upplast_av``): the database writes the audit row
  (``forbund_logghandelse``, handelse ``upplast``) itself in the same statement and clears
  both fields; never in a closed year;
- PostgreSQL: ``TRUNCATE`` of the ledger and audit tables is refused by ``BEFORE TRUNCATE``
  triggers.
"""

from django.db import migrations

_FEL = "SELECT RAISE(ABORT, 'finsam: {}')"
_RAD_BOKFORD = """(SELECT status FROM ekonomi_verifikation WHERE id = OLD.verifikation_id) = 'B'"""
_RADOBJEKT_BOKFORD = """(SELECT v.status FROM ekonomi_rad r JOIN ekonomi_verifikation v
          ON v.id = r.verifikation_id WHERE r.id = OLD.rad_id) = 'B'"""

SQLITE_UP = [
    "DROP TRIGGER IF EXISTS ekonomi_ver_bokford_tas_bort",
    "DROP TRIGGER IF EXISTS ekonomi_rad_tas_bort",
    "DROP TRIGGER IF EXISTS ekonomi_radobjekt_tas_bort",
    f"""CREATE TRIGGER ekonomi_ver_bokford_tas_bort BEFORE DELETE ON ekonomi_verifikation
    WHEN OLD.status = 'B'
    BEGIN {_FEL.format("en bokförd verifikation kan inte tas bort")}; END""",
    f"""CREATE TRIGGER ekonomi_rad_tas_bort BEFORE DELETE ON ekonomi_rad
    WHEN {_RAD_BOKFORD}
    BEGIN {_FEL.format("raderna i en bokförd verifikation kan inte ändras")}; END""",
    f"""CREATE TRIGGER ekonomi_radobjekt_tas_bort BEFORE DELETE ON ekonomi_radobjekt
    WHEN {_RADOBJEKT_BOKFORD}
    BEGIN {_FEL.format("raderna i en bokförd verifikation kan inte ändras")}; END""",
    f"""CREATE TRIGGER ekonomi_konto_med_rader_andras
    BEFORE UPDATE OF nummer, typ, forbund_id ON ekonomi_konto
    WHEN (NEW.nummer IS NOT OLD.nummer OR NEW.typ IS NOT OLD.typ
          OR NEW.forbund_id IS NOT OLD.forbund_id)
      AND EXISTS (SELECT 1 FROM ekonomi_rad WHERE konto_id = OLD.id)
    BEGIN {_FEL.format("ett konto med rader kan inte byta nummer, typ eller förbund")}; END""",
    f"""CREATE TRIGGER ekonomi_konto_med_rader_tas_bort BEFORE DELETE ON ekonomi_konto
    WHEN EXISTS (SELECT 1 FROM ekonomi_rad WHERE konto_id = OLD.id)
    BEGIN {_FEL.format("ett konto med rader kan inte tas bort")}; END""",
    f"""CREATE TRIGGER ekonomi_ar_skydd
    BEFORE UPDATE OF forbund_id, start, slut, stangt ON ekonomi_rakenskapsar
    BEGIN
      {_FEL.format("ett stängt räkenskapsår kan inte öppnas igen")}
        WHERE OLD.stangt = 1 AND NEW.stangt = 0;
      {_FEL.format("ett räkenskapsår med verifikationer kan inte byta förbund eller datum")}
        WHERE (NEW.forbund_id IS NOT OLD.forbund_id OR NEW.start IS NOT OLD.start
               OR NEW.slut IS NOT OLD.slut)
          AND EXISTS (SELECT 1 FROM ekonomi_verifikation WHERE rakenskapsar_id = OLD.id);
    END""",
    f"""CREATE TRIGGER ekonomi_period_upplasning BEFORE UPDATE OF last ON ekonomi_period
    WHEN OLD.last = 1 AND NEW.last = 0
    BEGIN
      {_FEL.format("bokslut är gjort: perioden kan inte låsas upp")}
        WHERE (SELECT stangt FROM ekonomi_rakenskapsar WHERE id = NEW.rakenskapsar_id) = 1;
      {_FEL.format("en period låses upp bara med en orsak (upplasningsorsak), som loggas")}
        WHERE trim(COALESCE(NEW.upplasningsorsak, '')) = '';
    END""",
    """CREATE TRIGGER ekonomi_period_upplast_loggas AFTER UPDATE OF last ON ekonomi_period
    WHEN OLD.last = 1 AND NEW.last = 0
    BEGIN
      INSERT INTO forbund_logghandelse
        (forbund_id, user_id, tidpunkt, handelse, objekttyp, objekt_id, beskrivning, andringar)
      SELECT a.forbund_id, NEW.upplast_av_id, strftime('%Y-%m-%d %H:%M:%f', 'now'), 'upplast',
        'ekonomi.Period', CAST(NEW.id AS TEXT),
        substr('Period ' || strftime('%Y-%m', NEW.start) || ' upplåst: '
               || trim(NEW.upplasningsorsak), 1, 300),
        json_object('last', json_array(json('true'), json('false')),
                    'orsak', trim(NEW.upplasningsorsak))
      FROM ekonomi_rakenskapsar a WHERE a.id = NEW.rakenskapsar_id;
      UPDATE ekonomi_period SET upplasningsorsak = '', upplast_av_id = NULL WHERE id = NEW.id;
    END""",
    # Setting a reason without unlocking would leave it for a later raw unlock: refused.
    f"""CREATE TRIGGER ekonomi_period_orsak_utan_upplasning
    BEFORE UPDATE OF upplasningsorsak ON ekonomi_period
    WHEN NOT (OLD.last = 1 AND NEW.last = 0) AND trim(COALESCE(NEW.upplasningsorsak, '')) <> ''
    BEGIN {_FEL.format("en orsak anges bara när perioden låses upp")}; END""",
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "ekonomi_konto_med_rader_andras",
        "ekonomi_konto_med_rader_tas_bort",
        "ekonomi_ar_skydd",
        "ekonomi_period_upplasning",
        "ekonomi_period_upplast_loggas",
        "ekonomi_period_orsak_utan_upplasning",
    )
]

TRUNCATE_SKYDDADE = (
    "ekonomi_verifikation",
    "ekonomi_rad",
    "ekonomi_radobjekt",
    "ekonomi_konto",
    "ekonomi_rakenskapsar",
    "ekonomi_period",
    "ekonomi_serie",
    "forbund_logghandelse",
)

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION finsam_konto_skydd() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM ekonomi_rad WHERE konto_id = OLD.id) THEN
          RAISE EXCEPTION 'finsam: ett konto med rader kan inte tas bort' USING ERRCODE = '23000';
        END IF;
        RETURN OLD;
      END IF;
      IF (NEW.nummer, NEW.typ, NEW.forbund_id) IS DISTINCT FROM
         (OLD.nummer, OLD.typ, OLD.forbund_id)
         AND EXISTS (SELECT 1 FROM ekonomi_rad WHERE konto_id = OLD.id) THEN
        RAISE EXCEPTION 'finsam: ett konto med rader kan inte byta nummer, typ eller förbund'
          USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_konto_skydd BEFORE UPDATE OR DELETE ON ekonomi_konto
    FOR EACH ROW EXECUTE FUNCTION finsam_konto_skydd()""",
    """CREATE OR REPLACE FUNCTION finsam_ar_skydd() RETURNS trigger AS $$
    BEGIN
      IF OLD.stangt AND NOT NEW.stangt THEN
        RAISE EXCEPTION 'finsam: ett stängt räkenskapsår kan inte öppnas igen'
          USING ERRCODE = '23000';
      END IF;
      IF (NEW.forbund_id, NEW.start, NEW.slut) IS DISTINCT FROM
         (OLD.forbund_id, OLD.start, OLD.slut)
         AND EXISTS (SELECT 1 FROM ekonomi_verifikation WHERE rakenskapsar_id = OLD.id) THEN
        RAISE EXCEPTION
          'finsam: ett räkenskapsår med verifikationer kan inte byta förbund eller datum'
          USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_ar_skydd BEFORE UPDATE ON ekonomi_rakenskapsar
    FOR EACH ROW EXECUTE FUNCTION finsam_ar_skydd()""",
    """CREATE OR REPLACE FUNCTION finsam_period_upplasning() RETURNS trigger AS $$
    DECLARE f bigint; st boolean; orsak text;
    BEGIN
      orsak := btrim(COALESCE(NEW.upplasningsorsak, ''));
      IF OLD.last AND NOT NEW.last THEN
        SELECT forbund_id, stangt INTO f, st FROM ekonomi_rakenskapsar
          WHERE id = NEW.rakenskapsar_id;
        IF st THEN
          RAISE EXCEPTION 'finsam: bokslut är gjort: perioden kan inte låsas upp'
            USING ERRCODE = '23000';
        END IF;
        IF orsak = '' THEN
          RAISE EXCEPTION
            'finsam: en period låses upp bara med en orsak (upplasningsorsak), som loggas'
            USING ERRCODE = '23000';
        END IF;
        INSERT INTO forbund_logghandelse
          (forbund_id, user_id, tidpunkt, handelse, objekttyp, objekt_id, beskrivning, andringar)
        VALUES (f, NEW.upplast_av_id, now(), 'upplast', 'ekonomi.Period', NEW.id::text,
          left('Period ' || to_char(NEW.start, 'YYYY-MM') || ' upplåst: ' || orsak, 300),
          jsonb_build_object('last', jsonb_build_array(true, false), 'orsak', orsak));
      ELSIF orsak <> '' THEN
        RAISE EXCEPTION 'finsam: en orsak anges bara när perioden låses upp'
          USING ERRCODE = '23000';
      END IF;
      NEW.upplasningsorsak := '';
      NEW.upplast_av_id := NULL;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER ekonomi_period_upplasning BEFORE UPDATE ON ekonomi_period
    FOR EACH ROW EXECUTE FUNCTION finsam_period_upplasning()""",
    """CREATE OR REPLACE FUNCTION finsam_ingen_truncate() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = '23000',
        MESSAGE = 'finsam: ' || TG_TABLE_NAME || ' kan inte tömmas med TRUNCATE';
    END $$ LANGUAGE plpgsql""",
    *(
        f"""CREATE TRIGGER {tabell}_ingen_truncate BEFORE TRUNCATE ON {tabell}
        FOR EACH STATEMENT EXECUTE FUNCTION finsam_ingen_truncate()"""
        for tabell in TRUNCATE_SKYDDADE
    ),
]
POSTGRES_DOWN = [
    *(f"DROP TRIGGER IF EXISTS {t}_ingen_truncate ON {t}" for t in TRUNCATE_SKYDDADE),
    "DROP FUNCTION IF EXISTS finsam_ingen_truncate()",
    "DROP TRIGGER IF EXISTS ekonomi_period_upplasning ON ekonomi_period",
    "DROP FUNCTION IF EXISTS finsam_period_upplasning()",
    "DROP TRIGGER IF EXISTS ekonomi_ar_skydd ON ekonomi_rakenskapsar",
    "DROP FUNCTION IF EXISTS finsam_ar_skydd()",
    "DROP TRIGGER IF EXISTS ekonomi_konto_skydd ON ekonomi_konto",
    "DROP FUNCTION IF EXISTS finsam_konto_skydd()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        # A cursor without parameters: the SQL holds literal % (strftime formats).
        with schema_editor.connection.cursor() as cursor:
            for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("ekonomi", "0010_period_upplasning"),
        ("forbund", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
