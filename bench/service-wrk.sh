#!/usr/bin/env bash
# whale serve (production config) against the posts' Flask app under Debian's gunicorn with 4 sync workers,
# both on the same PostgreSQL (whale's `users` scenario), measured with wrk in one run.
#   bench/service-wrk.sh [DURATION] [CONNECTIONS]
# Needs: wrk gunicorn python3-flask python3-flask-sqlalchemy python3-psycopg2 (Debian packages).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION="${1:-10s}"
CONNS="${2:-64}"
for tool in wrk gunicorn; do
  command -v "$tool" >/dev/null || {
    echo "bench/service-wrk.sh: $tool is missing:" \
      "apt-get install wrk gunicorn python3-flask python3-flask-sqlalchemy python3-psycopg2" >&2
    exit 2
  }
done
OUT="bench/results/service"
mkdir -p "$OUT"

./whale scenario down users >/dev/null 2>&1 || true
./whale scenario up users > "$OUT/scenario.txt"
PGPORT=$(sed -n 's/.*-p \([0-9]*\) .*/\1/p' "$OUT/scenario.txt" | tail -1)
export POSTGRES_HOSTNAME=localhost POSTGRES_PORT="$PGPORT" POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres \
  APPLICATION_DB=application
cleanup() {
  [[ -n "${WHALE_PID:-}" ]] && kill "$WHALE_PID" 2>/dev/null || true
  [[ -n "${GUNICORN_PID:-}" ]] && kill "$GUNICORN_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  ./whale scenario down users >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_for() {
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "bench/service-wrk.sh: $1 did not answer" >&2
  exit 1
}

run_wrk() { # name url
  local file="$OUT/$(echo "$1" | tr -c 'a-z0-9\n' '_').txt"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$2" > "$file"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$file")
  p99=$(awk '$1 == "99%" {print $2}' "$file")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$file" | tr '\n' ' ')
  printf '%-22s %12s req/s   p99 %8s   %s\n' "$1" "$rps" "$p99" "$errors"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# wrk -t2 -c$CONNS -d$DURATION --latency; one PostgreSQL 17 (the users scenario) on port $PGPORT"

# whale: production profile (0.0.0.0:8000 replaced by a loopback port), access log to a file. Concurrent /users
# requests share count reads (each answer comes from a read that started after the request arrived).
APPLICATION_CONFIG=production WHALE_HOST=127.0.0.1 WHALE_PORT=18000 \
  ./whale serve > "$OUT/whale-access.log" 2> "$OUT/whale.err" &
WHALE_PID=$!
wait_for http://127.0.0.1:18000/health
t0=$(date +%s%N)
wrk -t2 -c"$CONNS" -d5s http://127.0.0.1:18000/users >/dev/null   # warm-up: JIT
run_wrk "whale /" http://127.0.0.1:18000/
run_wrk "whale /users" http://127.0.0.1:18000/users
WHALE_RSS=$(awk '/VmRSS/ {print $2}' /proc/$WHALE_PID/status)
echo "whale RSS after load: $((WHALE_RSS / 1024)) MiB"
kill "$WHALE_PID"; wait "$WHALE_PID" 2>/dev/null || true; WHALE_PID=

# The same without coalescing: one count query per request.
WHALE_COALESCE_READS=false APPLICATION_CONFIG=production WHALE_HOST=127.0.0.1 WHALE_PORT=18000 \
  ./whale serve > /dev/null 2>> "$OUT/whale.err" &
WHALE_PID=$!
wait_for http://127.0.0.1:18000/health
wrk -t2 -c"$CONNS" -d5s http://127.0.0.1:18000/users >/dev/null
run_wrk "whale /users 1 read/req" http://127.0.0.1:18000/users
kill "$WHALE_PID"; wait "$WHALE_PID" 2>/dev/null || true; WHALE_PID=

(cd bench/flask && exec gunicorn -w 4 -b 127.0.0.1:18001 app:app) > "$OUT/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
wait_for http://127.0.0.1:18001/users
wrk -t2 -c"$CONNS" -d5s http://127.0.0.1:18001/users >/dev/null
run_wrk "flask+gunicorn /" http://127.0.0.1:18001/
run_wrk "flask+gunicorn /users" http://127.0.0.1:18001/users
GRSS=0
for pid in $GUNICORN_PID $(pgrep -P "$GUNICORN_PID"); do
  GRSS=$((GRSS + $(awk '/VmRSS/ {print $2}' /proc/$pid/status)))
done
echo "gunicorn RSS (master + 4 workers) after load: $((GRSS / 1024)) MiB"
