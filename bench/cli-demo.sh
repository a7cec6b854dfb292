#!/usr/bin/env bash
# Wall time of `whale ring demo` beside the post's consistent_hashing_demo.py, with hyperfine.
#   bench/cli-demo.sh [NODES PARTITIONS]...      default: 3 5 and 5 3000
# The post's script is read from the post (WHALE_SEED_DIR, default ../shared/seed beside the repository) into a
# temporary directory, never into the repository; without the post it falls back to ring/src/test/python/demo_oracle.py.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEED="${WHALE_SEED_DIR:-$ROOT/../shared/seed}"
POST="$SEED/data-partitioning-and-consistent-hashing.md"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed: apt-get install python3" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$ROOT/whale" --version >/dev/null   # build and train the start-up cache first
sizes=("$@")
(( ${#sizes[@]} )) || sizes=(3 5 5 3000)
for ((i = 0; i < ${#sizes[@]}; i += 2)); do
  n=${sizes[i]} p=${sizes[i+1]}
  if [[ -r "$POST" ]]; then
    python3 - "$POST" "$n" "$p" > "$TMP/demo.py" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
code = text[text.index("consistent_hashing_demo.py"):].split("```")[1]
code = re.sub(r"(?m)^NUM_NODES = .*$", "NUM_NODES = " + sys.argv[2], code)
code = re.sub(r"(?m)^NUM_PARTITIONS = .*$", "NUM_PARTITIONS = " + sys.argv[3], code)
print(code)
PY
    peer="python3 $TMP/demo.py"
  else
    echo "the post is not at $POST; timing the independent oracle instead" >&2
    peer="python3 $ROOT/ring/src/test/python/demo_oracle.py $n $p"
  fi
  cmp <($peer) <("$ROOT/whale" ring demo --nodes "$n" --partitions "$p") \
    || { echo "outputs differ for $n x $p" >&2; exit 1; }
  hyperfine -N --warmup 3 --runs 20 --export-markdown "$TMP/demo-$n-$p.md" \
    -n "python3 consistent_hashing_demo.py ($n x $p)" "$peer" \
    -n "./whale ring demo --nodes $n --partitions $p" "$ROOT/whale ring demo --nodes $n --partitions $p"
  cat "$TMP/demo-$n-$p.md"
done
