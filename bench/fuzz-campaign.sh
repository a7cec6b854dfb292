#!/usr/bin/env bash
# A fuzzing campaign over the pki fuzz targets (docs/fuzzing.md): each *FuzzTest class's fuzz method runs under
# Jazzer's own driver, coverage-guided, for SECONDS seconds, in a JVM of its own (-Xmx768m), with libFuzzer's
# -timeout=1 (an input that takes over a second is a finding), going on past findings (--keep_going) so that one bug
# does not hide the next. Seeds are the targets' own (their @MethodSource and FuzzTestInputs folders).
#   bench/fuzz-campaign.sh [SECONDS [TARGET...]]     e.g. bench/fuzz-campaign.sh 60 PemFuzzTest DerFuzzTest
#   PARALLEL=2 bench/fuzz-campaign.sh 300            two targets at a time
# Work folder: pki/target/fuzz/TARGET/ (corpus/, kept from run to run; findings/ with this run's crash-* and
# timeout-* files; log). Prints one line per target: executions, seconds, findings; and writes them to
# pki/target/fuzz/summary.tsv. Do not build pki while it runs: a target's JVM loads classes as it goes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-300}"
shift || true
PARALLEL="${PARALLEL:-1}"
OUT="$ROOT/pki/target/fuzz"
JDK="$("$ROOT/whale" jdk)"

cd "$ROOT"
./whale mvn -o -q -pl pki -am test-compile -Dsurefire.skip=true
./whale mvn -o -q -pl pki dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
CP="$ROOT/pki/target/test-classes:$ROOT/pki/target/classes:$(cat "$OUT/classpath.txt")"

targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(find pki/src/test/java -name '*FuzzTest.java' -printf '%f\n' | sed 's/\.java$//' | sort)
fi

run_target() {
  local name="$1" class dir start end execs findings
  class="$(find "$ROOT/pki/src/test/java" -name "$name.java" \
    | sed "s|$ROOT/pki/src/test/java/||; s|\.java$||; s|/|.|g")"
  dir="$OUT/$name"
  rm -rf "$dir/findings" # this run's findings only; the corpus grows from run to run
  mkdir -p "$dir/corpus" "$dir/findings"
  start=$(date +%s)
  # hooks: Jazzer's coverage and comparison tracing (src/test/resources/junit-platform.properties turns them off for
  # the regression runs of ./whale test). BouncyCastle is instrumented too: its parsers are where inputs go deepest.
  (cd "$dir/findings" && "$JDK/bin/java" -Xmx768m -XX:+UseParallelGC -cp "$CP" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method=fuzz --hooks=true \
    --instrumentation_includes='dev.whale.**:org.bouncycastle.**' --keep_going=100 \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=1 -max_len=8192 -print_final_stats=1 \
    "$dir/corpus" >"$dir/log" 2>&1) || true
  end=$(date +%s)
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)"
  findings="$(find "$dir/findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
    | wc -l)"
  printf '%s\t%s\t%s\t%s\n' "$name" "${execs:-0}" "$((end - start))" "$findings" | tee -a "$OUT/summary.tsv"
}
export -f run_target
export ROOT OUT JDK CP SECONDS_PER_TARGET

mkdir -p "$OUT"
rm -f "$OUT/summary.tsv"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(date -u +%FT%TZ);" \
  "$SECONDS_PER_TARGET s a target"
printf 'target\texecutions\tseconds\tfindings\n'
printf '%s\n' "${targets[@]}" | xargs -P "$PARALLEL" -I{} bash -c 'run_target {}'
awk -F'\t' '{ e += $2 } END { print "total executions: " e }' "$OUT/summary.tsv"
