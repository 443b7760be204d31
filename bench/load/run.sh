#!/usr/bin/env bash
# Load test: gunicorn (production settings) against a throwaway PostgreSQL database on
# 127.0.0.1 with the demo data; locust, headless, 20 users for 60 s; then the ledger check.
# Loopback only, bounded in time; everything it starts is stopped on exit.
#
#   bash bench/load/run.sh                 # 20 users, 60 s
#   USERS=5 DURATION=20s bash bench/load/run.sh
#
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and installs locust if missing.
# Exits non-zero when there were errors, p95 >= 300 ms, or the ledger does not hold.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The project's virtualenv (make install), or PYTHON=/path/to/python with Finsam installed.
PY="${PYTHON:-.venv/bin/python}"
if ! "$PY" -c "import django" 2>/dev/null; then
    echo "Hittar ingen Python med Finsam installerat ($PY): kör 'make install' eller sätt PYTHON." >&2
    exit 2
fi
USERS="${USERS:-20}"
DURATION="${DURATION:-60s}"
WORKERS="${WORKERS:-4}"
P95_MAX_MS="${P95_MAX_MS:-300}"
OUT="bench/out/load-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
TMP="$(mktemp -d)"
PGDB="finsam_load_$$"
export PGHOST=127.0.0.1 PGUSER=postgres
GUNICORN_PID=""

stoppa() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    psql -q -c "DROP DATABASE IF EXISTS ${PGDB}" postgres >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap stoppa EXIT

"$PY" -c "import locust" 2>/dev/null || "$PY" -m pip install --quiet "locust>=2.30"
"$PY" -c "import gunicorn" 2>/dev/null || "$PY" -m pip install --quiet "gunicorn>=23"

PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DJANGO_ENV_FILE=/dev/null DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="load-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=WARNING
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${PGDB}"
export DJANGO_STATIC_ROOT="$TMP/static" DJANGO_MEDIA_ROOT="$TMP/media"
export FINSAM_LOAD_UT="$OUT/bokfort.json"
export DJANGO_SETTINGS_MODULE=finsam.settings

echo "== throwaway database ${PGDB} with demo data"
psql -q -c "CREATE DATABASE ${PGDB}" postgres
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v 0
VAL="$("$PY" -c 'import django; django.setup(); import runpy; runpy.run_path("bench/load/valj.py")' 2>/dev/null | tail -3)" \
    || VAL=""
eval "$(echo "$VAL" | sed -n 's/^\(FINSAM_LOAD_[A-Z]*=[^;&|`$]*\)$/export \1/p')"
echo "   förbund ${FINSAM_LOAD_ORGNR:-?}, datum ${FINSAM_LOAD_DATUM:-(inget öppet år)}, konton ${FINSAM_LOAD_KONTON:-(inga)}"

echo "== gunicorn on 127.0.0.1:${PORT} (${WORKERS} workers)"
"$PY" -m gunicorn finsam.wsgi:application --bind "127.0.0.1:${PORT}" --workers "$WORKERS" \
    --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
GUNICORN_PID=$!
for _ in $(seq 1 50); do
    if "$PY" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:${PORT}/halsa/', timeout=1)" 2>/dev/null; then
        break
    fi
    sleep 0.2
done

echo "== locust: ${USERS} users, ${DURATION}"
"$PY" -m locust -f bench/load/locustfile.py --headless --users "$USERS" \
    --spawn-rate "$USERS" --run-time "$DURATION" --host "http://127.0.0.1:${PORT}" \
    --csv "$OUT/locust" --only-summary --loglevel WARNING 2>&1 | tee "$OUT/locust.txt" || true

kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true
GUNICORN_PID=""

echo "== resultat"
LAST=0
"$PY" - "$OUT/locust_stats.csv" "$P95_MAX_MS" "$FINSAM_LOAD_UT" <<'PYEOF' | tee "$OUT/sammanfattning.txt" || LAST=$?
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
agg = next(r for r in rows if r["Name"] == "Aggregated")
print(f"{'begäran':<42}{'antal':>7}{'fel':>5}{'median':>8}{'p95':>6}{'p99':>6}{'max':>7}")
for r in rows:
    print(f"{r['Type'] + ' ' + r['Name']:<42}{r['Request Count']:>7}{r['Failure Count']:>5}"
          f"{r['50%']:>8}{r['95%']:>6}{r['99%']:>6}{float(r['Max Response Time']):>7.0f}")
print(f"req/s {float(agg['Requests/s']):.1f} (alla begäranden)")
import json
arbete = json.load(open(sys.argv[3], encoding="utf-8"))
fel = int(agg["Failure Count"])
p95 = float(arbete["p95"])
ok = fel == 0 and p95 < float(sys.argv[2])
print(f"utan inloggning: {arbete['antal']} begäranden, median {arbete['p50']:.0f} ms, "
      f"p95 {p95:.0f} ms, p99 {arbete['p99']:.0f} ms, max {arbete['max']:.0f} ms")
print(f"fel: {fel}, p95 utan inloggning: {p95:.0f} ms (gräns {sys.argv[2]} ms): "
      f"{'OK' if ok else 'INTE OK'}")
sys.exit(0 if ok else 3)
PYEOF

echo "== huvudboken efter lasten"
"$PY" -c 'import django; django.setup(); import runpy; runpy.run_path("bench/load/kontroll.py")' \
    | tee -a "$OUT/sammanfattning.txt"
echo "Resultat i $OUT"
exit "$LAST"
