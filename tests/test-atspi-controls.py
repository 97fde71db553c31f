#!/usr/bin/python3
# test-atspi-controls.py: every page of every journey the welcome page offers, looked at
# through the accessibility tree (AT-SPI) as a screen reader user meets it. On each page
# every control that shows and can be used (buttons, toggles, switches, entries, combo
# boxes, links, rows) must have an accessible name that says what it does (not "Button",
# not an icon's name, not a bare "Copy", not said twice, no mnemonic underline) and a
# role that fits, and the Tab key must reach it: the test presses Tab (key events made by
# the AT-SPI registry) round the window and compares where focus went with the controls.
# Every place focus stops must say what it is as well. The header bar's main menu is
# looked at as a menu: its items named, and each reached by the arrow keys from F10. The
# dialogs the pages open (the IAM policy, the IAM Identity Center sign-in, About) are
# looked at as pages are; the sign-in talks to the loopback IAM Identity Center
# (tests/sso-server.c) with a profile of its AWS config, chosen on the account page.
# The real app runs against the fake ACM and an unbound with the fixture zones, as in
# test-atspi-journey.py, whose helpers this program uses; a host check talks to a TLS
# server on loopback made by this program. A TAP stream, a case per page.
#
# Usage: test-atspi-controls.py APP FAKE_ACM SSO_SERVER SOURCE_ROOT BUILD_ROOT
#
# Needs a display and a session bus (xvfb-run -a dbus-run-session, as the GUI tests).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

# The journey test's helpers (it is a script, with a dash in its name, so by its path).
# Loading it pops G_DEBUG before pyatspi loads GLib, as it explains, and skips the whole
# program when pyatspi is missing.
_spec = importlib.util.spec_from_file_location(
    "atspi_journey", os.path.join(os.path.dirname(os.path.abspath(__file__)), "test-atspi-journey.py"))
journey = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(journey)

import pyatspi  # noqa: E402 (after the journey test has popped G_DEBUG)
from gi.repository import GLib  # noqa: E402

Failure = journey.Failure
acc_name = journey.acc_name
role_name = journey.role_name
children = journey.children

PLAN = 21  # a case per page, menu or dialog looked at
TIMEOUT = journey.TIMEOUT
MAIN_WINDOW = "CertAssist"
KEY_TAB = 0xff09
KEY_RETURN = 0xff0d
KEY_ESCAPE = 0xff1b
KEY_BACKSPACE = 0xff08
CONTROL_MASK = 1 << 2  # X11's ControlMask
KEY_COMMA = 0x002c
KEY_F10 = 0xffc7
KEY_DOWN = 0xff54

# GTK 4.8 reports no focus inside an AdwEntryRow of libadwaita 1.2 (its text field is a
# delegate, and only GTK 4.10 lets libadwaita report a delegate's focus): a press of Tab
# that lands there makes no event and leaves no node focused. After this many seconds
# without an event a press counts as such a silent stop; audit() matches the silent
# stops with the entry rows, and type_into() shows that typing there fills the row.
SILENT = 1.5
# The profile of the AWS config tests/sso-server.c writes that signs in through IAM
# Identity Center, as the account page lists it.
SSO_PROFILE_LABEL = "sso (IAM Identity Center)"
# What a user can act on, by role: each must be named, and reached by Tab.
CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "switch", "text", "entry",
    "password text", "combo box", "link", "list item", "table cell", "spin button", "slider",
    "page tab",
}
# What a menu holds (GTK 4.8 calls a check or radio item of a popover menu a menu item).
MENU_ITEM_ROLES = {"menu item", "check menu item", "radio menu item"}
# Where focus may stop: a control, or a label whose text can be selected and copied.
FOCUS_ROLES = CONTROL_ROLES | {"label"}
# The title bar's window buttons (GtkWindowControls, named and described by GTK): GTK
# keeps them out of the focus chain on purpose, as the window manager's keys (and Ctrl+W,
# Super+Up) do what they do.
WINDOW_BUTTONS = {
    ("Minimize", "Minimize the window"), ("Maximize", "Maximize the window"),
    ("Restore", "Restore the window"), ("Close", "Close the window"),
}
# GTK 4.8 names an unnamed widget by its class ("GtkImage"); these are libadwaita's view
# switchers, which it hides with one page to switch to (see walk_shown()).
UNSHOWN_BY_LIBADWAITA = {"AdwViewSwitcherTitle", "AdwViewSwitcherBar"}
# Names that say nothing of what a control does.
GENERIC_NAMES = {
    "button", "copy", "toggle", "switch", "entry", "text", "link", "item", "row", "image",
    "icon", "menu", "more", "open", "edit", "remove", "delete", "ok", "go", "expander",
    "push button", "list item", "check box", "combo box", "label",
}

test_number = 0
STARTED = time.monotonic()


def ok(description):
    global test_number
    test_number += 1
    print(f"ok {test_number} - {description} (at {time.monotonic() - STARTED:.0f} s)", flush=True)


diag = journey.diag


# --- What focus does ------------------------------------------------------------------

def key_of(acc):
    """The accessible object's identity across questions: its object path (every object
    asked about is the app's)."""
    try:
        return acc.path
    except Exception:
        return None


def ancestor_keys(acc):
    """The keys of acc and of every node above it, up to the application."""
    keys = []
    depth = 0
    while acc is not None and depth < 80:
        keys.append(key_of(acc))
        if role_name(acc) == "application":
            break
        try:
            acc = acc.parent
        except Exception:
            break
        depth += 1
    return keys


class FocusTracker:
    """Listens for "object:state-changed:focused" from the app: where Tab moved focus."""

    def __init__(self, pid):
        self.pid = pid
        self.focused = []
        pyatspi.Registry.registerEventListener(self.on_focus, "object:state-changed:focused")

    def on_focus(self, event):
        try:
            if event.detail1 and event.source.get_process_id() == self.pid:
                self.focused.append(event.source)
        except Exception:
            pass

    def pump(self):
        context = GLib.MainContext.default()
        while context.iteration(False):
            pass

    def clear(self):
        self.pump()
        self.focused = []

    def next_focus(self, what, silent_after=SILENT):
        """Where the last press of Tab moved focus, or None when GTK says nothing of it
        for silent_after seconds (see SILENT): waits with short polls."""
        deadline = time.monotonic() + silent_after
        while not self.focused:
            self.pump()
            if self.focused:
                break
            if time.monotonic() > deadline:
                return None
            time.sleep(0.02)
        return self.focused.pop(0)


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def press_with_control(keysym):
    """The key with Control held (locked for the press, as the registry does it)."""
    pyatspi.Registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_LOCKMODIFIERS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    pyatspi.Registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_UNLOCKMODIFIERS)


def tab_round(tracker, what, most, silent_after):
    """Presses Tab until focus comes back to where it has been: the focus chain of the
    window, one stop a press, in order; None for a stop GTK does not report (SILENT)."""
    tracker.clear()
    stops = []
    seen = set()
    for _ in range(most):
        press(KEY_TAB)
        acc = tracker.next_focus(what, silent_after)
        if acc is None:
            stops.append(None)
            continue
        key = key_of(acc)
        if key in seen:
            # From the first stop GTK reported round to it again: one of each.
            first = next(i for i, stop in enumerate(stops) if stop is not None)
            return stops[first:]
        seen.add(key)
        stops.append(acc)
    raise Failure(f"{what}: after {most} presses of Tab focus has not come round")


# --- What a page shows ----------------------------------------------------------------

def window_of(app, title=None):
    """The app's window with title, or (title None) its dialog: where keys go."""
    for window in children(app):
        if title is None and role_name(window) in ("dialog", "alert"):
            return window
        # GTK 4.8 calls its file chooser dialog a filler.
        if title is not None and role_name(window) in ("frame", "dialog", "filler") and acc_name(window) == title:
            return window
    return None


def make_active(window):
    """Sends the keys to window. Without a window manager X gives the keyboard back to
    the root window when a window on top of it closes, and X then gives keys to the
    window under the pointer (GTK does not call that window active, but takes them):
    the pointer moves into the window, which sits at 0,0 of the screen."""
    if journey.has_state(window, pyatspi.STATE_ACTIVE):
        return
    box = window.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(box.width // 2, box.height // 2, pyatspi.MOUSE_ABS)


def has_area(acc):
    """Whether the control takes room on the screen: GTK 4.8 calls a widget visible
    inside a parent that does not show it (a revealer that is closed, a search bar
    that is off), but gives it no room."""
    try:
        box = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    return box.width > 0 and box.height > 0


def walk_shown(acc, depth=0):
    """Every visible node under acc, but for what is inside a combo box and for
    libadwaita's view switchers: the preferences window has one page, so libadwaita
    shows no switcher, yet GTK 4.8 still calls them visible and gives them room."""
    for child in children(acc):
        if not journey.is_visible(child) or acc_name(child) in UNSHOWN_BY_LIBADWAITA:
            continue
        yield child
        # A combo box is one control: the list inside shows its choice.
        if depth < 60 and role_name(child) != "combo box":
            yield from walk_shown(child, depth + 1)


def controls_in(window):
    """Every control of the window that shows and can be used now. A list item that
    cannot take focus is no control but holds them (an expander row holds its header
    row and the rows it reveals)."""
    return [acc for acc in walk_shown(window)
            if role_name(acc) in CONTROL_ROLES and journey.is_sensitive(acc)
            and (role_name(acc) != "list item" or journey.has_state(acc, pyatspi.STATE_FOCUSABLE))
            and (acc_name(acc), journey.acc_description(acc)) not in WINDOW_BUTTONS
            and has_area(acc)]


def what_is_wrong_with_name(name):
    plain = name.strip()
    if not plain:
        return "it has no name"
    if plain.lower() in GENERIC_NAMES:
        return "its name is a generic word"
    if re.fullmatch(r"(Gtk|Adw)[A-Z]\w+", plain):
        return "it has no name (GTK says its class)"
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", plain):
        return "its name is an icon's name"
    if re.search(r"(^|\s)_\w", plain):
        return "its name shows a mnemonic's underline"
    words = plain.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        return "its name is said twice"
    return None


def text_of(acc):
    try:
        content = acc.queryText()
        return content.getText(0, content.characterCount)
    except Exception:
        return ""


def describe(acc):
    return f"[{role_name(acc)}] {acc_name(acc)!r}"


def audit(app, tracker, page, window_title=None, most_tabs=200, within=None):
    """The checks of one page (see the top) in the window with window_title (or the
    dialog), or only of the part within when the window shows one of its pages (see
    page_around()); a Failure lists every problem at once."""
    window = journey.wait_for(f"the window of {page}", lambda: window_of(app, window_title))
    make_active(window)
    controls = controls_in(within or window)
    if not controls:
        raise Failure(f"{page}: no controls in the accessibility tree")
    problems = []
    # A window's name is what a screen reader says first of it.
    wrong = what_is_wrong_with_name(acc_name(window))
    if wrong:
        problems.append(f"the window {describe(window)}: {wrong}")
    for acc in controls:
        wrong = what_is_wrong_with_name(acc_name(acc))
        if wrong:
            problems.append(f"{describe(acc)}: {wrong}")
    # Only an entry row makes no event: on a page without one, a slow event is awaited.
    has_entry_rows = any(role_name(acc) == "text" for acc in controls)
    stops = tab_round(tracker, page, most_tabs, SILENT if has_entry_rows else TIMEOUT)
    reported = [acc for acc in stops if acc is not None]
    reached = set()
    for acc in reported:
        if role_name(acc) not in FOCUS_ROLES:
            problems.append(f"focus stops on {describe(acc)}, whose role says nothing a user can do")
        else:
            wrong = what_is_wrong_with_name(acc_name(acc))
            if wrong:
                problems.append(f"focus stops on {describe(acc)}: {wrong}")
        reached.update(ancestor_keys(acc))
    unreached = [acc for acc in controls if key_of(acc) not in reached]
    # The silent stops are the entry rows (see SILENT), one each.
    entry_rows = [acc for acc in unreached if role_name(acc) == "text"]
    silent = len(stops) - len(reported)
    if silent != len(entry_rows):
        problems.append(f"{silent} presses of Tab went where GTK does not say, "
                        f"for {len(entry_rows)} entry rows that Tab did not reach otherwise")
    # Tab reaches a group of radio buttons at its chosen one; the arrow keys choose.
    radio_reached = any(role_name(acc) == "radio button" for acc in reported)
    for acc in unreached:
        if acc not in entry_rows and not (role_name(acc) == "radio button" and radio_reached):
            problems.append(f"{describe(acc)}: Tab never reaches it")
    if problems:
        diag(f"{page}: focus went to " + ", ".join(describe(acc) if acc else "(silence)" for acc in stops))
        raise Failure(f"{page}: " + "; ".join(problems))
    diag(f"{page}: " + ", ".join(describe(acc) for acc in controls))
    ok(f"{page}: {len(controls)} controls named and reached by Tab ({len(stops)} stops)")
    return controls


def page_around(acc):
    """The page of a window that acc is on: the nearest node above it that also holds a
    button (the page's header). libadwaita 1.2's About window keeps the page it went
    on from in the tree, where GTK 4.8 calls it visible and gives it room."""
    page = acc.parent
    while page is not None and role_name(page) not in ("frame", "dialog"):
        if any(role_name(node) == "push button" for node in walk_shown(page)):
            return page
        page = page.parent
    raise Failure(f"{describe(acc)} is on no page with a button")


def shown_choice(combo):
    """The texts a combo box shows, its title and its choice, without its list."""
    texts = []
    for acc in children(combo):
        if role_name(acc) == "list" or not journey.is_visible(acc):
            continue
        if role_name(acc) == "label":
            texts.append(acc_name(acc))
        texts += shown_choice(acc)
    return texts


def ancestor_with_role(acc, role):
    """acc, or the nearest node above it, with role; None when none has it."""
    depth = 0
    while acc is not None and depth < 80:
        if role_name(acc) == role:
            return acc
        try:
            acc = acc.parent
        except Exception:
            return None
        depth += 1
    return None


def arrow_round(tracker, what, first, most):
    """Presses Down from the menu item first until focus comes back to an item it has
    been on: the items the arrow keys reach, in order. GTK may say twice that an item
    took focus; the second says nothing new."""
    stops = [first]
    for _ in range(most):
        press(KEY_DOWN)
        acc = tracker.next_focus(what, TIMEOUT)
        while acc is not None and key_of(acc) == key_of(stops[-1]):
            acc = tracker.next_focus(what, SILENT)
        if acc is None:
            raise Failure(f"{what}: Down moved focus nowhere GTK says")
        if any(key_of(acc) == key_of(stop) for stop in stops):
            return stops
        stops.append(acc)
    raise Failure(f"{what}: after {most} presses of Down focus has not come round")


def audit_menu(app, tracker, what):
    """The main menu, as a keyboard user opens it (F10, the primary menu's key): the menu
    and each of its items must say what they are, and Down must reach every item."""
    window = journey.wait_for(f"the window of {what}", lambda: window_of(app, MAIN_WINDOW))
    make_active(window)
    tracker.clear()
    press(KEY_F10)
    first = tracker.next_focus(what, TIMEOUT)
    menu = ancestor_with_role(first, "menu") if first is not None else None
    if menu is None:
        raise Failure(f"{what}: F10 put focus on {describe(first) if first else 'nothing'}, not in a menu")
    items = [acc for acc in walk_shown(menu)
             if role_name(acc) in CONTROL_ROLES | MENU_ITEM_ROLES and has_area(acc)]
    problems = []
    wrong = what_is_wrong_with_name(acc_name(menu))
    if wrong:
        problems.append(f"the menu {describe(menu)}: {wrong}")
    for acc in items:
        if role_name(acc) not in MENU_ITEM_ROLES:
            problems.append(f"{describe(acc)}: in a menu, its role says it is no menu item")
        wrong = what_is_wrong_with_name(acc_name(acc))
        if wrong:
            problems.append(f"{describe(acc)}: {wrong}")
    stops = arrow_round(tracker, what, first, 2 * len(items) + 4)
    reached = {key_of(acc) for acc in stops}
    problems += [f"{describe(acc)}: Down never reaches it" for acc in items if key_of(acc) not in reached]
    if problems:
        diag(f"{what}: Down went to " + ", ".join(describe(acc) for acc in stops))
        raise Failure(f"{what}: " + "; ".join(problems))
    diag(f"{what}: {describe(menu)}: " + ", ".join(describe(acc) for acc in items))
    ok(f"{what}: {len(items)} items named and reached by Down")
    return items


# --- A TLS server for the host check --------------------------------------------------

def serve_tls(certs_dir):
    """A TLS server on 127.0.0.1 with the test certificates (tests/make-certs.sh), in a
    thread: it finishes each handshake and closes. Returns its port."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(certs_dir, "chain-served.pem"), os.path.join(certs_dir, "leaf.key"))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def serve():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            try:
                with context.wrap_socket(connection, server_side=True) as tls:
                    tls.settimeout(5)
                    tls.recv(1)
            except (OSError, ssl.SSLError):
                pass

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def start_sso_server(sso_path, work, procs):
    """The loopback IAM Identity Center (tests/sso-server.c), which never sees the code
    confirmed ("pending"), so the sign-in dialog waits on its code. It writes the AWS
    config into the home it is given, which the app gets as its own: the app then finds
    no token in its cache and needs a sign-in. Returns what the app's environment takes."""
    home = os.path.join(work, "home")
    os.makedirs(home)
    # stdin stays open: the server runs until it closes (or SIGTERM).
    server = subprocess.Popen([sso_path, "pending"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=dict(os.environ, HOME=home))
    procs.append(server)
    line = server.stdout.readline().strip()
    if not line.startswith("url="):
        raise Failure(f"the IAM Identity Center server said {line!r}, not its URL")
    url = line[len("url="):]
    return {"HOME": home, "AWS_CONFIG_FILE": os.path.join(home, "aws-config"),
            "AWS_ENDPOINT_URL_SSO_OIDC": url, "AWS_ENDPOINT_URL_SSO": url}


def main():
    if len(sys.argv) != 6:
        print("usage: test-atspi-controls.py APP FAKE_ACM SSO_SERVER SOURCE_ROOT BUILD_ROOT", file=sys.stderr)
        return 2
    app_path, fake_path, sso_path, source_root, build_root = sys.argv[1:]
    print(f"1..{PLAN}", flush=True)
    work = tempfile.mkdtemp(prefix="certassist-atspi-controls-")
    procs = []
    app_proc = None
    try:
        url, port, _, _, _ = journey.start_services(work, fake_path, source_root, procs)
        app_proc = journey.start_app(app_path, build_root, work, url, port, procs,
                                     start_sso_server(sso_path, work, procs))
        walk_journeys(app_proc, os.environ["CERTASSIST_TEST_CERTS"])
        return 0
    except Failure as e:
        print(f"not ok {test_number + 1} - {e}", flush=True)
        if app_proc is not None and app_proc.poll() is None:
            app = journey.find_app(app_proc.pid)
            if app is not None:
                diag("The app's accessibility tree:")
                diag("\n".join(journey.dump(app)))
        return 1
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(procs):
            try:
                proc.wait(timeout=20)
            except Exception:
                proc.kill()
                proc.wait()
        if test_number < PLAN:
            text = journey.read_file(os.path.join(work, "app.log"))
            if text.strip():
                diag("--- app.log")
                diag(text[-20000:])
        shutil.rmtree(work, ignore_errors=True)



class Driver:
    """The app as a keyboard and screen reader user drives it: finds controls by role and
    name, activates them, types, goes back."""

    def __init__(self, app_proc):
        self.proc = app_proc
        self.tracker = None

    def app(self):
        if self.proc.poll() is not None:
            raise Failure(f"the app exited with {self.proc.returncode}")
        return journey.find_app(self.proc.pid)

    def wait_control(self, what, roles, name, timeout=TIMEOUT, first_words=False):
        def look():
            app = self.app()
            return journey.find(app, roles, name, first_words) if app is not None else None
        return journey.wait_for(f"{what} ({'/'.join(roles)} named {name!r})", look, timeout=timeout)

    def press_control(self, what, roles, name, first_words=False):
        journey.activate(self.wait_control(what, roles, name, first_words=first_words), what)

    def type_into(self, what, name_start, text):
        """Tabs to the empty entry row whose name starts with name_start and types text,
        then waits for the row to say it. Tab's stops in entry rows are silent (see
        SILENT): text typed at one that lands in another row is taken back, and Tab goes
        on."""
        def look():
            return next((acc for acc in journey.walk(self.app())
                         if role_name(acc) == "text" and acc_name(acc).startswith(name_start)), None)
        entry = journey.wait_for(f"{what} (an entry named {name_start!r}…)", look)
        window = window_of(self.app(), MAIN_WINDOW)
        make_active(window)
        rows = [acc for acc in controls_in(window) if role_name(acc) == "text"]
        self.tracker.clear()
        for _ in range(60):
            press(KEY_TAB)
            acc = self.tracker.next_focus(what)
            if acc is not None and key_of(entry) not in ancestor_keys(acc):
                continue
            pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
            holder = journey.wait_for(f"{what}: a row to take {text!r}",
                                      lambda: next((row for row in rows if text_of(row).endswith(text)), None))
            if key_of(holder) == key_of(entry):
                journey.wait_for(f"{what} to say {text!r}", lambda: text_of(entry) == text)
                return
            for _ in text:
                press(KEY_BACKSPACE)
            journey.wait_for(f"{describe(holder)} to be as it was", lambda: not text_of(holder).endswith(text))
            self.tracker.clear()
        raise Failure(f"{what}: Tab does not reach it")

    def audit(self, page, window_title=MAIN_WINDOW, within=None):
        return audit(self.app(), self.tracker, page, window_title, within=within)

    def choose(self, what, combo_name, label):
        """Opens the combo box (a click, as GTK 4.8 gives it no action), goes down its
        list with the arrow keys to the item that says label and takes it with Return,
        as a keyboard user does. GTK 4.8 leaves the list's items unnamed: their labels
        say what they are."""
        combo = self.wait_control(what, ("combo box",), combo_name)
        self.tracker.clear()
        journey.activate(combo, what)
        item = self.tracker.next_focus(what, TIMEOUT)
        for _ in range(20):
            if item is None:
                raise Failure(f"{what}: focus went nowhere GTK says in the list")
            if any(acc_name(acc) == label for acc in journey.walk(item)):
                press(KEY_RETURN)
                journey.wait_for(f"{what} to say {label!r}", lambda: label in shown_choice(combo))
                return
            press(KEY_DOWN)
            item = self.tracker.next_focus(what, TIMEOUT)
        raise Failure(f"{what}: no item says {label!r}")

    def wait_gone(self, what, roles, name):
        journey.wait_for(f"{what} to go", lambda: not journey.find_all(self.app(), roles, name))

    def back_to_welcome(self):
        """Presses Back until the welcome page's rows show again."""
        for _ in range(12):
            if journey.find(self.app(), ("list item",), "Check a certificate") is not None:
                return
            back = journey.find(self.app(), ("push button",), "Back")
            if back is not None:
                journey.activate(back, "Back")
            time.sleep(0.3)
        raise Failure("Back did not lead to the welcome page")

    def start_journey(self, title):
        self.back_to_welcome()
        self.press_control("the welcome page's journey", ("list item",), title)


def walk_journeys(app_proc, certs_dir):
    d = Driver(app_proc)
    d.wait_control("the welcome page's journey", ("list item",), "Request a certificate",
                   timeout=journey.START_TIMEOUT)
    d.tracker = FocusTracker(app_proc.pid)
    d.audit("the welcome page")

    # Preferences, by its shortcut; Escape closes them.
    press_with_control(KEY_COMMA)
    journey.wait_for("the preferences", lambda: window_of(d.app(), "Preferences"))
    d.audit("the preferences", "Preferences")
    press(KEY_ESCAPE)
    journey.wait_for("the preferences to close", lambda: window_of(d.app(), "Preferences") is None)

    # The main menu, by F10, and the About window it opens, with its details.
    audit_menu(d.app(), d.tracker, "the main menu")
    d.press_control("the menu's About", ("menu item",), "About CertAssist")
    journey.wait_for("the About window", lambda: window_of(d.app(), "About"))
    d.audit("the About window", "About")
    d.press_control("the About window's Details", ("list item",), "Details")
    website = d.wait_control("the details' link", ("list item",), "Website")
    details = page_around(website)
    d.audit("the About window's details", "About", within=details)
    # Back to the first page, where Escape closes the window: once libadwaita has gone
    # back, focus returns to the row that led to the details.
    d.tracker.clear()
    journey.activate(journey.find(details, ("push button",), "Back"), "Back")
    while True:
        acc = d.tracker.next_focus("the About window's Back", TIMEOUT)
        if acc is None:
            raise Failure("after Back, focus did not return to the About window's Details")
        if acc_name(acc) == "Details":
            break
    press(KEY_ESCAPE)
    journey.wait_for("the About window to close", lambda: window_of(d.app(), "About") is None)

    # Request a certificate: the account, the request, the watch and the summary.
    d.start_journey("Request a certificate")
    d.wait_control("the account page's Next", ("push button",), "Next")
    d.audit("the account page")
    d.press_control("the account page's policy row", ("list item",), "Permissions CertAssist needs")
    journey.wait_for("the IAM policy", lambda: window_of(d.app(), "IAM Policy for CertAssist"))
    d.audit("the IAM policy dialog", "IAM Policy for CertAssist")
    press(KEY_ESCAPE)
    journey.wait_for("the IAM policy to close", lambda: window_of(d.app(), "IAM Policy for CertAssist") is None)
    d.press_control("Next", ("push button",), "Next")
    d.type_into("the names to request", "Names, such as", "new.example.net")
    d.audit("the request page")
    d.press_control("Request Certificate", ("push button",), "Request Certificate")
    d.wait_control("the watch page's Check Now", ("push button",), "Check Now")
    d.audit("the watch page of a request")
    d.press_control("Next", ("push button",), "Next")
    d.wait_control("the summary's export", ("push button",), "Copy as Markdown")
    d.audit("the summary")

    # My certificate waits for its approval mail: the certificates, the diagnosis, the
    # resend and its confirmation.
    d.start_journey("My certificate waits for its approval mail")
    d.press_control("Next", ("push button",), "Next")
    d.wait_control("the certificate in the list", ("list item",), "sub.parent-mx.example")
    d.audit("the certificates page")
    d.press_control("the certificate row", ("list item",), "sub.parent-mx.example")
    d.wait_control("the resend button", ("push button",), "Resend Approval Mail", first_words=True)
    d.wait_control("the diagnosis's Next, once it is done", ("push button",), "Next")
    d.audit("the diagnosis page")
    d.press_control("Resend Approval Mail", ("push button",), "Resend Approval Mail", first_words=True)
    d.wait_control("the resend page's button", ("push button",), "Resend Approval Mail…")
    d.audit("the resend page")
    d.press_control("Resend Approval Mail…", ("push button",), "Resend Approval Mail…")
    d.wait_control("the confirmation's Resend", ("push button",), "Resend")
    d.audit("the resend confirmation", window_title=None)
    d.press_control("Cancel", ("push button",), "Cancel")
    d.wait_gone("the confirmation", ("push button",), "Resend")

    # Move a certificate to DNS validation: the move page.
    d.start_journey("Move a certificate to DNS validation")
    d.press_control("Next", ("push button",), "Next")
    d.press_control("the certificate row", ("list item",), "example.net")
    d.wait_control("the move page's button", ("push button",), "Move to DNS Validation")
    d.audit("the move page")

    # The fleet: every region, once each has answered.
    d.start_journey("Which of my certificates must move before the deadline?")
    d.press_control("Next", ("push button",), "Next")
    d.wait_control("the fleet's certificates", ("label",), "Your Certificates Before the Deadline")
    d.wait_gone("the regions' progress", ("label", "progress bar"), "Regions that have answered")
    d.audit("the fleet page")

    # My validation mail never arrived: the names (the diagnosis page was looked at above).
    d.start_journey("My validation mail never arrived")
    d.type_into("the names to diagnose", "Names, such as", "good.example")
    d.audit("the names page")

    # Where does the approval mail go?
    d.start_journey("Where does the approval mail go?")
    d.type_into("the names", "Names, such as", "www.example.net")
    d.wait_control("the approvers page's Next", ("push button",), "Next")
    d.audit("the approval addresses page")

    # Check a certificate: a web site, then a file.
    d.start_journey("Check a certificate")
    port = serve_tls(certs_dir)
    d.type_into("the site to check", "Web Site", f"127.0.0.1:{port}")
    press(KEY_RETURN)
    d.wait_control("the server's result", ("label",), "Server")
    d.audit("the check page with a web site's certificates")
    d.press_control("Choose File…", ("push button",), "Choose File…")
    journey.wait_for("the file chooser", lambda: window_of(d.app(), "Choose a Certificate"))
    make_active(window_of(d.app(), "Choose a Certificate"))
    pyatspi.Registry.generateKeyboardEvent(0, os.path.join(certs_dir, "chain.pem"), pyatspi.KEY_STRING)
    press(KEY_RETURN)
    d.wait_control("the file's result", ("label",), "File")
    d.audit("the check page with a file's certificates")

    # The IAM Identity Center sign-in, last: the profile chosen stays the session's. With
    # no token cached, the certificates page offers to sign in; the dialog shows the code.
    d.start_journey("My certificate waits for its approval mail")
    d.wait_control("the account page's Next", ("push button",), "Next")
    d.choose("the identity", "Identity", SSO_PROFILE_LABEL)
    d.press_control("Next", ("push button",), "Next")
    d.press_control("the certificates page's Sign In", ("push button",), "Sign In", first_words=True)
    journey.wait_for("the sign-in dialog", lambda: window_of(d.app(), "Sign In"))
    d.wait_control("the sign-in dialog's code step", ("push button",), "Open Sign-In Page", first_words=True)
    d.audit("the IAM Identity Center sign-in dialog", "Sign In")
    press(KEY_ESCAPE)
    journey.wait_for("the sign-in dialog to close", lambda: window_of(d.app(), "Sign In") is None)


if __name__ == "__main__":
    sys.exit(main())
