#!/usr/bin/python3
# Prints the closing line "N passed, N failed[, N skipped]" from meson's testlog.json,
# counting each TAP test case of a TAP test, and each other test once; skipped counts
# SKIP and TODO cases.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")
BAD_RESULTS = {"FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS"}


def count_test(entry):
    passed = failed = skipped = 0
    for line in (entry.get("stdout") or "").splitlines():
        match = TAP_LINE.match(line)
        if not match:
            continue
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


def main(path):
    totals = [0, 0, 0]
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
                for i, n in enumerate(count_test(entry)):
                    totals[i] += n
    except OSError as error:
        print(f"no test log: {error}", file=sys.stderr)
        totals[1] += 1
    line = f"{totals[0]} passed, {totals[1]} failed"
    if totals[2]:
        line += f", {totals[2]} skipped"
    print(line)


if __name__ == "__main__":
    main(sys.argv[1])
