// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Call set-up time through the project's Kamailio, measured per caller/
// callee pair (issue 5): JsSIP→JsSIP (two Chromium pages), JsSIP→gst-jssip
// and gst-jssip→JsSIP. For each call, the time from the caller's call
// (JsSIP's call(), gst-jssip's `connect` action) to `confirmed`, and to
// the first inbound audio packet the caller sees (getStats), both taken on
// the caller's clock. Prints one JSON line per
// call and one summary line per pair with the medians; pairs other than
// the reference also get their medians as ratios to JsSIP→JsSIP.
//
// Runs in a loopback-only network namespace, with the plugin built
// (GST_PLUGIN_PATH, default build/ext/jssip): use run-call-setup.sh.
//
//   node call-setup.mjs [--calls N] [--audio-only]

import { parseArgs } from 'node:util';
import { startHarness } from '../../tests/interop/lib/harness.mjs';
import { GstPeer, assertPluginBuilt, remoteSsrc } from '../../tests/interop/lib/gst-peer.mjs';
import { callPipeline } from '../../tests/interop/lib/gst-pipelines.mjs';
import { messageBody } from '../../tests/interop/lib/peer.mjs';

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
const ratio = (x, reference) => Number((x / reference).toFixed(3));

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

// gst-jssip uses up its media with one call (docs/call.md), so each of its
// calls gets a fresh pipeline, registered before the clock starts.
async function withGstBob (harness, options, body) {
  const bob = new GstPeer('bob', callPipeline({
    wsUrl: harness.kamailio.wsUrl, user: 'bob', video: MEDIA.video, ...options,
  }));
  try {
    await bob.waitFor('jssip-ua-registered');
    return await body(bob);
  } finally {
    await bob.stop(2000);
  }
}

// alice's page calls a gst-jssip bob that answers by itself; alice's clock.
function jssipToGst (harness) {
  const { alice } = harness.peers;
  return withGstBob(harness, { autoAnswer: true }, async (bob) => {
    alice.mark();
    await alice.call('bob', MEDIA);
    const start = await alice.waitFor('call');
    const confirmed = await alice.waitFor('confirmed', { originator: 'local' });
    const audio = await alice.waitFor('media:first-audio');
    await alice.hangup();
    await bob.waitFor('jssip-session-ended');
    await alice.reset();
    return {
      confirmedMs: ms(confirmed.perf - start.perf),
      firstAudioMs: ms(audio.perf - start.perf),
    };
  });
}

// A gst-jssip bob calls alice's page with the `connect` action, alice
// answers at once; bob's clock (the driver's), its first inbound audio
// packet seen through get-stats polled every 10 ms as the page does.
function gstToJssip (harness) {
  const { alice } = harness.peers;
  return withGstBob(harness, {}, async (bob) => {
    alice.mark();
    await alice.setIncomingPolicy({ action: 'answer', ...MEDIA });
    const { result, before } = await bob.emitTimed('bob', 'connect', 'alice', null);
    if (result !== true) throw new Error('bob: connect refused');
    // No media flows before the answer is applied; its SDP names the SSRC.
    const started = await bob.waitFor('jssip-session-started', { originator: 'remote' });
    const ssrc = remoteSsrc(messageBody(started.fields.response));
    if (ssrc === undefined) throw new Error('no audio a=ssrc in the answer');
    await bob.watchFirstPacket('bob', 'audio', ssrc);
    const confirmed = await bob.waitFor('jssip-session-confirmed', { originator: 'local' });
    const audio = await bob.waitFor('first-packet');
    await bob.emit('bob', 'terminate', null);
    await alice.waitFor('ended');
    await alice.reset();
    return {
      confirmedMs: ms(confirmed.mono - before),
      firstAudioMs: ms(audio.mono - before),
    };
  });
}

// The caller/callee pairs measured, the reference first.
const PAIRS = [
  { name: REFERENCE, call: (harness) => jssipToJssip(harness.peers) },
  { name: 'jssip->gst-jssip', call: jssipToGst },
  { name: 'gst-jssip->jssip', call: gstToJssip },
];

assertPluginBuilt();
const harness = await startHarness(['alice', 'bob']);
try {
  const medians = {};
  for (const pair of PAIRS) {
    // The first call of a page starts its fake camera and microphone; it
    // is not what a set-up time means.
    await pair.call(harness);
    const confirmed = [];
    const firstAudio = [];
    for (let i = 0; i < CALLS; i++) {
      const r = await pair.call(harness);
      confirmed.push(r.confirmedMs);
      firstAudio.push(r.firstAudioMs);
      print({ pair: pair.name, call: i, confirmed_ms: r.confirmedMs, first_audio_ms: r.firstAudioMs });
    }
    medians[pair.name] = { confirmed: ms(median(confirmed)), firstAudio: ms(median(firstAudio)) };
    const ref = medians[REFERENCE];
    print({
      pair: pair.name,
      calls: CALLS,
      video: MEDIA.video,
      median_confirmed_ms: medians[pair.name].confirmed,
      median_first_audio_ms: medians[pair.name].firstAudio,
      confirmed_ratio: ratio(medians[pair.name].confirmed, ref.confirmed),
      first_audio_ratio: ratio(medians[pair.name].firstAudio, ref.firstAudio),
    });
  }
} finally {
  await harness.stop();
}
