#!/usr/bin/env bash
# The main job (README.md): installs what it needs, builds, and runs the
# demo. Today the demo shows what exists so far; it grows into the
# two-pipeline call through the project's own Kamailio as the elements land
# (see docs/roadmap.md).
set -euo pipefail
cd "$(dirname "$0")"
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO bash .ci/install-deps

BUILD=${BUILD_DIR:-build}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD"
ninja -C "$BUILD"

echo "== gst-inspect-1.0 jssip"
GST_PLUGIN_PATH="$PWD/$BUILD/ext/jssip" gst-inspect-1.0 jssip
