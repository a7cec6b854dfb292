#!/usr/bin/env bash
# Signing 1,000 user certificates: one whale process for all of them, against a loop of 1,000 ssh-keygen
# processes and one ssh-keygen process given the 1,000 keys, with hyperfine in the same run.
#
#   bench/ssh-certs.sh [RUNS] [KEYS] [CA]   RUNS per command (default 5), KEYS to sign (default 1000), CA the CA's
#                                            ssh-keygen -t (ed25519, the default; rsa is 3072 bits; ecdsa is P-256)
#   LOOP=0 bench/ssh-certs.sh ...            leaves out the loop of KEYS ssh-keygen processes (the slow one)
#
# Needs hyperfine and ssh-keygen (apt-get install hyperfine openssh-client). The keys are ed25519, made by
# ssh-keygen first, as is the CA; the certificates are written beside the keys (KEY-cert.pub). Prints hyperfine's
# table, then each command's mean CPU time (user + system), the steadier number on a shared machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHALE="$ROOT/whale"
RUNS="${1:-5}"
KEYS="${2:-1000}"
CA="${3:-ed25519}"

for tool in hyperfine ssh-keygen python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ssh-certs.sh: $tool is needed: apt-get install ${tool/ssh-keygen/openssh-client}" >&2
    exit 2
  fi
done

"$WHALE" --version >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

ssh-keygen -q -t "$CA" -N '' -C ca -f "$tmp/ca" </dev/null
for i in $(seq 1 "$KEYS"); do
  ssh-keygen -q -t ed25519 -N '' -C "user$i" -f "$tmp/k$i" </dev/null
done
keys="$(for i in $(seq 1 "$KEYS"); do printf '%s ' "$tmp/k$i.pub"; done)"
cat >"$tmp/loop.sh" <<LOOP
for i in \$(seq 1 $KEYS); do ssh-keygen -q -s $tmp/ca -I id -n alice -V +52w $tmp/k\$i.pub; done
LOOP

echo "# $(ssh -V 2>&1), $("$WHALE" --version), $(nproc) cores, $KEYS keys, $CA CA," \
  "load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
loop=()
if [[ "${LOOP:-1}" != 0 ]]; then loop=(-n "ssh-keygen, $KEYS processes" "bash $tmp/loop.sh"); fi
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-markdown "$tmp/table.md" --export-json "$tmp/table.json" \
  "${loop[@]}" \
  -n "ssh-keygen, 1 process" "ssh-keygen -q -s $tmp/ca -I id -n alice -V +52w $keys" \
  -n "whale, 1 process" "$WHALE ssh-keygen -q -s $tmp/ca -I id -n alice -V +52w $keys" >&2
echo "# load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cat "$tmp/table.md"
python3 - "$tmp/table.json" <<'CPU'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}: user {r['user']:.2f} s + system {r['system']:.2f} s = {r['user'] + r['system']:.2f} s CPU")
CPU
