#!/usr/bin/python3
# check-flatpak-manifest.py: lint the Flatpak manifest, as a TAP stream.
#
# Usage: check-flatpak-manifest.py MANIFEST SOURCE_ROOT
#
# The manifest cannot be built here (no network, no flatpak-builder), so this
# checks what a build would trip on, and that it asks for no more than it needs.
# Each rule is also run against a broken copy of the manifest, so a rule that
# stopped catching anything fails the test too.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import copy
import json
import os
import re
import sys

APP_ID = "io.github.certassist.CertAssist"
REQUIRED_FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
    # The AWS profiles, read only; IAM Identity Center's token cache, shared with
    # the AWS CLI, is the one place the app writes.
    "--filesystem=~/.aws:ro",
    "--filesystem=~/.aws/sso/cache:create",
]
# The oldest GNOME runtime still supported when the manifest was last updated.
OLDEST_RUNTIME = 49
# Any other file access is more than the app needs.
FILESYSTEM_ARG = re.compile(r"^--filesystem=")
# Access the app never needs: it reads no user files but those it is given.
FORBIDDEN_FINISH_ARGS = re.compile(
    r"^--(filesystem=(host|host-os|host-etc|home)(:.*)?|socket=session-bus|socket=system-bus|device=all)$")
ARCHIVE_TYPES = {"archive", "file"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def installed_executables(root):
    """Names of the executables meson installs, from the src/*/meson.build files."""
    names = set()
    for sub in ("gui", "cli"):
        path = os.path.join(root, "src", sub, "meson.build")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"executable\(\s*'([^']+)'(.*?)\n\)", text, re.S):
            if re.search(r"install:\s*true", m.group(2)):
                names.add(m.group(1))
    return names


def check_id_and_runtime(manifest, root):
    problems = []
    app_id = manifest.get("id", manifest.get("app-id"))
    if app_id != APP_ID:
        problems.append("id is %r, not %r" % (app_id, APP_ID))
    for key in ("runtime", "runtime-version", "sdk"):
        if not manifest.get(key):
            problems.append("%s is missing" % key)
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("runtime and sdk must be org.gnome.Platform and org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if version.isdigit() and int(version) < OLDEST_RUNTIME:
        problems.append("runtime-version %s is out of support (oldest: %d)" % (version, OLDEST_RUNTIME))
    return problems


def check_command(manifest, root):
    command = manifest.get("command")
    if not command:
        return ["command is missing"]
    if command not in installed_executables(root):
        return ["command %r is not an executable meson installs" % command]
    return []


def check_finish_args(manifest, root):
    args = manifest.get("finish-args", [])
    problems = ["finish-args lacks %s" % a for a in REQUIRED_FINISH_ARGS if a not in args]
    problems += ["finish-args has %s" % a for a in args if FORBIDDEN_FINISH_ARGS.match(a)]
    problems += ["finish-args has %s, more file access than the AWS profiles" % a
                 for a in args if FILESYSTEM_ARG.match(a) and a not in REQUIRED_FINISH_ARGS]
    # A host command (flatpak-spawn --host) would let any credential_process escape the sandbox.
    problems += ["finish-args has %s" % a for a in args if a == "--talk-name=org.freedesktop.Flatpak"]
    return problems


def check_source(module, source, manifest_dir):
    name = module.get("name", "?")
    kind = source.get("type")
    if kind in ARCHIVE_TYPES:
        problems = []
        if not source.get("url", "").startswith("https://"):
            problems.append("module %s: %s source without an https url" % (name, kind))
        if not SHA256.match(source.get("sha256", "")):
            problems.append("module %s: %s source without a sha256" % (name, kind))
        return problems
    if kind == "dir":
        path = os.path.join(manifest_dir, source.get("path", ""))
        if not os.path.exists(os.path.join(path, "meson.build")):
            return ["module %s: dir source %s holds no meson.build" % (name, path)]
        return []
    if kind == "git":
        if not source.get("commit") and not source.get("tag"):
            return ["module %s: git source pinned to neither commit nor tag" % name]
        return []
    if kind == "inline":
        return [] if "contents" in source else ["module %s: inline source without contents" % name]
    return ["module %s: unexpected source type %r" % (name, kind)]


def check_modules(manifest, root, manifest_dir):
    modules = manifest.get("modules")
    if not modules:
        return ["no modules"]
    problems = []
    for module in modules:
        if not isinstance(module, dict) or not module.get("name"):
            problems.append("a module without a name (or a module given as a file)")
            continue
        if not module.get("sources"):
            problems.append("module %s has no sources" % module["name"])
        for source in module.get("sources", []):
            problems += check_source(module, source, manifest_dir)
    last = modules[-1] if isinstance(modules[-1], dict) else {}
    if last.get("name") != "certassist" or last.get("buildsystem") != "meson":
        problems.append("the last module must build certassist with meson")
    if not any(m.get("name") == "unbound" for m in modules if isinstance(m, dict)):
        problems.append("no unbound module: the GNOME runtime lacks libunbound")
    return problems


def check_all(manifest, root, manifest_dir):
    return (check_id_and_runtime(manifest, root) + check_command(manifest, root) +
            check_finish_args(manifest, root) + check_modules(manifest, root, manifest_dir))


def breakages():
    """Ways to break the manifest, each of which the lint must report."""
    def set_key(key, value):
        def f(m):
            m[key] = value
        return f

    def drop_key(key):
        def f(m):
            m.pop(key, None)
        return f

    def module_edit(index, fn):
        def f(m):
            fn(m["modules"][index])
        return f

    return [
        ("wrong id", set_key("id", "org.example.Other")),
        ("no sdk", drop_key("sdk")),
        ("no runtime-version", drop_key("runtime-version")),
        ("unknown command", set_key("command", "no-such-binary")),
        ("host filesystem", lambda m: m["finish-args"].append("--filesystem=host")),
        ("home filesystem", lambda m: m["finish-args"].append("--filesystem=home:ro")),
        ("no network", lambda m: m["finish-args"].remove("--share=network")),
        ("old runtime", set_key("runtime-version", "47")),
        ("writable ~/.aws", lambda m: m["finish-args"].append("--filesystem=~/.aws")),
        ("documents folder", lambda m: m["finish-args"].append("--filesystem=xdg-documents")),
        ("host commands", lambda m: m["finish-args"].append("--talk-name=org.freedesktop.Flatpak")),
        ("no AWS profiles", lambda m: m["finish-args"].remove("--filesystem=~/.aws:ro")),
        ("archive without sha256", module_edit(0, lambda mod: mod["sources"][0].pop("sha256"))),
        ("archive over http", module_edit(0, lambda mod: mod["sources"][0].update(url="http://example.org/a.tar.gz"))),
        ("module without sources", module_edit(0, lambda mod: mod.update(sources=[]))),
        ("dir source elsewhere", module_edit(-1, lambda mod: mod["sources"][0].update(path="../nowhere"))),
        ("no modules", set_key("modules", [])),
    ]


def main():
    manifest_path, root = sys.argv[1], sys.argv[2]
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    cases = breakages()
    print("1..%d" % (2 + len(cases)))

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print("not ok 1 - manifest is valid JSON # %s" % e)
        return 1
    print("ok 1 - manifest is valid JSON")

    failed = 0
    problems = check_all(manifest, root, manifest_dir)
    if problems:
        failed += 1
        print("not ok 2 - manifest passes the lint")
        for p in problems:
            print("# %s" % p)
    else:
        print("ok 2 - manifest passes the lint")

    for i, (label, breakage) in enumerate(cases, start=3):
        broken = copy.deepcopy(manifest)
        breakage(broken)
        if check_all(broken, root, manifest_dir):
            print("ok %d - lint catches: %s" % (i, label))
        else:
            failed += 1
            print("not ok %d - lint catches: %s" % (i, label))

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
