#!/usr/bin/python3
# check-findings.py: every finding id of the catalogue (src/core/ca-finding.c) is raised
# by some code path and asserted by some test. A TAP stream, one line per id.
#
# Usage: check-findings.py SOURCE_ROOT
#
# A producer is a use of the id's enum value (CA_FINDING_…) in the core or the CLI
# outside the catalogue itself; the GUI only reads findings. A test names the id, as
# its string or its enum value, in a test program other than test-finding.c (which
# checks the catalogue's own rows). An id that the contract keeps before its producer
# exists is listed below with the reason, and reported as TODO: the stream says so on
# every run, and turns into a failure (an unexpected pass) once the producer is there.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# Ids contract.md keeps although nothing raises them yet, each with what it waits for.
NOT_YET_RAISED = {
}

# Ids that are raised as an input error before any lookup, with the error code that
# stands for them (contract.md's error codes): the error must be raised and tested.
RAISED_AS_ERROR = {
    "validation_domain_not_superdomain": ("CA_ERROR_INVALID_VALIDATION_DOMAIN", "invalid_validation_domain"),
}

CATALOGUE_ROW = re.compile(r'\{\s*(CA_FINDING_[A-Z0-9_]+),\s*"([a-z0-9_]+)"')


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def sources(root, folders, exclude):
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            for name in sorted(filenames):
                if name.endswith(".c") and name not in exclude:
                    yield read(os.path.join(dirpath, name))


def mentions(texts, *needles):
    patterns = [re.compile(r"\b%s\b" % re.escape(n)) if n.isupper() else re.compile(re.escape('"%s"' % n))
                for n in needles]
    return any(p.search(text) for text in texts for p in patterns)


def check_error(code_symbol, code, producers, tests):
    if not mentions(producers, code_symbol):
        return "its error %s is never raised" % code_symbol
    if not mentions(tests, code):
        return "no test asserts the error code %s" % code
    return None


def check_id(enum, id_string, producers, tests):
    if id_string in RAISED_AS_ERROR:
        return check_error(*RAISED_AS_ERROR[id_string], producers, tests)
    if not mentions(producers, enum):
        return "no code path raises it"
    if not mentions(tests, enum, id_string):
        return "no test asserts it"
    return None


def main():
    root = sys.argv[1]
    catalogue = CATALOGUE_ROW.findall(read(os.path.join(root, "src", "core", "ca-finding.c")))
    producers = list(sources(root, ("src/core", "src/cli"), {"ca-finding.c"}))
    tests = list(sources(root, ("tests",), {"test-finding.c"}))

    if not catalogue:
        print("Bail out! no catalogue rows in src/core/ca-finding.c")
        return 1
    print("1..%d" % len(catalogue))
    for number, (enum, id_string) in enumerate(catalogue, 1):
        problem = check_id(enum, id_string, producers, tests)
        if id_string in NOT_YET_RAISED:
            status = "not ok" if problem else "ok"
            print("%s %d - %s # TODO %s" % (status, number, id_string, NOT_YET_RAISED[id_string]))
        elif problem:
            print("not ok %d - %s: %s" % (number, id_string, problem))
        else:
            print("ok %d - %s" % (number, id_string))
    return 0


if __name__ == "__main__":
    sys.exit(main())
