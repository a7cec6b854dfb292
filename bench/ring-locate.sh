#!/usr/bin/env bash
# `whale ring locate --profile ketama` over N keys from stdin beside its peers, in one run and on the same servers:
# uhashring in ketama mode (Debian's python3-uhashring, under /usr/bin/python3) and a C loop over libmemcached's
# memcached_generate_hash with MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED (ring/src/test/resources/peers/libmemcached-place.c,
# the program LibmemcachedPeerTest compiles). First it checks that all of them place the first SAMPLE keys on the
# same servers, then hyperfine times each over all N keys, output to /dev/null.
#
#   bench/ring-locate.sh [N] [RUNS]      default: 10000000 keys, 3 runs each (about 5 minutes on 2 cores)
#   WHALE_BEFORE=/path/to/other/checkout/whale bench/ring-locate.sh     also times another build of whale
#
# The servers are ten host:port pairs with port 11212: with a port other than 11211 libmemcached names a server
# host:port as spymemcached and uhashring do, and ten equal servers get 160 points each in all three, so that
# --profile ketama and --profile libmemcached-ketama-weighted build the same ring as both peers. Needs hyperfine,
# gcc, pkg-config, libmemcached-dev and python3-uhashring (Debian packages). Results go to bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10000000}"
RUNS="${2:-3}"
SAMPLE="${SAMPLE:-100000}"
OUT="$ROOT/bench/results/ring-locate"
PYTHON=/usr/bin/python3
mkdir -p "$OUT"

for tool in hyperfine gcc pkg-config; do
  command -v "$tool" >/dev/null || { echo "ring-locate.sh: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done
"$PYTHON" -c 'import uhashring' 2>/dev/null ||
  { echo "ring-locate.sh: uhashring is needed under $PYTHON (apt-get install python3-uhashring)" >&2; exit 2; }

servers=()
for i in $(seq 1 10); do servers+=("10.0.0.$i:11212"); done
list="$(IFS=,; echo "${servers[*]}")"

echo "== machine"
{
  echo "date:   $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu:    $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores," \
    "$(lscpu | sed -n 's/^Thread(s) per core: *//p') thread(s) per core"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "load:   $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java:   $("$("$ROOT/whale" jdk)/bin/java" -version 2>&1 | head -n 1)"
  echo "python: $("$PYTHON" --version), uhashring $(dpkg-query -W -f='${Version}' python3-uhashring 2>/dev/null)"
  echo "libmemcached: $(pkg-config --modversion libmemcached)"
} | tee "$OUT/machine.txt"

echo "== $N keys -> $OUT/keys.txt"
keys="$OUT/keys.txt"
if [[ ! -f "$keys" || "$(wc -l <"$keys")" != "$N" ]]; then
  seq -f 'key-%.0f' 1 "$N" >"$keys"
fi
head -n "$SAMPLE" "$keys" >"$OUT/sample.txt"

echo "== compiling the libmemcached loop"
place="$OUT/libmemcached-place"
# shellcheck disable=SC2046
gcc -O2 -o "$place" "$ROOT/ring/src/test/resources/peers/libmemcached-place.c" \
  $(pkg-config --cflags --libs libmemcached)

"$ROOT/whale" --version >/dev/null # builds whale if its sources changed, so that no run below pays for it
if [[ -n "${WHALE_BEFORE:-}" ]]; then "$WHALE_BEFORE" --version >/dev/null; fi

whale="$ROOT/whale ring locate --profile ketama --servers $list"
weighted="$ROOT/whale ring locate --profile libmemcached-ketama-weighted --servers $list"
uhashring="$PYTHON $ROOT/bench/ring-locate-uhashring.py ${servers[*]}"
libmemcached="$place ketama-weighted ${servers[*]}"

echo "== do they agree? the first $SAMPLE keys, key and server"
# shellcheck disable=SC2086
{
  $whale <"$OUT/sample.txt" | cut -f1,2 >"$OUT/sample.whale"
  $weighted <"$OUT/sample.txt" | cut -f1,2 >"$OUT/sample.whale-weighted"
  $uhashring <"$OUT/sample.txt" >"$OUT/sample.uhashring"
  $libmemcached <"$OUT/sample.txt" >"$OUT/sample.libmemcached"
}
for other in whale-weighted uhashring libmemcached; do
  differ=$(paste "$OUT/sample.whale" "$OUT/sample.$other" | awk -F'\t' '$1 != $3 || $2 != $4' | wc -l)
  lines=$(wc -l <"$OUT/sample.$other")
  echo "whale --profile ketama vs $other: $lines lines, $differ differ"
  if [[ "$differ" != 0 || "$lines" != "$SAMPLE" ]]; then
    echo "ring-locate.sh: the placements differ; the timings would not compare the same work" >&2
    exit 1
  fi
done

echo "== timing: $RUNS runs each over $N keys"
commands=(-n "whale --profile ketama" "$whale <$keys >/dev/null"
  -n "whale --profile libmemcached-ketama-weighted" "$weighted <$keys >/dev/null"
  -n "libmemcached (C, memcached_generate_hash)" "$libmemcached <$keys >/dev/null"
  -n "uhashring (python3, ketama)" "$uhashring <$keys >/dev/null")
if [[ -n "${WHALE_BEFORE:-}" ]]; then
  commands+=(-n "whale --profile ketama, $WHALE_BEFORE" \
    "$WHALE_BEFORE ring locate --profile ketama --servers $list <$keys >/dev/null")
fi
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/hyperfine.json" --export-markdown "$OUT/hyperfine.md" \
  "${commands[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
