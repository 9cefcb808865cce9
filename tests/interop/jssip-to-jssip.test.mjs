// SPDX-License-Identifier: LGPL-2.1-or-later
//
// JsSIP calls JsSIP, two pages of one headless Chromium, through the
// project's Kamailio: the reference behaviour gst-jssip is held to, and the
// proof that the browser peer harness works. Each scenario is asserted from
// both ends. Run through ./loopback-only.sh (docs/interop.md).

import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, scenario } from './lib/harness.mjs';
import { messageBody } from './lib/peer.mjs';
import { announcedAddresses } from './page/loopback-sdp.mjs';

// Chromium's fake microphone beeps about once a second: within a few
// seconds the received level must rise well above a silent stream's (0).
const AUDIO = { minLevel: 0.05, minEnergy: 0.001, timeoutMs: 5000 };

let harness;
let alice;
let bob;

// alice calls bob and bob answers; resolves once both ends are confirmed.
async function establish (callOptions = {}, answerOptions = callOptions) {
  await bob.setIncomingPolicy({ action: 'answer', ...answerOptions });
  await alice.call('bob', callOptions);
  const incoming = await bob.waitFor('incoming');
  assert.equal(incoming.from, 'alice');
  await alice.waitFor('accepted', { originator: 'remote' });
  await alice.waitFor('confirmed', { originator: 'local' });
  await bob.waitFor('accepted', { originator: 'local' });
  await bob.waitFor('confirmed', { originator: 'remote' });
}

async function assertAudioFlows (peer) {
  const audio = await peer.watchInboundAudio(AUDIO);
  assert.ok(audio.packets > 0, `${peer.name} received no audio packets`);
  assert.ok(audio.maxLevel >= AUDIO.minLevel,
    `${peer.name}: inbound audio level ${audio.maxLevel} is silence`);
  assert.ok(audio.energy >= AUDIO.minEnergy,
    `${peer.name}: inbound audio energy ${audio.energy} is silence`);
  return audio.stats;
}

async function assertVideoDecoded (peer) {
  await peer.waitFor('media:first-video');
  const before = (await peer.stats()).video.framesDecoded;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stats = await peer.stats();
  assert.ok(stats.video.framesDecoded > before,
    `${peer.name}: no video frames decoded (${before} → ${stats.video.framesDecoded})`);
  assert.ok(stats.video.frameWidth > 0 && stats.video.frameHeight > 0);
}

// The media path ICE chose runs between two 127.0.0.1 addresses.
function assertLoopbackPair (peer, stats) {
  assert.equal(stats.pair.state, 'succeeded', `${peer.name}: ${JSON.stringify(stats.pair)}`);
  assert.match(stats.pair.local, /^127\.0\.0\.1:\d+\//, `${peer.name} local ${stats.pair.local}`);
  assert.match(stats.pair.remote, /^127\.0\.0\.1:\d+\//, `${peer.name} remote ${stats.pair.remote}`);
  assert.equal(stats.pair.dtlsState, 'connected');
}

// Every SDP the peer put on the wire announces 127.0.0.1 and nothing else,
// with at least one candidate.
function assertSentSdpIsLoopback (peer) {
  const bodies = peer.sentMessages().map(messageBody).filter((b) => b.startsWith('v=0'));
  assert.ok(bodies.length > 0, `${peer.name} sent no SDP`);
  for (const sdp of bodies) {
    assert.match(sdp, /^a=candidate:/m, `${peer.name} sent SDP without candidates`);
    assert.deepEqual([...new Set(announcedAddresses(sdp))], ['127.0.0.1'],
      `${peer.name} sent:\n${sdp}`);
  }
}

describe('JsSIP ↔ JsSIP through Kamailio', () => {
  before(async () => {
    harness = await startHarness(['alice', 'bob']);
    ({ alice, bob } = harness.peers);
  });

  after(async () => {
    if (harness) await harness.stop();
  });

  test('alice calls bob: audio and video both ways over loopback; alice hangs up', () =>
    scenario(harness, 'audio-video call, caller hangs up', async () => {
      await establish();
      for (const peer of [alice, bob]) {
        await peer.waitFor('media:first-audio');
        const stats = await assertAudioFlows(peer);
        assert.equal(stats.audio.codec, 'audio/opus');
        assertLoopbackPair(peer, stats);
        await assertVideoDecoded(peer);
        assertSentSdpIsLoopback(peer);
      }
      await alice.hangup();
      const theirs = await bob.waitFor('ended');
      assert.equal(theirs.originator, 'remote');
      assert.equal(theirs.cause, 'Terminated');
      const ours = await alice.waitFor('ended');
      assert.equal(ours.originator, 'local');
      assert.equal(ours.cause, 'Terminated');
    }));

  test('audio-only PCMU call; bob hangs up', () =>
    scenario(harness, 'audio-only PCMU call, callee hangs up', async () => {
      const media = { audio: true, video: false };
      await establish({ ...media, audioCodec: 'PCMU' }, media);
      for (const peer of [alice, bob]) {
        await peer.waitFor('media:first-audio');
        const stats = await assertAudioFlows(peer);
        assert.equal(stats.audio.codec, 'audio/PCMU');
        assert.equal(stats.video, null, `${peer.name} received video`);
      }
      await bob.hangup();
      const theirs = await alice.waitFor('ended');
      assert.equal(theirs.originator, 'remote');
      assert.equal(theirs.cause, 'Terminated');
      assert.equal((await bob.waitFor('ended')).originator, 'local');
    }));

  test('bob is busy: 486 fails alice\'s call with cause Busy', () =>
    scenario(harness, 'callee rejects with 486', async () => {
      await bob.setIncomingPolicy({ action: 'reject', status: 486 });
      await alice.call('bob');
      const failed = await alice.waitFor('failed');
      assert.equal(failed.originator, 'remote');
      assert.equal(failed.cause, 'Busy');
      assert.equal(failed.status, 486);
      const rejected = await bob.waitFor('failed');
      assert.equal(rejected.originator, 'local');
      assert.equal(rejected.cause, 'Rejected');
    }));

  test('alice cancels before bob answers: Canceled on both ends', () =>
    scenario(harness, 'caller cancels before answer', async () => {
      await bob.setIncomingPolicy({ action: 'manual' });
      await alice.call('bob');
      await bob.waitFor('incoming');
      await alice.waitFor('progress', { originator: 'remote' });
      await alice.hangup();
      const ours = await alice.waitFor('failed');
      assert.equal(ours.originator, 'local');
      assert.equal(ours.cause, 'Canceled');
      const theirs = await bob.waitFor('failed');
      assert.equal(theirs.originator, 'remote');
      assert.equal(theirs.cause, 'Canceled');
    }));

  test('hold, unhold and DTMF (INFO and RFC 2833) in a call', () =>
    scenario(harness, 'hold, unhold and DTMF', async () => {
      await establish({ audio: true, video: false });
      assert.equal(await alice.hold(), true);
      await alice.waitFor('hold', { originator: 'local' });
      await bob.waitFor('hold', { originator: 'remote' });
      assert.deepEqual((await bob.status()).onHold, { local: false, remote: true });

      assert.equal(await alice.unhold(), true);
      await alice.waitFor('unhold', { originator: 'local' });
      await bob.waitFor('unhold', { originator: 'remote' });
      await assertAudioFlows(bob);

      await alice.sendDtmf('1#', 'INFO');
      assert.equal((await bob.waitFor('dtmf', { originator: 'remote', tone: '1' })).tone, '1');
      await bob.waitFor('dtmf', { originator: 'remote', tone: '#' });

      // RFC 2833/4733 events travel in RTP, which a browser does not report
      // on receipt: the sending side's RTCDTMFSender is what is checked.
      await alice.sendDtmf('5', 'RFC2833');
      await alice.waitFor('dtmf:rfc2833-sent', { tone: '5' });
      await alice.hangup();
      await bob.waitFor('ended', { cause: 'Terminated' });
    }));
});
