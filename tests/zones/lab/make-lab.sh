#!/bin/sh
# make-lab.sh: builds a signed DNS hierarchy for tests, the demo and the bench.
#
# Usage: make-lab.sh OUTDIR NET
#
# NET is a 127.x.y prefix; server n listens on NET.n port 53 (tests/ca-test-hierarchy.c picks a
# free prefix, so that test programs running at once each have their own lab). Writes into OUTDIR:
#   nsd-SERVER.conf   one NSD configuration per server
#   servers           "SERVER ADDRESS" per line, the addresses that server answers on
#   root.hints        the lab's root server, in the root hints format (--root-hints)
#   root.ds           the DS of the lab's root key (--trust-anchor)
# With LAB_EXTRA=DIR, the zones of DIR join the lab (see below).
# The keys are made afresh on every run (ECDSA P-256: milliseconds), so no signature expires.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src=$(cd "$(dirname "$0")" && pwd)
out=$1
net=$2

mkdir -p "$out/zones" "$out/keys"

# server number(s), then "zone:file" per zone it serves
servers="root:1 .:root.zone
tld:2 example.:example.zone caatld.:caatld.zone
host:3,4 dns-host.example.:dns-host.example.zone good.example.:good.example.zone bogus-ds.example.:bogus-ds.example.zone split.example.:split.example.zone proxied.example.:proxied.example.zone ns-partial.example.:ns-partial.example.zone tld-caa.caatld.:tld-caa.caatld.zone
old:5 ns-mismatch.example.:ns-mismatch.example.old.zone
new:6 ns-mismatch.example.:ns-mismatch.example.new.zone"

# Signed bottom-up: each parent gets its child's DS before it is signed itself.
signed="good.example.:good.example.zone:example.zone
bogus-ds.example.:bogus-ds.example.zone:
example.:example.zone:root.zone
caatld.:caatld.zone:root.zone
.:root.zone:"

for file in "$src"/*.zone; do
  sed "s/@NET@/$net/g" "$file" > "$out/zones/$(basename "$file")"
done

# LAB_EXTRA (the demo, build-aux/demo.sh): a directory of more zones. NAME.zone is a zone of its
# own (unsigned) on the host servers; FILE.append is added to the lab's FILE before it is signed
# (delegations, records).
if [ -n "${LAB_EXTRA:-}" ]; then
  extra_zones=
  for file in "$LAB_EXTRA"/*.zone; do
    [ -e "$file" ] || continue
    sed "s/@NET@/$net/g" "$file" > "$out/zones/$(basename "$file")"
    extra_zones="$extra_zones $(basename "$file" .zone).:$(basename "$file")"
  done
  for file in "$LAB_EXTRA"/*.append; do
    [ -e "$file" ] || continue
    sed "s/@NET@/$net/g" "$file" >> "$out/zones/$(basename "$file" .append)"
  done
  servers=$(echo "$servers" | sed "s|^host:3,4 |host:3,4$extra_zones |")
fi

# bogus-ds.example is signed, but its DS in the parent is a fixed wrong one (example.zone).
echo "$signed" | while IFS=: read -r zone file parent; do
  key=$(cd "$out/keys" && ldns-keygen -a ECDSAP256SHA256 -k -r /dev/urandom "$zone")
  ldns-signzone -o "$zone" -f "$out/zones/$file.signed" "$out/zones/$file" "$out/keys/$key" 2>/dev/null
  mv "$out/zones/$file.signed" "$out/zones/$file"
  if [ -n "$parent" ]; then
    cat "$out/keys/$key.ds" >> "$out/zones/$parent"
  fi
  if [ "$zone" = "." ]; then
    cp "$out/keys/$key.ds" "$out/root.ds"
  fi
done

printf '.\t3600000\tNS\ta.root-servers.example.\na.root-servers.example.\t3600000\tA\t%s.1\n' "$net" > "$out/root.hints"

: > "$out/servers"
echo "$servers" | while read -r head zones; do
  name=${head%%:*}
  conf="$out/nsd-$name.conf"
  {
    echo "server:"
    for n in $(echo "${head#*:}" | tr ',' ' '); do
      echo "  ip-address: $net.$n"
      echo "$name $net.$n" >> "$out/servers"
    done
    echo "  port: 53"
    echo "  do-ip6: no"
    echo "  server-count: 1"
    echo "  username: \"\""
    echo "  chroot: \"\""
    echo "  zonesdir: \"$out/zones\""
    echo "  database: \"\""
    echo "  zonelistfile: \"$out/nsd-$name.zonelist\""
    echo "  xfrdfile: \"$out/nsd-$name.xfrd\""
    echo "  xfrdir: \"$out\""
    echo "  pidfile: \"$out/nsd-$name.pid\""
    echo "  logfile: \"$out/nsd-$name.log\""
    echo "  verbosity: 1"
    echo "  hide-version: yes"
    echo "remote-control:"
    echo "  control-enable: no"
    for entry in $zones; do
      echo "zone:"
      echo "  name: \"${entry%%:*}\""
      echo "  zonefile: \"${entry#*:}\""
    done
  } > "$conf"
done
