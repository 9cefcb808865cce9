// SPDX-License-Identifier: LGPL-2.1-or-later
//
// JsSIP calls JsSIP, two pages of one headless Chromium, through the
// project's Kamailio: the reference behaviour gst-jssip is held to, and the
// proof that the browser peer harness works. Each scenario is asserted from
// both ends. Run through ./loopback-only.sh (docs/interop.md).

import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, scenario } from './lib/harness.mjs';
import {
  assertAudioFlows, assertVideoDecoded, assertLoopbackPair, assertSentSdpIsLoopback,
} from './lib/assertions.mjs';

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
      await alice.waitReadyToReOffer();
      assert.equal(await alice.hold(), true);
      await alice.waitFor('hold', { originator: 'local' });
      await bob.waitFor('hold', { originator: 'remote' });
      assert.deepEqual((await bob.status()).onHold, { local: false, remote: true });

      await alice.waitReadyToReOffer();
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
