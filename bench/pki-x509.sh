#!/usr/bin/env bash
# Certificates in bulk: `whale pki x509 -noout -text` over a trust store in one process, against a loop of openssl
# processes over the same files and against one openssl process over a bundle of them (crl2pkcs7 | pkcs7
# -print_certs, whose names print in another format, so it is timed but not compared); and `whale pki stats`
# against the post's two shell pipelines.
#   bench/pki-x509.sh [DIR]        default DIR = /etc/ssl/certs (its *.pem files, as in the post)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="${1:-/etc/ssl/certs}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is needed: apt-get install openssl" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/certs"
cp -L "$STORE"/*.pem "$TMP/certs/"
N=$(ls "$TMP/certs" | wc -l)
cat "$TMP"/certs/*.pem > "$TMP/bundle.pem"
W="$ROOT/whale"
"$W" --version >/dev/null   # build and train the start-up cache first
echo "before: $(uptime)"    # two cores: the numbers mean something only on a quiet machine

# The same bytes out of whale and the openssl loop, before timing.
cmp <(for f in "$TMP"/certs/*.pem; do openssl x509 -in "$f" -noout -text; done) \
    <("$W" pki x509 -noout -text -in "$TMP/certs")
cmp <(for f in "$TMP"/certs/*.pem; do
        openssl x509 -inform pem -in "$f" -noout -text | grep -E "Public Key Algorithm"
      done | LC_ALL=C sort | uniq -c
      for f in "$TMP"/certs/*.pem; do
        openssl x509 -inform pem -in "$f" -noout -text | grep -E "^    Signature Algorithm"
      done | LC_ALL=C sort | uniq -c) \
    <("$W" pki stats "$TMP/certs")

hyperfine -N --warmup 2 --runs 10 --export-markdown "$TMP/x509.md" \
  -n "openssl x509 -noout -text, $N processes" \
  "bash -c 'for f in $TMP/certs/*.pem; do openssl x509 -in \$f -noout -text >/dev/null; done'" \
  -n "openssl crl2pkcs7 | pkcs7 -print_certs -text, one process" \
  "bash -c 'openssl crl2pkcs7 -nocrl -certfile $TMP/bundle.pem | openssl pkcs7 -print_certs -text -noout >/dev/null'" \
  -n "whale pki x509 -noout -text, one process" "$W pki x509 -noout -text -in $TMP/certs"
# The post's two pipelines, as one command line.
PIPELINES="for f in $TMP/certs/*.pem; do openssl x509 -inform pem -in \$f -noout -text"
PIPELINES+=" | grep -E \"Public Key Algorithm\"; done | sort | uniq -c;"
PIPELINES+=" for f in $TMP/certs/*.pem; do openssl x509 -inform pem -in \$f -noout -text"
PIPELINES+=" | grep -E \"^    Signature Algorithm\"; done | sort | uniq -c"
hyperfine -N --warmup 2 --runs 10 --export-markdown "$TMP/stats.md" \
  -n "the post's two pipelines, $((2 * N)) openssl processes" "bash -c '$PIPELINES'" \
  -n "whale pki stats, one process" "$W pki stats $TMP/certs"
# Verifying every root: whale in one process against one openssl verify over the same files.
# (stdout and stderr compared one by one: their interleaving through one pipe depends on buffering.)
cmp <(openssl verify -CApath /etc/ssl/certs "$TMP"/certs/*.pem 2>/dev/null) \
    <("$W" pki verify -CApath /etc/ssl/certs "$TMP"/certs/*.pem 2>/dev/null)
cmp <(openssl verify -CApath /etc/ssl/certs "$TMP"/certs/*.pem 2>&1 >/dev/null) \
    <("$W" pki verify -CApath /etc/ssl/certs "$TMP"/certs/*.pem 2>&1 >/dev/null)
hyperfine -N -i --warmup 3 --runs 20 --export-markdown "$TMP/verify.md" \
  -n "openssl verify -CApath /etc/ssl/certs, one process" \
  "bash -c 'openssl verify -CApath /etc/ssl/certs $TMP/certs/*.pem >/dev/null'" \
  -n "whale pki verify -CApath /etc/ssl/certs, one process" \
  "bash -c '$W pki verify -CApath /etc/ssl/certs $TMP/certs/*.pem >/dev/null'"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$TMP/cold.md" \
  -n "openssl x509 -noout -text (one certificate)" \
  "openssl x509 -in $TMP/certs/$(ls "$TMP/certs" | head -n 1) -noout -text" \
  -n "whale pki x509 -noout -text (one certificate)" \
  "$W pki x509 -in $TMP/certs/$(ls "$TMP/certs" | head -n 1) -noout -text"
cat "$TMP/x509.md" "$TMP/verify.md" "$TMP/stats.md" "$TMP/cold.md"
echo "after: $(uptime)"
