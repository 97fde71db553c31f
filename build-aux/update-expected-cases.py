#!/usr/bin/python3
# Writes tests/expected-cases.txt from the testlog.json of a full run (build-aux/dev test):
# one line "program cases" per test program, cases counted as test-summary.py counts them.
# Run it after adding or removing test cases, and commit the file with the tests.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_summary_counts import case_count, program_name  # noqa: E402


def main(log_path, out_path):
    counts = {}
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            if line.strip():
                entry = json.loads(line)
                counts[program_name(entry)] = case_count(entry)
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Test programs and the cases each defines in a full run; test-summary.py\n"
                  "# fails when a program defines fewer. Written by build-aux/update-expected-cases.py.\n")
        for name in sorted(counts):
            out.write(f"{name} {counts[name]}\n")
    print(f"{len(counts)} programs, {sum(counts.values())} cases written to {out_path}")


if __name__ == "__main__":
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, "_build", "asan", "meson-logs", "testlog.json"),
         os.path.join(top, "tests", "expected-cases.txt"))
