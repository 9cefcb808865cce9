#!/usr/bin/env bash
# The main job (README.md): installs what it needs, builds, starts the
# project's Kamailio on loopback, and makes a real call between two
# gst-launch-1.0 pipelines through it:
#
#   bob   (callee) jssipsrc auto-answer=true, recording audio+video to
#                  a Matroska file;
#   alice (caller) jssipsink target=bob with a test tone and test video
#                  for a few seconds, then hangs up (EOS on its pads).
#
# It prints the bus messages of both sides and the path of the recording,
# checked with gst-discoverer-1.0.
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
SECONDS_OF_CALL=${DEMO_SECONDS:-5}
RECORDING="$OUT/bob-recording.mkv"
echo "== Kamailio listening on $SERVER (log: $OUT/kamailio/kamailio.log)"

# Tests and demos gather ICE on 127.0.0.1 only: no packet leaves loopback.
COMMON="server=$SERVER ice-addresses=127.0.0.1"

echo "== bob answers and records to $RECORDING"
GST_DEBUG=jssipwire:5 gst-launch-1.0 -e -m \
  jssipsrc name=bob $COMMON uri=sip:bob@127.0.0.1 password=bobpw \
    auto-answer=true \
  bob. ! queue ! audioconvert ! audioresample ! opusenc ! mux. \
  bob. ! queue ! videoconvert ! vp8enc deadline=1 ! mux. \
  matroskamux name=mux ! filesink location="$RECORDING" \
  > "$OUT/bob.log" 2>&1 &
BOB=$!
# bob must be registered before alice calls.
for _ in $(seq 100); do
  grep -q jssip-ua-registered "$OUT/bob.log" && break
  sleep 0.1
done

echo "== alice calls bob for $SECONDS_OF_CALL s"
BUFFERS=$((SECONDS_OF_CALL * 30))
GST_DEBUG=jssipwire:5 gst-launch-1.0 -m \
  audiotestsrc is-live=true freq=440 num-buffers=$((SECONDS_OF_CALL * 100)) \
    samplesperbuffer=480 ! audio/x-raw,rate=48000 ! alice. \
  videotestsrc is-live=true num-buffers=$BUFFERS \
    ! video/x-raw,width=320,height=240,framerate=30/1 ! alice.video_0 \
  jssipsink name=alice $COMMON uri=sip:alice@127.0.0.1 password=alicepw \
    target=bob \
  > "$OUT/alice.log" 2>&1
wait $BOB

for side in alice bob; do
  echo "== $side's session messages:"
  grep -o 'jssip-session-[a-z]*[^;]*cause=(string)"\?[A-Za-z ]*\|jssip-session-[a-z]*' \
    "$OUT/$side.log" | sed 's/,.*cause=(string)"\?/ cause=/' | uniq
done
echo "== the recording:"
gst-discoverer-1.0 "$RECORDING" | grep -E 'Duration|audio #|video #'
echo "== recording: $RECORDING"
echo "== SIP wire records: $OUT/alice.log $OUT/bob.log"
