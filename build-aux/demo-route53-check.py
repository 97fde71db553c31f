#!/usr/bin/python3
# build-aux/demo-route53-check.py BUILD_DIR SHOTS_DIR [NAMES]: issue 15's "Done when" in the
# demo, as a user does it: starts build-aux/demo.sh under Xvfb with a session bus, then drives
# the real window through AT-SPI: "Request a certificate" for NAMES (default shop.example.com
# www.shop.example.com, whose zone example.com the demo's fake Route 53 hosts), the records
# page, "Create in Route 53", the confirmation, until the rows say DNS shows the records and
# the certificate is issued. Prints each state the screen shows with the seconds since the
# confirmation, and saves a screenshot of each step in SHOTS_DIR (xwd and netpbm: Debian's
# x11-apps and netpbm). As root the demo has the lab's public DNS, as the CA sees it.
#
# Uses the helpers of tests/test-atspi-journey.py (the accessibility tree, clicks).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_NAMES = "shop.example.com www.shop.example.com"


def load_journey():
    spec = importlib.util.spec_from_file_location("journey", os.path.join(TOP, "tests", "test-atspi-journey.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def own_display():
    """Runs this script again under Xvfb and a session bus of its own; the bus starts the
    accessibility bus with the display in its environment."""
    os.environ["CERTASSIST_ROUTE53_CHECK_INNER"] = "1"
    os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", "dbus-run-session", "--",
                           sys.executable, os.path.abspath(__file__)] + sys.argv[1:])


def start_demo(build, shots):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k not in ("NO_AT_BRIDGE", "GTK_A11Y")}
    env.update(GSK_RENDERER="cairo", GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"))
    log = open(os.path.join(shots, "demo.log"), "w")
    return subprocess.Popen([os.path.join(TOP, "build-aux", "demo.sh"), build], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


def app_pid(demo):
    """The app, the demo script's child once its services answer."""
    result = subprocess.run(["pgrep", "-P", str(demo.pid), "-f", "src/gui/certassist"], capture_output=True, text=True)
    return int(result.stdout.split()[0]) if result.stdout.strip() else None


def main():
    if len(sys.argv) not in (3, 4):
        print("usage: build-aux/demo-route53-check.py BUILD_DIR SHOTS_DIR [NAMES]", file=sys.stderr)
        return 2
    if not os.environ.get("CERTASSIST_ROUTE53_CHECK_INNER"):
        own_display()
    build, shots = (os.path.abspath(arg) for arg in sys.argv[1:3])
    names = sys.argv[3] if len(sys.argv) == 4 else DEFAULT_NAMES
    os.makedirs(shots, exist_ok=True)
    j = load_journey()
    import pyatspi
    step = 0

    def shot(what, window=None):
        """The screen, or the window of that title: without a window manager a dialog is
        missing from the root window's picture."""
        nonlocal step
        step += 1
        if not (shutil.which("xwd") and shutil.which("xwdtopnm")):
            return
        time.sleep(0.5)  # the last frame drawn
        with open(os.path.join(shots, f"{step:02d}-{what}.png"), "wb") as png:
            xwd = subprocess.Popen(["xwd", "-silent"] + (["-name", window] if window else ["-root"]), stdout=subprocess.PIPE)
            pnm = subprocess.Popen(["xwdtopnm"], stdin=xwd.stdout, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            subprocess.run(["pnmtopng"], stdin=pnm.stdout, stdout=png, check=True)
            xwd.wait()
            pnm.wait()

    def scroll_to(acc):
        """The mouse wheel over the page until acc is in the window (no window manager: at 0,0)."""
        frame = j.children(j.find_app(pid))[0].queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        for _ in range(80):
            box = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if box.y >= 60 and box.y + box.height <= frame.height - 20:
                return
            pyatspi.Registry.generateMouseEvent(frame.width // 2, frame.height // 2, pyatspi.MOUSE_ABS)
            pyatspi.Registry.generateMouseEvent(frame.width // 2, frame.height // 2,
                                                "b5c" if box.y + box.height > frame.height - 20 else "b4c")
            time.sleep(0.1)

    def control(what, roles, name, timeout=j.TIMEOUT, first_words=False):
        def look():
            if demo.poll() is not None:
                raise j.Failure(f"the demo exited with {demo.returncode}")
            app = j.find_app(pid)
            return j.find(app, roles, name, first_words) if app is not None else None
        return j.wait_for(f"{what} ({name!r})", look, timeout=timeout)

    def texts(prefixes):
        """The rows' titles that start with one of prefixes, with their subtitles."""
        found = []
        for row in j.walk(j.find_app(pid)):
            if j.role_name(row) == "list item" and j.acc_name(row).startswith(prefixes):
                labels = [j.acc_name(acc) for acc in j.walk(row) if j.role_name(acc) == "label"]
                found.append(" / ".join(labels))
        return found

    demo = start_demo(build, shots)
    try:
        pid = j.wait_for("the demo's app", lambda: demo.poll() is None and app_pid(demo), timeout=120)
        j.activate(control("the journey", ("list item",), "Request a certificate", timeout=j.START_TIMEOUT), "row")
        next_button = control("the account page's Next", ("push button",), "Next")
        shot("account-page")
        j.activate(next_button, "Next")
        entry = control("the names", ("text",), "Names, such as example.com www.example.com")
        shot("request-page")
        entry.queryEditableText().setTextContents(names)
        request = control("the request button", ("push button",), "Request Certificate")
        shot("names")
        j.activate(request, "Request Certificate")
        create = control("the Route 53 button", ("push button",), "Create the Validation Records in Route 53")
        print("records page:", *texts(("Waiting", "ACM", "For ", "Route 53", "There is no")), sep="\n  ")
        scroll_to(create)
        shot("route53-offered")
        j.activate(create, "Create in Route 53")
        confirm = control("the confirmation", ("push button",), "Create Records")
        shot("confirmation", "Create the Records in Route 53?")
        j.activate(confirm, "Create Records")
        confirmed = time.monotonic()
        last = None
        prefixes = ("Waiting", "The certificate", "ACM", "For ", "The records", "Creating", "Route 53",
                    "Published", "There is no", "Looking")
        while time.monotonic() - confirmed < 300:
            seen = time.monotonic() - confirmed
            now = texts(prefixes)
            if now != last:
                print(f"{seen:6.1f} s after the confirmation:", *now, sep="\n  ", flush=True)
                shot("state")
                last = now
            if any(text.startswith("The certificate is issued") for text in now):
                issued = seen
                break
            time.sleep(0.3)
        else:
            raise j.Failure("the certificate was not issued within 300 s")
        scroll_to(control("the status", ("list item",), "The certificate is issued", first_words=True))
        shot("issued")
        print(f"issued {issued:.1f} s after the confirmation; screenshots in {shots}")
        return 0
    except j.Failure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        shot("failed")
        return 1
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        demo.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
