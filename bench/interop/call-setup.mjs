// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Call set-up time through the project's Kamailio, measured per caller/
// callee pair (issue 5): for each call, the time from the caller's call()
// to `confirmed`, and to the first inbound audio packet the caller sees
// (getStats), both taken on the caller's clock. Prints one JSON line per
// call and one summary line per pair with the medians; pairs other than
// the reference also get their medians as ratios to JsSIP→JsSIP.
//
// Runs in a loopback-only network namespace: use run-call-setup.sh.
//
//   node call-setup.mjs [--calls N] [--audio-only]

import { parseArgs } from 'node:util';
import { startHarness } from '../../tests/interop/lib/harness.mjs';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '10' },
    'audio-only': { type: 'boolean', default: false },
  },
});
const CALLS = Number(args.calls);
const MEDIA = { audio: true, video: !args['audio-only'] };
const REFERENCE = 'jssip->jssip';

function median (values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (x) => Math.round(x * 10) / 10;

function print (line) {
  process.stdout.write(JSON.stringify({ bench: 'call-setup', ...line }) + '\n');
}

// One JsSIP→JsSIP call, alice's page calling bob's page, which answers at
// once; ends it and waits until both pages are idle again.
async function jssipToJssip ({ alice, bob }) {
  alice.mark();
  bob.mark();
  await bob.setIncomingPolicy({ action: 'answer', ...MEDIA });
  await alice.call('bob', MEDIA);
  const start = await alice.waitFor('call');
  const confirmed = await alice.waitFor('confirmed', { originator: 'local' });
  const audio = await alice.waitFor('media:first-audio');
  await alice.hangup();
  await bob.waitFor('ended');
  await alice.reset();
  await bob.reset();
  return {
    confirmedMs: ms(confirmed.perf - start.perf),
    firstAudioMs: ms(audio.perf - start.perf),
  };
}

// The caller/callee pairs measured, the reference first. The gst-jssip
// legs (JsSIP→gst-jssip, gst-jssip→JsSIP) join this list once the call
// layer can be driven from here.
const PAIRS = [
  { name: REFERENCE, call: jssipToJssip },
];

const harness = await startHarness(['alice', 'bob']);
try {
  const medians = {};
  for (const pair of PAIRS) {
    // The first call of a page starts its fake camera and microphone; it
    // is not what a set-up time means.
    await pair.call(harness.peers);
    const confirmed = [];
    const firstAudio = [];
    for (let i = 0; i < CALLS; i++) {
      const r = await pair.call(harness.peers);
      confirmed.push(r.confirmedMs);
      firstAudio.push(r.firstAudioMs);
      print({ pair: pair.name, call: i, confirmed_ms: r.confirmedMs, first_audio_ms: r.firstAudioMs });
    }
    medians[pair.name] = { confirmed: median(confirmed), firstAudio: median(firstAudio) };
    const ref = medians[REFERENCE];
    print({
      pair: pair.name,
      calls: CALLS,
      video: MEDIA.video,
      median_confirmed_ms: medians[pair.name].confirmed,
      median_first_audio_ms: medians[pair.name].firstAudio,
      confirmed_ratio: ms(medians[pair.name].confirmed / ref.confirmed * 1000) / 1000,
      first_audio_ratio: ms(medians[pair.name].firstAudio / ref.firstAudio * 1000) / 1000,
    });
  }
} finally {
  await harness.stop();
}
