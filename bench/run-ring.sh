#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the ring benchmarks of the consistent-hashing issue on JDK 25:
# lookups against the TreeMap ring and Guava, ring builds (warm and cold), the exact rebalance, and the footprint.
# JSON results and the footprint report go to bench/results/ (gitignored); a summary is printed at the end.
#
#   bench/run-ring.sh                 everything (about 3 minutes on 2 cores)
#   bench/run-ring.sh lookup          only the lookups (also: build, cold, rebalance, footprint, summary)
#
# Settings are for a small (2-core) machine: one fork, 1 s iterations for the nanosecond lookups, 2 s for the
# millisecond builds and rebalance, five fresh JVMs for the cold (single-shot) builds. Override with LOOKUP_OPTS,
# BUILD_OPTS, COLD_OPTS, REBALANCE_OPTS; JAVA overrides the JVM (default: the JDK ./whale finds). Skip the Maven
# build with NO_BUILD=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA:-$("$ROOT/whale" jdk)/bin/java}"
JAR="$ROOT/bench/target/benchmarks.jar"
OUT="$ROOT/bench/results"
LOOKUP_OPTS="${LOOKUP_OPTS:--f 1 -wi 5 -i 10 -w 1s -r 1s}"
BUILD_OPTS="${BUILD_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"
COLD_OPTS="${COLD_OPTS:--f 5 -wi 0 -i 1 -bm ss -tu ms}"
REBALANCE_OPTS="${REBALANCE_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"
STEPS=("$@")
[[ ${#STEPS[@]} -eq 0 ]] && STEPS=(lookup build cold rebalance footprint summary)

wants() {
  local s
  for s in "${STEPS[@]}"; do [[ "$s" == "$1" ]] && return 0; done
  return 1
}

mkdir -p "$OUT"
if [[ "${NO_BUILD:-0}" != 1 ]]; then
  echo "== building $JAR"
  "$ROOT/whale" mvn -q -B -pl bench -am package -DskipTests
fi

{
  echo "date:   $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpus:   $(nproc) ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1))"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "load:   $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java:   $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
} | tee "$OUT/ring-machine.txt"

# $1: JSON name, rest: JMH arguments (word splitting of the *_OPTS strings is intended).
jmh() {
  local name="$1"
  shift
  echo "== $* -> $OUT/$name.json"
  "$JAVA" -jar "$JAR" "$@" -rf json -rff "$OUT/$name.json"
}

# shellcheck disable=SC2086
{
  wants lookup && jmh ring-lookup RingLookupBenchmark $LOOKUP_OPTS
  wants build && jmh ring-build RingBuildBenchmark $BUILD_OPTS
  wants cold && jmh ring-build-cold RingBuildBenchmark $COLD_OPTS
  wants rebalance && jmh rebalance RebalanceBenchmark $REBALANCE_OPTS
  true
}

if wants footprint; then
  echo "== RingFootprint -> $OUT/ring-footprint.txt"
  "$JAVA" -Xms2g -Xmx2g --sun-misc-unsafe-memory-access=allow -Djdk.attach.allowAttachSelf=true \
    -XX:+EnableDynamicAgentLoading -cp "$JAR" dev.whale.bench.RingFootprint | tee "$OUT/ring-footprint.txt"
fi

wants summary || exit 0

# Score of a benchmark method in a JSON file, optionally for one "nodes" parameter.
score() { # file method [nodes]
  jq -r --arg m "$2" --arg n "${3:-}" \
    '.[] | select((.benchmark | endswith("." + $m)) and ($n == "" or .params.nodes == $n)) | .primaryMetric.score' \
    "$OUT/$1.json" 2>/dev/null | head -n 1
}

echo
echo "== summary (score ± 99.9% error; cold = first call in each of several fresh JVMs)"
for f in ring-lookup ring-build ring-build-cold rebalance; do
  [[ -f "$OUT/$f.json" ]] || continue
  jq -r '.[] | [(.benchmark | sub("^dev\\.whale\\.bench\\."; "")), (.params.nodes // "-"), .mode,
                (.primaryMetric.score * 100 | round / 100 | tostring),
                ((.primaryMetric.scoreError // 0) * 100 | round / 100 | tostring), .primaryMetric.scoreUnit]
              | "\(.[0]) [nodes=\(.[1])] \(.[2])  \(.[3]) ± \(.[4]) \(.[5])"' "$OUT/$f.json"
done

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}
num() { awk -v a="$1" 'BEGIN { if (a == "") print "n/a"; else printf "%.2f", a }'; }
# MET or MISSED: is $1 $2 $3 (the operator being <= or >=)?
check() {
  awk -v v="$1" -v op="$2" -v t="$3" '
     BEGIN {
       if (v == "" || v == "n/a") { print "NOT MEASURED"; exit }
       ok = (op == "<=") ? (v + 0 <= t + 0) : (v + 0 >= t + 0)
       print (ok ? "MET" : "MISSED")
     }'
}

if [[ -f "$OUT/ring-footprint.txt" ]]; then
  echo
  echo "== footprint and first-run (cold) times, from $OUT/ring-footprint.txt"
  sed -n '/^build\|^exact\|^HashRing\|^post/p' "$OUT/ring-footprint.txt"
fi

echo
echo "== targets"
if [[ -f "$OUT/ring-lookup.json" ]]; then
  w100=$(score ring-lookup whaleRing 100); t100=$(score ring-lookup treeMapRing 100)
  w1000=$(score ring-lookup whaleRing 1000); g1000=$(score ring-lookup guavaConsistentHash 1000)
  r1=$(ratio "$t100" "$w100"); r2=$(ratio "$g1000" "$w1000")
  echo "lookup, 100 nodes x 160:  TreeMap/whale = ${r1}x (target >= 5): $(check "$r1" '>=' 5)"
  echo "lookup, 100 nodes x 160:  whale = $(num "$w100") ns/op (target <= 20): $(check "$w100" '<=' 20)"
  echo "lookup, 1000 nodes x 160: Guava/whale = ${r2}x (target >= 1): $(check "$r2" '>=' 1)"
  t1000=$(score ring-lookup treeMapRing 1000)
  echo "lookup, 1000 nodes x 160: TreeMap/whale = $(ratio "$t1000" "$w1000")x (no target)"
fi
if [[ -f "$OUT/ring-build.json" ]]; then
  b=$(score ring-build hashRingGenerated)
  echo "build 1M-point HashRing, warm: $(num "$b") ms (target <= 500): $(check "$b" '<=' 500)"
fi
if [[ -f "$OUT/ring-build-cold.json" ]]; then
  b=$(score ring-build-cold hashRingGenerated)
  echo "build 1M-point HashRing, cold: $(num "$b") ms (target <= 500): $(check "$b" '<=' 500)"
fi
if [[ -f "$OUT/ring-footprint.txt" ]]; then
  bpp=$(sed -n 's/^HashRing retained (JOL totalSize):.*= \([0-9.]*\) bytes\/point/\1/p' "$OUT/ring-footprint.txt")
  echo "1M-point HashRing retained size (JOL): $bpp bytes/point (target <= 16): $(check "$bpp" '<=' 16)"
fi
if [[ -f "$OUT/rebalance.json" ]]; then
  r=$(score rebalance exactRebalance)
  echo "exact rebalance of two 1M-point rings: $(num "$r") ms (target <= 1000): $(check "$r" '<=' 1000)"
fi
