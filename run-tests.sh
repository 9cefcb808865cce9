#!/usr/bin/env bash
# The test command (README.md): installs what it needs, builds with
# warnings as errors, runs the unit and integration suite, then runs each
# fuzzer for a short bounded time.
set -euo pipefail
cd "$(dirname "$0")"
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO bash .ci/install-deps

BUILD=${BUILD_DIR:-build}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD"
ninja -C "$BUILD"
meson test -C "$BUILD" --print-errorlogs --num-processes 2
tests/kamailio/check-no-leftovers.sh "the meson tests"

# Browser interop (docs/interop.md): JsSIP in Debian's Chromium calling
# JsSIP and the plugin just built, through the project's Kamailio, in a
# network namespace whose only address is 127.0.0.1. A failing scenario
# leaves its wire record in the build directory.
BUILD_ABS=$(realpath "$BUILD")
(
  cd tests/interop
  npm ci --no-audit --no-fund
  INTEROP_ARTIFACTS="$BUILD_ABS/interop-artifacts" \
  GST_PLUGIN_PATH="$BUILD_ABS/ext/jssip" \
    ./loopback-only.sh node --test
)
tests/kamailio/check-no-leftovers.sh "the interop tests"

# The SIP core's unit suite again under AddressSanitizer, LeakSanitizer
# and UBSan: any invalid access, leak or undefined behaviour fails the run.
# (The slow unwinder is needed to see through GLib, which has no frame
# pointers; tests/lsan.supp says what is suppressed and why.)
ASAN_BUILD=${ASAN_BUILD_DIR:-build-asan}
[ -f "$ASAN_BUILD/build.ninja" ] || \
  meson setup "$ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false
ninja -C "$ASAN_BUILD"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:fast_unwind_on_malloc=0" \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C "$ASAN_BUILD" --suite sip --print-errorlogs --num-processes 2

if [ -x fuzz/run-fuzzers.sh ]; then
  fuzz/run-fuzzers.sh
fi
