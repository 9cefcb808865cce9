// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A gst-jssip side of a call: one process (gst-peer.py) running a pipeline
// with jssipsrc/jssipsink (docs/elements.md). Its element messages
// (jssip-session-*, jssip-ua-*, level) and errors become events, action
// signals are emitted on command, and its stderr (GST_DEBUG, with jssipwire
// at DEBUG: every SIP message sent and received) is the wire record.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { EventLog } from './event-log.mjs';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const KILL_AFTER_MS = 5000;
const COMMAND_TIMEOUT_MS = 15000;

// Where the plugin is: GST_PLUGIN_PATH as given (run-tests.sh sets it to
// the build directory), or the default build directory.
export function pluginPath () {
  return process.env.GST_PLUGIN_PATH || `${REPO}build/ext/jssip`;
}

export function assertPluginBuilt () {
  const plugin = `${pluginPath()}/libgstjssip.so`;
  if (!existsSync(plugin)) {
    throw new Error(`${plugin} is missing: build the project first ` +
      '(ninja -C build), or point GST_PLUGIN_PATH at the plugin\'s directory');
  }
}

// The duration (s) and the streams of a media file, by gst-discoverer-1.0.
export async function discover (file) {
  const { stdout } = await promisify(execFile)('gst-discoverer-1.0', ['-v', file]);
  const duration = /Duration: (\d+):(\d+):([\d.]+)/.exec(stdout);
  return {
    duration: duration ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]) : NaN,
    audio: /^\s*audio #\d+: /m.test(stdout),
    video: /^\s*video #\d+: /m.test(stdout),
    width: Number((/Width: (\d+)/.exec(stdout) || [])[1] || 0),
    height: Number((/Height: (\d+)/.exec(stdout) || [])[1] || 0),
    text: stdout,
  };
}

// GStreamer's serialisation escapes with a backslash, bytes as \ooo octal.
function unescapeValue (text) {
  return text.replace(/\\([0-7]{3}|.)/g, (_, c) =>
    c.length === 3 ? String.fromCharCode(parseInt(c, 8)) : c);
}

// "key=(type)value, key=(type)value, ..." as gst_structure_to_string()
// writes them, into { key: value }: strings unescaped, numbers as numbers,
// GValueArrays "< a, b >" as arrays of numbers.
export function parseFields (text) {
  const fields = {};
  const re = /([\w-]+)=\(([\w]+)\)/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    let i = re.lastIndex;
    let raw;
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      raw = unescapeValue(text.slice(i + 1, j));
      i = j + 1;
    } else if (text[i] === '<' || text[i] === '{') {
      const j = text.indexOf(text[i] === '<' ? '>' : '}', i);
      raw = text.slice(i + 1, j).split(',').map((x) => Number(x.trim()));
      i = j + 1;
    } else {
      const end = text.slice(i).search(/, [\w-]+=\(|;$/);
      const j = end < 0 ? text.length : i + end;
      raw = unescapeValue(text.slice(i, j));
      if (/^(u?int|u?int64|g?u?int64|double|float)$/.test(m[2])) raw = Number(raw);
      i = j;
    }
    fields[m[1]] = raw;
    re.lastIndex = i;
  }
  return fields;
}

const DRIVER = fileURLToPath(new URL('../gst-peer.py', import.meta.url));

export class GstPeer extends EventLog {
  // name: for the record; description: a pipeline (gst-launch-1.0
  // syntax); env: added to the environment.
  constructor (name, description, env = {}) {
    super(name);
    this.nextId = 1;
    this.replies = new Map();
    this.exited = new Promise((resolve) => { this.onExit = resolve; });
    // Debian's python3, which has python3-gi (not whatever python3 is first
    // in PATH).
    this.child = spawn('/usr/bin/python3', [DRIVER, description], {
      env: {
        ...process.env,
        GST_PLUGIN_PATH: pluginPath(),
        GST_DEBUG: process.env.INTEROP_GST_DEBUG || 'jssip*:3,jssipwire:5',
        GST_DEBUG_NO_COLOR: '1',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.on('exit', (code, signal) => {
      this.onEvent({ type: 'exit', t: Date.now(), code, signal });
      for (const { reject } of this.replies.values()) reject(new Error(`${name}: exited`));
      this.onExit({ code, signal });
    });
    this.child.on('error', (error) => this.onWire(`spawn error: ${error.message}`));
    this.child.stdin.on('error', () => {});
    this.readLines(this.child.stdout, (line) => this.onStdout(line));
    this.readLines(this.child.stderr, (line) => this.onWire(line));
  }

  readLines (stream, onLine) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      lines.forEach(onLine);
    });
    stream.on('end', () => { if (pending) onLine(pending); });
  }

  onStdout (line) {
    let report;
    try {
      report = JSON.parse(line);
    } catch {
      this.onWire(`stdout ${line}`);
      return;
    }
    if ('reply' in report) {
      const waiter = this.replies.get(report.reply);
      this.replies.delete(report.reply);
      if (!waiter) return;
      if (report.error) waiter.reject(new Error(`${this.name}: ${report.error}`));
      else waiter.resolve(report);
      return;
    }
    const t = Date.now();
    if (report.message === 'element') {
      const [type, ...rest] = report.structure.split(', ');
      const fields = parseFields(rest.join(', '));
      this.onEvent({
        type: type.replace(/;$/, ''),
        t,
        mono: report.mono,
        element: report.source,
        originator: fields.originator,
        cause: fields.cause,
        status: fields['status-code'],
        fields,
      });
      return;
    }
    this.onEvent({ type: report.message, t, ...report });
    if (report.text) this.onWire(`${report.message} from ${report.source}: ${report.text} (${report.debug})`);
  }

  // Sends a command to the driver; rejects if it gets no reply in time (an
  // action signal that never returns must fail the test, not hang it).
  command (command, timeoutMs = COMMAND_TIMEOUT_MS) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(id);
        reject(new Error(`${this.name}: no reply within ${timeoutMs} ms to ${JSON.stringify(command)}`));
      }, timeoutMs);
      const settle = (f) => (value) => { clearTimeout(timer); f(value); };
      this.replies.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.child.stdin.write(JSON.stringify({ id, ...command }) + '\n');
    });
  }

  // Emits an action signal of `element` (docs/elements.md); an argument
  // given as { structure: 'options, status-code=(int)486' } is a
  // GstStructure. Resolves with the signal's return value.
  async emit (element, signal, ...args) {
    return (await this.emitTimed(element, signal, ...args)).result;
  }

  // The same, resolving with { result, before }: `before` is the driver's
  // monotonic time (ms) just before the emission, the clock of the `mono`
  // field of this peer's events.
  emitTimed (element, signal, ...args) {
    return this.command({ element, emit: signal, args });
  }

  // A `first-packet` event (with `mono`) follows once `element`'s get-stats
  // shows an inbound RTP packet of `kind`, or of the stream `ssrc` if given
  // (remoteSsrc() below: webrtcbin 1.22 may report one kind for every
  // stream of a BUNDLE).
  watchFirstPacket (element, kind = 'audio', ssrc = undefined) {
    return this.command({ 'watch-first-packet': element, kind, ssrc });
  }

  // The loudest peak (dB, channel 0) of the `level` messages since the mark.
  maxPeakDb () {
    return Math.max(-Infinity, ...this.eventsSinceMark()
      .filter((e) => e.type === 'level')
      .map((e) => e.fields.peak[0]));
  }

  // Ends the pipeline with EOS, as gst-launch-1.0 -e does on Ctrl-C: EOS
  // into the jssipsink pads ends the call (BYE or CANCEL) and recordings
  // are finalized. Waits for the EOS at most `eosTimeoutMs` (a recording
  // that never saw data never gets there); killed if it does not exit in
  // time after that.
  async stop (eosTimeoutMs = 10000) {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.command({ stop: true, timeout: eosTimeoutMs / 1000 }, eosTimeoutMs + KILL_AFTER_MS)
        .catch(() => {});
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), eosTimeoutMs + KILL_AFTER_MS);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }
}

// The first a=ssrc of an SDP's m-line of `kind`: the SSRC the far end sends
// that media with.
export function remoteSsrc (sdp, kind = 'audio') {
  const section = sdp.split(/\r?\n(?=m=)/).find((s) => s.startsWith(`m=${kind} `));
  const m = section && /^a=ssrc:(\d+) /m.exec(section);
  return m ? Number(m[1]) : undefined;
}
