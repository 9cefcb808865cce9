#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Place a call with gst-jssip, react to its bus messages, hang up.

    examples/call.py --server ws://127.0.0.1:PORT --uri sip:alice@127.0.0.1 \
        --password alicepw --target bob --seconds 5

Sends a 440 Hz tone and plays what the far side sends on --audio-sink
(autoaudiosink; fakesink runs headless). Prints each jssip-ua-* and
jssip-session-* message as it arrives, hangs up with the `terminate` action
signal after --seconds of established call, and exits 0 once the call has
ended and the pipeline with it, or 1 if it failed, with JsSIP's cause.

Needs PyGObject and GStreamer's introspection data (Debian: python3-gi,
python3-gst-1.0), and the plugin on GST_PLUGIN_PATH when not installed.
"""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GLib, Gst  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="ws:// or wss:// URI")
    parser.add_argument("--uri", required=True, help="our SIP URI")
    parser.add_argument("--password", required=True)
    parser.add_argument("--target", required=True, help="user or SIP URI")
    parser.add_argument("--seconds", type=float, default=5,
                        help="of established call before hanging up")
    parser.add_argument("--audio-sink", default="autoaudiosink")
    parser.add_argument("--ice-addresses", default=None,
                        help="local addresses ICE gathers on (all if unset)")
    return parser.parse_args()


def main():
    args = parse_args()
    Gst.init(None)
    # jssipsink places the call (target set) and sends the tone; jssipsrc,
    # of the same session, adds a pad for each stream the far side sends.
    pipeline = Gst.parse_launch(
        "audiotestsrc is-live=true freq=440 volume=0.3 ! "
        "jssipsink name=sink session=example media=audio "
        "jssipsrc name=src session=example")
    sink = pipeline.get_by_name("sink")
    src = pipeline.get_by_name("src")
    for name, value in (("server", args.server), ("uri", args.uri),
                        ("password", args.password),
                        ("target", args.target)):
        sink.set_property(name, value)
    if args.ice_addresses:
        sink.set_property("ice-addresses", args.ice_addresses)

    def on_pad_added(element, pad):
        # The remote audio, decoded: play it. Called from a streaming
        # thread, as GStreamer's pad-added always is.
        print(f"remote stream {pad.get_name()}", flush=True)
        player = Gst.parse_bin_from_description(
            f"queue ! audioconvert ! audioresample ! {args.audio_sink}", True)
        pipeline.add(player)
        pad.link(player.get_static_pad("sink"))
        player.sync_state_with_parent()

    src.connect("pad-added", on_pad_added)

    loop = GLib.MainLoop()
    outcome = {"status": 1}

    def hang_up():
        print("hanging up", flush=True)
        sink.emit("terminate", None)
        return GLib.SOURCE_REMOVE

    def on_message(bus, message):
        if message.type == Gst.MessageType.ELEMENT:
            s = message.get_structure()
            name = s.get_name()
            if not name.startswith("jssip-"):
                return
            cause = s.get_string("cause")
            print(name + (f" cause={cause}" if cause else ""), flush=True)
            if name == "jssip-session-started":
                GLib.timeout_add(int(args.seconds * 1000), hang_up)
            elif name == "jssip-session-ended":
                outcome["status"] = 0
        elif message.type == Gst.MessageType.EOS:
            # single-call (the default): the call over, the pipeline ends.
            print("end of stream", flush=True)
            loop.quit()
        elif message.type == Gst.MessageType.ERROR:
            # A failed call in single-call mode: "Call failed: Busy (486 ...)"
            err, _ = message.parse_error()
            print(f"error: {err.message}", file=sys.stderr, flush=True)
            outcome["status"] = 1
            loop.quit()

    bus = pipeline.get_bus()
    bus.add_signal_watch()
    bus.connect("message", on_message)
    if pipeline.set_state(Gst.State.PLAYING) == Gst.StateChangeReturn.FAILURE:
        print("error: the pipeline does not start", file=sys.stderr)
        return 1
    try:
        loop.run()
    finally:
        pipeline.set_state(Gst.State.NULL)
        bus.remove_signal_watch()
    return outcome["status"]


if __name__ == "__main__":
    sys.exit(main())
