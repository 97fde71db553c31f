#!/usr/bin/python3
# make-demo-zones.py OUTDIR: the zones that make the demo's names public in the lab (LAB_EXTRA of
# make-lab.sh). Every case of tests/zones/certassist.conf becomes a zone of its own under the lab's
# .example TLD, delegated to the lab's hosting servers, so both views find it as the CA would; and
# the TLDs com, net and org hold the fake ACM's demo domains (tests/data/fake-acm-demo.json:
# example.com, example.net, example.org), each with a mail server and CAA for Amazon, so their
# certificates can be diagnosed and moved to DNS validation offline. Zones the lab has already
# (good.example) get only the names they lack. The demo zones are unsigned and expire negative
# answers after 5 s, so a record that `build-aux/dev publish` adds is seen within seconds.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTS = ["ns1.dns-host.example.", "ns2.dns-host.example."]
SOA = "@ 300 IN SOA ns1.dns-host.example. hostmaster.dns-host.example. 1 1800 900 604800 5"

# The fake ACM's demo domains: what a healthy public domain publishes.
ACM_DOMAINS = {
    "example.com.": ["@ MX 10 mail", "mail A 192.0.2.80", '@ CAA 0 issue "amazon.com"',
                     "www A 192.0.2.81", "shop A 192.0.2.82", "www.shop A 192.0.2.82", "api A 192.0.2.83",
                     # store.example.com failed with CAA_ERROR: its CAA names another CA.
                     "store A 192.0.2.84", 'store CAA 0 issue "letsencrypt.org"'],
    "example.net.": ["@ MX 10 mail", "mail A 192.0.2.90", '@ CAA 0 issue "amazon.com"', "www A 192.0.2.91"],
    "example.org.": ["@ MX 10 mail", "mail A 192.0.2.100", '@ CAA 0 issue "amazon.com"', "blog A 192.0.2.101"],
}


def lab_delegations():
    """The names the lab's example TLD delegates already (good, split, …)."""
    names = set()
    with open(os.path.join(HERE, "example.zone")) as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 3 and fields[1] == "NS" and fields[0] != "@":
                names.add(fields[0] + ".example.")
    return names


def lab_owners(zone_file, origin):
    owners = set()
    with open(os.path.join(HERE, zone_file)) as f:
        for line in f:
            if line[:1] not in ("", ";", "$", " ", "\t", "\n"):
                owner = line.split()[0]
                owners.add(origin if owner == "@" else f"{owner}.{origin}")
    return owners


def certassist_records():
    """(owner, record line) of every local-data line of certassist.conf."""
    records = []
    with open(os.path.join(HERE, "..", "certassist.conf")) as f:
        for line in f:
            if line.startswith("local-data:"):
                record = shlex.split(line[len("local-data:"):])[0]
                records.append((record.split()[0].lower(), record))
    return records


def zone_of(owner):
    """The registrable domain under .example that holds @owner, or None."""
    labels = owner.rstrip(".").split(".")
    if len(labels) < 2 or labels[-1] != "example":
        return None
    return ".".join(labels[-2:]) + "."


def write(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def zone_lines(origin, records):
    return [f"$ORIGIN {origin}", "$TTL 300", SOA] + [f"@ NS {host}" for host in HOSTS] + records


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    delegated = lab_delegations()
    good = lab_owners("good.example.zone", "good.example.")
    zones, good_extra = {}, []
    for owner, record in certassist_records():
        zone = zone_of(owner)
        if zone is None:
            continue
        if zone == "good.example.":
            if owner not in good:
                good_extra.append(record)
        elif zone not in delegated:
            zones.setdefault(zone, []).append(record)

    delegations = ["; The demo's cases (make-demo-zones.py)."]
    for zone, records in sorted(zones.items()):
        write(os.path.join(out, zone + "zone"), zone_lines(zone, records))
        delegations += [f"{zone} NS {host}" for host in HOSTS]
    # servfail.example is delegated to an address where no server listens.
    delegations += ["servfail.example. NS ns.servfail-host.example.", "ns.servfail-host.example. A @NET@.9"]
    write(os.path.join(out, "example.zone.append"), delegations)
    write(os.path.join(out, "good.example.zone.append"), ["; The demo's names (make-demo-zones.py)."] + good_extra)

    root = ["; The fake ACM's TLDs (make-demo-zones.py)."]
    for domain, records in ACM_DOMAINS.items():
        tld = domain.split(".", 1)[1]
        root += [f"{tld} NS {host}" for host in HOSTS]
        write(os.path.join(out, tld + "zone"), zone_lines(tld, [f"{domain} NS {host}" for host in HOSTS]))
        write(os.path.join(out, domain + "zone"), zone_lines(domain, records))
    write(os.path.join(out, "root.zone.append"), root)


if __name__ == "__main__":
    main()
