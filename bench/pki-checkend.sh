#!/usr/bin/env bash
# Cold start of one certificate check: `whale pki x509 -checkend 0 -in cert.pem` beside
# `openssl x509 -checkend 0 -in cert.pem`, in the same hyperfine run, after checking that both print the same line
# and exit the same way.
#   bench/pki-checkend.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is needed: apt-get install openssl" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/key.pem" -subj /CN=localhost \
  -days 30 -out "$TMP/cert.pem" 2>/dev/null
W="$ROOT/whale"
"$W" --version >/dev/null   # build and train the start-up cache first
cmp <(openssl x509 -checkend 0 -in "$TMP/cert.pem"; echo "exit $?") \
    <("$W" pki x509 -checkend 0 -in "$TMP/cert.pem"; echo "exit $?")
echo "before: $(uptime)"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$TMP/checkend.md" \
  -n "openssl x509 -checkend 0" "openssl x509 -checkend 0 -in $TMP/cert.pem" \
  -n "whale pki x509 -checkend 0" "$W pki x509 -checkend 0 -in $TMP/cert.pem"
cat "$TMP/checkend.md"
echo "after: $(uptime)"
