# What test-summary.py and update-expected-cases.py agree on: a program's name in
# testlog.json and the number of cases it defined (TAP lines, or 1 for a non-TAP test).
# SPDX-License-Identifier: GPL-3.0-or-later
import re

TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")


def program_name(entry):
    # "certassist:core / domain" → "domain": the suite may move, the name says which program.
    return entry.get("name", "").rsplit(" / ", 1)[-1]


def tap_lines(entry):
    for line in (entry.get("stdout") or "").splitlines():
        match = TAP_LINE.match(line)
        if match:
            yield match


def case_count(entry):
    return sum(1 for _ in tap_lines(entry)) or 1
