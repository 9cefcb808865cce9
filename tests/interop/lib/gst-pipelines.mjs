// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The gst-jssip side of the interop scenarios, as a pipeline description
// for gst-peer.py: a jssipsink sending a 440 Hz tone (and a test pattern),
// and a jssipsrc whose audio goes through `level` (so the tests hear what
// JsSIP sent) into a Matroska recording with its video, or, without
// `recording`, into fakesinks.

import { PASSWORDS } from './harness.mjs';

// The jssipsrc is named `user`; action signals go to it.
// register=false: a caller that does not register (its INVITE is still
// authenticated), so that it takes no calls meant for a registered `user`.
export function callPipeline ({
  wsUrl, user, target, autoAnswer = false, video = true, audioCodecs, recording,
  register = true,
}) {
  const session = [
    `jssipsrc name=${user} session=${user}`,
    `server=${wsUrl} uri=sip:${user}@127.0.0.1 password=${PASSWORDS[user]}`,
    // gst-jssip gathers on loopback only (the network rule).
    'ice-addresses=127.0.0.1',
    `media=${video ? 'audio+video' : 'audio'}`,
    target ? `target=${target}` : '',
    autoAnswer ? 'auto-answer=true' : '',
    audioCodecs ? `audio-codecs=${audioCodecs}` : '',
    register ? '' : 'register=false',
  ];
  const received = recording
    ? [
        `${user}.audio_0 ! queue ! audioconvert ! level interval=100000000`,
        '! audioresample ! opusenc ! mux.',
        video ? `${user}.video_0 ! queue ! videoconvert ! vp8enc deadline=1 ! mux.` : '',
        `matroskamux name=mux ! filesink location=${recording}`,
      ]
    : [
        `${user}.audio_0 ! queue ! audioconvert ! level interval=100000000 ! fakesink sync=false`,
        video ? `${user}.video_0 ! queue ! fakesink sync=false` : '',
      ];
  const sent = [
    'audiotestsrc is-live=true freq=440 ! audioconvert',
    `! jssipsink session=${user} name=${user}_sink`,
    video
      ? 'videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1' +
        ` ! ${user}_sink.video_0`
      : '',
  ];
  return [...session, ...received, ...sent].filter(Boolean).join(' ');
}
