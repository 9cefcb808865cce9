// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Debian's Chromium, headless, with fake camera and microphone, a fresh
// profile, and nothing that talks to the network on its own. Puppeteer
// talks to it over a pipe, so Chromium dies with Node.

import puppeteer from 'puppeteer-core';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  // getUserMedia gets Chromium's generated camera (a moving pattern) and
  // microphone (a beep every second) without asking.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // Lets WebRTC gather candidates on 127.0.0.1, the only address the page
  // announces (page/loopback-sdp.mjs).
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-breakpad',
  '--no-pings',
  // Loopback only, belt and braces: host candidates are plain addresses
  // (no mDNS announcements), no name resolves to anything but itself as an
  // IP literal, and HTTP to any other address goes to a closed local port.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>;127.0.0.1',
];

export async function launchChromium () {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'interop-chromium-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      pipe: true,
      userDataDir: profile,
      args: CHROMIUM_ARGS,
      // Puppeteer's --mute-audio would silence the remote audio whose
      // level the tests measure.
      ignoreDefaultArgs: ['--mute-audio'],
      protocolTimeout: 30000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    pid: browser.process()?.pid,
    close: async () => {
      await browser.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
