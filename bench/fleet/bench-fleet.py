#!/usr/bin/python3
# bench-fleet.py BUILD_DIR: `certassist-cli scan` of 17 regions × 60 certificates against the
# fake ACM (tests/fake-acm), which adds 50 ms to every call and enforces ACM's per-region rate
# quotas (ThrottlingException beyond them). Prints the wall time against the floor those quotas
# impose (the slowest region's calls at its quota), and against the sequential
# `aws acm list-certificates` + `aws acm describe-certificate` loop a user would write,
# measured on one region and scaled to 17. The same scan without quotas shows what this machine
# itself allows (on a loaded machine, more than the quotas). Measures, asserts nothing.
#
# Needs /usr/bin/aws (Debian: apt-get install awscli) for the loop; without it only our side runs.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchlib import build_and_cli, record, stop  # noqa: E402

KEY_ID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
DELAY_MS = 50
# The regions every account has (no opt-in), as src/core/ca-aws-regions.c lists them.
REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-southeast-1",
           "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1",
           "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1"]
# ACM's default rate quotas per region (calls per second); the bucket starts full.
QUOTAS = {"ListCertificates": 8, "DescribeCertificate": 10, "ListCertificateDomainValidations": 10}
# Per region: what each certificate is, and how many.
MIX = [({"Status": "ISSUED", "ValidationMethod": "EMAIL", "NotAfterDaysAhead": 200}, 30),
       ({"Status": "ISSUED", "ValidationMethod": "DNS"}, 15),
       ({"Status": "PENDING_VALIDATION", "ValidationMethod": "EMAIL"}, 10),
       ({"Status": "ISSUED", "Type": "IMPORTED"}, 5)]
PER_REGION = sum(n for _, n in MIX)
LOOP_SAMPLE = 10


def certificates(region):
    out = []
    for kind, count in MIX:
        for _ in range(count):
            n = len(out)
            spec = dict(kind, DomainName=f"host{n}.{region}.fleet.example", CreatedHoursAgo=100,
                        CertificateArn=f"arn:aws:acm:{region}:123456789012:certificate/"
                                       f"f1ee7000-{n:04d}-4000-8000-{REGIONS.index(region):012d}")
            out.append(spec)
    return out


def start_fake(build, work, quotas=True):
    seed = {"record_delay_ms": 0, "delay_ms": DELAY_MS, "rate_limits": QUOTAS if quotas else {},
            "certificates": certificates(REGIONS[0]),
            "regions": {r: {"certificates": certificates(r)} for r in REGIONS[1:]}}
    path = os.path.join(work, "seed.json")
    with open(path, "w") as f:
        json.dump(seed, f)
    proc = subprocess.Popen([os.path.join(build, "tests", "fake-acm", "fake-acm"), "--seed", path],
                            stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        raise SystemExit("the fake ACM did not start")
    return proc, url


def control(url, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url + path, data=data)) as answer:
        return json.load(answer)


def environment(url, work):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ENDPOINT_URL_ACM": url, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": KEY_ID,
                "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_CONFIG_FILE": os.path.join(work, "none"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(work, "none"), "AWS_PAGER": ""})
    return env


def floor_seconds():
    """The slowest region's calls at its quota: per operation, the calls beyond the full
    bucket at the quota's rate; plus the three calls one after the other that no quota
    can overlap (list, then a describe, then its migration state), 50 ms each."""
    issued_email = sum(n for kind, n in MIX if kind.get("ValidationMethod") == "EMAIL" and kind["Status"] == "ISSUED")
    described = sum(n for kind, n in MIX if kind.get("Type", "AMAZON_ISSUED") == "AMAZON_ISSUED")
    calls = {"ListCertificates": 1, "DescribeCertificate": described, "ListCertificateDomainValidations": issued_email}
    paced = max(max(0, n - QUOTAS[op]) / QUOTAS[op] for op, n in calls.items())
    return paced + 3 * DELAY_MS / 1000, calls


def bench_scan(cli, url, env):
    control(url, "/_fake/reset-stats", {})
    argv = [cli, "scan", "--regions", ",".join(REGIONS), "--json"]
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"scan failed ({result.returncode}): {result.stdout}{result.stderr}")
    report = json.loads(result.stdout)
    stats = control(url, "/_fake/stats")
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, report, stats, rss_mb


def bench_loop(url, env):
    """`aws acm list-certificates` and a `describe-certificate` per certificate, in one region,
    one after the other; LOOP_SAMPLE describes are timed and scaled to all of them."""
    base = ["/usr/bin/aws", "acm", "--endpoint-url", url, "--region", REGIONS[0], "--output", "json"]
    start = time.perf_counter()
    listed = subprocess.run(base[:2] + ["list-certificates"] + base[2:], env=env, capture_output=True, text=True,
                            check=True)
    list_time = time.perf_counter() - start
    arns = [c["CertificateArn"] for c in json.loads(listed.stdout)["CertificateSummaryList"]]
    start = time.perf_counter()
    for arn in arns[:LOOP_SAMPLE]:
        subprocess.run(base[:2] + ["describe-certificate", "--certificate-arn", arn] + base[2:], env=env,
                       capture_output=True, check=True)
    describe_each = (time.perf_counter() - start) / LOOP_SAMPLE
    return len(arns), (list_time + describe_each * len(arns)) * len(REGIONS)


def main():
    build, cli = build_and_cli()
    with tempfile.TemporaryDirectory() as work:
        fake, url = start_fake(build, work)
        try:
            env = environment(url, work)
            elapsed, report, stats, rss_mb = bench_scan(cli, url, env)
            floor, calls = floor_seconds()
            print(f"scan: {len(REGIONS)} regions × {PER_REGION} certificates, fake ACM adding {DELAY_MS} ms per call,")
            print(f"  quotas per region {QUOTAS}")
            print(f"  complete {report['complete']}, total {report['summary']['total']},"
                  f" listed {len(report['certificates'])}; calls {stats['operations']}")
            print(f"  wall time {elapsed:.2f} s; floor {floor:.2f} s (per region {calls}); "
                  f"ratio {elapsed / floor:.2f} × the floor (goal ≤ 1.3)")
            print(f"  peak RSS of the CLI {rss_mb:.1f} MiB")
            record("fleet", f"scan {len(REGIONS)} regions × {PER_REGION}, +{DELAY_MS} ms, quotas", elapsed,
                   "floor: slowest region at its quotas", floor)
            if os.access("/usr/bin/aws", os.X_OK):
                listed, loop = bench_loop(url, env)
                print(f"  aws acm loop: list + {listed} describes in {REGIONS[0]} "
                      f"({LOOP_SAMPLE} timed, scaled), × {len(REGIONS)} regions: {loop:.1f} s; "
                      f"ratio {loop / elapsed:.1f} × certassist-cli scan")
                record("fleet", "scan, against the sequential aws loop", elapsed,
                       "aws acm list + describe loop (scaled)", loop)
            else:
                print("  /usr/bin/aws is missing (apt-get install awscli): no loop to compare")
        finally:
            stop(fake)
        fake, url = start_fake(build, work, quotas=False)
        try:
            unpaced = bench_scan(cli, url, environment(url, work))[0]
            print(f"  the same scan without quotas: {unpaced:.2f} s (what this machine allows; "
                  f"ratio to the larger of the two floors {elapsed / max(floor, unpaced):.2f})")
        finally:
            stop(fake)


if __name__ == "__main__":
    main()
