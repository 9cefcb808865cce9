#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The C sources in GStreamer's style: GNU indent with the options of
# GStreamer's gst-indent, run over every .c file of the SIP core, the
# plugin, the tools, the tests, the fuzzers and the benchmarks; any
# difference fails (headers are left to hand, as GStreamer does: indent
# misreads G_BEGIN_DECLS and G_DECLARE_*).
#
#   tests/style/check-indent.sh [--fix] [SOURCE_DIR]
#
# --fix rewrites the files instead of failing.
set -euo pipefail
FIX=0
if [ "${1:-}" = "--fix" ]; then FIX=1; shift; fi
cd "${1:-$(dirname "$0")/../..}"

OPTIONS=(--braces-on-if-line --case-brace-indentation0 --case-indentation2
  --braces-after-struct-decl-line --line-length80 --no-tabs --cuddle-else
  --dont-line-up-parentheses --continuation-indentation4 --honour-newlines
  --tab-size8 --indent-level2 --leave-preprocessor-space)

command -v indent >/dev/null || { echo "check-indent: GNU indent is not installed" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
bad=0
while IFS= read -r f; do
  out="$TMP/out.c"
  indent "${OPTIONS[@]}" -o "$out" "$f" 2>/dev/null
  # A second pass: gst-indent's output must be a fixed point.
  indent "${OPTIONS[@]}" -o "$out.2" "$out" 2>/dev/null
  if ! cmp -s "$f" "$out.2"; then
    if [ "$FIX" = 1 ]; then
      cp "$out.2" "$f"
    else
      echo "not indented: $f"
      diff -u "$f" "$out.2" | head -20 || true
      bad=1
    fi
  fi
done < <(find gst ext tools tests fuzz bench -name '*.c' -not -path '*/node_modules/*' | sort)
if [ "$bad" = 1 ]; then
  echo "check-indent: run tests/style/check-indent.sh --fix" >&2
  exit 1
fi
echo "check-indent: every .c file is in GStreamer's style"
