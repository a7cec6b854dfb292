#!/usr/bin/env bash
# GET /users over TLS through the production topology, in containers and without, measured with wrk in one run:
#   - docker/production.yml on podman (local images, see docker/local-images.sh): nginx, --scale web=N, PostgreSQL;
#   - whale stack up --instances N --tls: the same nginx config template, N whale processes, PostgreSQL.
# Both use the certificates of `whale stack up --tls`. N is 1, then 3.
#   bench/compose-wrk.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION="${1:-10s}"
CONNS="${2:-64}"
for tool in wrk podman docker-compose; do
  command -v "$tool" >/dev/null || { echo "bench/compose-wrk.sh: $tool is missing: apt-get install $tool" >&2; exit 2; }
done
OUT="bench/results/compose"
mkdir -p "$OUT"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/docker/local/containers.conf}"
export NGINX_HTTP_PORT=28080 NGINX_HTTPS_PORT=28443 NGINX_CERTS="$PWD/$OUT/certs" WHALE_IMAGE=localhost/whale:bench
cleanup() {
  ./whale stack down >/dev/null 2>&1 || true
  ./whale compose --config production down -v >/dev/null 2>&1 || true
}
trap cleanup EXIT

run_wrk() { # label url
  local file="$OUT/$(echo "$1" | tr -c 'a-z0-9\n' '_').txt"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$2" > "$file"
  printf '%-40s %12s req/s   p99 %8s   %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$file")" \
    "$(awk '$1 == "99%" {print $2}' "$file")" "$(grep -E 'Non-2xx|Socket errors' "$file" | tr '\n' ' ')"
}
await() { # url
  for _ in $(seq 1 240); do
    [[ "$(curl -sk -o /dev/null -w '%{http_code}' "$1" || true)" == 200 ]] && return 0
    sleep 0.5
  done
  echo "bench/compose-wrk.sh: $1 never answered 200" >&2; exit 1
}

CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $CPU; $(podman --version)"
echo "# wrk -t2 -c$CONNS -d$DURATION --latency, after a warm-up of 10 s per instance"
set -a; eval "$(docker/local-images.sh)"; set +a
podman build -q --format docker -f docker/Dockerfile --build-arg "BUILD_IMAGE=$BUILD_IMAGE" \
  --build-arg "JRE_IMAGE=$JRE_IMAGE" -v "$HOME/.m2:/root/.m2" -t "$WHALE_IMAGE" . >/dev/null

for n in 1 3; do
  ./whale stack down >/dev/null 2>&1 || true
  ./whale stack up --instances "$n" --tls --http-port 18080 --https-port 18443 > "$OUT/stack-up-$n.txt" 2>&1
  mkdir -p "$NGINX_CERTS" && cp .whale/stack/nginx/certs/{ca.pem,server.pem,server.key} "$NGINX_CERTS/"
  wrk -t2 -c"$CONNS" -d$((10 * n))s https://localhost:18443/users >/dev/null
  run_wrk "whale stack, $n instance(s), https /users" https://localhost:18443/users
  ./whale stack down >/dev/null 2>&1

  ./whale compose --config production down -v >/dev/null 2>&1 || true
  ./whale compose --config production up -d --scale "web=$n" > "$OUT/compose-up-$n.txt" 2>&1
  await "https://localhost:$NGINX_HTTPS_PORT/health"
  wrk -t2 -c"$CONNS" -d$((10 * n))s "https://localhost:$NGINX_HTTPS_PORT/users" >/dev/null
  run_wrk "production.yml, web=$n, https /users" "https://localhost:$NGINX_HTTPS_PORT/users"
  ./whale compose --config production down -v >/dev/null 2>&1
done
