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

if [ -x fuzz/run-fuzzers.sh ]; then
  fuzz/run-fuzzers.sh
fi
