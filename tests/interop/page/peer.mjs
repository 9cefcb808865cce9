// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The browser peer: one JsSIP user agent in a page, driven from Node
// (tests/interop/lib/peer.mjs) through window.interop. Everything the page
// observes goes back to Node: events (JsSIP session and UA events, media
// milestones) through window.interopReport, which the driver exposes, and
// JsSIP's debug lines, which hold every SIP message sent and received,
// through the console.

import JsSIP from 'jssip';
import { loopbackOnly } from './loopback-sdp.mjs';
import { onlyAudioCodec } from './codec-sdp.mjs';

const STATS_POLL_MS = 10;

function emit (type, fields = {}) {
  window.interopReport({ type, t: Date.now(), perf: performance.now(), ...fields });
}

// JsSIP logs through the `debug` package. Its formatter is looked up on
// every call, so replacing it turns the colour-coded output into plain
// "namespace message" lines; JsSIP's loggers print them with
// console.info/warn/error, and the driver records the page's console.
function recordWire () {
  JsSIP.debug.formatArgs = function (args) {
    args[0] = `${this.namespace} ${args[0]}`;
  };
  JsSIP.debug.enable('JsSIP:*');
}

function causeFields (e) {
  return {
    originator: e.originator,
    cause: e.cause,
    status: e.message && e.message.status_code,
  };
}

let ua = null;
let session = null;
let incomingPolicy = { action: 'manual' };
let sessionOptions = {};

// Chromium's echo canceller, noise suppressor and gain control bring the
// fake microphone's beep from full scale down to a few percent after a
// while; the tests measure levels, so the microphone is taken raw.
const RAW_AUDIO = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };

function mediaConstraints ({ audio = true, video = true } = {}) {
  return { audio: audio ? RAW_AUDIO : false, video };
}

function attachRemoteMedia (pc) {
  pc.addEventListener('track', (ev) => {
    const kind = ev.track.kind;
    const element = document.getElementById(`remote-${kind}`);
    element.srcObject = ev.streams[0] || new MediaStream([ev.track]);
    element.play().catch(() => {});
    emit('track', { kind });
  });
  pc.addEventListener('iceconnectionstatechange', () => {
    emit('ice', { state: pc.iceConnectionState });
  });
}

// The media milestones a call is measured by: the first inbound audio RTP
// packet and the first decoded video frame, seen through getStats().
function watchInboundMedia (s) {
  const seen = { audio: false, video: false };
  const timer = setInterval(async () => {
    if (s.isEnded()) {
      clearInterval(timer);
      return;
    }
    if (!s.connection) return;
    const stats = await readStats(s.connection);
    if (!seen.audio && stats.audio && stats.audio.packetsReceived > 0) {
      seen.audio = true;
      emit('media:first-audio', { id: s.id });
    }
    if (!seen.video && stats.video && stats.video.framesDecoded > 0) {
      seen.video = true;
      emit('media:first-video', { id: s.id });
    }
  }, STATS_POLL_MS);
}

function watchDtmfSender (s) {
  const sender = s.connection.getSenders().find((x) => x.track && x.track.kind === 'audio');
  if (sender && sender.dtmf) {
    sender.dtmf.addEventListener('tonechange', (ev) => {
      if (ev.tone) emit('dtmf:rfc2833-sent', { tone: ev.tone });
    });
  }
}

function sessionHandlers (s) {
  return {
    peerconnection: (e) => attachRemoteMedia(e.peerconnection),
    sdp: (e) => {
      if (e.originator !== 'local') {
        emit('sdp', { originator: 'remote', sdpType: e.type, sdp: e.sdp });
        return;
      }
      let sdp = e.sdp;
      if (e.type === 'offer' && sessionOptions.audioCodec) {
        sdp = onlyAudioCodec(sdp, sessionOptions.audioCodec);
      }
      const rewritten = loopbackOnly(sdp);
      e.sdp = rewritten.sdp;
      emit('sdp', {
        originator: 'local',
        sdpType: e.type,
        sdp: rewritten.sdp,
        kept: rewritten.kept,
        dropped: rewritten.dropped,
      });
    },
    progress: (e) => emit('progress', causeFields(e)),
    accepted: (e) => emit('accepted', causeFields(e)),
    confirmed: (e) => {
      emit('confirmed', { originator: e.originator });
      watchDtmfSender(s());
    },
    ended: (e) => emit('ended', causeFields(e)),
    failed: (e) => emit('failed', causeFields(e)),
    hold: (e) => emit('hold', { originator: e.originator }),
    unhold: (e) => emit('unhold', { originator: e.originator }),
    newDTMF: (e) => emit('dtmf', { originator: e.originator, tone: e.dtmf.tone }),
    newInfo: (e) => emit('info', { originator: e.originator, contentType: e.info.contentType }),
  };
}

function onIncoming (s, request) {
  session = s;
  for (const [name, handler] of Object.entries(sessionHandlers(() => s))) {
    s.on(name, handler);
  }
  emit('incoming', { id: s.id, from: request.from.uri.user, callId: request.call_id });
  if (incomingPolicy.action === 'answer') {
    setTimeout(() => answer(incomingPolicy), incomingPolicy.delayMs || 0);
  } else if (incomingPolicy.action === 'reject') {
    s.terminate({ status_code: incomingPolicy.status || 486 });
  }
}

function start ({ wsUrl, uri, password, sessionTimers = true }) {
  recordWire();
  const socket = new JsSIP.WebSocketInterface(wsUrl);
  ua = new JsSIP.UA({
    sockets: [socket],
    uri,
    password,
    session_timers: sessionTimers,
    register: true,
  });
  ua.on('newRTCSession', ({ session: s, originator, request }) => {
    if (originator === 'remote') onIncoming(s, request);
  });
  return new Promise((resolve, reject) => {
    ua.on('registered', () => {
      emit('registered');
      resolve();
    });
    ua.on('registrationFailed', (e) => {
      emit('registrationFailed', { cause: e.cause });
      reject(new Error(`registration failed: ${e.cause}`));
    });
    ua.start();
  });
}

function setIncomingPolicy (policy) {
  incomingPolicy = policy;
}

// Starts an outgoing call; its progress comes back as events.
function call (target, options = {}) {
  sessionOptions = options;
  emit('call');
  let s = null;
  s = ua.call(target, {
    mediaConstraints: mediaConstraints(options),
    pcConfig: { iceServers: [] },
    sessionTimersExpires: options.sessionTimersExpires,
    eventHandlers: sessionHandlers(() => s),
  });
  session = s;
  watchInboundMedia(s);
  return s.id;
}

function answer (options = {}) {
  sessionOptions = options;
  session.answer({
    mediaConstraints: mediaConstraints(options),
    pcConfig: { iceServers: [] },
    sessionTimersExpires: options.sessionTimersExpires,
  });
  watchInboundMedia(session);
}

function reject (status = 486) {
  session.terminate({ status_code: status });
}

function hangup () {
  session.terminate();
}

function hold () {
  return session.hold();
}

function unhold () {
  return session.unhold();
}

function sendDtmf (tones, transportType = 'INFO') {
  session.sendDTMF(tones, { transportType });
}

async function readStats (pc) {
  const report = await pc.getStats();
  const out = { audio: null, video: null, pair: null, outboundAudio: null };
  const codec = (s) => {
    const c = s.codecId && report.get(s.codecId);
    return c ? c.mimeType : null;
  };
  for (const s of report.values()) {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      out.audio = {
        packetsReceived: s.packetsReceived,
        audioLevel: s.audioLevel || 0,
        totalAudioEnergy: s.totalAudioEnergy || 0,
        totalSamplesDuration: s.totalSamplesDuration || 0,
        codec: codec(s),
      };
    } else if (s.type === 'inbound-rtp' && s.kind === 'video') {
      out.video = {
        packetsReceived: s.packetsReceived,
        framesDecoded: s.framesDecoded || 0,
        frameWidth: s.frameWidth,
        frameHeight: s.frameHeight,
        codec: codec(s),
      };
    } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
      out.outboundAudio = { packetsSent: s.packetsSent, codec: codec(s) };
    } else if (s.type === 'transport' && s.selectedCandidatePairId) {
      const pair = report.get(s.selectedCandidatePairId);
      const local = report.get(pair.localCandidateId);
      const remote = report.get(pair.remoteCandidateId);
      out.pair = {
        state: pair.state,
        local: `${local.address}:${local.port}/${local.protocol}`,
        remote: `${remote.address}:${remote.port}/${remote.protocol}`,
        dtlsState: s.dtlsState,
      };
    }
  }
  return out;
}

function stats () {
  if (!session || !session.connection) return null;
  return readStats(session.connection);
}

function status () {
  if (!session) return null;
  return {
    id: session.id,
    established: session.isEstablished(),
    ended: session.isEnded(),
    onHold: session.isOnHold(),
    readyToReOffer: session.isReadyToReOffer(),
  };
}

// Ends whatever session is left, so that the next scenario starts clean.
function reset () {
  incomingPolicy = { action: 'manual' };
  if (ua) ua.terminateSessions();
  session = null;
}

function stop () {
  if (ua) ua.stop();
}

window.interop = {
  start,
  setIncomingPolicy,
  call,
  answer,
  reject,
  hangup,
  hold,
  unhold,
  sendDtmf,
  stats,
  status,
  reset,
  stop,
};
