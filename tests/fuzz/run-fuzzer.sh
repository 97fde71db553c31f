#!/bin/sh
# run-fuzzer.sh HARNESS SEEDS WORK [SECONDS]: fuzz one libFuzzer harness for SECONDS
# (default: $CERTASSIST_FUZZ_SECONDS, else 10), starting from the seeds; the corpus it
# grows stays in WORK. A crash is saved as WORK/crash-*, printed with its stack,
# and fails the run. The last line says how many executions ran.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

harness=$1
seeds=$2
work=$3
seconds=${4:-${CERTASSIST_FUZZ_SECONDS:-10}}
name=$(basename "$harness")
# The saved crashes of this harness are replayed first: a fixed one must stay fixed.
crashes=$(dirname "$0")/crashes/${name#fuzz-}

mkdir -p "$work/corpus"
# intercept_strstr=0: ASan's strstr() measures the whole haystack on every call,
# which makes g_strsplit() quadratic and the WHOIS harness crawl.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:intercept_strstr=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
if [ -d "$crashes" ] && [ -n "$(ls -A "$crashes")" ]; then
  "$harness" -runs=0 "$crashes"/* >"$work/replay.log" 2>&1 || {
    cat "$work/replay.log"
    echo "$name: a saved crash under $crashes crashes again" >&2
    exit 1
  }
fi
status=0
"$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/" \
  "$work/corpus" "$seeds" >"$work/fuzz.log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
corpus=$(ls "$work/corpus" | wc -l)
if [ "$status" -ne 0 ]; then
  tail -n 60 "$work/fuzz.log"
  echo "$name: FAILED after ${runs:-?} executions; input saved as $(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | tr '\n' ' ')" >&2
  exit 1
fi
echo "$name: ${runs:-?} executions in ${seconds} s, corpus ${corpus} inputs, no crash"
