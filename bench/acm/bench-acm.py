#!/usr/bin/python3
# bench-acm.py BUILD_DIR: `certassist-cli describe` next to `aws acm describe-certificate`
# on the same fake ACM (tests/fake-acm), alternating, RUNS times each: medians and ratio.
# Then `certassist-cli diagnose --arn` for a certificate with 10 names (fixture DNS from
# tests/zones, registration data skipped) while the fake adds 100 ms to every ACM call:
# how many ACM calls it made and its wall time. Measures, asserts nothing.
#
# Needs /usr/bin/aws (Debian: apt-get install awscli); without it only our side runs.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchlib import TOP, build_and_cli, record, start_unbound, stop  # noqa: E402

RUNS = 15
KEY_ID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0004-4000-8000-000000000004"
TEN_NAMES = ["good.example", "www.good.example", "shop.good.example", "www.multi-mx.example",
             "nullmx.example", "sub.parent-mx.example", "mx-nxhost.example", "mx-cname.example",
             "nomx.example", "caa-other.example"]
BENCH_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0010-4000-8000-000000000010"


def start_fake(build, work):
    seed = os.path.join(work, "seed.json")
    with open(os.path.join(TOP, "tests", "data", "fake-acm-demo.json")) as f:
        data = json.load(f)
    data["certificates"].append({"CertificateArn": BENCH_ARN, "DomainName": TEN_NAMES[0],
                                 "SubjectAlternativeNames": TEN_NAMES, "Status": "PENDING_VALIDATION",
                                 "ValidationMethod": "EMAIL", "CreatedHoursAgo": 5})
    with open(seed, "w") as f:
        json.dump(data, f)
    proc = subprocess.Popen([os.path.join(build, "tests", "fake-acm", "fake-acm"), "--seed", seed],
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


def timed(argv, env):
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{argv[0]} failed ({result.returncode}): {result.stdout}{result.stderr}")
    return elapsed, result.stdout


def bench_describe(cli, url, env):
    ours_argv = [cli, "describe", ARN, "--json"]
    aws_argv = ["/usr/bin/aws", "acm", "describe-certificate", "--certificate-arn", ARN,
                "--endpoint-url", url, "--region", "us-east-1", "--output", "json"]
    have_aws = os.access("/usr/bin/aws", os.X_OK)
    ours, theirs = [], []
    control(url, "/_fake/reset-stats", {})
    for _ in range(RUNS):
        ours.append(timed(ours_argv, env)[0])
        if have_aws:
            theirs.append(timed(aws_argv, env)[0])
    calls = control(url, "/_fake/stats")["operations"].get("DescribeCertificate", 0)
    print(f"describe, {RUNS} runs each, alternating; fake ACM on {url}")
    print(f"  certassist-cli describe        median {statistics.median(ours) * 1000:8.1f} ms"
          f"  (min {min(ours) * 1000:.1f}, max {max(ours) * 1000:.1f})")
    if have_aws:
        print(f"  aws acm describe-certificate   median {statistics.median(theirs) * 1000:8.1f} ms"
              f"  (min {min(theirs) * 1000:.1f}, max {max(theirs) * 1000:.1f})")
        print(f"  ratio aws / certassist-cli     {statistics.median(theirs) / statistics.median(ours):8.1f}x")
    else:
        print("  /usr/bin/aws is missing (apt-get install awscli): no comparison")
    print(f"  DescribeCertificate calls seen by the fake: {calls}")
    record("acm", "describe", statistics.median(ours), "aws acm describe-certificate",
           statistics.median(theirs) if have_aws else None)
    return min(ours)


def bench_diagnose(cli, url, env, dns_port, describe):
    control(url, "/_fake/delay", {"ms": 100})
    control(url, "/_fake/reset-stats", {})
    argv = [cli, "diagnose", "--json", "--no-dnssec", "--dns-server", f"127.0.0.1@{dns_port}",
            "--checks", "mail,caa,certificate", "--arn", BENCH_ARN] + TEN_NAMES
    elapsed, out = timed(argv, env)
    stats = control(url, "/_fake/stats")
    control(url, "/_fake/delay", {"ms": 0})
    report = json.loads(out)
    with_emails = sum(1 for v in report["certificate"]["validations"] if v["emails"])
    print(f"diagnose --arn, {len(TEN_NAMES)} names, fake ACM adding 100 ms per call")
    print(f"  wall time {elapsed * 1000:.0f} ms; ACM calls {stats['total']} {stats['operations']}")
    print(f"  certificate in the report: {report['certificate']['arn']} ({with_emails} names with ValidationEmails)")
    # The floor: the fastest describe without delay plus the one ACM answer the diagnosis waits for.
    record("acm", f"diagnose --arn, {len(TEN_NAMES)} names, +100 ms per ACM call", elapsed,
           "floor: fastest describe + 100 ms", describe + 0.1)


def main():
    build, cli = build_and_cli()
    with tempfile.TemporaryDirectory() as work:
        fake, url = start_fake(build, work)
        dns = None
        try:
            env = environment(url, work)
            describe = bench_describe(cli, url, env)
            dns, port = start_unbound(work)
            bench_diagnose(cli, url, env, port, describe)
        finally:
            stop(fake, dns)


if __name__ == "__main__":
    main()
