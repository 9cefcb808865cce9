// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Serves the peer page on 127.0.0.1. JsSIP 3.13 ships no browser build, so
// the page script (page/peer.mjs with JsSIP and its dependencies) is bundled
// into one IIFE by esbuild when the server starts, and kept in memory.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import esbuild from 'esbuild';

const PAGE_DIR = fileURLToPath(new URL('../page/', import.meta.url));

export async function bundlePage () {
  const result = await esbuild.build({
    entryPoints: [path.join(PAGE_DIR, 'peer.mjs')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

// Resolves to { url, close() } once the server listens.
export async function startPageServer () {
  const files = new Map([
    ['/', { type: 'text/html', body: await readFile(path.join(PAGE_DIR, 'index.html')) }],
    ['/peer.js', { type: 'text/javascript', body: await bundlePage() }],
  ]);
  const server = http.createServer((req, res) => {
    const file = files.get(new URL(req.url, 'http://127.0.0.1').pathname);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
    res.end(file.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
