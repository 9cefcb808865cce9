#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# examples/call.py against a gst-launch-1.0 callee, through the project's
# Kamailio on loopback: bob auto-answers, records alice's audio to Ogg and
# sends a tone back; alice is the example, hanging up after a second. The
# example must exit 0 having printed the call's messages in order, and bob
# must have recorded a playable file.
#
#   call-py.sh SOURCE_DIR    (GST_PLUGIN_PATH: the plugin just built)
set -euo pipefail

SOURCE_DIR=$(cd "${1:?usage: call-py.sh SOURCE_DIR}" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
WORK=$(mktemp -d /tmp/gst-jssip-example.XXXXXX)
CALLEE=

# Kamailio is stopped through its pid file, so before WORK goes; WORK is
# kept when the test failed, for its logs.
cleanup() {
  local rc=$?
  [ -z "$CALLEE" ] || kill "$CALLEE" 2>/dev/null || true
  bash "$SOURCE_DIR/tests/kamailio/kamailio-ctl.sh" stop "$WORK/kamailio" \
    >/dev/null 2>&1 || true
  [ "$rc" -ne 0 ] || rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  for log in "$WORK"/*.log; do
    echo "== $log" >&2
    tail -n 40 "$log" >&2
  done
  exit 1
}

mkdir -p "$WORK/kamailio"
PORT=$(bash "$SOURCE_DIR/tests/kamailio/kamailio-ctl.sh" start \
  "$WORK/kamailio" $$)
SERVER=ws://127.0.0.1:$PORT

gst-launch-1.0 -e -m \
  jssipsrc name=bob session=bob server="$SERVER" ice-addresses=127.0.0.1 \
    uri=sip:bob@127.0.0.1 password=bobpw auto-answer=true media=audio \
  bob. ! queue ! audioconvert ! opusenc ! oggmux ! \
    filesink location="$WORK/bob.ogg" \
  audiotestsrc is-live=true freq=880 ! jssipsink session=bob \
  > "$WORK/bob.log" 2>&1 &
CALLEE=$!
for _ in $(seq 100); do
  grep -q jssip-ua-registered "$WORK/bob.log" && break
  sleep 0.1
done
grep -q jssip-ua-registered "$WORK/bob.log" || fail "bob did not register"

status=0
timeout 30 "$PYTHON" "$SOURCE_DIR/examples/call.py" --server "$SERVER" \
  --uri sip:alice@127.0.0.1 --password alicepw --target bob --seconds 1 \
  --audio-sink fakesink --ice-addresses 127.0.0.1 \
  > "$WORK/call-py.log" 2>&1 || status=$?
cat "$WORK/call-py.log"
[ "$status" -eq 0 ] || fail "call.py exited $status"

# The example's output, in order (its UA messages may interleave).
expected="jssip-session-connecting
jssip-session-progress
jssip-session-started
jssip-session-confirmed
hanging up
jssip-session-ended cause=Terminated
end of stream"
actual=$(grep -E '^(jssip-session-|hanging up|end of stream)' \
  "$WORK/call-py.log")
[ "$actual" = "$expected" ] || fail "call.py's messages: $actual"
grep -qx 'jssip-ua-registered' "$WORK/call-py.log" || fail "no jssip-ua-registered"
grep -qx 'remote stream audio_0' "$WORK/call-py.log" || fail "no remote audio pad"

# bob's pipeline ends with the call (single-call), leaving its recording.
for _ in $(seq 100); do
  kill -0 "$CALLEE" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$CALLEE" 2>/dev/null && fail "bob's pipeline did not end"
wait "$CALLEE" || fail "bob's gst-launch-1.0 failed"
CALLEE=
grep -q 'jssip-session-ended.*cause=(string)Terminated' "$WORK/bob.log" \
  || fail "bob saw no ended"
gst-discoverer-1.0 "$WORK/bob.ogg" > "$WORK/discoverer.log" 2>&1 \
  || fail "bob's recording does not play"
grep -q 'Opus' "$WORK/discoverer.log" || fail "no Opus in bob's recording"
echo "ok"
