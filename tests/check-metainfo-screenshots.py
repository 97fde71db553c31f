#!/usr/bin/python3
# check-metainfo-screenshots.py: the metainfo's screenshots are pictures of this
# repository (data/screenshots/, committed), each with a caption, at the URL the
# repository serves them from, and the README shows one of them. A TAP stream.
#
# Usage: check-metainfo-screenshots.py SOURCE_ROOT
#
# appstreamcli validate --no-net cannot fetch the images, so a renamed or
# forgotten picture would only show as a broken image in a software centre.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

RAW_PREFIX = "https://raw.githubusercontent.com/certassist/certassist/main/"
HOMEPAGE = "https://github.com/certassist/certassist"
# Flathub's advice: at least 620 px wide, so that a software centre need not scale up.
MIN_WIDTH = 620
# The pictures live in the git tree: keep them small.
MAX_BYTES = 512 * 1024

results = []


def check(ok, what):
    results.append((bool(ok), what))


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    root = sys.argv[1]
    metainfo = os.path.join(root, "data", "io.github.certassist.CertAssist.metainfo.xml.in")
    component = ET.parse(metainfo).getroot()
    homepage = component.find("url[@type='homepage']")
    check(homepage is not None and homepage.text == HOMEPAGE,
          "the homepage is the repository the screenshots are served from")
    screenshots = component.findall("screenshots/screenshot")
    check(len(screenshots) >= 3, "at least three screenshots (%d)" % len(screenshots))
    check(len([s for s in screenshots if s.get("type") == "default"]) == 1, "exactly one default screenshot")
    pictures = []
    for shot in screenshots:
        image = shot.find("image")
        caption = shot.find("caption")
        url = image.text.strip() if image is not None and image.text else ""
        check(caption is not None and caption.text and len(caption.text.strip()) > 10,
              "%s has a caption" % url)
        check(url.startswith(RAW_PREFIX), "%s is served from the repository" % url)
        relative = url[len(RAW_PREFIX):]
        path = os.path.join(root, relative)
        size = png_size(path) if os.path.isfile(path) else None
        check(size is not None, "%s is a PNG in the repository" % relative)
        if size is not None:
            check(size[0] >= MIN_WIDTH, "%s is at least %d px wide (%d)" % (relative, MIN_WIDTH, size[0]))
            check(os.path.getsize(path) <= MAX_BYTES, "%s is at most %d KiB" % (relative, MAX_BYTES // 1024))
        pictures.append(relative)
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    shown = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", readme)
    check(any(p in pictures for p in shown), "the README shows one of the metainfo's screenshots")
    print("1..%d" % len(results))
    for i, (ok, what) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
