// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The SDP rewrites the page applies before JsSIP sends an offer or answer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loopbackOnly, announcedAddresses } from './page/loopback-sdp.mjs';
import { onlyAudioCodec } from './page/codec-sdp.mjs';

// An offer shaped like Chromium's after ICE gathering on a host with one
// Ethernet interface (IPv4 and IPv6) and loopback allowed.
const OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 126 13',
  'c=IN IP4 192.0.2.2',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 192.0.2.2 40000 typ host generation 0',
  'a=candidate:2 1 udp 2122129151 127.0.0.1 40002 typ host generation 0',
  'a=candidate:3 1 udp 2122197247 fd00::2 40004 typ host generation 0',
  'a=candidate:4 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active generation 0',
  'a=candidate:5 1 tcp 1518149375 127.0.0.1 9 typ host tcptype active generation 0',
  'a=candidate:6 1 udp 2122262783 3f1a0c7e-1b7d-4c56-9e0e-9c1b3a0f2d11.local 40006 typ host',
  'a=ice-ufrag:abcd',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:126 telephone-event/8000',
  'a=rtpmap:13 CN/8000',
  'm=video 40000 UDP/TLS/RTP/SAVPF 96',
  'c=IN IP4 192.0.2.2',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 192.0.2.2 40000 typ host generation 0',
  'a=candidate:2 1 udp 2122129151 127.0.0.1 40002 typ host generation 0',
  'a=mid:1',
  'a=rtcp-mux',
  'a=rtpmap:96 VP8/90000',
  '',
].join('\r\n');

test('loopbackOnly keeps only 127.0.0.1 candidates and points c=, m= and a=rtcp at one', () => {
  const { sdp, kept, dropped } = loopbackOnly(OFFER);
  assert.equal(kept, 3);
  assert.equal(dropped, 5);
  const addresses = announcedAddresses(sdp);
  assert.ok(addresses.length > 0);
  assert.deepEqual([...new Set(addresses)], ['127.0.0.1']);
  assert.match(sdp, /^m=audio 40002 UDP\/TLS\/RTP\/SAVPF 111 0 8 126 13\r$/m);
  assert.match(sdp, /^m=video 40002 /m);
  assert.match(sdp, /^a=rtcp:40002 IN IP4 127\.0\.0\.1\r$/m);
  assert.ok(sdp.endsWith('a=rtpmap:96 VP8/90000\r\n'));
  // Everything that is not an address is left as it was.
  assert.match(sdp, /^a=fmtp:111 minptime=10;useinbandfec=1\r$/m);
});

test('announcedAddresses sees what loopbackOnly removes', () => {
  assert.deepEqual(new Set(announcedAddresses(OFFER)), new Set([
    '192.0.2.2', '0.0.0.0', '127.0.0.1', 'fd00::2',
    '3f1a0c7e-1b7d-4c56-9e0e-9c1b3a0f2d11.local',
  ]));
});

test('loopbackOnly leaves a rejected m-line at port 0', () => {
  const rejected = OFFER.replace('m=video 40000', 'm=video 0');
  assert.match(loopbackOnly(rejected).sdp, /^m=video 0 /m);
});

test('onlyAudioCodec narrows the audio m-line to one codec and its telephone-event', () => {
  const pcmu = onlyAudioCodec(OFFER, 'PCMU');
  assert.match(pcmu, /^m=audio 40000 UDP\/TLS\/RTP\/SAVPF 0 126\r$/m);
  assert.doesNotMatch(pcmu, /opus|PCMA|CN\/8000|a=fmtp:111|a=rtcp-fb:111/);
  assert.match(pcmu, /^a=rtpmap:126 telephone-event\/8000\r$/m);
  assert.match(pcmu, /^m=video 40000 UDP\/TLS\/RTP\/SAVPF 96\r$/m);

  const opus = onlyAudioCodec(OFFER, 'opus');
  // Opus runs at 48 kHz, so the 8 kHz telephone-event goes too.
  assert.match(opus, /^m=audio 40000 UDP\/TLS\/RTP\/SAVPF 111\r$/m);
  assert.match(opus, /^a=fmtp:111 minptime=10;useinbandfec=1\r$/m);
  assert.throws(() => onlyAudioCodec(OFFER, 'G722'), /no g722/);
});
