// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What the tests check on a browser peer during a call, in one place.

import assert from 'node:assert/strict';
import { messageBody } from './peer.mjs';
import { announcedAddresses } from '../page/loopback-sdp.mjs';

// Chromium's fake microphone beeps about once a second and gst-jssip's
// tests send a continuous tone: within a few seconds the received level
// must rise well above a silent stream's (0).
export const AUDIO = { minLevel: 0.05, minEnergy: 0.001, timeoutMs: 5000 };

export async function assertAudioFlows (peer) {
  const audio = await peer.watchInboundAudio(AUDIO);
  const seen = JSON.stringify(audio);
  assert.ok(audio.packets > 0, `${peer.name} received no audio packets: ${seen}`);
  assert.ok(audio.maxLevel >= AUDIO.minLevel,
    `${peer.name}: inbound audio level ${audio.maxLevel} is silence: ${seen}`);
  assert.ok(audio.energy >= AUDIO.minEnergy,
    `${peer.name}: inbound audio energy ${audio.energy} is silence: ${seen}`);
  return audio.stats;
}

export async function assertVideoDecoded (peer) {
  await peer.waitFor('media:first-video');
  const before = (await peer.stats()).video.framesDecoded;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stats = await peer.stats();
  assert.ok(stats.video.framesDecoded > before,
    `${peer.name}: no video frames decoded (${before} → ${stats.video.framesDecoded})`);
  assert.ok(stats.video.frameWidth > 0 && stats.video.frameHeight > 0);
  return stats;
}

// The media path ICE chose runs between two 127.0.0.1 addresses.
export function assertLoopbackPair (peer, stats) {
  assert.equal(stats.pair.state, 'succeeded', `${peer.name}: ${JSON.stringify(stats.pair)}`);
  assert.match(stats.pair.local, /^127\.0\.0\.1:\d+\//, `${peer.name} local ${stats.pair.local}`);
  assert.match(stats.pair.remote, /^127\.0\.0\.1:\d+\//, `${peer.name} remote ${stats.pair.remote}`);
  assert.equal(stats.pair.dtlsState, 'connected');
}

function assertLoopbackSdp (who, sdp) {
  assert.match(sdp, /^a=candidate:/m, `${who} SDP without candidates:\n${sdp}`);
  assert.deepEqual([...new Set(announcedAddresses(sdp))], ['127.0.0.1'], `${who} SDP:\n${sdp}`);
}

// Every SDP the browser peer put on the wire announces 127.0.0.1 and
// nothing else, with at least one candidate.
export function assertSentSdpIsLoopback (peer) {
  const bodies = peer.sentMessages().map(messageBody).filter((b) => b.startsWith('v=0'));
  assert.ok(bodies.length > 0, `${peer.name} sent no SDP`);
  for (const sdp of bodies) assertLoopbackSdp(`${peer.name} sent`, sdp);
}

// The same for every SDP the browser peer received (from gst-jssip).
export function assertReceivedSdpIsLoopback (peer) {
  const received = peer.eventsSinceMark()
    .filter((e) => e.type === 'sdp' && e.originator === 'remote');
  assert.ok(received.length > 0, `${peer.name} received no SDP`);
  for (const e of received) assertLoopbackSdp(`${peer.name} received`, e.sdp);
}
