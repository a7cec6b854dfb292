#!/usr/bin/env bash
# A local CA and a server certificate for localhost and 127.0.0.1, made by whale pki, for nginx's TLS:
#   docker/nginx/make-certs.sh [OUTDIR]     (default: docker/nginx/certs)
# OUTDIR gets ca.pem (give it to clients: curl --cacert ca.pem), ca.key, server.pem (the leaf, then the CA) and
# server.key. Private keys are written with mode 0600.
# WHALE is the whale command to run (default: this repository's ./whale), e.g. whale's image:
#   WHALE="docker run --rm -u $(id -u) -v $PWD/certs:$PWD/certs -w $PWD/certs whale java -jar /opt/whale/whale.jar"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/docker/nginx/certs}"
mkdir -p "$OUT"
cd "$OUT"
read -ra W <<< "${WHALE:-$ROOT/whale}"
"${W[@]}" pki req -x509 -newkey rsa:2048 -keyout ca.key -out ca.pem -days 365 -nodes -subj '/CN=whale local CA' \
  2>/dev/null
"${W[@]}" pki req -new -newkey rsa:2048 -keyout server.key -out server.csr -nodes -subj '/CN=localhost' 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > server.ext
"${W[@]}" pki x509 -req -in server.csr -CA ca.pem -CAkey ca.key -days 90 -extfile server.ext -out leaf.pem 2>/dev/null
cat leaf.pem ca.pem > server.pem
rm -f leaf.pem server.csr server.ext
chmod 600 ca.key server.key
echo "$OUT: ca.pem, server.pem, server.key"
