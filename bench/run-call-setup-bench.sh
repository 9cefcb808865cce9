#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# How long a call takes to start: a jssipsink pipeline calls a jssipsrc
# pipeline through the project's Kamailio on loopback, beside two bare
# webrtcbins negotiating in the same process (the floor), in alternating
# rounds. Prints one JSON line per round and kind, the medians and the
# differences (docs/benchmarks.md, "Call setup"). Not part of the tests.
#
#   bench/run-call-setup-bench.sh [ROUNDS]     (default 20)
#
#   BUILD_DIR (build-bench)     meson build directory
#
# Machine-readable results: $BUILD_DIR/call-setup-results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-20}
BUILD=${BUILD_DIR:-build-bench}

[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >&2
ninja -C "$BUILD" bench/call-setup ext/jssip/libgstjssip.so >&2

KAMAILIO_DIR=$(mktemp -d /tmp/gst-jssip-call-setup.XXXXXX)
trap 'bash tests/kamailio/kamailio-ctl.sh stop "$KAMAILIO_DIR" >/dev/null 2>&1 || true; rm -rf "$KAMAILIO_DIR"' EXIT
PORT=$(bash tests/kamailio/kamailio-ctl.sh start "$KAMAILIO_DIR" $$)

export GST_PLUGIN_PATH="$PWD/$BUILD/ext/jssip"
export GST_REGISTRY="$PWD/$BUILD/call-setup-registry.bin"
RESULTS="$BUILD/call-setup-results.jsonl"
"$BUILD/bench/call-setup" "ws://127.0.0.1:$PORT" "$ROUNDS" | tee "$RESULTS.txt"
grep '^{' "$RESULTS.txt" >"$RESULTS"
echo "results: $RESULTS" >&2
