// SPDX-License-Identifier: LGPL-2.1-or-later
//
// One interop run: the project's Kamailio, the page server, one Chromium,
// and a registered browser peer per test user. scenario() runs a test body
// against it and, when the body fails, writes what both sides saw and sent
// (events, JsSIP's wire record, Kamailio's log) under the artefact
// directory.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { startKamailio } from './kamailio.mjs';
import { startPageServer } from './page-server.mjs';
import { launchChromium } from './browser.mjs';
import { Peer } from './peer.mjs';
import { GstPeer } from './gst-peer.mjs';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export const PASSWORDS = { alice: 'alicepw', bob: 'bobpw', carol: 'carolpw' };

export function artifactsDir () {
  return process.env.INTEROP_ARTIFACTS || path.join(REPO, 'build', 'interop-artifacts');
}

// The suite runs where 127.0.0.1 is the only address (loopback-only.sh):
// elsewhere Chromium may send from, and be answered on, another local address.
export function assertLoopbackOnly () {
  const others = Object.entries(os.networkInterfaces())
    .flatMap(([name, addresses]) => addresses
      .filter((a) => !a.internal)
      .map((a) => `${name} ${a.address}`));
  if (others.length > 0) {
    throw new Error(`this host has addresses other than loopback (${others.join(', ')}); ` +
      'run the interop suite through tests/interop/loopback-only.sh, e.g. ' +
      '`./loopback-only.sh node --test` (docs/interop.md)');
  }
}

export async function startHarness (users = ['alice', 'bob']) {
  assertLoopbackOnly();
  const cleanups = [];
  const stop = async () => {
    while (cleanups.length > 0) await cleanups.pop()();
  };
  try {
    const kamailio = await startKamailio();
    cleanups.push(kamailio.stop);
    const server = await startPageServer();
    cleanups.push(server.close);
    const chromium = await launchChromium();
    cleanups.push(chromium.close);
    // A registered page for `user`, closed by stop().
    const openPeer = async (user) => {
      const peer = await Peer.open(chromium.browser, user, server.url);
      cleanups.push(() => peer.close());
      await peer.start({ wsUrl: kamailio.wsUrl, user, password: PASSWORDS[user] });
      return peer;
    };
    const peers = {};
    for (const user of users) peers[user] = await openPeer(user);
    return { kamailio, server, chromium, peers, openPeer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function slug (name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function recordPath (name) {
  return path.join(artifactsDir(), `${slug(name)}.log`);
}

// Every side's events and wire lines since the scenario began, merged in
// time order, then Kamailio's log. Resolves with the file's path.
export async function writeRecord (harness, name, error, sides) {
  const lines = [];
  for (const peer of sides) {
    for (const e of peer.eventsSinceMark()) {
      lines.push({ t: e.t, text: `[${peer.name}] event ${JSON.stringify(e)}` });
    }
    for (const w of peer.wireSinceMark()) {
      lines.push({ t: w.t, text: `[${peer.name}] ${w.text}` });
    }
  }
  lines.sort((a, b) => a.t - b.t);
  const dir = artifactsDir();
  await mkdir(dir, { recursive: true });
  const file = recordPath(name);
  const body = [
    `scenario: ${name}`,
    `error: ${error && error.stack ? error.stack : error}`,
    '',
    ...lines.map((l) => `${new Date(l.t).toISOString()} ${l.text}`),
    '',
    '---- kamailio.log ----',
    await harness.kamailio.log(),
  ].join('\n');
  await writeFile(file, body);
  return file;
}

// A scenario that needs a gst-jssip side's recording stops it itself; after
// the others, EOS has no recording to wait for.
const GST_CLEANUP_EOS_MS = 2000;

// Runs body(context) with every browser peer of harness.peers (not those of
// openPeer()) marked and idle; context.gst
// (name, description) starts a gst-jssip side (gst-peer.mjs), stopped when
// the body is done. On failure the record is written and the error
// rethrown with the record's path.
export async function scenario (harness, name, body) {
  const peers = Object.values(harness.peers);
  const gstPeers = [];
  const context = {
    gst: (peerName, description) => {
      const peer = new GstPeer(peerName, description);
      gstPeers.push(peer);
      return peer;
    },
  };
  for (const peer of peers) peer.mark();
  try {
    await body(context);
    await Promise.all(gstPeers.map((peer) => peer.stop(GST_CLEANUP_EOS_MS)));
    for (const peer of peers) await peer.reset();
    // A record left by an earlier failing run would mislead.
    await rm(recordPath(name), { force: true });
  } catch (error) {
    await Promise.all(gstPeers.map((peer) => peer.stop(GST_CLEANUP_EOS_MS).catch(() => {})));
    const file = await writeRecord(harness, name, error, [...peers, ...gstPeers])
      .catch((e) => `(not written: ${e})`);
    error.message += `\nwire record: ${file}`;
    await Promise.all(peers.map((peer) => peer.reset().catch(() => {})));
    throw error;
  }
}
