#!/usr/bin/python3
# check-po.py: every translatable file is in POTFILES.in, and each catalogue in
# LINGUAS translates every message of the current sources, none fuzzy. A TAP stream.
#
# Usage: check-po.py SOURCE_ROOT
#
# The catalogues are merged with a template extracted from the sources right now
# (in a temporary directory; po/ is never touched), so a catalogue that is
# complete but stale fails as well.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset, which po/meson.build uses.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
]
C_MARKER = re.compile(r'\b(?:N?_|NC?_|C_|g_dngettext|g_dpgettext2)\s*\(\s*(?:"|[A-Z_]+\s*,\s*")')
UI_MARKER = re.compile(r'translatable="yes"')
DATA_SUFFIXES = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")


def has_translatable_strings(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if path.endswith((".c", ".h")):
        # Comments may quote _("…") as an example; they are not strings to translate.
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        return C_MARKER.search(text) is not None
    if path.endswith(".ui"):
        return UI_MARKER.search(text) is not None
    if path.endswith(DATA_SUFFIXES):
        return True
    return False


def candidate_files(root):
    for top in ("src", "data"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            for name in filenames:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if rel.endswith((".c", ".h", ".ui")) or (top == "data" and rel.endswith(DATA_SUFFIXES)):
                    yield rel


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def check_potfiles(root):
    listed = read_list(os.path.join(root, "po", "POTFILES.in"))
    problems = ["listed but missing: %s" % p for p in listed if not os.path.exists(os.path.join(root, p))]
    problems += ["has translatable strings but is not listed: %s" % rel
                 for rel in sorted(candidate_files(root))
                 if rel not in listed and has_translatable_strings(os.path.join(root, rel))]
    return problems


def extract_template(root, tmp):
    pot = os.path.join(tmp, "certassist.pot")
    result = run(["xgettext", "--package-name=certassist", "--files-from=po/POTFILES.in",
                  "--directory=" + root, "--output=" + pot] + XGETTEXT_ARGS, cwd=root)
    if result.returncode != 0:
        raise RuntimeError("xgettext failed: " + result.stderr.strip())
    return pot


def msgids(po_path, flag):
    """The msgids msgattrib selects with FLAG (--untranslated, --only-fuzzy)."""
    result = run(["msgattrib", flag, "--no-obsolete", "--no-wrap", po_path])
    ids = re.findall(r'^msgid "(.*)"$', result.stdout, re.M)
    return [i for i in ids if i != ""]


def check_catalogue(root, lang, pot, tmp):
    po = os.path.join(root, "po", lang + ".po")
    if not os.path.exists(po):
        return ["po/%s.po does not exist" % lang]
    check = run(["msgfmt", "--check", "--output-file=/dev/null", po])
    if check.returncode != 0:
        return ["msgfmt --check: " + check.stderr.strip()]
    merged = os.path.join(tmp, lang + ".po")
    merge = run(["msgmerge", "--quiet", "--no-wrap", "--output-file=" + merged, po, pot])
    if merge.returncode != 0:
        return ["msgmerge failed: " + merge.stderr.strip()]
    problems = ["untranslated: %s" % m for m in msgids(merged, "--untranslated")]
    problems += ["fuzzy: %s" % m for m in msgids(merged, "--only-fuzzy")]
    stats = run(["msgfmt", "--statistics", "--output-file=/dev/null", merged])
    print("# %s: %s" % (lang, stats.stderr.strip()))
    return problems


def report(number, description, problems):
    print("%s %d - %s" % ("not ok" if problems else "ok", number, description))
    for p in problems[:40]:
        print("#   %s" % p)
    if len(problems) > 40:
        print("#   … and %d more" % (len(problems) - 40))
    return 1 if problems else 0


def main():
    root = os.path.abspath(sys.argv[1])
    languages = read_list(os.path.join(root, "po", "LINGUAS"))
    print("1..%d" % (1 + len(languages)))
    failed = report(1, "POTFILES.in lists every file with translatable strings", check_potfiles(root))
    with tempfile.TemporaryDirectory() as tmp:
        pot = extract_template(root, tmp)
        for i, lang in enumerate(languages, start=2):
            failed += report(i, "po/%s.po translates every message, none fuzzy" % lang,
                             check_catalogue(root, lang, pot, tmp))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
