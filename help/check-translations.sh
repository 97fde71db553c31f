#!/bin/sh
# check-translations.sh HELPDIR LANG...: each language's catalogue covers every
# paragraph of the current pages (msgcmp fails on a missing or untranslated one,
# so a page changed without its translations fails), and the translated pages
# it produces are valid Mallard.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

helpdir=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/certassist-help-XXXXXX")
trap 'rm -rf "$work"' EXIT

itstool -o "$work/help.pot" "$helpdir"/C/*.page
for lang in "$@"; do
  po="$helpdir/$lang/$lang.po"
  msgcmp "$po" "$work/help.pot"
  msgfmt --check -o "$work/$lang.mo" "$po"
  mkdir "$work/$lang"
  itstool -m "$work/$lang.mo" -o "$work/$lang/" "$helpdir"/C/*.page
  yelp-check validate "$work/$lang"
  yelp-check links "$work/$lang"
  echo "$lang: complete and valid"
done
