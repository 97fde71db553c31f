#!/usr/bin/python3
# test-atspi-journey.py: the journeys "My certificate waits for its approval mail" and
# "Move a certificate to DNS validation" driven through the accessibility tree (AT-SPI),
# as a screen reader user would: every control is found by its role and accessible name
# and activated through its Action interface (or, for what GTK 4.8 gives no action, a
# list row or a check button, clicked with a mouse event that the AT-SPI registry makes
# at the place the tree gives for it). The real app runs against the fake ACM
# (tests/fake-acm) and an unbound serving tests/zones/, where the test publishes the
# validation records the app shows (unbound-control), as a user would at their DNS
# provider; the fake validates by looking them up there.
# A TAP stream.
#
# Usage: test-atspi-journey.py APP FAKE_ACM SOURCE_ROOT BUILD_ROOT
#
# Needs a display and a session bus (xvfb-run -a dbus-run-session, as the GUI tests);
# the accessibility bus is activated on demand on the session bus.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

TIMEOUT = 60  # seconds for every wait but the app's start
START_TIMEOUT = 90  # an ASan build starts slowly
UNBOUND_CONTROL = "/usr/sbin/unbound-control"

# libatspi warns of what GTK 4.8 does not implement (its cache interface, for one);
# the meson environment's G_DEBUG=fatal-warnings is for the app, not for this client.
# GLib reads G_DEBUG when it is loaded, which importing pyatspi does.
APP_G_DEBUG = os.environ.pop("G_DEBUG", None)

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi not installed")
    sys.exit(0)

PLAN = 15
test_number = 0


def ok(description):
    global test_number
    test_number += 1
    print(f"ok {test_number} - {description}", flush=True)


def diag(text):
    for line in str(text).splitlines():
        print(f"# {line}", flush=True)


class Failure(Exception):
    pass


def free_port():
    """A loopback port that is free for UDP and TCP right now (as build-aux/demo.sh)."""
    while True:
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind(("127.0.0.1", 0))
        port = u.getsockname()[1]
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            t.bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            t.close()
            u.close()
        return port


def dns_answers(port):
    """Whether unbound answers an A query for good.example (a hand-made UDP query)."""
    query = (b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
             b"\x04good\x07example\x00\x00\x01\x00\x01")
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.5)
    try:
        s.sendto(query, ("127.0.0.1", port))
        data, _ = s.recvfrom(512)
        return len(data) >= 12 and data[:2] == b"\x12\x34"
    except OSError:
        return False
    finally:
        s.close()


def wait_for(what, predicate, timeout=TIMEOUT, interval=0.25):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def start_unbound(work, source_root):
    """unbound serving the fixture zones, with remote control on a unix socket, so that
    the test can publish records while it runs (publish_record)."""
    port = free_port()
    conf = os.path.join(work, "unbound.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
  interface: 127.0.0.1
  port: {port}
  do-daemonize: no
  chroot: ""
  username: ""
  directory: "{work}"
  pidfile: "{work}/unbound.pid"
  use-syslog: no
  logfile: ""
  verbosity: 0
  do-ip6: no
  num-threads: 1
  module-config: "iterator"
  do-not-query-localhost: yes
  local-zone: "." static
  include: "{source_root}/tests/zones/certassist.conf"
remote-control:
  control-enable: yes
  control-interface: "{work}/unbound-control.sock"
  control-use-cert: no
""")
    log = open(os.path.join(work, "unbound.log"), "w")
    proc = subprocess.Popen(["/usr/sbin/unbound", "-d", "-c", conf], stdout=log, stderr=subprocess.STDOUT)
    return proc, port, conf


def publish_record(conf, name, value):
    """NAME CNAME VALUE at the test's DNS; unbound-control says "ok" once it is live."""
    result = subprocess.run([UNBOUND_CONTROL, "-c", conf, "local_data", f"{name} 300 IN CNAME {value}"],
                            capture_output=True, text=True, timeout=30)
    if result.returncode != 0 or not result.stdout.startswith("ok"):
        raise Failure(f"unbound-control local_data {name}: {result.stdout}{result.stderr}")


def write_seed(work, source_root):
    """The demo's certificates, with the records of a move shown after 200 ms rather than
    the demo's 3 s (the seed's delay wins over --record-delay-ms). Returns the seed's path
    and the ARN of its issued email certificate for example.net."""
    with open(os.path.join(source_root, "tests", "data", "fake-acm-demo.json")) as f:
        seed = json.load(f)
    seed.pop("record_delay_ms", None)
    arn = next(c["CertificateArn"] for c in seed["certificates"]
               if c["DomainName"] == "example.net" and c["Status"] == "ISSUED" and c["ValidationMethod"] == "EMAIL")
    path = os.path.join(work, "seed.json")
    with open(path, "w") as f:
        json.dump(seed, f)
    return path, arn


NOTIFICATIONS_XML = """<node><interface name='org.freedesktop.Notifications'>
<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>
<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>
<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>
<arg type='u' direction='out'/></method>
<method name='CloseNotification'><arg type='u' direction='in'/></method>
<method name='GetCapabilities'><arg type='as' direction='out'/></method>
<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>
<arg type='s' direction='out'/><arg type='s' direction='out'/></method>
</interface></node>"""


def serve_notifications(received_path):
    """The desktop's notification server on the session bus, in a process of its own (this
    script run with --notification-server FILE): a watch tells the desktop when it moves
    on, and without a server GLib warns, which G_DEBUG=fatal-warnings makes fatal. Writes
    "summary|body" a line per notification; the file appears once the name is owned."""
    from gi.repository import Gio, GLib

    info = Gio.DBusNodeInfo.new_for_xml(NOTIFICATIONS_XML)
    loop = GLib.MainLoop()
    count = 0

    def method_call(connection, sender, path, interface, method, parameters, invocation):
        nonlocal count
        if method == "Notify":
            count += 1
            with open(received_path, "a") as f:
                f.write(f"{parameters[3]}|{parameters[4]}\n")
            invocation.return_value(GLib.Variant("(u)", (count,)))
        elif method == "GetCapabilities":
            invocation.return_value(GLib.Variant("(as)", (["body"],)))
        elif method == "GetServerInformation":
            invocation.return_value(GLib.Variant("(ssss)", ("test", "certassist", "1", "1.2")))
        else:
            invocation.return_value(None)

    def name_acquired(connection, name):
        open(received_path, "a").close()

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.register_object("/org/freedesktop/Notifications", info.interfaces[0], method_call, None, None)
    Gio.bus_own_name_on_connection(bus, "org.freedesktop.Notifications", Gio.BusNameOwnerFlags.NONE,
                                   name_acquired, lambda connection, name: loop.quit())
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    loop.run()
    return 0


def read_file(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


# --- The accessibility tree ---------------------------------------------------------

def role_name(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return "?"


def acc_name(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def has_state(acc, state):
    """Whether acc has state; a node gone meanwhile has none."""
    try:
        return acc.getState().contains(state)
    except Exception:
        return False


def is_visible(acc):
    """GTK 4.8 sets SHOWING on windows only; VISIBLE says the widget is not hidden."""
    return has_state(acc, pyatspi.STATE_VISIBLE)


def name_matches(name, wanted, first_words=False):
    """Whether an accessible name says wanted, once and without a mnemonic's underline
    (ca_accessible_name_buttons()). GTK 4.8 glues a button's description to its name
    ("Resend Approval Mail Send the approval mail again"): first_words accepts that,
    the name starting with wanted and a space."""
    if name == wanted:
        return True
    return first_words and name.startswith(wanted + " ")


def children(acc):
    try:
        count = acc.childCount
    except Exception:
        return []
    result = []
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            result.append(child)
    return result


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children(desktop):
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def walk(acc, depth=0):
    """Every node under acc (depth first), skipping subtrees that are hidden."""
    for child in children(acc):
        if not is_visible(child):
            continue
        yield child
        if depth < 60:
            yield from walk(child, depth + 1)


def is_sensitive(acc):
    return has_state(acc, pyatspi.STATE_SENSITIVE)


def find(app, roles, name, first_words=False):
    """The first visible control of one of roles named name; one that is not sensitive
    yet (a Next button before the page can go on) counts as not there."""
    for acc in walk(app):
        if role_name(acc) in roles and name_matches(acc_name(acc), name, first_words):
            return acc if is_sensitive(acc) else None
    return None


def find_all(app, roles, name, first_words=False):
    """Every visible control of one of roles named name, in the order of the tree."""
    return [acc for acc in walk(app)
            if role_name(acc) in roles and name_matches(acc_name(acc), name, first_words)]


def acc_description(acc):
    try:
        return acc.description or ""
    except Exception:
        return ""


def dump(acc, indent=0, out=None):
    out = out if out is not None else []
    for child in children(acc):
        if not is_visible(child):
            continue
        try:
            actions = []
            action = child.queryAction()
            actions = [action.getName(i) for i in range(action.nActions)]
        except Exception:
            pass
        out.append("  " * indent + f"[{role_name(child)}] {acc_name(child)!r} desc={acc_description(child)!r} actions={actions}")
        if indent < 40:
            dump(child, indent + 1, out)
    return out


def action_names(acc):
    try:
        action = acc.queryAction()
        return action, [action.getName(i) for i in range(action.nActions)]
    except Exception:
        return None, []


def click(acc, what):
    """A click of the mouse in the middle of the control, made by the AT-SPI registry
    (XTest). GTK 4.8 gives list rows no action and no GrabFocus, so a user of AT-SPI
    activates them so. Its extents are relative to the window; under xvfb-run, with no
    window manager, the window sits at 0,0 of the screen."""
    frame = acc
    while frame is not None and role_name(frame) not in ("frame", "dialog", "window"):
        frame = frame.parent
    box = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y = box.x + box.width // 2, box.y + box.height // 2
    if box.width <= 0 or box.height <= 0 or x < 0 or y < 0:
        raise Failure(f"{what} has no place on the screen ({box.x},{box.y} {box.width}x{box.height})")
    if frame is not None:
        window = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if x >= window.width or y >= window.height:
            raise Failure(f"{what} lies outside its window ({x},{y} in {window.width}x{window.height})")
    pyatspi.Registry.generateMouseEvent(x, y, pyatspi.MOUSE_ABS)
    time.sleep(0.2)
    pyatspi.Registry.generateMouseEvent(x, y, pyatspi.MOUSE_B1C)


def activate(acc, what):
    """Does the control's action (click, activate, toggle, press); a control without one
    (a list row in GTK 4.8) is clicked."""
    action, names = action_names(acc)
    for wanted in ("click", "activate", "toggle", "press"):
        if wanted in names:
            if not action.doAction(names.index(wanted)):
                raise Failure(f"{what}: the action {wanted!r} failed")
            return wanted
    click(acc, what)
    return "mouse click"


def start_services(work, fake_path, source_root, procs):
    """unbound with the fixture zones (taking records over its control socket), the fake
    ACM seeded with the demo's certificates and validating DNS at that unbound, and a
    desktop notification server. Returns (fake ACM URL, unbound port, unbound.conf path,
    notifications file, ARN of the certificate to move)."""
    unbound, port, unbound_conf = start_unbound(work, source_root)
    procs.append(unbound)

    def unbound_up():
        if unbound.poll() is not None:
            raise Failure("unbound exited: " + read_file(os.path.join(work, "unbound.log")))
        return dns_answers(port) and os.path.exists(os.path.join(work, "unbound-control.sock"))
    wait_for("unbound to answer", unbound_up, timeout=30)

    seed, move_arn = write_seed(work, source_root)
    url_file = os.path.join(work, "fake-acm.url")
    fake_log = open(os.path.join(work, "fake-acm.log"), "w")
    procs.append(subprocess.Popen(
        [fake_path, "--seed", seed, "--url-file", url_file, "--record-delay-ms", "200",
         "--dns-server", f"127.0.0.1@{port}"],
        stdout=fake_log, stderr=subprocess.STDOUT))
    url = wait_for("the fake ACM's URL", lambda: read_file(url_file).strip())

    notifications = os.path.join(work, "notifications")
    procs.append(subprocess.Popen([sys.executable, os.path.abspath(__file__), "--notification-server", notifications]))
    wait_for("the notification server", lambda: os.path.exists(notifications), timeout=30)
    return url, port, unbound_conf, notifications, move_arn


def start_app(app_path, build_root, work, url, port, procs, extra_env=None):
    """The app against those services, with the accessibility bridge on; its output goes
    to app.log in work. extra_env adds to (or replaces in) the environment made here."""
    env = dict(os.environ)
    for var in ("NO_AT_BRIDGE", "GTK_A11Y"):
        env.pop(var, None)
    for var in list(env):
        if var.startswith("AWS_"):
            del env[var]
    if APP_G_DEBUG is not None:
        env["G_DEBUG"] = APP_G_DEBUG
    # As build-aux/dev test: with Xvfb's software GL, every frame of a spinner (the
    # validation page shows one while it waits) takes the app so long that each
    # question over AT-SPI waits tens of milliseconds.
    env.setdefault("GSK_RENDERER", "cairo")
    # As tests/own-display.sh: whole stacks on every malloc make GTK ten times slower.
    if "ASAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] = env["ASAN_OPTIONS"].replace("fast_unwind_on_malloc=0", "fast_unwind_on_malloc=1")
    env.update({
        "AWS_ENDPOINT_URL_ACM": url,
        "AWS_ENDPOINT_URL_ROUTE_53": url,
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_CONFIG_FILE": os.path.join(work, "nonexistent-config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(work, "nonexistent-credentials"),
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(build_root, "data"),
    })
    env.update(extra_env or {})
    app_log = open(os.path.join(work, "app.log"), "w")
    app_proc = subprocess.Popen(
        [app_path, "--dns-server", f"127.0.0.1@{port}", "--no-dnssec",
         "--whois-server", "127.0.0.1:1", "--rdap-bootstrap", "http://127.0.0.1:1/dns.json"],
        env=env, stdout=app_log, stderr=subprocess.STDOUT)
    procs.append(app_proc)
    return app_proc


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--notification-server":
        return serve_notifications(sys.argv[2])
    if len(sys.argv) != 5:
        print("usage: test-atspi-journey.py APP FAKE_ACM SOURCE_ROOT BUILD_ROOT", file=sys.stderr)
        return 2
    app_path, fake_path, source_root, build_root = sys.argv[1:]

    print(f"1..{PLAN}", flush=True)
    work = tempfile.mkdtemp(prefix="certassist-atspi-")
    procs = []
    app_proc = None
    try:
        url, port, unbound_conf, notifications, move_arn = start_services(work, fake_path, source_root, procs)
        ok("the fake ACM, unbound and a notification server run")

        app_proc = start_app(app_path, build_root, work, url, port, procs)

        def app_running():
            if app_proc.poll() is not None:
                raise Failure(f"the app exited with {app_proc.returncode}")

        def wait_control(what, roles, name, timeout=TIMEOUT, first_words=False):
            def look():
                app_running()
                app = find_app(app_proc.pid)
                return find(app, roles, name, first_words) if app is not None else None
            return wait_for(f"{what} ({'/'.join(roles)} named {name!r})", look, timeout=timeout)

        welcome = wait_control("the welcome page's journey", ("push button", "list item"),
                               "My certificate waits for its approval mail", timeout=START_TIMEOUT)
        ok("the app shows its journeys in the accessibility tree")

        activate(welcome, "the journey row")
        next_button = wait_control("the window's Next button", ("push button",), "Next")
        activate(next_button, "Next")
        ok("chose the journey and pressed Next")

        row = wait_control("the certificate in the list", ("list item", "push button"), "sub.parent-mx.example")
        activate(row, "the certificate row")
        ok("opened the certificate sub.parent-mx.example")

        resend = wait_control("the diagnosis page's resend button", ("push button",), "Resend Approval Mail",
                              first_words=True)
        activate(resend, "Resend Approval Mail")
        ok("the diagnosis offers to resend the approval mail")

        choice = wait_control("the choice of the parent domain", ("radio button", "check box"),
                              "Send to the addresses at parent-mx.example", first_words=True)
        activate(choice, "the parent domain choice")
        wait_for("the parent domain choice to be checked",
                 lambda: has_state(choice, pyatspi.STATE_CHECKED))
        ok("chose to send to the addresses at parent-mx.example")

        send = wait_control("the resend page's button", ("push button",), "Resend Approval Mail…")
        activate(send, "Resend Approval Mail…")
        confirm = wait_control("the confirmation dialog's button", ("push button",), "Resend")
        activate(confirm, "Resend")
        ok("confirmed the resend")

        wait_control("the result", ("label", "list item", "static", "text"), "ACM took the request")
        ok("the app says ACM took the request")

        def fake_stats():
            with urllib.request.urlopen(url.rstrip("/") + "/_fake/stats", timeout=10) as response:
                return json.load(response)

        stats = fake_stats()
        count = stats.get("operations", {}).get("ResendValidationEmail")
        domain = stats.get("last_inputs", {}).get("ResendValidationEmail", {}).get("ValidationDomain")
        if count != 1 or domain != "parent-mx.example":
            raise Failure(f"the fake ACM saw ResendValidationEmail {count} times, ValidationDomain {domain!r}")
        ok("the fake ACM got one ResendValidationEmail for parent-mx.example")

        # The journey "Move a certificate to DNS validation", from the first page again.
        def back_button():
            app_running()
            app = find_app(app_proc.pid)
            return find(app, ("push button",), "Back") if app is not None else None

        # The first page is there when Back stays gone: while a page slides away the
        # header's Back button can be missing for a moment on a page that has one.
        gone = 0
        for _ in range(20):
            back = back_button()
            if back is None:
                gone += 1
                if gone == 2:
                    break
                time.sleep(0.5)
                continue
            gone = 0
            activate(back, "Back")
            time.sleep(0.2)
        else:
            raise Failure("Back did not lead to the first page")
        move = wait_control("the welcome page's journey", ("push button", "list item"),
                            "Move a certificate to DNS validation")
        activate(move, "the journey row")
        next_button = wait_control("the window's Next button", ("push button",), "Next")
        activate(next_button, "Next")
        ok("went back to the welcome page, chose the move to DNS validation and pressed Next")

        row = wait_control("the certificate in the list", ("list item", "push button"), "example.net")
        activate(row, "the certificate row")
        start = wait_control("the move page's button", ("push button",), "Move to DNS Validation")
        activate(start, "Move to DNS Validation")
        confirm = wait_control("the confirmation dialog's button", ("push button",), "Move")
        activate(confirm, "Move")
        ok("opened example.net, pressed Move to DNS Validation and confirmed")

        def pressing_check_now(what, shown):
            """Waits for shown(app), pressing Check Now once a second as an impatient user
            would: the app asks ACM again by itself only after a while."""
            def look():
                app_running()
                app = find_app(app_proc.pid)
                if app is None:
                    return None
                result = shown(app)
                if not result:
                    check_now = find(app, ("push button",), "Check Now")
                    if check_now is not None:
                        activate(check_now, "Check Now")
                return result
            return wait_for(f"{what} (pressing Check Now)", look, interval=1.0)

        # The records as a user reads them: each Name and Value row says its text (the
        # row's second label) and has a copy button named for what it copies.
        def records_shown(app):
            names = find_all(app, ("list item",), "Name")
            values = find_all(app, ("list item",), "Value")
            return (names, values) if names and len(names) == len(values) else None

        name_rows, value_rows = pressing_check_now("the records' Name and Value rows", records_shown)
        records = []
        for name_row, value_row in zip(name_rows, value_rows):
            fields = []
            for row, caption, copy_name in ((name_row, "Name", "Copy the Record Name"),
                                            (value_row, "Value", "Copy the Record Value")):
                texts = [acc_name(acc) for acc in walk(row) if role_name(acc) == "label" and acc_name(acc) != caption]
                buttons = [acc for acc in walk(row) if role_name(acc) == "push button"]
                if len(texts) != 1 or not texts[0]:
                    raise Failure(f"the {caption} row shows {texts!r}, not one text")
                if [acc_name(b) for b in buttons] != [copy_name]:
                    raise Failure(f"the {caption} row of {texts[0]} has buttons {[acc_name(b) for b in buttons]!r}, "
                                  f"not one named {copy_name!r}")
                fields.append((texts[0], buttons[0]))
            records.append(fields)
        # example.net and www.example.net: a record each.
        if len(records) != 2:
            raise Failure(f"the validation page shows {len(records)} records, not 2")
        (first_name, copy_first_name), _ = records[0]
        # The press works through AT-SPI; what lands on the clipboard is test-gui-move's to
        # check. Its toast lasts 5 s, less than one walk of the tree takes under ASan.
        activate(copy_first_name, "Copy the Record Name")
        ok("the validation page shows each record's Name and Value with its copy button")

        for (name, _), (value, _) in records:
            publish_record(unbound_conf, name, value)
        ok(f"published {len(records)} CNAME records at the test's DNS")

        pressing_check_now("the status “The certificate now uses DNS validation”",
                           lambda app: find(app, ("list item", "label"), "The certificate now uses DNS validation"))
        told = "Moved to DNS validation|The certificate for example.net now renews by itself with DNS validation."
        wait_for("the desktop notification of the move", lambda: told in read_file(notifications).splitlines())
        ok("after Check Now the app says the certificate now uses DNS validation, and tells the desktop")

        stats = fake_stats()
        count = stats.get("operations", {}).get("UpdateCertificateOptions")
        arn = stats.get("last_inputs", {}).get("UpdateCertificateOptions", {}).get("CertificateArn")
        if count != 1 or arn != move_arn:
            raise Failure(f"the fake ACM saw UpdateCertificateOptions {count} times, the last for {arn!r}")
        ok("the fake ACM got one UpdateCertificateOptions, for example.net's ARN")
        return 0
    except Failure as e:
        print(f"not ok {test_number + 1} - {e}", flush=True)
        if app_proc is not None and app_proc.poll() is None:
            app = find_app(app_proc.pid)
            if app is not None:
                diag("The app's accessibility tree:")
                diag("\n".join(dump(app)))
        return 1
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if os.environ.get("CERTASSIST_ATSPI_KEEP_LOGS"):
            diag(f"logs kept in {work}")
        else:
            for name in ("app.log", "fake-acm.log", "unbound.log"):
                text = read_file(os.path.join(work, name))
                if text.strip() and test_number < PLAN:
                    diag(f"--- {name}")
                    diag(text[-20000:])
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
