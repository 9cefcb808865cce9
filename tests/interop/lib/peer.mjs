// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Node's handle on one browser peer (page/peer.mjs): commands go to the
// page's window.interop; the page's events come back in order, with the
// page's timestamps, and its console (JsSIP's debug lines, the wire record)
// is kept with Node's.

import { EventLog } from './event-log.mjs';

export class Peer extends EventLog {
  constructor (name, page) {
    super(name);
    this.page = page;
  }

  // Opens a page for `name` in the browser and loads the peer script.
  static async open (browser, name, pageUrl) {
    const page = await browser.newPage();
    const peer = new Peer(name, page);
    await page.exposeFunction('interopReport', (event) => peer.onEvent(event));
    page.on('pageerror', (error) => peer.onWire(`pageerror ${error.message}`));
    page.on('console', (msg) => {
      const text = msg.text();
      peer.onWire(text.startsWith('JsSIP') ? text : `console.${msg.type()} ${text}`);
    });
    await page.goto(pageUrl);
    await page.waitForFunction(() => window.interop !== undefined);
    return peer;
  }

  invoke (method, ...args) {
    return this.page.evaluate((m, a) => window.interop[m](...a), method, args);
  }

  start ({ wsUrl, user, password, domain = '127.0.0.1', sessionTimers = true }) {
    return this.invoke('start', { wsUrl, uri: `sip:${user}@${domain}`, password, sessionTimers });
  }

  // policy: { action: 'manual' | 'answer' | 'reject', status, delayMs,
  //           audio, video, sessionTimersExpires }
  setIncomingPolicy (policy) { return this.invoke('setIncomingPolicy', policy); }
  // options: { audio, video, audioCodec, sessionTimersExpires }
  call (target, options = {}) { return this.invoke('call', target, options); }
  answer (options = {}) { return this.invoke('answer', options); }
  reject (status = 486) { return this.invoke('reject', status); }
  hangup () { return this.invoke('hangup'); }
  hold () { return this.invoke('hold'); }
  unhold () { return this.invoke('unhold'); }
  sendDtmf (tones, transportType = 'INFO') { return this.invoke('sendDtmf', tones, transportType); }
  stats () { return this.invoke('stats'); }
  status () { return this.invoke('status'); }

  // Waits until the session may send a new offer (JsSIP's
  // isReadyToReOffer(): no re-INVITE or UPDATE pending either way); hold()
  // and unhold() refuse until then.
  async waitReadyToReOffer (timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.status()).readyToReOffer) {
      if (Date.now() > deadline) throw new Error(`${this.name}: a re-offer is still pending`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // Ends any session left over and waits until it is gone, so that the next
  // scenario starts from a registered, idle peer.
  async reset (timeoutMs = 5000) {
    await this.invoke('reset');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status();
      if (!status || status.ended) return;
      if (Date.now() > deadline) throw new Error(`${this.name}: session did not end`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // Watches inbound audio until it is louder than `minLevel` at some point
  // and has carried `minEnergy` (W3C webrtc-stats: totalAudioEnergy
  // integrates level² over time, so silence adds about nothing), or until
  // `timeoutMs`. Returns what it saw; the caller asserts. (Chromium's fake
  // microphone beeps about once a second, not always regularly.)
  async watchInboundAudio ({ minLevel, minEnergy, timeoutMs = 5000, stepMs = 50 }) {
    const energy = (s) => (s && s.audio ? s.audio.totalAudioEnergy : 0);
    const packets = (s) => (s && s.audio ? s.audio.packetsReceived : 0);
    const first = await this.stats();
    const deadline = Date.now() + timeoutMs;
    let seen;
    let maxLevel = 0;
    do {
      await new Promise((resolve) => setTimeout(resolve, stepMs));
      const last = await this.stats();
      if (last && last.audio) maxLevel = Math.max(maxLevel, last.audio.audioLevel);
      seen = {
        maxLevel,
        energy: energy(last) - energy(first),
        packets: packets(last) - packets(first),
        stats: last,
      };
    } while ((seen.maxLevel < minLevel || seen.energy < minEnergy) && Date.now() < deadline);
    return seen;
  }

  // The SIP messages this peer sent and received since the mark, as JsSIP
  // logged them: { t, direction: 'sent' | 'received', text }.
  sipMessages () {
    const prefixes = {
      sent: 'JsSIP:Transport sending message:',
      received: 'JsSIP:Transport received text message:',
    };
    return this.wireSinceMark().flatMap((w) => {
      const direction = Object.keys(prefixes).find((d) => w.text.startsWith(prefixes[d]));
      if (!direction) return [];
      return [{ t: w.t, direction, text: w.text.slice(prefixes[direction].length).trim() }];
    });
  }

  sentMessages () {
    return this.sipMessages().filter((m) => m.direction === 'sent').map((m) => m.text);
  }

  async close () {
    await this.invoke('stop').catch(() => {});
    await this.page.close().catch(() => {});
  }
}

// The body of a SIP message as logged (after the blank line), or ''.
export function messageBody (message) {
  const at = message.indexOf('\r\n\r\n');
  return at < 0 ? '' : message.slice(at + 4);
}
