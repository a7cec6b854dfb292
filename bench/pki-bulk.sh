#!/usr/bin/env bash
# Bulk key work and cold start: one whale process over N key files against a loop of openssl processes, and one
# `whale pki rsa -noout -text` against one `openssl rsa -noout -text`, with hyperfine.
#   bench/pki-bulk.sh [N]          default N = 1000
# Keys are made by openssl: 50 distinct 2048-bit RSA keys, copied to N files (the content does not change the cost).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is needed: apt-get install openssl" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/keys"
for i in $(seq 1 50); do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/k$i.pem" 2>/dev/null
done
for i in $(seq 1 "$N"); do
  cp "$TMP/k$(( (i - 1) % 50 + 1 )).pem" "$TMP/keys/$(printf 'key%05d.pem' "$i")"
done
W="$ROOT/whale"
"$W" --version >/dev/null   # build and train the start-up cache first

# The same bytes out of both, before timing.
cmp <(for f in "$TMP"/keys/*; do openssl asn1parse -in "$f"; done) <("$W" pki asn1parse -in "$TMP/keys")
cmp <(for f in "$TMP"/keys/*; do openssl rsa -in "$f" -noout -text; done) <("$W" pki rsa -noout -text -in "$TMP/keys")

hyperfine -N --warmup 1 --runs 5 --export-markdown "$TMP/bulk-asn1parse.md" \
  -n "openssl asn1parse, $N processes" "bash -c 'for f in $TMP/keys/*; do openssl asn1parse -in \$f >/dev/null; done'" \
  -n "whale pki asn1parse, one process" "$W pki asn1parse -in $TMP/keys"
hyperfine -N --warmup 1 --runs 5 --export-markdown "$TMP/bulk-rsa.md" \
  -n "openssl rsa -noout -text, $N processes" \
  "bash -c 'for f in $TMP/keys/*; do openssl rsa -in \$f -noout -text >/dev/null; done'" \
  -n "whale pki rsa -noout -text, one process" "$W pki rsa -noout -text -in $TMP/keys"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$TMP/cold.md" \
  -n "openssl rsa -noout -text (one key)" "openssl rsa -in $TMP/k1.pem -noout -text" \
  -n "whale pki rsa -noout -text (one key)" "$W pki rsa -in $TMP/k1.pem -noout -text"
cat "$TMP/bulk-asn1parse.md" "$TMP/bulk-rsa.md" "$TMP/cold.md"
