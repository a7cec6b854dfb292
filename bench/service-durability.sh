#!/usr/bin/env bash
# What the durable embedded PostgreSQL (fsync, synchronous_commit, full_page_writes on, scram, an unprivileged
# user) costs whale's commits: POST /api/users and GET /users under wrk, in one run on one machine, for
#   1. whale before: BEFORE_DIR's ./whale serve on its own embedded PostgreSQL,
#   2. whale after:  this tree's ./whale serve on its own embedded PostgreSQL,
#   3. Flask + gunicorn (4 sync workers, bench/flask/app.py) on the after-whale's PostgreSQL: the same server, the
#      same durability.
#   bench/service-durability.sh BEFORE_DIR [DURATION] [CONNECTIONS]
# BEFORE_DIR is a second checkout of whale at the "before" commit, e.g.
#   git clone /work/main /tmp/whale-before && git -C /tmp/whale-before checkout b7123ff
# Both whales run their defaults (the development config, the embedded PostgreSQL) on loopback ports, each with a
# throwaway data directory (WHALE_DATA_DIR), so a fresh cluster and an empty users table each time.
# Environment: AFTER_DIR (default: this tree), WARMUP (5s), PORT_BASE (18300: whale before, +1 whale after,
# +2 gunicorn; PostgreSQL on PORT_BASE-2850 and -2849, 15450 and 15451 by default), FLASK_PG_HOST, FLASK_PG_PORT,
# FLASK_PG_USER, FLASK_PG_PASSWORD, FLASK_PG_DB (the Flask app's database; default: the after-whale's, from the
# line `whale serve` prints and POSTGRES_PASSWORD of its config).
# Needs: wrk gunicorn python3-flask python3-flask-sqlalchemy python3-psycopg2 (Debian packages).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
PROG=bench/service-durability.sh
usage() { echo "usage: $PROG BEFORE_DIR [DURATION] [CONNECTIONS]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 3 ]] || usage
BEFORE_DIR="$(cd "$1" && pwd)" || usage
AFTER_DIR="$(cd "${AFTER_DIR:-$ROOT}" && pwd)"
DURATION="${2:-10s}"
CONNS="${3:-64}"
WARMUP="${WARMUP:-5s}"
PORT_BASE="${PORT_BASE:-18300}"
PY=/usr/bin/python3   # Debian's, which has psycopg2 (gunicorn runs on it too)
for d in "$BEFORE_DIR" "$AFTER_DIR"; do
  [[ -x "$d/whale" ]] || { echo "$PROG: $d has no ./whale" >&2; exit 2; }
done
for tool in wrk gunicorn; do
  command -v "$tool" >/dev/null || {
    echo "$PROG: $tool is missing:" \
      "apt-get install wrk gunicorn python3-flask python3-flask-sqlalchemy python3-psycopg2" >&2
    exit 2
  }
done
"$PY" -c 'import flask, flask_sqlalchemy, psycopg2' 2>/dev/null || {
  echo "$PROG: apt-get install python3-flask python3-flask-sqlalchemy python3-psycopg2" >&2; exit 2; }

B_PORT=$PORT_BASE A_PORT=$((PORT_BASE + 1)) G_PORT=$((PORT_BASE + 2))
B_PGPORT=$((PORT_BASE - 2850)) A_PGPORT=$((PORT_BASE - 2849))
for p in $B_PORT $A_PORT $G_PORT $B_PGPORT $A_PGPORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "$PROG: port $p is taken; set PORT_BASE to another range" >&2; exit 2
  fi
done

OUT="bench/results/durability"
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.log "$OUT"/*.err
# The data directories: PostgreSQL runs as an unprivileged user when whale runs as root, and must enter them.
DATA="$(mktemp -d /tmp/whale-durability.XXXXXX)"
chmod 755 "$DATA"
mkdir -m 755 "$DATA/before" "$DATA/after"

PIDS=()          # whale and gunicorn processes we started
stop_pid() {     # pid: SIGTERM, then SIGKILL after 20 s
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
stop_postmaster() { # data dir: a postmaster left on it (the before-whale leaves its own running) gets a fast shutdown
  local pidfile="$1/postmaster.pid" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(head -1 "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
  stop_postmaster "$DATA/before/postgres/development"
  stop_postmaster "$DATA/after/postgres/development"
  rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url pid log
  for _ in $(seq 1 1200); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "$PROG: the server for $1 exited; its log, $3:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "$PROG: $1 did not answer in 120 s; see $3" >&2
  exit 1
}

pg() { # host port user password db sql: the first column of each row
  PGH="$1" PGP="$2" PGU="$3" PGW="$4" PGD="$5" PGSQL="$6" "$PY" - <<'EOF'
import os, psycopg2
e = os.environ
c = psycopg2.connect(host=e["PGH"], port=e["PGP"], user=e["PGU"], password=e["PGW"], dbname=e["PGD"])
c.autocommit = True
with c.cursor() as cur:
    cur.execute(e["PGSQL"])
    if cur.description:
        print(" ".join(str(r[0]) for r in cur.fetchall()))
EOF
}
durability() { # host port user password db
  local names="'fsync', 'synchronous_commit', 'full_page_writes'"
  pg "$@" "SELECT name || '=' || setting FROM pg_settings WHERE name IN ($names) ORDER BY name"
}
config_password() { # dir: POSTGRES_PASSWORD from the environment, else from the dir's development config
  if [[ -n "${POSTGRES_PASSWORD:-}" ]]; then echo "$POSTGRES_PASSWORD"; return; fi
  "$PY" -c 'import json, sys
print(next(v["value"] for v in json.load(open(sys.argv[1])) if v["name"] == "POSTGRES_PASSWORD"))' \
    "$1/config/development.json"
}

WRK=(wrk -t2 -c"$CONNS" -d"$DURATION" --latency)
declare -A RPS
run_wrk() { # key name url [wrk options...]: one measured run, its raw output in $OUT/KEY.txt
  local key="$1" name="$2" url="$3"; shift 3
  local file="$OUT/$key.txt"
  BENCH_RUN_ID="$key-$$-$RANDOM" "${WRK[@]}" "$@" "$url" > "$file"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$file")
  p99=$(awk '$1 == "99%" {print $2}' "$file")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$file" | tr '\n' ' ' | tr -s ' ')
  RPS[$key]=$rps
  printf '%-26s %12s req/s   p99 %8s   %s\n' "$name" "$rps" "$p99" "${errors:-no errors}" | tee -a "$OUT/summary.txt"
}
requests() { awk '/requests in/ {print $1}' "$OUT/$1.txt"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$OUT/$1.txt" | grep . || echo 0; }

# One server: warm-up of both routes (JIT), the table emptied so that every server counts and inserts into the
# same empty table, then GET /users and POST /api/users, and a check that the table holds one row per 2xx.
measure() { # key label base-url host port user password db
  local key="$1" label="$2" url="$3"; shift 3
  BENCH_RUN_ID="warm-$key-$$-$RANDOM" wrk -t2 -c"$CONNS" -d"$WARMUP" "$url/users" >/dev/null
  BENCH_RUN_ID="warm-$key-$$-$RANDOM" wrk -t2 -c"$CONNS" -d"$WARMUP" -s bench/post-users.lua "$url/api/users" >/dev/null
  pg "$@" "TRUNCATE users RESTART IDENTITY" >/dev/null
  run_wrk "${key}_get" "$label GET /users" "$url/users"
  run_wrk "${key}_post" "$label POST /api/users" "$url/api/users" -s bench/post-users.lua
  local rows expected
  rows=$(pg "$@" "SELECT count(*) FROM users")
  expected=$(( $(requests "${key}_post") - $(non2xx "${key}_post") ))
  echo "  rows after POST: $rows (wrk's requests less non-2xx: $expected)" | tee -a "$OUT/summary.txt"
}

start_whale() { # dir key http-port pg-port: starts ./whale serve, sets WPID
  (cd "$1" && WHALE_DATA_DIR="$DATA/$2" WHALE_HOST=127.0.0.1 WHALE_PORT="$3" POSTGRES_PORT="$4" \
    exec ./whale serve) > "$OUT/whale-$2.log" 2> "$OUT/whale-$2.err" &
  WPID=$!
  PIDS+=("$WPID")
  wait_for "http://127.0.0.1:$3/health" "$WPID" "$OUT/whale-$2.err"
}
db_line() { # key: user host port db from the `database postgresql://USER@HOST:PORT/DB` line of whale serve
  sed -n 's|.*database postgresql://\([^@]*\)@\([^:/]*\):\([0-9]*\)/\([A-Za-z0-9_]*\).*|\1 \2 \3 \4|p' \
    "$OUT/whale-$1.log" | head -1
}
describe() { # dir: its commit, and whether the tree differs from it
  local rev dirty=""
  rev=$(git -C "$1" rev-parse --short HEAD 2>/dev/null || echo "?")
  [[ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]] && dirty=" + uncommitted changes"
  echo "$1 at $rev$dirty"
}

# Build both before anything is timed (the launcher rebuilds when sources changed).
for d in "$BEFORE_DIR" "$AFTER_DIR"; do
  (cd "$d" && ./whale --version >/dev/null) || { echo "$PROG: ./whale in $d does not build" >&2; exit 1; }
done

: > "$OUT/summary.txt"
{
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $cpu, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# ${WRK[*]} URL   (POST: -s bench/post-users.lua); warm-up $WARMUP of each route before each server"
  echo "# before: $(describe "$BEFORE_DIR")"
  echo "# after:  $(describe "$AFTER_DIR")"
} | tee -a "$OUT/summary.txt"

# 1. whale before. Its PostgreSQL runs as long as it does, or longer (stopped by cleanup or below).
start_whale "$BEFORE_DIR" before "$B_PORT" "$B_PGPORT"
read -r B_USER _ _ B_DB <<<"$(db_line before)"
B_PW=$(config_password "$BEFORE_DIR")
echo "# before's PostgreSQL: $(durability localhost "$B_PGPORT" "$B_USER" "$B_PW" "$B_DB")" | tee -a "$OUT/summary.txt"
measure before "whale before" "http://127.0.0.1:$B_PORT" localhost "$B_PGPORT" "$B_USER" "$B_PW" "$B_DB"
stop_pid "$WPID"
stop_postmaster "$DATA/before/postgres/development"

# 2. whale after; it keeps running (idle) for row 3, which uses its PostgreSQL.
start_whale "$AFTER_DIR" after "$A_PORT" "$A_PGPORT"
read -r A_USER A_HOST A_PGPORT_SEEN A_DB <<<"$(db_line after)"
[[ -n "${A_DB:-}" ]] || { echo "$PROG: no 'database postgresql://…' line in $OUT/whale-after.log" >&2; exit 1; }
[[ "$A_HOST" == embedded ]] && A_HOST=localhost
A_PW=$(config_password "$AFTER_DIR")
echo "# after's PostgreSQL (postgresql://$A_USER@$A_HOST:$A_PGPORT_SEEN/$A_DB):" \
  "$(durability "$A_HOST" "$A_PGPORT_SEEN" "$A_USER" "$A_PW" "$A_DB")" | tee -a "$OUT/summary.txt"
measure after "whale after" "http://127.0.0.1:$A_PORT" "$A_HOST" "$A_PGPORT_SEEN" "$A_USER" "$A_PW" "$A_DB"

# 3. Flask + gunicorn on the after-whale's PostgreSQL (or the FLASK_PG_* one).
F_HOST="${FLASK_PG_HOST:-$A_HOST}" F_PORT="${FLASK_PG_PORT:-$A_PGPORT_SEEN}" F_USER="${FLASK_PG_USER:-$A_USER}"
F_PW="${FLASK_PG_PASSWORD:-$A_PW}" F_DB="${FLASK_PG_DB:-$A_DB}"
echo "# Flask's PostgreSQL (postgresql://$F_USER@$F_HOST:$F_PORT/$F_DB):" \
  "$(durability "$F_HOST" "$F_PORT" "$F_USER" "$F_PW" "$F_DB")" | tee -a "$OUT/summary.txt"
(cd bench/flask && POSTGRES_HOSTNAME="$F_HOST" POSTGRES_PORT="$F_PORT" POSTGRES_USER="$F_USER" \
  POSTGRES_PASSWORD="$F_PW" APPLICATION_DB="$F_DB" exec gunicorn -w 4 -b "127.0.0.1:$G_PORT" app:app) \
  > "$OUT/gunicorn.log" 2>&1 &
GPID=$!
PIDS+=("$GPID")
wait_for "http://127.0.0.1:$G_PORT/users" "$GPID" "$OUT/gunicorn.log"
measure flask "flask+gunicorn" "http://127.0.0.1:$G_PORT" "$F_HOST" "$F_PORT" "$F_USER" "$F_PW" "$F_DB"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
{
  echo "after/before:       POST" \
    "$(ratio "${RPS[after_post]}" "${RPS[before_post]}")   GET $(ratio "${RPS[after_get]}" "${RPS[before_get]}")"
  echo "whale-after/Flask:  POST" \
    "$(ratio "${RPS[after_post]}" "${RPS[flask_post]}")   GET $(ratio "${RPS[after_get]}" "${RPS[flask_get]}")"
} | tee -a "$OUT/summary.txt"
