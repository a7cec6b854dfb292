#!/usr/bin/env bash
# `whale pki dgst -sha256` over a 1 GiB file of random bytes against `openssl dgst -sha256`, JVM start included,
# both reading the file from the page cache; and the other digests on the same file, once each, for the table.
#   bench/pki-dgst.sh [SIZE_MIB]        default 1024
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIB="${1:-1024}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is needed: apt-get install openssl" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
head -c "$((MIB * 1024 * 1024))" /dev/urandom > "$TMP/big.bin"
W="$ROOT/whale"
"$W" --version >/dev/null   # build and train the start-up cache first
echo "before: $(uptime)"    # two cores: the numbers mean something only on a quiet machine
cmp <(openssl dgst -sha256 "$TMP/big.bin") <("$W" pki dgst -sha256 "$TMP/big.bin")
hyperfine -N --warmup 1 --runs 10 --export-markdown "$TMP/dgst.md" \
  -n "openssl dgst -sha256, $MIB MiB" "openssl dgst -sha256 $TMP/big.bin" \
  -n "whale pki dgst -sha256, $MIB MiB" "$W pki dgst -sha256 $TMP/big.bin"
cat "$TMP/dgst.md"
for d in sha1 sha512 sha3-256 md5 blake2b512; do
  cmp <(openssl dgst -$d "$TMP/big.bin") <("$W" pki dgst -$d "$TMP/big.bin")
  hyperfine -N --runs 3 --export-markdown "$TMP/$d.md" -n "openssl -$d" "openssl dgst -$d $TMP/big.bin" \
    -n "whale -$d" "$W pki dgst -$d $TMP/big.bin" >/dev/null
  tail -n 2 "$TMP/$d.md"
done
echo "after: $(uptime)"
