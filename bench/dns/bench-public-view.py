#!/usr/bin/python3
# bench-public-view.py BUILD_DIR: a full diagnosis (both views, every DNS check) of 20 names
# against the lab's signed hierarchy (tests/zones/lab/, make-lab.sh) with 100 ms added to every
# answer of every server, against the critical path: root → TLD → zone → MX host → address,
# the longest chain of questions that wait for each other, 5 × 100 ms. Prints the wall time,
# the ratio (goal ≤ 1.3) and how many questions the root and the TLD server got: the public
# view's cache is shared by the names, so one walk from the root serves all of them. The
# local view is an unbound resolving from the same root, behind the same delay; one question
# that dig asks a fresh one of them (MX of tld-caa.caatld) is printed as well, the local view's
# own floor from a cold cache. G_MESSAGES_DEBUG=CaDnsResolver traces each lookup. Registration
# data is left out: its servers are not on this machine. Needs root (the lab's servers listen
# on port 53 of 127.x.y.N, as root hints carry no port). Not a test: nothing is asserted.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from benchlib import TOP, build_and_cli, free_port, record, stop  # noqa: E402

NAMES = [
    "good.example", "www.good.example", "shop.good.example", "*.good.example", "a.b.good.example",
    "api.good.example", "split.example", "www.split.example", "proxied.example", "www.proxied.example",
    "ns-partial.example", "www.ns-partial.example", "tld-caa.caatld", "www.tld-caa.caatld",
    "bogus-ds.example", "dns-host.example", "www.dns-host.example", "ns-mismatch.example",
    "www.ns-mismatch.example", "gone.example",
]
CHECKS = "mail,caa,certificate"  # delegation and views run with them; registration is left out
DELAY_MS = 100
CRITICAL_PATH = 5  # root → TLD → zone → MX host → address
NSD_PORT = 10053
ROUNDS = 3


def free_net():
    """A 127.x.y prefix whose .1 is free on port 53."""
    for y in range(200, 250):
        net = f"127.54.{y}"
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.bind((f"{net}.1", 53))
            except OSError:
                continue
            return net
    raise SystemExit("no free 127.54.y.1:53")


def start_lab(work, net):
    """make-lab.sh's servers on NSD_PORT, with the delaying proxy on port 53 in front of each."""
    subprocess.run(["/bin/sh", os.path.join(TOP, "tests", "zones", "lab", "make-lab.sh"), work, net],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs = []
    for conf in sorted(f for f in os.listdir(work) if re.fullmatch(r"nsd-.*\.conf", f)):
        path = os.path.join(work, conf)
        with open(path) as f:
            text = f.read().replace("  port: 53\n", f"  port: {NSD_PORT}\n")
        with open(path, "w") as f:
            f.write(text)
        procs.append(subprocess.Popen(["/usr/sbin/nsd", "-d", "-c", path],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return procs, start_proxy(work)


def start_proxy(work):
    """The delaying proxy in front of every server of the lab; it counts the questions."""
    pairs = []
    with open(os.path.join(work, "servers")) as f:
        for line in f:
            address = line.split()[1]
            pairs.append(f"{address}:53={address}:{NSD_PORT}")
    proxy = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "delay-proxy.py"), str(DELAY_MS)] + pairs,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if proxy.stdout.readline().strip() != "ready":
        raise SystemExit("the delaying proxy did not start")
    return proxy


def start_local_resolver(work):
    """The local view: an unbound resolving from the lab's root, started afresh (cold cache)."""
    port = free_port()
    conf = os.path.join(work, "unbound-local.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
  interface: 127.0.0.1
  port: {port}
  do-daemonize: no
  chroot: ""
  username: ""
  directory: "{work}"
  pidfile: "{work}/unbound-local.pid"
  use-syslog: no
  logfile: ""
  verbosity: 0
  do-ip6: no
  num-threads: 1
  module-config: "iterator"
  do-not-query-localhost: no
  root-hints: "{work}/root.hints"
remote-control:
  control-enable: no
""")
    proc = subprocess.Popen(["/usr/sbin/unbound", "-d", "-c", conf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return proc, port  # bound by unbound: it listens
        time.sleep(0.05)
    stop(proc)
    raise SystemExit("unbound did not start")


def diagnose(cli, work, port):
    start = time.monotonic()
    out = subprocess.run([cli, "diagnose", "--json", "--view", "both", "--checks", CHECKS,
                          "--root-hints", os.path.join(work, "root.hints"),
                          "--trust-anchor", os.path.join(work, "root.ds"),
                          "--dns-server", f"127.0.0.1@{port}"] + NAMES,
                         capture_output=True, text=True)
    elapsed = time.monotonic() - start
    report = json.loads(out.stdout) if out.stdout else {}
    if "names" not in report:
        raise SystemExit(f"diagnose failed: {out.stdout.strip()} {out.stderr.strip()}")
    return elapsed, report


def cold_question(work, name, rtype):
    """One question through a fresh local resolver, as dig asks it: how long the local
    view alone takes for a name from a cold cache, which no diagnosis can beat."""
    local, port = start_local_resolver(work)
    try:
        start = time.monotonic()
        subprocess.run(["dig", "+tries=1", "+time=5", "-p", str(port), "@127.0.0.1", name, rtype],
                       capture_output=True)
        return time.monotonic() - start
    finally:
        stop(local)


def counts(proxy):
    """Stops the proxy; the questions each server got."""
    proxy.stdin.close()
    result = {}
    for line in proxy.stdout:
        address, count = line.split()
        result[address.rsplit(":", 1)[0]] = int(count)
    proxy.wait()
    return result


def main():
    if os.geteuid() != 0:
        print("bench-public-view: skipped, the lab's servers need root (port 53)")
        return
    _, cli = build_and_cli()
    times = []
    with tempfile.TemporaryDirectory(prefix="certassist-bench-lab-") as work:
        net = free_net()
        nsds, proxy = start_lab(work, net)
        try:
            try:
                time.sleep(0.3)  # NSD loads its zones
                for _ in range(ROUNDS):
                    local, port = start_local_resolver(work)
                    try:
                        elapsed, report = diagnose(cli, work, port)
                    finally:
                        stop(local)
                    times.append(elapsed)
            finally:
                asked = counts(proxy)
            # Behind a proxy of its own, so that its questions are not counted above.
            proxy = start_proxy(work)
            try:
                cold = min(cold_question(work, "tld-caa.caatld", "MX") for _ in range(2))
            finally:
                counts(proxy)
        finally:
            stop(*nsds)
    best = min(times)
    path = CRITICAL_PATH * DELAY_MS / 1000.0
    print(f"{len(NAMES)} names, views {'+'.join(report.get('views', []))}, checks {CHECKS},delegation,views; "
          f"{DELAY_MS} ms added per answer at every server; best of {ROUNDS} cold runs")
    print(f"full diagnosis       {best * 1000:8.1f} ms   (runs: {', '.join(f'{t * 1000:.0f}' for t in times)})")
    print(f"critical path        {path * 1000:8.1f} ms   ({CRITICAL_PATH} dependent answers)")
    print(f"ratio                {best / path:8.2f}      (goal <= 1.3)")
    print(f"one cold question    {cold * 1000:8.1f} ms   (dig MX tld-caa.caatld through a fresh local resolver: "
          f"the local view's own floor, ratio {best / cold:.2f})")
    print(f"questions per run    root {asked.get(net + '.1', 0) / ROUNDS:.1f}, TLD {asked.get(net + '.2', 0) / ROUNDS:.1f}, "
          f"zones {sum(v for k, v in asked.items() if not k.endswith(('.1', '.2'))) / ROUNDS:.1f} "
          f"(both views; the public view walks from the root once for all names)")
    record("public-view", f"diagnose {len(NAMES)} names, both views, +{DELAY_MS} ms per answer", best,
           f"critical path ({CRITICAL_PATH} answers)", path)
    record("public-view", "the same, against one cold question", best, "dig through a fresh local resolver", cold)


if __name__ == "__main__":
    main()
