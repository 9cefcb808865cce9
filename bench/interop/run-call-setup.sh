#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# run-call-setup.sh [--calls N] [--audio-only]
#
# Installs the interop suite's npm packages (tests/interop) if needed and
# runs the call set-up benchmark (call-setup.mjs) in a loopback-only network
# namespace, against the plugin in GST_PLUGIN_PATH (default: build/ext/jssip,
# built by `ninja -C build`). Prints JSON lines; see docs/interop.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
INTEROP=$HERE/../../tests/interop

[ -d "$INTEROP/node_modules" ] || (cd "$INTEROP" && npm ci --no-audit --no-fund >&2)
exec "$INTEROP/loopback-only.sh" node "$HERE/call-setup.mjs" "$@"
