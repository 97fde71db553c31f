#!/bin/sh
# A credential_process for tests/test-credentials.c; CertAssist runs it without a shell.
# SPDX-License-Identifier: GPL-3.0-or-later
mode="$1"
case "$mode" in
  ok)
    printf '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process/secret+key", "SessionToken": "processtoken"}\n'
    ;;
  count)
    # count FILE SECONDS: note the run, hand out keys that expire in SECONDS
    echo run >> "$2"
    expiration=$(date -u -d "+$3 seconds" +%Y-%m-%dT%H:%M:%SZ)
    printf '{"Version": 1, "AccessKeyId": "AKIDCOUNT", "SecretAccessKey": "countsecret", "SessionToken": "t", "Expiration": "%s"}\n' "$expiration"
    ;;
  echo-arg)
    # the second argument becomes the key id, to show how the command was split
    printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "s"}\n' "$2"
    ;;
  fail)
    echo "process/secret+key leaked to stderr" >&2
    exit 3
    ;;
  v2)
    printf '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "B"}\n'
    ;;
  garbage)
    echo "not json at all"
    ;;
  flood)
    # endless output: CertAssist stops reading at its cap
    yes '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B"}'
    ;;
  *)
    exit 64
    ;;
esac
