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


def read_expected(path):
    """The programs the file lists now."""
    names = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as expected:
            for line in expected:
                if line.strip() and not line.startswith("#"):
                    names.append(line.split()[0])
    return names


def main(log_path, out_path):
    counts = {}
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            if line.strip():
                entry = json.loads(line)
                counts[program_name(entry)] = case_count(entry)
    # A log of a partial run (meson test NAME) would drop every other program.
    missing = sorted(set(read_expected(out_path)) - set(counts))
    if missing and "--partial-ok" not in sys.argv:
        raise SystemExit(f"{log_path} is not from a full run: it lacks {', '.join(missing[:5])}"
                         f"{' …' if len(missing) > 5 else ''}. Run the whole suite first"
                         " (or pass --partial-ok to drop those programs).")
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Test programs and the cases each defines in a full run; test-summary.py\n"
                  "# fails when a program defines fewer. Written by build-aux/update-expected-cases.py.\n")
        for name in sorted(counts):
            out.write(f"{name} {counts[name]}\n")
    print(f"{len(counts)} programs, {sum(counts.values())} cases written to {out_path}")


if __name__ == "__main__":
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = [arg for arg in sys.argv[1:] if arg != "--partial-ok"]
    main(args[0] if args else os.path.join(top, "_build", "asan", "meson-logs", "testlog.json"),
         os.path.join(top, "tests", "expected-cases.txt"))
