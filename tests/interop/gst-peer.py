#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Run a gst-jssip pipeline for the interop tests and let Node drive it.

    gst-peer.py 'PIPELINE DESCRIPTION'

Prints one JSON object per line on stdout, each with "mono": the driver's
monotonic clock in ms when it was written:
  {"message": "element", "source": NAME, "structure": "jssip-session-...,..."}
      for each element message (jssip-session-*, jssip-ua-*, level...)
  {"message": "error"|"warning", "source": NAME, "text": ..., "debug": ...}
  {"message": "eos"}
  {"message": "first-packet", "source": NAME, "kind": "audio"|"video"}
      once NAME's get-stats first shows an inbound RTP packet of that kind
  {"reply": ID, "result": ..., "before": MONO}
      the answer to a command; "before": just before the signal was emitted

Reads one JSON command per line on stdin:
  {"id": ID, "emit": SIGNAL, "element": NAME, "args": [...]}
      emits an action signal (docs/elements.md); an argument given as
      {"structure": "options, status-code=(int)486"} becomes a GstStructure
  {"id": ID, "watch-first-packet": NAME, "kind": "audio"|"video", "ssrc": N}
      polls NAME's get-stats every 10 ms until an inbound packet of that kind
      shows (the browser peer measures its first inbound audio the same
      way); with "ssrc", of the inbound stream with that SSRC, whatever its
      kind: webrtcbin 1.22 may give every stream of a BUNDLE one kind
  {"id": ID, "stop": true, "timeout": SECONDS}
      sends EOS (ends the call, finalizes recordings), waits for it at most
      SECONDS (default 10: a sink that never saw data, e.g. the recording of
      a call that failed, never reaches EOS), exits
Closing stdin stops the pipeline the same way.
"""
import json
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GLib, Gst  # noqa: E402

DEFAULT_STOP_TIMEOUT_S = 10
STATS_POLL_MS = 10


def mono_ms():
    return time.monotonic() * 1000


def say(obj):
    obj["mono"] = mono_ms()
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def inbound_packets(stats, kind, ssrc):
    """Packets received on the inbound RTP streams of one kind, or on the
    one with that SSRC."""
    total = 0
    for i in range(stats.n_fields()):
        value = stats.get_value(stats.nth_field_name(i))
        if not isinstance(value, Gst.Structure) or value.get_name() != "inbound-rtp":
            continue
        if ssrc is not None:
            if value.get_uint("ssrc") != (True, ssrc):
                continue
        elif value.get_string("kind") != kind:
            continue
        found, packets = value.get_uint64("packets-received")
        total += packets if found else 0
    return total


def convert_arg(arg):
    if isinstance(arg, dict) and "structure" in arg:
        structure = Gst.Structure.new_from_string(arg["structure"])
        if structure is None:
            raise ValueError("not a structure: " + arg["structure"])
        return structure
    return arg


class Peer:
    def __init__(self, description):
        self.pipeline = Gst.parse_launch(description)
        self.loop = GLib.MainLoop()
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message", self.on_message)

    def on_message(self, _bus, message):
        source = message.src.get_name() if message.src else None
        if message.type == Gst.MessageType.ELEMENT:
            say({"message": "element", "source": source,
                 "structure": message.get_structure().to_string()})
        elif message.type in (Gst.MessageType.ERROR, Gst.MessageType.WARNING):
            if message.type == Gst.MessageType.ERROR:
                error, debug = message.parse_error()
                kind = "error"
            else:
                error, debug = message.parse_warning()
                kind = "warning"
            say({"message": kind, "source": source, "text": error.message,
                 "debug": debug})
        elif message.type == Gst.MessageType.EOS:
            say({"message": "eos"})
            self.loop.quit()

    def run_command(self, command):
        reply = {"reply": command.get("id")}
        try:
            if command.get("stop"):
                self.stop(command.get("timeout", DEFAULT_STOP_TIMEOUT_S))
                reply["result"] = True
            elif "watch-first-packet" in command:
                self.watch_first_packet(command["watch-first-packet"],
                                        command["kind"], command.get("ssrc"))
                reply["result"] = True
            else:
                element = self.pipeline.get_by_name(command["element"])
                if element is None:
                    raise ValueError("no element " + command["element"])
                args = [convert_arg(a) for a in command.get("args", [])]
                reply["before"] = mono_ms()
                result = element.emit(command["emit"], *args)
                if isinstance(result, Gst.Structure):
                    result = result.to_string()
                reply["result"] = result
        except Exception as error:  # reported to the test, which fails
            reply["error"] = str(error)
        if "id" in command:
            say(reply)
        return GLib.SOURCE_REMOVE

    def watch_first_packet(self, name, kind, ssrc):
        element = self.pipeline.get_by_name(name)

        def poll():
            stats = element.emit("get-stats")
            if stats is None or inbound_packets(stats, kind, ssrc) == 0:
                return GLib.SOURCE_CONTINUE
            say({"message": "first-packet", "source": name, "kind": kind})
            return GLib.SOURCE_REMOVE
        GLib.timeout_add(STATS_POLL_MS, poll)

    def stop(self, timeout):
        self.pipeline.send_event(Gst.Event.new_eos())
        GLib.timeout_add(int(timeout * 1000), self.loop.quit)

    def read_commands(self):
        for line in sys.stdin:
            if line.strip():
                GLib.idle_add(self.run_command, json.loads(line))
        GLib.idle_add(self.run_command, {"stop": True})

    def run(self):
        self.pipeline.set_state(Gst.State.PLAYING)
        threading.Thread(target=self.read_commands, daemon=True).start()
        self.loop.run()
        self.pipeline.set_state(Gst.State.NULL)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    Gst.init(None)
    Peer(sys.argv[1]).run()


if __name__ == "__main__":
    main()
