// SPDX-License-Identifier: LGPL-2.1-or-later
//
// gst-jssip and JsSIP in Chromium call each other through the project's
// Kamailio (issue 5): alice is the browser, bob a gst-jssip pipeline
// (lib/gst-pipelines.mjs) sending a 440 Hz tone and a test pattern and
// recording what it receives. Each scenario is asserted from both ends.
// Run through ./loopback-only.sh (docs/interop.md).

import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { startHarness, scenario, writeRecord } from './lib/harness.mjs';
import { GstPeer, assertPluginBuilt, discover } from './lib/gst-peer.mjs';
import { callPipeline } from './lib/gst-pipelines.mjs';
import {
  assertAudioFlows, assertVideoDecoded, assertLoopbackPair,
  assertSentSdpIsLoopback, assertReceivedSdpIsLoopback,
} from './lib/assertions.mjs';

// JsSIP's fake microphone beeps at full scale, which Chromium's audio
// processing brings down to about -32 dB after a while; silence decodes to
// about -70 dB peak. What gst-jssip decodes must peak well above that.
const MIN_PEAK_DB = -45;
// How long an established call lasts before it is hung up: long enough for
// the recording's duration to say something.
const CALL_SECONDS = 3;
// The recording starts with the media and ends with the call.
const RECORDING_SLACK_S = 0.75;
// lib/gst-pipelines.mjs: level interval=100000000
const LEVEL_INTERVAL_S = 0.1;

// JsSIP refreshes a session every Session-Expires/2 and takes nothing
// below 90 s, so its first refresh comes after 45 s: the call that checks
// it runs beside the other scenarios (heldCall() below).
const SESSION_EXPIRES_S = 90;
const HELD_CALL_S = SESSION_EXPIRES_S / 2 + 7;

let harness;
let alice;
let workDir;
let held;
const heldCallAbort = new AbortController();

function bobPipeline (options) {
  return callPipeline({
    wsUrl: harness.kamailio.wsUrl,
    user: 'bob',
    recording: path.join(workDir, 'bob.mkv'),
    ...options,
  });
}

async function registered (context, options) {
  const bob = context.gst('bob', bobPipeline(options));
  await bob.waitFor('jssip-ua-registered');
  return bob;
}

// gst-jssip hears JsSIP's beep (within a few seconds: it is not
// continuous).
async function assertGstHears (bob) {
  await bob.waitFor('level', (e) => e.fields.peak[0] >= MIN_PEAK_DB, 5000)
    .catch(() => assert.fail(`bob: received audio peaks at ${bob.maxPeakDb()} dB`));
}

// The browser's side of an established call with media both ways.
async function assertBrowserMedia ({ video = true, codec = 'audio/opus' } = {}) {
  const stats = await assertAudioFlows(alice);
  assert.equal(stats.audio.codec.toLowerCase(), codec.toLowerCase());
  assertLoopbackPair(alice, stats);
  if (video) await assertVideoDecoded(alice);
  else assert.equal(stats.video, null);
  assertSentSdpIsLoopback(alice);
  assertReceivedSdpIsLoopback(alice);
}

// The recording holds what alice sent, for as long as media came: from
// the first decoded audio (bob's first `level` message, posted one
// interval after its audio started) to the end of the call.
async function assertRecording (bob, { video = true } = {}) {
  const first = await bob.waitFor('level');
  const ended = await bob.waitFor('jssip-session-ended');
  const callSeconds = (ended.mono - first.mono) / 1000 + LEVEL_INTERVAL_S;
  const recording = await discover(path.join(workDir, 'bob.mkv'));
  assert.ok(recording.audio, `no audio in the recording:\n${recording.text}`);
  assert.equal(recording.video, video, `video in the recording:\n${recording.text}`);
  if (video) assert.ok(recording.width > 0 && recording.height > 0);
  assert.ok(Math.abs(recording.duration - callSeconds) <= RECORDING_SLACK_S,
    `recording lasts ${recording.duration} s, the call ${callSeconds} s`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function cseq (message) {
  const m = /^CSeq:\s*(\d+)\s+(\w+)/mi.exec(message.text);
  return m ? `${m[1]} ${m[2]}` : null;
}

// The first session refresh carol's page saw or made (RFC 4028 §7.4, §8):
// an in-dialog UPDATE or re-INVITE either way, answered with a 2xx.
function findRefresh (messages) {
  const requests = messages.filter((m) => /^(UPDATE|INVITE) /.test(m.text));
  const initial = requests.length > 0 ? cseq(requests[0]) : null;
  for (const request of requests) {
    if (cseq(request) === initial) continue;
    const answer = messages.find((m) => m.direction !== request.direction &&
      /^SIP\/2\.0 2/.test(m.text) && cseq(m) === cseq(request));
    if (answer) return { request, answer };
  }
  return null;
}

// A gst-jssip caller that does not register (calls to bob never reach it)
// calls carol's page, audio only, with JsSIP's shortest session interval;
// the call is held past the first refresh, which either side may make, and
// must stay up with audio both ways.
async function heldCall () {
  const carol = await harness.openPeer('carol');
  const sides = [carol];
  try {
    await carol.setIncomingPolicy({
      action: 'answer', audio: true, video: false, sessionTimersExpires: SESSION_EXPIRES_S,
    });
    const bob = new GstPeer('bob (held call)', callPipeline({
      wsUrl: harness.kamailio.wsUrl, user: 'bob', target: 'carol', register: false, video: false,
    }));
    sides.push(bob);
    await carol.waitFor('confirmed', { originator: 'remote' }, 30000);
    const confirmed = await bob.waitFor('jssip-session-confirmed', { originator: 'local' }, 30000);
    const ok200 = carol.sentMessages().find((m) => /^SIP\/2\.0 200/.test(m) && /INVITE/.test(m));
    assert.match(ok200, new RegExp(`^Session-Expires: ${SESSION_EXPIRES_S}`, 'mi'));

    await sleepFor(HELD_CALL_S * 1000 - (Date.now() - confirmed.t), null,
      { signal: heldCallAbort.signal });
    for (const type of ['ended', 'failed']) {
      assert.equal(carol.eventsSinceMark().find((e) => e.type === type), undefined,
        `carol's call ${type}`);
      assert.equal(bob.eventsSinceMark().find((e) => e.type === `jssip-session-${type}`),
        undefined, `bob's call ${type}`);
    }
    const refresh = findRefresh(carol.sipMessages());
    assert.ok(refresh, `no session refresh answered with a 2xx within ${HELD_CALL_S} s`);
    await assertAudioFlows(carol);
    await bob.waitFor('level',
      (e) => e.t > refresh.answer.t && e.fields.peak[0] >= MIN_PEAK_DB, 5000)
      .catch(() => assert.fail('bob hears nothing after the refresh'));

    assert.equal(await bob.emit('bob', 'terminate', null), true);
    const ended = await carol.waitFor('ended');
    assert.equal(ended.originator, 'remote');
    assert.equal(ended.cause, 'Terminated');
  } catch (error) {
    if (error.name === 'AbortError') throw error; // the suite ended first
    const file = await writeRecord(harness, 'call held past the session refresh', error, sides)
      .catch((e) => `(not written: ${e})`);
    error.message += `\nwire record: ${file}`;
    throw error;
  } finally {
    await Promise.all(sides.slice(1).map((bob) => bob.stop(2000)));
  }
}

describe('gst-jssip ↔ JsSIP in Chromium through Kamailio', () => {
  before(async () => {
    assertPluginBuilt();
    workDir = await mkdtemp(path.join(os.tmpdir(), 'interop-gst-'));
    harness = await startHarness(['alice']);
    ({ alice } = harness.peers);
    held = heldCall();
    // Awaited by its test; until then a failure must not go unhandled.
    held.catch(() => {});
  });

  after(async () => {
    heldCallAbort.abort();
    if (held) await held.catch(() => {});
    if (harness) await harness.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test('JsSIP calls gst-jssip (auto-answer): media both ways, JsSIP hangs up', () =>
    scenario(harness, 'JsSIP calls gst-jssip, JsSIP hangs up', async (context) => {
      const bob = await registered(context, { autoAnswer: true });
      await alice.call('bob');
      await alice.waitFor('accepted', { originator: 'remote' });
      await alice.waitFor('confirmed', { originator: 'local' });
      assert.equal((await bob.waitFor('jssip-session-incoming')).originator, 'remote');
      const confirmed = await bob.waitFor('jssip-session-confirmed', { originator: 'remote' });
      await assertBrowserMedia();
      await assertGstHears(bob);
      await sleep(CALL_SECONDS * 1000 - (Date.now() - confirmed.t));
      await alice.hangup();
      const ended = await bob.waitFor('jssip-session-ended');
      assert.equal(ended.originator, 'remote');
      assert.equal(ended.cause, 'Terminated');
      const ours = await alice.waitFor('ended');
      assert.equal(ours.originator, 'local');
      assert.equal(ours.cause, 'Terminated');
      await bob.stop();
      await assertRecording(bob);
    }));

  test('gst-jssip calls JsSIP (JsSIP answers): media both ways, gst-jssip hangs up', () =>
    scenario(harness, 'gst-jssip calls JsSIP, gst-jssip hangs up', async (context) => {
      await alice.setIncomingPolicy({ action: 'answer' });
      const bob = context.gst('bob', bobPipeline({ target: 'alice' }));
      const incoming = await alice.waitFor('incoming');
      assert.equal(incoming.from, 'bob');
      await alice.waitFor('confirmed', { originator: 'remote' });
      await bob.waitFor('jssip-session-started', { originator: 'remote' });
      const confirmed = await bob.waitFor('jssip-session-confirmed', { originator: 'local' });
      await assertBrowserMedia();
      await assertGstHears(bob);
      await sleep(CALL_SECONDS * 1000 - (Date.now() - confirmed.t));
      assert.equal(await bob.emit('bob', 'terminate', null), true);
      const theirs = await alice.waitFor('ended');
      assert.equal(theirs.originator, 'remote');
      assert.equal(theirs.cause, 'Terminated');
      const ended = await bob.waitFor('jssip-session-ended');
      assert.equal(ended.originator, 'local');
      assert.equal(ended.cause, 'Terminated');
      await bob.stop();
      await assertRecording(bob);
    }));

  test('audio-only PCMU, JsSIP calls gst-jssip; gst-jssip hangs up', () =>
    scenario(harness, 'audio-only PCMU JsSIP calls gst-jssip', async (context) => {
      const bob = await registered(context, { autoAnswer: true, video: false });
      await alice.call('bob', { audio: true, video: false, audioCodec: 'PCMU' });
      await alice.waitFor('confirmed', { originator: 'local' });
      await bob.waitFor('jssip-session-confirmed', { originator: 'remote' });
      await assertBrowserMedia({ video: false, codec: 'audio/PCMU' });
      await assertGstHears(bob);
      await bob.emit('bob', 'terminate', null);
      assert.equal((await alice.waitFor('ended')).cause, 'Terminated');
      assert.equal((await bob.waitFor('jssip-session-ended')).originator, 'local');
    }));

  test('audio-only PCMU, gst-jssip calls JsSIP; JsSIP hangs up', () =>
    scenario(harness, 'audio-only PCMU gst-jssip calls JsSIP', async (context) => {
      await alice.setIncomingPolicy({ action: 'answer', audio: true, video: false });
      const bob = context.gst('bob', bobPipeline({
        target: 'alice', video: false, audioCodecs: 'pcmu',
      }));
      await alice.waitFor('confirmed', { originator: 'remote' });
      await bob.waitFor('jssip-session-confirmed', { originator: 'local' });
      await assertBrowserMedia({ video: false, codec: 'audio/PCMU' });
      await assertGstHears(bob);
      await alice.hangup();
      const ended = await bob.waitFor('jssip-session-ended');
      assert.equal(ended.originator, 'remote');
      assert.equal(ended.cause, 'Terminated');
    }));

  test('JsSIP cancels before gst-jssip answers: Canceled on both ends', () =>
    scenario(harness, 'JsSIP cancels before gst-jssip answers', async (context) => {
      const bob = await registered(context, {});
      await alice.call('bob');
      await bob.waitFor('jssip-session-incoming');
      await alice.waitFor('progress', { originator: 'remote' });
      await alice.hangup();
      const ours = await alice.waitFor('failed');
      assert.equal(ours.originator, 'local');
      assert.equal(ours.cause, 'Canceled');
      const theirs = await bob.waitFor('jssip-session-failed');
      assert.equal(theirs.originator, 'remote');
      assert.equal(theirs.cause, 'Canceled');
    }));

  test('JsSIP rejects gst-jssip\'s call with 486: Busy', () =>
    scenario(harness, 'JsSIP rejects with 486', async (context) => {
      await alice.setIncomingPolicy({ action: 'reject', status: 486 });
      const bob = context.gst('bob', bobPipeline({ target: 'alice' }));
      const failed = await bob.waitFor('jssip-session-failed');
      assert.equal(failed.originator, 'remote');
      assert.equal(failed.cause, 'Busy');
      assert.equal(failed.status, 486);
      const rejected = await alice.waitFor('failed');
      assert.equal(rejected.originator, 'local');
      assert.equal(rejected.cause, 'Rejected');
    }));

  test('gst-jssip rejects JsSIP\'s call with 603: Rejected', () =>
    scenario(harness, 'gst-jssip rejects with 603', async (context) => {
      const bob = await registered(context, {});
      await alice.call('bob');
      await bob.waitFor('jssip-session-incoming');
      assert.equal(await bob.emit('bob', 'terminate',
        { structure: 'options, status-code=(int)603' }), true);
      const failed = await alice.waitFor('failed');
      assert.equal(failed.originator, 'remote');
      assert.equal(failed.cause, 'Rejected');
      assert.equal(failed.status, 603);
      const ours = await bob.waitFor('jssip-session-failed');
      assert.equal(ours.originator, 'local');
      assert.equal(ours.cause, 'Rejected');
    }));

  test(`a call held past JsSIP's session refresh (Session-Expires ${SESSION_EXPIRES_S}) stays up`,
    () => held);
});
