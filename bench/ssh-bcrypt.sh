#!/usr/bin/env bash
# bcrypt_pbkdf cost, whale ssh-keygen against OpenSSH's ssh-keygen, on ed25519 keys with aes256-ctr:
# decrypting (-y -P) and generating with a passphrase, at -a 16, 100 and 500 rounds, with hyperfine.
#
#   bench/ssh-bcrypt.sh [RUNS]      RUNS per command (default 10; 500 rounds use half, at least 3)
#
# Needs hyperfine and ssh-keygen (apt-get install hyperfine openssh-client). Builds whale first, so that its
# launcher's AOT cache exists before timing starts. Prints a markdown table, and whale's time at 100 rounds as a
# multiple of ssh-keygen's (the target is at most 1.3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHALE="$ROOT/whale"
RUNS="${1:-10}"

for tool in hyperfine ssh-keygen; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ssh-bcrypt.sh: $tool is needed: apt-get install ${tool/ssh-keygen/openssh-client}" >&2
    exit 2
  fi
done

"$WHALE" --version >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "# $(ssh -V 2>&1), $("$WHALE" --version), $(nproc) cores" >&2
printf '| -a | ssh-keygen -y | whale -y | ssh-keygen generate | whale generate |\n'
printf '|---:|---:|---:|---:|---:|\n'
for rounds in 16 100 500; do
  runs="$RUNS"
  if (( rounds >= 500 )); then runs=$(( RUNS / 2 > 3 ? RUNS / 2 : 3 )); fi
  ssh-keygen -q -t ed25519 -a "$rounds" -N pass -C bench -f "$tmp/k$rounds" </dev/null
  hyperfine -N --style none --warmup 1 --runs "$runs" --export-csv "$tmp/y$rounds.csv" \
    "ssh-keygen -y -P pass -f $tmp/k$rounds" \
    "$WHALE ssh-keygen -y -P pass -f $tmp/k$rounds" >&2
  hyperfine -N --style none --warmup 1 --runs "$runs" --export-csv "$tmp/g$rounds.csv" \
    --prepare "rm -f $tmp/g $tmp/g.pub" \
    "ssh-keygen -q -t ed25519 -a $rounds -N pass -C bench -f $tmp/g" \
    "$WHALE ssh-keygen -q -t ed25519 -a $rounds -N pass -C bench -f $tmp/g" >&2
  # CSV rows: command,mean,stddev,median,user,system,min,max (seconds); the first row is the header.
  cell() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.3f s ± %.3f", $2, $3 }' "$1"; }
  printf '| %s | %s | %s | %s | %s |\n' "$rounds" "$(cell "$tmp/y$rounds.csv" 1)" "$(cell "$tmp/y$rounds.csv" 2)" \
    "$(cell "$tmp/g$rounds.csv" 1)" "$(cell "$tmp/g$rounds.csv" 2)"
done
awk -F, 'NR == 2 { ssh = $2 }
  NR == 3 { printf "\nwhale -y at 100 rounds takes %.2f x the time of ssh-keygen -y (target <= 1.3)\n", $2 / ssh }' \
  "$tmp/y100.csv"
