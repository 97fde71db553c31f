#!/usr/bin/python3
# Prints the closing line "N passed, N failed[, N skipped]" from meson's testlog.json,
# counting each TAP test case of a TAP test, and each other test once; skipped counts
# SKIP and TODO cases.
#
# It also prints how many test programs and cases tests/expected-cases.txt expects, and
# exits 1 when a program defined fewer cases than expected (a test registered only when
# a tool is found, a g_test_add_func() lost) or, unless --subset, when one never ran.
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_summary_counts import case_count, program_name, tap_lines  # noqa: E402

DEFAULT_EXPECTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "tests", "expected-cases.txt")
BAD_RESULTS = {"FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS"}


def count_test(entry):
    passed = failed = skipped = 0
    for match in tap_lines(entry):
        directive = match.group(2).upper()
        # A TODO is known work not done yet: neither a pass nor a failure. One that
        # passes makes meson report the program as UNEXPECTEDPASS, counted below.
        if "# SKIP" in directive or "# TODO" in directive:
            skipped += 1
        elif match.group(1) == "ok":
            passed += 1
        else:
            failed += 1
    result = entry.get("result", "")
    if passed + failed + skipped == 0:
        if result == "SKIP":
            return 0, 0, 1
        return (0, 1, 0) if result in BAD_RESULTS else (1, 0, 0)
    # A crash after the last test case still fails the program.
    if result in BAD_RESULTS and failed == 0:
        failed += 1
    return passed, failed, skipped


def read_expected(path):
    expected = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                name, count = line.split()
                expected[name] = int(count)
    return expected


def compare_with_expected(ran, expected, subset):
    """Prints the expected and the defined counts; returns the complaints."""
    complaints = []
    for name in sorted(expected):
        if name not in ran:
            if not subset:
                complaints.append(f"{name}: expected {expected[name]} cases, the program never ran")
        elif ran[name] < expected[name]:
            complaints.append(f"{name}: expected {expected[name]} cases, only {ran[name]} defined")
    grown = [name for name in ran if ran[name] > expected.get(name, 0)]
    print(f"expected {len(expected)} test programs with {sum(expected.values())} cases; "
          f"ran {len(ran)} programs with {sum(ran.values())} cases")
    if grown:
        print(f"more cases than expected in {', '.join(sorted(grown))}: "
              "run build-aux/update-expected-cases.py after a full run")
    for complaint in complaints:
        print(complaint, file=sys.stderr)
    return complaints


def add_log(path, totals):
    """Counts another run's cases (the fuzzers') into totals, a missing log as a failure."""
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                if line.strip():
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        totals[1] += 1
                        continue
                    for i, n in enumerate(count_test(entry)):
                        totals[i] += n
    except OSError as error:
        print(f"no test log: {error}", file=sys.stderr)
        totals[1] += 1


def main(path, expected_path, subset, also=()):
    totals = [0, 0, 0]
    ran = {}
    for extra in also:
        add_log(extra, totals)
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    # A log cut or overwritten mid-line counts as a failure, never a crash.
                    print("unreadable line in the test log", file=sys.stderr)
                    totals[1] += 1
                    continue
                ran[program_name(entry)] = case_count(entry)
                for i, n in enumerate(count_test(entry)):
                    totals[i] += n
    except OSError as error:
        print(f"no test log: {error}", file=sys.stderr)
        totals[1] += 1
    complaints = compare_with_expected(ran, read_expected(expected_path), subset)
    line = f"{totals[0]} passed, {totals[1]} failed"
    if totals[2]:
        line += f", {totals[2]} skipped"
    print(line)
    return 1 if complaints or totals[1] else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("testlog")
    parser.add_argument("--expected", default=DEFAULT_EXPECTED)
    parser.add_argument("--subset", action="store_true",
                        help="only some tests were asked for: a program that did not run is no failure")
    parser.add_argument("--also", action="append", default=[], metavar="TESTLOG",
                        help="another run's testlog.json (the fuzzers') whose cases count too")
    arguments = parser.parse_args()
    sys.exit(main(arguments.testlog, arguments.expected, arguments.subset, arguments.also))
