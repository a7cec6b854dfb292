#!/usr/bin/env bash
# Makes the seed corpora of the pki fuzz targets (docs/fuzzing.md) under pki/src/test/resources/fuzz/, with the real
# openssl and ssh-keygen: keys of every type and format whale reads, encrypted ones cheap to open (PBKDF2 16
# iterations, bcrypt 1 round, passphrase whale-fuzz as in Fuzzing.PASSPHRASE), a few trust store roots, a chain
# with the extensions CertificateText prints, and requests. Run once; the files are committed.
#   bench/fuzz-seeds.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/pki/src/test/resources/fuzz"
PASS=whale-fuzz
rm -rf "$OUT"
mkdir -p "$OUT"/{keys,ssh,certs,csr}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$OUT/keys"

# Private keys: PKCS#8, the traditional forms, DER; their public halves as SPKI and PKCS#1.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.pk8.pem 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pk8.pem 2>/dev/null
openssl pkey -in rsa1024.pk8.pem -traditional -out rsa1024.pkcs1.pem
openssl pkey -in rsa1024.pk8.pem -outform DER -out rsa1024.pk8.der
openssl rsa -in rsa1024.pk8.pem -traditional -outform DER -out rsa1024.pkcs1.der 2>/dev/null
openssl pkey -in rsa1024.pk8.pem -pubout -out rsa1024.spki.pem
openssl rsa -in rsa1024.pk8.pem -RSAPublicKey_out -out rsa1024.pkcs1pub.pem 2>/dev/null
openssl rsa -in rsa1024.pk8.pem -RSAPublicKey_out -outform DER -out rsa1024.pkcs1pub.der 2>/dev/null
for c in P-256 P-384 P-521; do
  n="ec${c#P-}"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$c -out $n.pk8.pem
  openssl pkey -in $n.pk8.pem -traditional -out $n.sec1.pem
  openssl pkey -in $n.pk8.pem -pubout -out $n.spki.pem
done
openssl ec -in ec256.pk8.pem -outform DER -out ec256.sec1.der 2>/dev/null
openssl pkey -in ec256.pk8.pem -pubout -outform DER -out ec256.spki.der
openssl ec -in ec256.pk8.pem -param_enc explicit -out ec256.explicit.pem 2>/dev/null
openssl genpkey -algorithm ED25519 -out ed25519.pk8.pem
openssl pkey -in ed25519.pk8.pem -pubout -out ed25519.spki.pem
# Encrypted: PBES2 with several ciphers and PRFs, DER too, and the legacy PEM encryption (Proc-Type, DEK-Info).
openssl pkcs8 -topk8 -in rsa1024.pk8.pem -v2 aes-256-cbc -iter 16 -passout pass:$PASS -out rsa1024.enc.pem
openssl pkcs8 -topk8 -in ec256.pk8.pem -v2 aes-128-cbc -v2prf hmacWithSHA1 -iter 16 -passout pass:$PASS \
  -out ec256.enc.pem
openssl pkcs8 -topk8 -in ed25519.pk8.pem -v2 des3 -v2prf hmacWithSHA512 -iter 16 -passout pass:$PASS \
  -outform DER -out ed25519.enc.der
openssl rsa -in rsa1024.pk8.pem -traditional -aes128 -passout pass:$PASS -out rsa1024.legacy-enc.pem 2>/dev/null
openssl ec -in ec384.pk8.pem -des3 -passout pass:$PASS -out ec384.legacy-enc.pem 2>/dev/null

# OpenSSH: private keys (plain, and encrypted with one bcrypt round), their public lines and RFC 4716 forms.
cd "$OUT/ssh"
ssh-keygen -q -t rsa -b 1024 -N '' -C rsa@whale -f id_rsa
ssh-keygen -q -t ecdsa -b 256 -N '' -C 'ecdsa 256' -f id_ecdsa256
ssh-keygen -q -t ecdsa -b 384 -N '' -C '' -f id_ecdsa384
ssh-keygen -q -t ecdsa -b 521 -N '' -C ecdsa521 -f id_ecdsa521
ssh-keygen -q -t ed25519 -N '' -C ed@whale -f id_ed25519
ssh-keygen -q -t ed25519 -a 1 -N $PASS -C enc -f id_ed25519.aes256ctr
ssh-keygen -q -t ecdsa -a 1 -N $PASS -Z aes128-cbc -f id_ecdsa.aes128cbc
ssh-keygen -q -t rsa -b 1024 -a 1 -N $PASS -Z chacha20-poly1305@openssh.com -f id_rsa.chacha
ssh-keygen -q -t ed25519 -a 1 -N $PASS -Z aes256-gcm@openssh.com -f id_ed25519.aes256gcm
for k in id_rsa id_ecdsa256 id_ed25519; do ssh-keygen -e -f $k.pub >$k.rfc4716; done
cat id_rsa.pub id_ecdsa521.pub >authorized_keys
sed -i '1s/^/from="10.0.0.1",no-pty /' authorized_keys
rm -f ./*.aes*.pub ./*.chacha.pub

# Certificates: a few roots of the trust store, and a chain made here with the extensions x509 -text prints.
cd "$OUT/certs"
for f in ISRG_Root_X1 ISRG_Root_X2 DigiCert_Global_Root_G2 Amazon_Root_CA_3; do
  cp "/etc/ssl/certs/$f.pem" "$f.pem"
done
openssl x509 -in ISRG_Root_X2.pem -outform DER -out ISRG_Root_X2.der
cat >"$tmp/ext.cnf" <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = permitted;DNS:.whale.test, excluded;IP:10.0.0.0/255.0.0.0
certificatePolicies = 2.23.140.1.2.1, 1.3.6.1.4.1.99999.1
[leaf]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:www.whale.test, IP:192.0.2.1, email:ops@whale.test, URI:https://whale.test/
authorityInfoAccess = OCSP;URI:http://ocsp.whale.test, caIssuers;URI:http://ca.whale.test/ca.crt
crlDistributionPoints = URI:http://crl.whale.test/ca.crl
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
EOF
openssl req -x509 -new -key "$OUT/keys/ec384.pk8.pem" -subj "/C=DE/O=Whale/CN=Whale Root" -days 3650 \
  -set_serial 1 -out root.pem -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new -key "$OUT/keys/rsa2048.pk8.pem" -subj "/C=DE/O=Whale/OU=Ops/CN=Whale Intermediate" \
  -out "$tmp/int.csr"
openssl x509 -req -in "$tmp/int.csr" -CA root.pem -CAkey "$OUT/keys/ec384.pk8.pem" -set_serial 2 -days 1825 \
  -extfile "$tmp/ext.cnf" -extensions ca -out intermediate.pem 2>/dev/null
openssl req -new -key "$OUT/keys/ec256.pk8.pem" -subj "/CN=www.whale.test/emailAddress=ops@whale.test" \
  -out "$tmp/leaf.csr"
openssl x509 -req -in "$tmp/leaf.csr" -CA intermediate.pem -CAkey "$OUT/keys/rsa2048.pk8.pem" \
  -set_serial 0x7fedcba987654321 -days 90 -sha384 -extfile "$tmp/ext.cnf" -extensions leaf -out leaf.pem 2>/dev/null
openssl req -x509 -new -key "$OUT/keys/ed25519.pk8.pem" -subj "/CN=ed25519 self-signed" -days 30 \
  -out ed25519-self.pem 2>/dev/null
openssl req -x509 -new -key "$OUT/keys/rsa1024.pk8.pem" -subj "/CN=v1" -days 30 -sha1 -out rsa-sha1.pem 2>/dev/null
# The verifier's inputs: trust store blocks, then the leaf last.
cat root.pem intermediate.pem leaf.pem >chain.pem
cat intermediate.pem leaf.pem >partial-chain.pem
cat ed25519-self.pem ed25519-self.pem >self-twice.pem

# Requests.
cd "$OUT/csr"
openssl req -new -key "$OUT/keys/rsa1024.pk8.pem" -subj "/C=FR/ST=Paris/O=Whale/CN=rsa" -sha256 \
  -addext "subjectAltName=DNS:a.whale.test,IP:::1" -addext "keyUsage=digitalSignature" -out rsa.pem
openssl req -new -key "$OUT/keys/ec521.pk8.pem" -subj "/CN=ec521" -sha512 -outform DER -out ec521.der
openssl req -new -key "$OUT/keys/ed25519.pk8.pem" -subj "/CN=ed25519" -out ed25519.pem
du -sh "$OUT"
