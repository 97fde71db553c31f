#!/bin/sh
# own-display.sh TEST [ARGS...]: runs one GUI test on an X server of its own.
#
# GUI tests may then run side by side: on a shared display one test's window
# could lie under another's pointer, which hovers and creates what the other
# test never asked for. Without Xvfb the test runs as it is (and skips when it
# finds no display).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

if ! command -v Xvfb >/dev/null 2>&1; then
  exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/certassist-display-XXXXXX")
# Xvfb picks a free display itself and writes its number: no race between tests.
Xvfb -displayfd 1 -screen 0 1280x1024x24 -nolisten tcp >"$dir/display" 2>"$dir/log" &
xvfb=$!
cleanup() {
  kill "$xvfb" 2>/dev/null
  wait "$xvfb" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

tries=0
while [ ! -s "$dir/display" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$xvfb" 2>/dev/null; then
    echo "own-display.sh: Xvfb did not start:" >&2
    cat "$dir/log" >&2
    exit 99
  fi
  sleep 0.05
done
DISPLAY=":$(cat "$dir/display")"
export DISPLAY
# GTK allocates all the time: unwinding every malloc's whole stack made a GUI
# test ten times slower (gui-aws: 218 s against 16 s). The suppressions the
# GUI tests need (fontconfig) match on the library, which fast stacks still show.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  ASAN_OPTIONS=$(printf '%s' "$ASAN_OPTIONS" | sed 's/fast_unwind_on_malloc=0/fast_unwind_on_malloc=1/')
  export ASAN_OPTIONS
fi
"$@"
