#!/usr/bin/env bash
# whale behind real nginx (whale stack), measured with wrk in one run:
#   - 1 instance and 3 instances, plain HTTP, GET / and GET /users;
#   - TLS (3 instances) against plain HTTP;
#   - nginx's own `return 200` as the ceiling;
#   - the fraction of requests that fail while an instance is killed (kill -9) and restarted under load.
#   bench/stack-wrk.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION="${1:-10s}"
CONNS="${2:-64}"
command -v wrk >/dev/null || { echo "bench/stack-wrk.sh: wrk is missing: apt-get install wrk" >&2; exit 2; }
OUT="bench/results/stack"
mkdir -p "$OUT"
trap './whale stack down >/dev/null 2>&1 || true; [[ -n "${CEIL_PID:-}" ]] && kill "$CEIL_PID" 2>/dev/null || true' EXIT

state() { # name: its value in the stack's state.json
  python3 -c "import json,sys
print({d['name']: d['value'] for d in json.load(open('.whale/stack/state.json'))}[sys.argv[1]])" "$1"
}

run_wrk() { # label url
  local file="$OUT/$(echo "$1" | tr -c 'a-z0-9\n' '_').txt"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$2" > "$file"
  printf '%-34s %12s req/s   p99 %8s   %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$file")" \
    "$(awk '$1 == "99%" {print $2}' "$file")" "$(grep -E 'Non-2xx|Socket errors' "$file" | tr '\n' ' ')"
}

CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $CPU; nginx $(nginx -v 2>&1 | cut -d/ -f2)"
echo "# wrk -t2 -c$CONNS -d$DURATION --latency"

# The ceiling: nginx answering by itself.
CEIL="$(mktemp -d)"
cat > "$CEIL/nginx.conf" <<CONF
worker_processes auto; pid $CEIL/nginx.pid; error_log $CEIL/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 18090; location / { return 200 "Hello, World!"; } } }
CONF
nginx -p "$CEIL" -c "$CEIL/nginx.conf" -g 'daemon off;' & CEIL_PID=$!
sleep 0.5
run_wrk "nginx return 200 (ceiling)" http://127.0.0.1:18090/
kill "$CEIL_PID"; wait "$CEIL_PID" 2>/dev/null || true; CEIL_PID=

for n in 1 3; do
  ./whale stack down >/dev/null 2>&1 || true
  ./whale stack up --instances "$n" --tls --http-port 18080 --https-port 18443 > "$OUT/up-$n.txt" 2>&1
  CA=.whale/stack/nginx/certs/ca.pem
  # plain HTTP straight to nginx's upstream block: a second server on the same upstreams without the redirect
  plain='location / { proxy_pass http://web; proxy_http_version 1.1; proxy_set_header Connection ""; }'
  sed -i 's|return 301 https://$host:18443$request_uri;|'"$plain"'|' .whale/stack/nginx/nginx.conf
  nginx -p .whale/stack/nginx -c "$PWD/.whale/stack/nginx/nginx.conf" -s reload 2>/dev/null; sleep 1
  wrk -t2 -c"$CONNS" -d$((10 * n))s http://127.0.0.1:18080/users >/dev/null  # warm-up: each JVM's JIT
  wrk -t2 -c"$CONNS" -d$((5 * n))s http://127.0.0.1:18080/ >/dev/null
  run_wrk "nginx + $n whale, http GET /" http://127.0.0.1:18080/
  run_wrk "nginx + $n whale, http GET /users" http://127.0.0.1:18080/users
  if [[ "$n" == 3 ]]; then
    run_wrk "nginx + 3 whale, https GET /" https://localhost:18443/
    run_wrk "nginx + 3 whale, https GET /users" https://localhost:18443/users
  fi
done

# Kill one of three instances with kill -9 under load, restart it on the same port, count what fails.
PID2=$(state WEB_2_PID); PORT2=$(state WEB_2_PORT); PGPORT=$(state POSTGRES_PORT)
wrk -t2 -c"$CONNS" -d12s http://127.0.0.1:18080/users > "$OUT/kill-restart.txt" &
WRK=$!
sleep 3
kill -9 "$PID2"
sleep 3
APPLICATION_CONFIG=production POSTGRES_HOSTNAME=localhost POSTGRES_PORT="$PGPORT" \
  WHALE_HOST=127.0.0.1 WHALE_PORT="$PORT2" setsid ./whale serve > "$OUT/web-2-restarted.log" 2>&1 &
RESTARTED=$!
wait "$WRK"
TOTAL=$(awk '/requests in/ {print $1}' "$OUT/kill-restart.txt")
NON2XX=$(awk '/Non-2xx/ {print $5}' "$OUT/kill-restart.txt"); NON2XX=${NON2XX:-0}
SOCK=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$OUT/kill-restart.txt"); SOCK=${SOCK:-0}
RESTART_OK=000
for _ in $(seq 1 600); do
  RESTART_OK=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT2/health" || true)
  [[ "$RESTART_OK" == 200 ]] && break
  sleep 0.1
done
echo "kill -9 + restart of 1 of 3 under load: $TOTAL requests, $NON2XX non-2xx, $SOCK socket errors;" \
  "restarted instance /health: $RESTART_OK"
awk -v t="$TOTAL" -v n="$NON2XX" -v s="$SOCK" 'BEGIN { printf "failed fraction: %.5f%%\n", 100 * (n + s) / t }'
kill "$RESTARTED" 2>/dev/null || true
