#!/usr/bin/env bash
# build-aux/demo-lab-publish.sh WORK NAME [VALUE]: publishes NAME CNAME VALUE (or, without VALUE,
# removes the records at NAME) in the public DNS of a running demo: the zone file on the lab's
# hosting servers that holds NAME, then a reload (SIGHUP) of those servers, as a DNS provider
# publishes a record. Both views then see it, and the fake ACM too. Called by build-aux/dev
# publish/unpublish when the demo runs the lab (build-aux/demo.sh); NAME and VALUE are absolute
# names, checked there.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

work=$1
name=$2
value=${3:-}
suffix=$name
zone=

# The closest enclosing zone of the demo's own (make-demo-zones.py): those are unsigned.
while [ -n "$suffix" ]; do
  if [ -e "$work/lab-extra/${suffix}zone" ]; then
    zone="$work/lab/zones/${suffix}zone"
    break
  fi
  [ "${suffix#*.}" = "$suffix" ] && break
  suffix=${suffix#*.}
done
if [ -z "$zone" ]; then
  echo "No zone of the demo holds $name: publish under one of the demo's domains (nullmx.example, example.net, …)." >&2
  exit 1
fi

# A second CNAME would join the first instead of replacing it.
grep -v -i -F -e "$name " "$zone" >"$zone.new" || true
if [ -n "$value" ]; then
  echo "$name 300 IN CNAME $value" >>"$zone.new"
fi
mv "$zone.new" "$zone"
kill -HUP "$(cat "$work/lab/nsd-host.pid")"
echo "${suffix}"
