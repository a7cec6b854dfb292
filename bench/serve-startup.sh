#!/usr/bin/env bash
# Time from `./whale serve` to its first 200 on /health, with the embedded PostgreSQL warm (initialised by a first
# run, binaries extracted), in a project directory of its own. Prints each run and the median.
#   bench/serve-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-5}"
ROOT="$PWD"
PROJECT="$(mktemp -d)"
chmod 755 "$PROJECT"   # the embedded PostgreSQL runs as an unprivileged user, which must enter the project
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$PROJECT"' EXIT
cp -r config scenarios "$PROJECT/"
mkdir -p "$PROJECT/service" && cp -r service/static "$PROJECT/service/"
cd "$PROJECT"
export POSTGRES_PORT=15432 WHALE_PORT=15000

once() {
  local t0 t1
  t0=$(date +%s%N)
  "$ROOT/whale" serve > serve.out 2> serve.err &
  PID=$!
  until curl -fs -o /dev/null http://127.0.0.1:15000/health; do
    kill -0 "$PID" 2>/dev/null || { echo "whale serve exited:" >&2; tail -5 serve.err >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  kill "$PID"; wait "$PID" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

once > /dev/null   # cold: initdb, database, migrations
times=()
for _ in $(seq 1 "$RUNS"); do times+=("$(once)"); done
printf 'runs (ms): %s\n' "${times[*]}"
printf 'median (ms): %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
