#!/usr/bin/env bash
# Makes the seed corpora of the pki fuzz targets (docs/fuzzing.md) under pki/src/test/resources/fuzz/, with the real
# openssl and ssh-keygen: keys of every type and format whale reads, encrypted ones cheap to open (PBKDF2 16
# iterations, bcrypt 1 round, passphrase whale-fuzz as in Fuzzing.PASSPHRASE), a few trust store roots, a chain
# with the extensions CertificateText prints, and requests; then PKCS#12 files, CRLs, OpenSSH certificates, SSH
# signatures, allowed_signers and known_hosts files, EC parameters and dgst signatures, made with those keys.
# The files are committed; KIND (a folder: keys ssh certs csr pkcs12 crl sshcert sshsig ssh-lists ecparam dgst)
# remakes only those folders, the later kinds from the committed keys and certificates.
#   bench/fuzz-seeds.sh [KIND...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/pki/src/test/resources/fuzz"
PASS=whale-fuzz
ALL=(keys ssh certs csr pkcs12 crl sshcert sshsig ssh-lists ecparam dgst)
KINDS=("$@")
((${#KINDS[@]})) || KINDS=("${ALL[@]}")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wants() { [[ " ${KINDS[*]} " == *" $1 "* ]]; }
start() { rm -rf "${OUT:?}/$1" && mkdir -p "$OUT/$1" && cd "$OUT/$1"; }

if wants keys; then
  start keys

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
fi

if wants ssh; then
  start ssh
  # OpenSSH: private keys (plain, and encrypted with one bcrypt round), their public lines and RFC 4716 forms.
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
fi

if wants certs; then
  start certs
  # Certificates: a few roots of the trust store, and a chain made here with the extensions x509 -text prints.
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
fi

if wants csr; then
  start csr
  # Requests.
  openssl req -new -key "$OUT/keys/rsa1024.pk8.pem" -subj "/C=FR/ST=Paris/O=Whale/CN=rsa" -sha256 \
    -addext "subjectAltName=DNS:a.whale.test,IP:::1" -addext "keyUsage=digitalSignature" -out rsa.pem
  openssl req -new -key "$OUT/keys/ec521.pk8.pem" -subj "/CN=ec521" -sha512 -outform DER -out ec521.der
  openssl req -new -key "$OUT/keys/ed25519.pk8.pem" -subj "/CN=ed25519" -out ed25519.pem
fi

# The message that the sshsig and dgst seeds sign (and their targets check): Fuzzing.MESSAGE.
printf 'whale fuzz message\n' >"$tmp/msg"
K="$OUT/keys"
C="$OUT/certs"
# ssh-keygen reads only private keys that others cannot: copies with mode 0600.
S="$tmp/ssh"
mkdir -p "$S"
cp "$OUT"/ssh/id_* "$S/"
chmod 600 "$S"/*

if wants pkcs12; then
  start pkcs12
  # PKCS#12 files as OpenSSL 3 writes them, but with 16 iterations (MAC and PBES2): a key with its chain and name,
  # an EC key with SHA-1 as MAC, certificates alone, no encryption, no MAC, neither, and the legacy encryptions.
  p12() { openssl pkcs12 -export -passout pass:$PASS -iter 16 "$@"; }
  p12 -inkey "$K/rsa2048.pk8.pem" -in "$C/intermediate.pem" -certfile "$C/root.pem" -name 'Whale Intermediate' \
    -out rsa-chain.p12
  p12 -inkey "$K/ec256.pk8.pem" -in "$C/leaf.pem" -certfile "$C/intermediate.pem" -macalg sha1 -out ec-leaf.p12
  p12 -nokeys -in "$C/chain.pem" -out certs-only.p12
  p12 -inkey "$K/ed25519.pk8.pem" -in "$C/ed25519-self.pem" -keypbe NONE -certpbe NONE -out ed25519-plain.p12
  p12 -inkey "$K/ec256.pk8.pem" -in "$C/leaf.pem" -nomac -out ec-nomac.p12
  # Neither encrypted nor MACed: a mutant of the others rarely gets past their MAC, of this one always.
  p12 -inkey "$K/rsa1024.pk8.pem" -in "$C/rsa-sha1.pem" -certfile "$C/chain.pem" -name v1 -keypbe NONE \
    -certpbe NONE -nomac -out rsa-plain-nomac.p12
  p12 -inkey "$K/rsa1024.pk8.pem" -in "$C/rsa-sha1.pem" -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES \
    -out rsa-legacy-3des.p12
  # OpenSSL 1.x's defaults (-legacy): the certificates under RC2-40, the key under 3DES, a SHA-1 MAC.
  p12 -legacy -inkey "$K/ec256.pk8.pem" -in "$C/leaf.pem" -certfile "$C/intermediate.pem" -out ec-legacy-rc2.p12
fi

if wants crl; then
  start crl
  # CRLs from openssl ca -gencrl: the intermediate's, v2 with a CRL number and revoked entries with reasons, a hold
  # instruction and a compromise time; the same signed with SHA-1 and 12 hours
  # long; the root's, v1 and empty, in DER.
  cat >"$tmp/ca.cnf" <<EOF
[ca]
default_ca = ca_default
[ca_default]
database = $tmp/index.txt
crlnumber = $tmp/crlnumber
default_md = sha256
default_crl_days = 30
[crl_ext]
authorityKeyIdentifier = keyid:always
EOF
  printf 'R\t301231235959Z\t251201120000Z,keyCompromise\t7FEDCBA987654321\tunknown\t/CN=www.whale.test\n' \
    >"$tmp/index.txt"
  printf 'R\t301231235959Z\t251202120000Z,certificateHold,holdInstructionReject\t0A\tunknown\t/CN=a\n' \
    >>"$tmp/index.txt"
  printf 'R\t301231235959Z\t251203120000Z,keyCompromise,20251101000000Z\t0B\tunknown\t/CN=b\n' >>"$tmp/index.txt"
  printf 'R\t301231235959Z\t251204120000Z,superseded\t01FF\tunknown\t/CN=c\n' >>"$tmp/index.txt"
  printf 'V\t301231235959Z\t\t0C\tunknown\t/CN=d\n' >>"$tmp/index.txt"
  echo 1000 >"$tmp/crlnumber"
  openssl ca -config "$tmp/ca.cnf" -gencrl -crlexts crl_ext -cert "$C/intermediate.pem" \
    -keyfile "$K/rsa2048.pk8.pem" -out intermediate.crl.pem 2>/dev/null
  openssl ca -config "$tmp/ca.cnf" -gencrl -crlexts crl_ext -md sha1 -crlhours 12 -cert "$C/intermediate.pem" \
    -keyfile "$K/rsa2048.pk8.pem" -out intermediate-sha1.crl.pem 2>/dev/null
  : >"$tmp/index.txt"
  rm -f "$tmp/crlnumber"
  sed -i '/^crlnumber/d' "$tmp/ca.cnf"
  openssl ca -config "$tmp/ca.cnf" -gencrl -cert "$C/root.pem" -keyfile "$K/ec384.pk8.pem" -out "$tmp/root.crl" \
    2>/dev/null
  openssl crl -in "$tmp/root.crl" -outform DER -out root-v1.crl.der
fi

if wants sshcert; then
  start sshcert
  # OpenSSH certificates, each line as ssh-keygen -s writes it: a user certificate with principals, a validity
  # window, the two critical options and a serial; a host certificate; an RSA CA with rsa-sha2-256; no principals
  # and no extensions; an unknown extension and critical option.
  for k in id_ecdsa256 id_rsa id_ed25519 id_ecdsa521; do cp "$S/$k.pub" "$tmp/$k.pub"; done
  ssh-keygen -q -s "$S/id_ed25519" -I 'alice@whale' -n alice,bob -V 20250101:20351231 -z 42 \
    -O force-command=/bin/true -O source-address=10.0.0.0/8,192.0.2.1 "$tmp/id_ecdsa256.pub"
  mv "$tmp/id_ecdsa256-cert.pub" user-ecdsa.cert
  ssh-keygen -q -s "$S/id_ecdsa384" -I host -h -n host.whale.test,10.0.0.1 "$tmp/id_rsa.pub"
  mv "$tmp/id_rsa-cert.pub" host-rsa.cert
  ssh-keygen -q -s "$S/id_rsa" -t rsa-sha2-256 -I rsa-ca -V -1d:+52w "$tmp/id_ed25519.pub"
  mv "$tmp/id_ed25519-cert.pub" user-ed25519-rsaca.cert
  ssh-keygen -q -s "$S/id_ed25519" -I bare -O clear -z 18446744073709551615 "$tmp/id_ecdsa521.pub"
  mv "$tmp/id_ecdsa521-cert.pub" bare-ecdsa521.cert
  ssh-keygen -q -s "$S/id_ecdsa521" -I custom -n x -O extension:custom@whale.test=value \
    -O critical:flag@whale.test -O no-pty "$tmp/id_ed25519.pub"
  mv "$tmp/id_ed25519-cert.pub" custom-ed25519.cert
fi

if wants sshsig; then
  start sshsig
  # SSH signatures (ssh-keygen -Y sign, namespace file) of the message, by each kind of key, and with sha256.
  for k in id_ed25519 id_ecdsa256 id_ecdsa521 id_rsa; do
    ssh-keygen -q -Y sign -f "$S/$k" -n file <"$tmp/msg" >"$k.sig"
  done
  ssh-keygen -q -Y sign -f "$S/id_ed25519" -n file -O hashalg=sha256 <"$tmp/msg" >id_ed25519.sha256.sig
  # And by the Ed25519 key in a user certificate signed by the ECDSA key, as -Y sign -f id-cert.pub makes it.
  cp "$S/id_ed25519" "$S/id_ed25519.pub" "$tmp/"
  ssh-keygen -q -s "$S/id_ecdsa256" -I seed -n alice -V 20200101:20991231 "$tmp/id_ed25519.pub"
  ssh-keygen -q -Y sign -f "$tmp/id_ed25519-cert.pub" -n file <"$tmp/msg" >id_ed25519-cert.sig
fi

if wants ssh-lists; then
  start ssh-lists
  # An allowed_signers file with every option, and known_hosts files: plain, with markers and ports, and hashed.
  key() { cut -d' ' -f1,2 "$S/$1.pub"; }
  {
    echo '# signers'
    echo "alice@whale.test $(key id_ed25519)"
    options='namespaces="file,git",valid-after=20240101,valid-before="20991231235959Z"'
    echo "\"bob@whale.test,*@example.com\" $options $(key id_ecdsa256)"
    echo "carol@whale.test cert-authority $(key id_rsa) carol's CA"
    echo "dave valid-after=202401011200 $(key id_ecdsa521)"
  } >allowed_signers
  {
    echo '# hosts'
    echo "host.whale.test,10.0.0.1 $(key id_ed25519)"
    echo "[host.whale.test]:2222 $(key id_ecdsa256) a comment"
    echo "@cert-authority *.whale.test,!bad.whale.test $(key id_rsa)"
    echo "@revoked * $(key id_ecdsa384)"
    echo "other.test ssh-rsa"
  } >known_hosts
  grep -v '^other' known_hosts >"$tmp/kh" # -H refuses a file with an invalid line
  ssh-keygen -q -H -f "$tmp/kh" 2>/dev/null
  cp "$tmp/kh" known_hosts.hashed
fi

if wants ecparam; then
  start ecparam
  # EC parameters as ecparam writes them: named curves (prime, binary, Brainpool), in DER, explicit, with a key.
  openssl ecparam -name prime256v1 -out prime256v1.pem
  openssl ecparam -name secp384r1 -outform DER -out secp384r1.der
  openssl ecparam -name brainpoolP256r1 -out brainpoolP256r1.pem
  openssl ecparam -name sect163k1 -out sect163k1.pem
  openssl ecparam -name prime256v1 -param_enc explicit -out prime256v1-explicit.pem
  openssl ecparam -name secp521r1 -genkey -out secp521r1-with-key.pem
fi

if wants dgst; then
  start dgst
  # openssl dgst -sha256 -sign signatures of the message: RSA PKCS#1 v1.5 and ECDSA (DER r and s).
  for k in rsa1024 rsa2048 ec256 ec521; do
    openssl dgst -sha256 -sign "$K/$k.pk8.pem" -out "$k.sha256.sig" "$tmp/msg"
  done
fi

du -sh "$OUT"
