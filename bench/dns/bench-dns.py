#!/usr/bin/python3
# bench-dns.py BUILD_DIR: how long `certassist-cli diagnose` takes for 20 names against the
# fixture unbound, next to `dig` asking the same questions one after another, first
# directly and then through a forwarder adding 100 ms to every answer. Prints the wall
# times and the ratio. Not a test: nothing is asserted.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from benchlib import build_and_cli, record, start_unbound, stop  # noqa: E402

NAMES = [
    "www.good.example", "shop.good.example", "*.good.example", "www.multi-mx.example",
    "nullmx.example", "sub.parent-mx.example", "www.deep.sub.parent-mx.example", "mx-nxhost.example",
    "mx-cname.example", "nomx.example", "nothing.example", "caa-amazon.example",
    "a.sub.caa-amazon.example", "caa-other.example", "*.caa-wild.example", "alias.caa-cname.example",
    "caa-critical.example", "caa-empty.example", "www.xn--bcher-kva.example", "valid.example",
]
ROUNDS = 3


def levels(name):
    """The name without a wildcard label, then each parent down to two labels: the console
    walk stops at the registrable domain (two labels under .example), the CAA climb above
    the TLD."""
    base = name[2:] if name.startswith("*.") else name
    labels = base.split(".")
    return [".".join(labels[i:]) for i in range(0, len(labels) - 1)]


def questions(report):
    """The questions the diagnosis asks, rebuilt from its JSON."""
    qs = []
    for entry in report["names"]:
        name = entry["name"]
        mx_levels = levels(name)
        if entry["approval_domain"] not in mx_levels:
            mx_levels.append(entry["approval_domain"])
        qs += [(d, "MX") for d in mx_levels]
        qs += [(d, "CAA") for d in levels(name)]
        for host in entry["mail"]["mx"]:
            qs += [(host["host"], "A"), (host["host"], "AAAA")]
    return qs


def time_diagnose(cli, server):
    start = time.monotonic()
    # DNS only: registration data would ask servers outside this machine.
    out = subprocess.run([cli, "diagnose", "--json", "--no-dnssec", "--checks", "mail,caa",
                          "--dns-server", f"127.0.0.1@{server}"] + NAMES,
                         capture_output=True, text=True, check=True).stdout
    return time.monotonic() - start, json.loads(out)


def time_dig(batch, port):
    start = time.monotonic()
    subprocess.run(["dig", "+tries=1", "+time=5", "-p", str(port), "@127.0.0.1", "-f", batch],
                   capture_output=True, check=True)
    return time.monotonic() - start


def measure(label, cli, port, batch):
    d_times, g_times = [], []
    for _ in range(ROUNDS):
        d_times.append(time_diagnose(cli, port)[0])
        g_times.append(time_dig(batch, port))
    d, g = min(d_times), min(g_times)
    print(f"{label:<34} diagnose {d * 1000:8.1f} ms   dig {g * 1000:8.1f} ms   dig/diagnose {g / d:5.2f}")
    record("dns", f"diagnose {len(NAMES)} names, {label}", d, "dig, the same questions in a row", g)


def main():
    _, cli = build_and_cli()
    with tempfile.TemporaryDirectory(prefix="certassist-bench-") as work:
        unbound, port = start_unbound(work)
        forwarder = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "delay-forwarder.py"), str(port), "100"],
                                     stdout=subprocess.PIPE, text=True)
        try:
            delayed = int(forwarder.stdout.readline())
            _, report = time_diagnose(cli, port)
            qs = questions(report)
            batch = os.path.join(work, "questions")
            with open(batch, "w") as f:
                f.writelines(f"{n} {t}\n" for n, t in qs)
            print(f"{len(NAMES)} names, {len(qs)} questions; best of {ROUNDS} runs each")
            measure("fixture unbound", cli, port, batch)
            measure("through +100 ms per answer", cli, delayed, batch)
        finally:
            stop(forwarder, unbound)


if __name__ == "__main__":
    main()
