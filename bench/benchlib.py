# benchlib.py: what the bench scripts share: the paths of the tree and the build, a free
# loopback port, the fixture unbound serving tests/zones/, and stopping what they started.
# Import it from a script one folder down: sys.path.insert(0, the bench folder).
# A script gives bench/run its rows with record(): each measure beside its peer or floor.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import socket
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_and_cli():
    """The build directory (argv[1], or _build/dev) and certassist-cli in it."""
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "_build", "dev"))
    return build, os.path.join(build, "src", "cli", "certassist-cli")


def free_port():
    """A loopback port free for both UDP and TCP right now (unbound listens on both)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u, \
             socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            try:
                t.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


def start_unbound(work):
    """Starts unbound on 127.0.0.1 serving the fixture zones, its files in @work.
    Returns (process, port) once it answers."""
    port = free_port()
    conf = os.path.join(work, "unbound.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
  interface: 127.0.0.1
  port: {port}
  do-daemonize: no
  chroot: ""
  username: ""
  directory: "{work}"
  pidfile: "{work}/unbound.pid"
  use-syslog: no
  logfile: ""
  verbosity: 0
  do-ip6: no
  num-threads: 1
  module-config: "iterator"
  do-not-query-localhost: yes
  local-zone: "." static
  include: "{TOP}/tests/zones/certassist.conf"
remote-control:
  control-enable: no
""")
    proc = subprocess.Popen(["/usr/sbin/unbound", "-d", "-c", conf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if subprocess.run(["dig", "+short", "+time=1", "+tries=1", "-p", str(port), "@127.0.0.1", "good.example"],
                          capture_output=True).returncode == 0:
            return proc, port
        time.sleep(0.1)
    stop(proc)
    raise SystemExit("unbound did not start")


def record(bench, measure, ours, peer, theirs):
    """One row of bench/run's table: @ours seconds for @measure, next to @theirs seconds of
    @peer (another tool doing the same work, or the floor the work cannot go under) measured
    in the same run; @theirs None when the peer could not run. Without bench/run, nothing."""
    table = os.environ.get("CERTASSIST_BENCH_TABLE")
    if not table:
        return
    with open(table, "a") as f:
        f.write(json.dumps({"bench": bench, "measure": measure, "ours": ours, "peer": peer,
                            "theirs": theirs}) + "\n")


def stop(*procs):
    """Terminates every process that was started (None: never started) and waits for it."""
    for proc in procs:
        if proc is not None:
            proc.terminate()
    for proc in procs:
        if proc is not None:
            proc.wait()
