#!/usr/bin/env bash
# Signing 1,000 user certificates: one whale process for all of them, against a loop of 1,000 ssh-keygen
# processes and one ssh-keygen process given the 1,000 keys, with hyperfine in the same run.
#
#   bench/ssh-certs.sh [RUNS] [KEYS]     RUNS per command (default 5), KEYS to sign (default 1000)
#
# Needs hyperfine and ssh-keygen (apt-get install hyperfine openssh-client). The CA and the keys are ed25519, made
# by ssh-keygen first; the certificates are written beside the keys (KEY-cert.pub). Prints hyperfine's table.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHALE="$ROOT/whale"
RUNS="${1:-5}"
KEYS="${2:-1000}"

for tool in hyperfine ssh-keygen; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ssh-certs.sh: $tool is needed: apt-get install ${tool/ssh-keygen/openssh-client}" >&2
    exit 2
  fi
done

"$WHALE" --version >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

ssh-keygen -q -t ed25519 -N '' -C ca -f "$tmp/ca" </dev/null
for i in $(seq 1 "$KEYS"); do
  ssh-keygen -q -t ed25519 -N '' -C "user$i" -f "$tmp/k$i" </dev/null
done
keys="$(for i in $(seq 1 "$KEYS"); do printf '%s ' "$tmp/k$i.pub"; done)"
cat >"$tmp/loop.sh" <<LOOP
for i in \$(seq 1 $KEYS); do ssh-keygen -q -s $tmp/ca -I id -n alice -V +52w $tmp/k\$i.pub; done
LOOP

echo "# $(ssh -V 2>&1), $("$WHALE" --version), $(nproc) cores, $KEYS keys" >&2
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-markdown "$tmp/table.md" \
  -n "ssh-keygen, $KEYS processes" "bash $tmp/loop.sh" \
  -n "ssh-keygen, 1 process" "ssh-keygen -q -s $tmp/ca -I id -n alice -V +52w $keys" \
  -n "whale, 1 process" "$WHALE ssh-keygen -q -s $tmp/ca -I id -n alice -V +52w $keys" >&2
cat "$tmp/table.md"
