#!/usr/bin/python3
# bench-public-view.py BUILD_DIR: a full diagnosis (both views, every DNS check) of 20 names
# against the lab's signed hierarchy (tests/zones/lab/, make-lab.sh) with 100 ms added to every
# answer of every server. Prints the wall time against two yardsticks, with their ratios:
#
# - the critical path of issue #13: root → TLD → zone → MX host → address, 5 × 100 ms (goal ≤ 1.3).
#   It is not reachable by a resolver: a cold one first asks a root server for the root's NS set
#   (priming), a validating one also needs the DNSKEY set of each zone on the way (asked beside
#   the walk, but the zone's own DNSKEY only once its referral is in), and in the lab the zones
#   under caatld. and the MX hosts are served by name servers whose addresses live in another
#   TLD (dns-host.example), a walk of its own before the question can be sent.
# - the floor: the same dependent questions (the MX set of each name, then the address of its
#   first host, all names at once over one shared cache, as the diagnosis asks them) through a
#   fresh resolver of each view behind the same delay: the public view's as a validating unbound
#   set up as ours is (ca-dns.c: the lab's root key, prefetch-key, val-max-restart; a bogus MX
#   set is read again with CD, as libunbound hands it over flagged and the mail report goes on),
#   the local view's as the unbound the diagnosis is given. No diagnosis of both views can beat
#   the slower of the two.
#
# Also prints how many questions the root and the TLD server got: the public view's cache is
# shared by the names, so one walk from the root serves all of them. The local view is an unbound
# resolving from the same root, behind the same delay, started afresh (cold) for each run and
# ready before the clock starts. G_MESSAGES_DEBUG=CaDnsResolver,CaDnsQuery traces each lookup
# and each question of the delegation check to a parent's servers. Registration data is left
# out: its servers are not on this machine. Needs root (the lab's servers listen on port 53 of
# 127.x.y.N, as root hints carry no port). Not a test: nothing is asserted.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import asyncio
import json
import os
import random
import re
import socket
import struct
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


def start_local_resolver(work, validating=False):
    """The local view: an unbound resolving from the lab's root, started afresh (cold cache).
    @validating: instead, a validating one against the lab's root key, set up as the public
    view's libunbound is (src/core/ca-dns.c), for the floor of the public view."""
    port = free_port()
    conf = os.path.join(work, "unbound-local.conf")
    modules = "iterator"
    validation = ""
    if validating:
        modules = "validator iterator"
        validation = f"""  trust-anchor-file: "{work}/root.ds"
  prefetch-key: yes
  val-max-restart: 2
"""
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
  module-config: "{modules}"
  do-not-query-localhost: no
  root-hints: "{work}/root.hints"
{validation}remote-control:
  control-enable: no
""")
    proc = subprocess.Popen(["/usr/sbin/unbound", "-d", "-c", conf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Ready once it answers a question of its own (no server of the lab is asked): unbound binds
    # its port long before it serves, and that start-up must not count as the diagnosis's time.
    for _ in range(100):
        if subprocess.run(["dig", "+short", "+time=1", "+tries=1", "-p", str(port), "@127.0.0.1",
                           "id.server", "CH", "TXT"], capture_output=True).returncode == 0:
            return proc, port
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


def build_question(name, rtype, checking_disabled):
    """A DNS question with recursion desired and EDNS's DO bit (RFC 1035 §4, RFC 6891), and
    the CD bit when @checking_disabled (RFC 4035 §3.2.2)."""
    qid = random.randrange(65536)
    flags = 0x0100 | (0x0010 if checking_disabled else 0)
    labels = b"".join(bytes([len(label)]) + label.encode() for label in name.strip(".").split(".") if label)
    return qid, (struct.pack(">HHHHHH", qid, flags, 1, 0, 0, 1) + labels + b"\0" +
                 struct.pack(">HH", rtype, 1) + b"\0" + struct.pack(">HHIH", 41, 1232, 0x8000, 0))


def read_name(message, offset):
    """A possibly compressed name at @offset; returns it and the offset after it."""
    labels, end, jumps = [], None, 0
    while message[offset]:
        if message[offset] >= 0xC0:
            end = offset + 2 if end is None else end
            offset = ((message[offset] & 0x3F) << 8) | message[offset + 1]
            jumps += 1
            if jumps > 64:
                raise ValueError("compression loop")
            continue
        labels.append(message[offset + 1:offset + 1 + message[offset]].decode("ascii", "replace"))
        offset += 1 + message[offset]
    return ".".join(labels), (offset + 1 if end is None else end)


def mx_hosts(message):
    """The MX targets of an answer, most preferred first."""
    count = struct.unpack(">H", message[6:8])[0]
    _, offset = read_name(message, 12)
    offset += 4
    hosts = []
    for _ in range(count):
        _, offset = read_name(message, offset)
        rtype, _, _, length = struct.unpack(">HHIH", message[offset:offset + 10])
        offset += 10
        if rtype == 15:
            hosts.append((struct.unpack(">H", message[offset:offset + 2])[0], read_name(message, offset + 2)[0]))
        offset += length
    return [host for _, host in sorted(hosts) if host]


class Asker(asyncio.DatagramProtocol):
    def __init__(self, qid, done):
        self.qid, self.done = qid, done

    def datagram_received(self, data, addr):
        if len(data) >= 12 and struct.unpack(">H", data[:2])[0] == self.qid and not self.done.done():
            self.done.set_result(data)


async def ask(port, name, rtype, checking_disabled=False):
    loop = asyncio.get_running_loop()
    qid, message = build_question(name, rtype, checking_disabled)
    done = loop.create_future()
    transport, _ = await loop.create_datagram_endpoint(lambda: Asker(qid, done), remote_addr=("127.0.0.1", port))
    try:
        transport.sendto(message)
        return await asyncio.wait_for(done, 10)
    finally:
        transport.close()


def approval_domain(name):
    """Where the approval mail for @name goes: without "*." or "www." (ca_domain_get_approval_domain())."""
    if name.startswith("*."):
        return name[2:]
    if name.startswith("www.") and "." in name[4:]:
        return name[4:]
    return name


async def chain(port, name):
    """The longest chain of the diagnosis for @name: the MX set of its approval domain, then
    the address of the first host."""
    answer = await ask(port, approval_domain(name), 15)
    if answer[3] & 0x0F == 2:
        # SERVFAIL: a bogus answer, which libunbound hands over flagged, and the mail report goes
        # on to its hosts. The data is in the cache; with CD set, the resolver gives it.
        answer = await ask(port, approval_domain(name), 15, checking_disabled=True)
    hosts = mx_hosts(answer)
    if hosts:
        await ask(port, hosts[0], 1)


def floor(work, validating):
    """Every name's chain at once through a fresh resolver, as the diagnosis asks them:
    the time no diagnosis that asks this resolver's view can beat."""
    resolver, port = start_local_resolver(work, validating)
    try:
        start = time.monotonic()

        async def all_chains():
            await asyncio.gather(*(chain(port, name) for name in NAMES))
        asyncio.run(all_chains())
        return time.monotonic() - start
    finally:
        stop(resolver)


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
                public_floor = min(floor(work, True) for _ in range(ROUNDS))
                local_floor = min(floor(work, False) for _ in range(ROUNDS))
            finally:
                counts(proxy)
        finally:
            stop(*nsds)
    best = min(times)
    path = CRITICAL_PATH * DELAY_MS / 1000.0
    print(f"{len(NAMES)} names, views {'+'.join(report.get('views', []))}, checks {CHECKS},delegation,views; "
          f"{DELAY_MS} ms added per answer at every server; best of {ROUNDS} cold runs")
    print(f"full diagnosis       {best * 1000:8.1f} ms   (runs: {', '.join(f'{t * 1000:.0f}' for t in times)})")
    print(f"critical path        {path * 1000:8.1f} ms   ({CRITICAL_PATH} dependent answers, issue #13's yardstick)")
    print(f"ratio                {best / path:8.2f}      (goal <= 1.3)")
    print(f"floor, public view   {public_floor * 1000:8.1f} ms   (each name's MX, then its host's address, all at once "
          f"through a fresh validating unbound)")
    print(f"floor, local view    {local_floor * 1000:8.1f} ms   (the same through a fresh local resolver)")
    print(f"ratio to the floor   {best / max(public_floor, local_floor):8.2f}      (the slower view's floor)")
    print(f"questions per run    root {asked.get(net + '.1', 0) / ROUNDS:.1f}, TLD {asked.get(net + '.2', 0) / ROUNDS:.1f}, "
          f"zones {sum(v for k, v in asked.items() if not k.endswith(('.1', '.2'))) / ROUNDS:.1f} "
          f"(both views; the public view walks from the root once for all names)")
    record("public-view", f"diagnose {len(NAMES)} names, both views, +{DELAY_MS} ms per answer", best,
           f"critical path ({CRITICAL_PATH} answers)", path)
    record("public-view", "the same, against the floor", best, "MX then address through fresh resolvers",
           max(public_floor, local_floor))


if __name__ == "__main__":
    main()
