#!/usr/bin/env bash
# The main job (README.md): installs what it needs, builds, starts the
# project's Kamailio on loopback and runs the demo against it.
#
# Today the demo registers a jssipsrc with the server and shows the bus
# messages and the binding Kamailio holds; it becomes the two-pipeline call
# with a recording once the call layer lands (docs/roadmap.md).
set -euo pipefail
cd "$(dirname "$0")"
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO bash .ci/install-deps

BUILD=${BUILD_DIR:-build}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD"
ninja -C "$BUILD"
export GST_PLUGIN_PATH="$PWD/$BUILD/ext/jssip"

OUT=${DEMO_DIR:-$(mktemp -d /tmp/gst-jssip-demo.XXXXXX)}
mkdir -p "$OUT/kamailio"
PORT=$(bash tests/kamailio/kamailio-ctl.sh start "$OUT/kamailio" $$)
trap 'bash tests/kamailio/kamailio-ctl.sh stop "$OUT/kamailio" >/dev/null 2>&1 || true' EXIT
SERVER="ws://127.0.0.1:$PORT"
echo "== Kamailio listening on $SERVER (log: $OUT/kamailio/kamailio.log)"

echo "== alice registers for 3 s (GST_DEBUG=jssipwire:5 shows the SIP)"
GST_DEBUG=jssipwire:5 timeout -s INT 3 gst-launch-1.0 -e -m \
  jssipsrc server="$SERVER" uri=sip:alice@127.0.0.1 password=alicepw \
  ! fakesink > "$OUT/alice.log" 2>&1 &
ALICE=$!
sleep 2
echo "== Kamailio's bindings while alice is registered:"
bash tests/kamailio/kamailio-ctl.sh dump-bindings "$OUT/kamailio" | grep -E 'AoR|Address|Instance'
wait $ALICE || true
echo "== alice's bus messages:"
grep -o 'jssip-ua-[a-z-]*' "$OUT/alice.log" | uniq
grep -q jssip-ua-registered "$OUT/alice.log"
echo "== the wire record is in $OUT/alice.log"
