#!/usr/bin/env bash
# `whale pki dgst -sha256` over a 1 GiB file of random bytes against `openssl dgst -sha256`, JVM start included,
# both reading the file from the page cache; and the other digests on the same file, once each, for the table.
#   bench/pki-dgst.sh [SIZE_MIB] [ROUNDS]       default 1024 MiB, 15 interleaved rounds
#   WHALE_BEFORE=/path/to/other/checkout/whale bench/pki-dgst.sh      also times another build of whale
# hyperfine runs each command 10 times in a row. On a shared 2-core machine the load drifts within a minute, so
# the script then also runs the commands in turn, ROUNDS times, and prints each one's median wall time: drift
# then hits every command alike.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIB="${1:-1024}"
ROUNDS="${2:-15}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is needed: apt-get install openssl" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
head -c "$((MIB * 1024 * 1024))" /dev/urandom > "$TMP/big.bin"
W="$ROOT/whale"
"$W" --version >/dev/null   # build and train the start-up cache first
NAMES=("openssl" "whale")
CMDS=("openssl dgst -sha256 $TMP/big.bin" "$W pki dgst -sha256 $TMP/big.bin")
if [[ -n "${WHALE_BEFORE:-}" ]]; then
  "$WHALE_BEFORE" --version >/dev/null
  NAMES+=("whale before")
  CMDS+=("$WHALE_BEFORE pki dgst -sha256 $TMP/big.bin")
fi
echo "before: $(uptime)"    # two cores: the numbers mean something only on a quiet machine
cmp <(openssl dgst -sha256 "$TMP/big.bin") <("$W" pki dgst -sha256 "$TMP/big.bin")
ARGS=()
for i in "${!CMDS[@]}"; do ARGS+=(-n "${NAMES[$i]} dgst -sha256, $MIB MiB" "${CMDS[$i]}"); done
hyperfine -N --warmup 1 --runs 10 --export-markdown "$TMP/dgst.md" "${ARGS[@]}"
cat "$TMP/dgst.md"

# Interleaved rounds: wall time in ms of each command, one line per run, then the medians.
for ((r = 0; r < ROUNDS; r++)); do
  for i in "${!CMDS[@]}"; do
    read -r -a argv <<<"${CMDS[$i]}"
    t0=$(date +%s%N)
    "${argv[@]}" >/dev/null
    echo $(( ($(date +%s%N) - t0) / 1000000 )) >>"$TMP/wall.$i"
  done
done
median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
base="$(median "$TMP/wall.0")"
echo "interleaved, $ROUNDS rounds, median wall time:"
for i in "${!CMDS[@]}"; do
  m="$(median "$TMP/wall.$i")"
  printf '  %-14s %6s ms  %.2fx openssl\n' "${NAMES[$i]}" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN {print a / b}')"
done

for d in sha1 sha512 sha3-256 md5 blake2b512; do
  cmp <(openssl dgst -$d "$TMP/big.bin") <("$W" pki dgst -$d "$TMP/big.bin")
  hyperfine -N --runs 3 --export-markdown "$TMP/$d.md" -n "openssl -$d" "openssl dgst -$d $TMP/big.bin" \
    -n "whale -$d" "$W pki dgst -$d $TMP/big.bin" >/dev/null
  tail -n 2 "$TMP/$d.md"
done
echo "after: $(uptime)"
