#!/bin/sh
# make-certs.sh OUTDIR STAMP: the certificates the x509, tls-probe and inspect tests read.
#
# Generated at build time with the openssl tool so that no key or certificate is
# committed and none can go stale. Every name is under the reserved .example TLD.
# The "Amazon" CA below is a local fake that only copies the issuer name ACM uses,
# so that the amazon_issued rule can be tested.
#
# Copyright 2026 The CertAssist authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

out=$1
stamp=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
rm -rf "$out"
mkdir -p "$out"
cd "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/certassist-certs-XXXXXX")
trap 'rm -rf "$work"' EXIT

ossl() {
  openssl "$@" 2>/dev/null
}

rsa_key() {
  ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"
}

ec_key() {
  ossl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$2" -out "$1"
}

# self_ca KEY CERT SUBJECT: a root CA.
self_ca() {
  ossl req -x509 -new -key "$1" -out "$2" -days 3650 -subj "$3" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}

# sub_ca KEY CERT SUBJECT ISSUER_CERT ISSUER_KEY: an intermediate CA.
sub_ca() {
  ossl req -new -key "$1" -subj "$3" -out "$work/req.csr"
  ossl x509 -req -in "$work/req.csr" -CA "$4" -CAkey "$5" -CAcreateserial -out "$2" -days 3000 \
    -extfile /dev/stdin <<EOF
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF
}

# leaf KEY CERT CN SAN DAYS ISSUER_CERT ISSUER_KEY: an end-entity certificate.
leaf() {
  ossl req -new -key "$1" -subj "/CN=$3" -out "$work/req.csr"
  ossl x509 -req -in "$work/req.csr" -CA "$6" -CAkey "$7" -CAcreateserial -out "$2" -days "$5" \
    -extfile /dev/stdin <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=$4
EOF
}

# A small CA: RSA root, EC P-384 intermediate.
rsa_key root.key
self_ca root.key root.pem "/O=CertAssist Test/CN=CertAssist Test Root"
ec_key inter.key P-384
sub_ca inter.key inter.pem "/O=CertAssist Test/CN=CertAssist Test Intermediate" root.pem root.key

# The good leaf covers the names the probe test connects with.
rsa_key leaf.key
leaf leaf.key leaf.pem www.example "DNS:www.example,DNS:example,DNS:*.shop.example,DNS:localhost,IP:127.0.0.1,IP:::1" 200 inter.pem inter.key
cat leaf.pem inter.pem root.pem > chain.pem
cat root.pem leaf.pem inter.pem > chain-shuffled.pem
cat leaf.pem inter.pem > chain-served.pem
cat leaf.pem root.pem > chain-no-intermediate.pem
ossl x509 -in leaf.pem -outform DER -out leaf.der
head -c 300 leaf.der > truncated.der
# The chain as PKCS#7 bundles, PEM and DER, as CAs and Windows hand them out.
ossl crl2pkcs7 -nocrl -certfile chain-shuffled.pem -out chain.p7b
ossl crl2pkcs7 -nocrl -certfile chain-shuffled.pem -outform DER -out chain-der.p7b

# EC leaf expiring within 30 days.
ec_key soon.key P-256
leaf soon.key soon.pem soon.example "DNS:soon.example" 10 inter.pem inter.key
cat soon.pem inter.pem > soon-served.pem

# A leaf for another name, to be served where it does not belong.
rsa_key wrong.key
leaf wrong.key wrong.pem other.example "DNS:other.example" 200 inter.pem inter.key
cat wrong.pem inter.pem > wrong-served.pem

# Many names, DNS and IP.
sans="DNS:many.example"
i=1
while [ $i -le 120 ]; do
  sans="$sans,DNS:host$i.many.example"
  i=$((i + 1))
done
sans="$sans,IP:192.0.2.7,IP:2001:db8::7"
ec_key many.key P-256
leaf many.key many.pem many.example "$sans" 200 inter.pem inter.key

# Expired: only `openssl ca` sets dates in the past.
mkdir -p "$work/ca"
: > "$work/ca/index.txt"
echo 1000 > "$work/ca/serial"
cat > "$work/ca.cnf" <<EOF
[ca]
default_ca = test
[test]
dir = $work/ca
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
EOF
rsa_key expired.key
ossl req -new -key expired.key -subj "/CN=expired.example" -addext "subjectAltName=DNS:expired.example" \
  -addext basicConstraints=critical,CA:FALSE -out "$work/expired.csr"
ossl ca -batch -notext -config "$work/ca.cnf" -cert inter.pem -keyfile inter.key \
  -startdate 20200101000000Z -enddate 20200401000000Z -in "$work/expired.csr" -out expired.pem
cat expired.pem inter.pem > expired-served.pem

# Self-signed EC leaf (CA:FALSE, as a web server's test certificate would be).
ec_key self.key P-256
ossl req -x509 -new -key self.key -out self-signed.pem -days 365 -subj "/CN=self.example" \
  -addext "subjectAltName=DNS:self.example" -addext basicConstraints=critical,CA:FALSE

# A fake "Amazon" chain: the issuer names ACM's CAs use, nothing more.
rsa_key amazon-root.key
self_ca amazon-root.key amazon-root.pem "/C=US/O=Amazon/CN=Amazon Root CA 1"
rsa_key amazon-inter.key
sub_ca amazon-inter.key amazon-inter.pem "/C=US/O=Amazon/CN=Amazon RSA 2048 M01" amazon-root.pem amazon-root.key
rsa_key amazon-leaf.key
leaf amazon-leaf.key amazon-leaf.pem acm.example "DNS:acm.example,DNS:www.acm.example" 395 amazon-inter.pem amazon-inter.key
cat amazon-leaf.pem amazon-inter.pem > amazon-chain.pem

# Damaged and foreign input.
{
  echo "-----BEGIN CERTIFICATE-----"
  sed -n '2,6p' leaf.pem
  echo "!!!! this line is not base64 !!!!"
  sed -n '8,12p' leaf.pem
  echo "-----END CERTIFICATE-----"
} > broken.pem
cp leaf.key key-only.pem
echo "just some text, no certificate here" > text.txt
head -c 5242880 /dev/urandom > garbage.bin
: > empty.pem

rm -f ./*.srl
touch "$stamp"
