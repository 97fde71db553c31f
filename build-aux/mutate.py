#!/usr/bin/python3
# build-aux/dev mutate: is the suite strong enough to notice a wrong verdict?
#
# Applies each one-line mutation of tests/mutations.txt, one at a time, to a scratch
# copy of the tree (rsync to a work dir; the tree itself is never touched), builds it
# incrementally without sanitizers, runs only the tests the mutation names, restores the
# line and prints a table: caught (a test failed) or survived (every test passed).
# A survivor needs a test, or a "harmless:" line in the catalogue saying why.
#
#   build-aux/mutate.py [--work DIR] [--only ID,ID] [--list]
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import json
import os
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOGUE = os.path.join(TOP, "tests", "mutations.txt")
# The programs every test may start besides its own executable.
HELPERS = ["src/cli/certassist-cli", "tests/fake-acm/fake-acm", "tests/registration-server", "tests/dns-lab"]
TEST_TIMEOUT = 240


class Mutation:
    def __init__(self, ident):
        self.ident = ident
        self.file = self.before = self.after = self.harmless = None
        self.tests = []
        self.result = None
        self.seconds = 0.0


def read_catalogue(path):
    """Blocks "== id" then "file:", "from:", "to:", "tests:", optional "harmless:"."""
    mutations = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("== "):
                mutations.append(Mutation(line[3:].strip()))
                continue
            key, _, value = line.partition(": ")
            if not mutations or key not in ("file", "from", "to", "tests", "harmless"):
                sys.exit(f"{path}:{number}: expected '== id' or 'key: value'")
            if key == "tests":
                mutations[-1].tests = value.split()
            else:
                setattr(mutations[-1], {"from": "before", "to": "after"}.get(key, key), value)
    for mutation in mutations:
        if not (mutation.file and mutation.before and mutation.after is not None and mutation.tests):
            sys.exit(f"{path}: mutation {mutation.ident} lacks file, from, to or tests")
    return mutations


def apply(work, mutation):
    """Returns the original text, or None when the line is not there exactly once."""
    path = os.path.join(work, mutation.file)
    with open(path, encoding="utf-8") as source:
        original = source.read()
    hits = [line for line in original.split("\n") if mutation.before in line]
    if len(hits) != 1:
        return None
    with open(path, "w", encoding="utf-8") as source:
        source.write(original.replace(mutation.before, mutation.after, 1))
    return original


def restore(work, mutation, original):
    with open(os.path.join(work, mutation.file), "w", encoding="utf-8") as source:
        source.write(original)


def run(command, log, timeout=None, **kwargs):
    try:
        return subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, timeout=timeout, **kwargs).returncode
    except subprocess.TimeoutExpired:
        return -1


def test_env():
    env = dict(os.environ)
    # Tests never see the developer's AWS identity (as build-aux/dev test).
    for name in list(env):
        if name.startswith("AWS_"):
            del env[name]
    env.update(GSK_RENDERER="cairo", GDK_DEBUG="gl-disable", NO_AT_BRIDGE="1")
    return env


KNOWN_TARGETS = set()


def targets_for(tests):
    wanted = HELPERS + [f"tests/test-{name}" for name in tests]
    # A lint (findings, po) has no program of its own.
    return [target for target in wanted if target in KNOWN_TARGETS]


def read_targets(build):
    listing = subprocess.run(["ninja", "-C", build, "-t", "targets", "all"], capture_output=True, text=True).stdout
    KNOWN_TARGETS.update(line.split(":")[0] for line in listing.splitlines())


def prepare(work, log):
    src, build = os.path.join(work, "src"), os.path.join(work, "build")
    os.makedirs(work, exist_ok=True)
    print(f"copying the tree to {src}", flush=True)
    # --checksum --no-times: a file a mutation touched last run differs by content, is copied
    # and stamped now, so the build recompiles it (the tree's old times would look older).
    if run(["rsync", "-a", "--no-times", "--checksum", "--delete", "--exclude", "/_build", "--exclude", "/.git",
            "--exclude", "__pycache__", TOP + "/", src + "/"], log):
        sys.exit("rsync failed")
    if not os.path.exists(os.path.join(build, "build.ninja")):
        if run(["meson", "setup", build, src, "-Db_sanitize=none", "--buildtype=debug"], log):
            sys.exit(f"meson setup failed: see {log.name}")
    return src, build


def test_once(build, tests, log):
    command = ["dbus-run-session", "--", "meson", "test", "-C", build, "--no-rebuild", "--num-processes", "2",
               "--timeout-multiplier", "1"] + tests
    return run(command, log, timeout=TEST_TIMEOUT * max(1, len(tests)), env=test_env())


def failing_tests(build, tests, log):
    test_once(build, tests, log)
    failed = []
    with open(os.path.join(build, "meson-logs", "testlog.json"), encoding="utf-8") as results:
        for line in results:
            entry = json.loads(line)
            if entry.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL"):
                failed.append(entry["name"].rsplit(" / ", 1)[-1])
    return failed


def build_for(build, tests, log):
    return run(["ninja", "-C", build] + targets_for(tests), log)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "certassist-mutate"))
    parser.add_argument("--only", help="comma-separated mutation ids")
    parser.add_argument("--list", action="store_true")
    arguments = parser.parse_args()

    mutations = read_catalogue(CATALOGUE)
    if arguments.only:
        wanted = set(arguments.only.split(","))
        mutations = [m for m in mutations if m.ident in wanted]
    if arguments.list:
        for m in mutations:
            print(f"{m.ident:32} {m.file}: {' '.join(m.tests)}")
        return 0

    started = time.monotonic()
    log_path = os.path.join(arguments.work, "mutate.log")
    os.makedirs(arguments.work, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log:
        src, build = prepare(arguments.work, log)
        all_tests = sorted({t for m in mutations for t in m.tests})
        print(f"building and running the {len(all_tests)} tests unchanged", flush=True)
        # Once in full (schemas, resources, every helper); later builds are only the targets.
        run(["ninja", "-C", build, "-k", "0"], log)
        # Only now: that build regenerated build.ninja when a meson.build changed since the
        # last run, and a test program added since then must be rebuilt for each mutation.
        read_targets(build)
        if build_for(build, all_tests, log):
            print(f"the unchanged tree does not build: see {log_path}", file=sys.stderr)
            return 2
        broken = failing_tests(build, all_tests, log)
        if broken:
            # A test that fails unchanged (work in progress elsewhere) proves nothing: leave it out.
            print(f"failing before any mutation, left out: {' '.join(broken)}", flush=True)
            for mutation in mutations:
                mutation.tests = [t for t in mutation.tests if t not in broken]
        for i, mutation in enumerate(mutations, 1):
            begin = time.monotonic()
            original = apply(src, mutation)
            if original is None:
                mutation.result = "stale"
            elif not mutation.tests:
                mutation.result = "untested"
                restore(src, mutation, original)
            else:
                print(f"\n=== {mutation.ident}", file=log, flush=True)
                try:
                    if build_for(build, mutation.tests, log):
                        mutation.result = "caught (build)"
                    else:
                        mutation.result = "caught" if test_once(build, mutation.tests, log) else "survived"
                finally:
                    restore(src, mutation, original)
            mutation.seconds = time.monotonic() - begin
            print(f"[{i}/{len(mutations)}] {mutation.ident}: {mutation.result} ({mutation.seconds:.0f} s)", flush=True)
    print_table(mutations, time.monotonic() - started, log_path)
    stale = [m for m in mutations if m.result in ("stale", "untested")]
    unexplained = [m for m in mutations if m.result == "survived" and not m.harmless]
    return 1 if stale or unexplained else 0


def print_table(mutations, seconds, log_path):
    print(f"\n{'mutation':34} {'result':16} tests")
    for m in mutations:
        print(f"{m.ident:34} {m.result:16} {' '.join(m.tests)}")
        if m.result == "survived" and m.harmless:
            print(f"{'':34} harmless: {m.harmless}")
    judged = [m for m in mutations if m.result not in ("stale", "untested")]
    caught = [m for m in judged if m.result.startswith("caught")]
    share = 100.0 * len(caught) / len(judged) if judged else 0.0
    print(f"\n{len(caught)} of {len(judged)} mutations caught ({share:.0f} %), "
          f"{sum(1 for m in mutations if m.result in ('stale', 'untested'))} stale or untested, in {seconds / 60:.1f} min; log: {log_path}")


if __name__ == "__main__":
    sys.exit(main())
