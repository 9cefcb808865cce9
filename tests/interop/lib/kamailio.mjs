// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The project's Kamailio (docs/kamailio.md), started in a directory of its
// own and bound to this Node process: if Node dies, kamailio-ctl.sh's
// watcher stops it.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CTL = fileURLToPath(new URL('../../kamailio/kamailio-ctl.sh', import.meta.url));

export async function startKamailio () {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'interop-kamailio-'));
  try {
    const { stdout } = await run('bash', [CTL, 'start', dir, String(process.pid)]);
    const port = Number(stdout.trim().split('\n').pop());
    if (!Number.isInteger(port) || port <= 0) {
      throw new Error(`kamailio-ctl.sh start printed no port: ${stdout}`);
    }
    return {
      dir,
      port,
      wsUrl: `ws://127.0.0.1:${port}`,
      log: () => readFile(path.join(dir, 'kamailio.log'), 'utf8').catch(() => ''),
      stop: async () => {
        await run('bash', [CTL, 'stop', dir]);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
