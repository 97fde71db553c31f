#!/usr/bin/env python3
# check-man.py SRCDIR CLI: the manual page certassist-cli(1) renders without
# warnings and keeps up with the program: every command and long option that
# `certassist-cli --help` lists, and every finding id of the catalogue in
# src/core/ca-finding.c, is in it. TAP output.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys

srcdir, cli = sys.argv[1], sys.argv[2]
page_path = os.path.join(srcdir, "doc", "certassist-cli.1")
failures = 0
count = 0


def check(ok, what, detail=""):
    global failures, count
    count += 1
    print(f"{'ok' if ok else 'not ok'} {count} - {what}")
    if not ok:
        failures += 1
        for line in detail.splitlines():
            print(f"# {line}")


render = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page_path],
                        capture_output=True, text=True)
check(render.returncode == 0 and render.stderr == "", "the page renders without warnings", render.stderr)

# Plain text of the page, hyphens as typed (groff writes \- as a minus sign).
# Long lines and no hyphenation: each id and option stays whole.
text = subprocess.run(["groff", "-man", "-Tutf8", "-rHY=0", "-rLL=400n", "-P-c", "-P-b", "-P-u", page_path],
                      capture_output=True, text=True).stdout
text = text.replace("\u2212", "-").replace("\u2010", "-")
flat = re.sub(r"\s+", " ", text)

env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
help_text = subprocess.run([cli, "--help"], capture_output=True, text=True, env=env).stdout
commands = re.findall(r"^  ([a-z][a-z-]+)  ", help_text.split("Commands:")[-1], re.M)
options = sorted(set(re.findall(r"^\s+(--[a-z][a-z-]+)", help_text, re.M)) - {"--help"})
check(len(commands) >= 10 and len(options) >= 10, "the program lists its commands and options",
      help_text)
missing = [c for c in commands if not re.search(rf"(^|\n)\s*{re.escape(c)}\b", text)]
check(not missing, "every command has its entry", "missing: " + ", ".join(missing))
missing = [o for o in options if o not in flat]
check(not missing, "every option is described", "missing: " + ", ".join(missing))

catalogue = open(os.path.join(srcdir, "src", "core", "ca-finding.c"), encoding="utf-8").read()
ids = re.findall(r'\{ CA_FINDING_[A-Z0-9_]+, "([a-z0-9_]+)",', catalogue)
check(len(ids) >= 40, "the catalogue's ids are found", f"found {len(ids)}")
missing = [i for i in ids if not re.search(rf"\b{i}\b", flat)]
check(not missing, "every finding id is in the page", "missing: " + ", ".join(missing))

print(f"1..{count}")
sys.exit(1 if failures else 0)
