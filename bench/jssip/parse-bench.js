// gst-jssip: parser benchmarks
//
// JsSIP's own parser (lib/Parser.js parseMessage, the function its
// Transport hands every received WebSocket frame to) over the benchmark
// corpus, following the same contract as bench/bench-harness.h:
//
//   node parse-bench.js [--serialize] CORPUS_DIR
//   BENCH_SECONDS (5) measured after BENCH_WARMUP (1) seconds of warm-up,
//   or BENCH_ITERS = exact number of passes over the corpus.
//   Last line of output: JSON with msgs_per_s, msgs, bytes, wall_s, cpu_s.
//
// SPDX-License-Identifier: LGPL-2.1-or-later
'use strict';

const fs = require('fs');
const path = require('path');
const Parser = require('jssip/lib/Parser');

// JsSIP has no serializer for a received message (IncomingMessage.toString()
// returns the received text unchanged), so parse+serialize writes the wire
// form from the parsed model the way JsSIP writes its own outgoing messages
// (SIPMessage.js: start line, then "Name: value" per stored header value):
// the Request-URI through JsSIP's URI serializer, header values as stored.
function serialize(message) {
  let out = message.status_code
    ? `SIP/2.0 ${message.status_code} ${message.reason_phrase}\r\n`
    : `${message.method} ${message.ruri.toString()} SIP/2.0\r\n`;

  for (const name of Object.keys(message.headers)) {
    if (name === 'Content-Length')
      continue;
    for (const header of message.headers[name])
      out += `${name}: ${header.raw}\r\n`;
  }
  const body = message.body || '';

  out += `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return out;
}

function parseOne(text, withSerialize) {
  const message = Parser.parseMessage(text, null);

  if (!message)
    return false;
  if (withSerialize)
    return serialize(message).length > 0;
  return true;
}

function loadCorpus(dir) {
  return fs.readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => ({ name, file: path.join(dir, name) }))
    .filter(({ file }) => fs.statSync(file).isFile())
    .map(({ name, file }) => {
      const text = fs.readFileSync(file, 'utf8');

      return { name, text, bytes: Buffer.byteLength(text) };
    });
}

function runPasses(messages, withSerialize, maxPasses, untilNs) {
  let passes = 0;

  while (passes < maxPasses &&
      (untilNs === 0n || process.hrtime.bigint() < untilNs)) {
    for (const m of messages)
      parseOne(m.text, withSerialize);
    passes++;
  }
  return passes;
}

function envNumber(name, fallback) {
  const v = process.env[name];

  return v ? Number(v) : fallback;
}

function main(argv) {
  const args = argv.slice(2);

  if (args.length < 1 || args.slice(0, -1).some((a) => a !== '--serialize')) {
    process.stderr.write('usage: parse-bench.js [--serialize] CORPUS_DIR\n');
    return 2;
  }
  const withSerialize = args.includes('--serialize');
  const mode = withSerialize ? 'parse+serialize' : 'parse';
  let failures = 0;
  const messages = loadCorpus(args[args.length - 1]).filter((m) => {
    if (parseOne(m.text, withSerialize))
      return true;
    process.stderr.write(`jssip: ${m.name}: refused by Parser.parseMessage\n`);
    failures++;
    return false;
  });

  if (messages.length === 0) {
    process.stderr.write('jssip: no message of the corpus could be parsed\n');
    return 1;
  }
  const bytesPerPass = messages.reduce((sum, m) => sum + m.bytes, 0);
  let passes;
  let wall0;
  let cpu0;

  if (process.env.BENCH_ITERS) {
    wall0 = process.hrtime.bigint();
    cpu0 = process.cpuUsage();
    passes = runPasses(messages, withSerialize, Number(process.env.BENCH_ITERS), 0n);
  } else {
    const warmup = envNumber('BENCH_WARMUP', 1);
    const seconds = envNumber('BENCH_SECONDS', 5);

    runPasses(messages, withSerialize, Infinity,
      process.hrtime.bigint() + BigInt(Math.round(warmup * 1e9)));
    wall0 = process.hrtime.bigint();
    cpu0 = process.cpuUsage();
    passes = runPasses(messages, withSerialize, Infinity,
      wall0 + BigInt(Math.round(seconds * 1e9)));
  }
  const wallS = Number(process.hrtime.bigint() - wall0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const msgs = passes * messages.length;
  const bytes = passes * bytesPerPass;
  const msgsPerS = wallS > 0 ? msgs / wallS : 0;
  const mbPerS = wallS > 0 ? bytes / wallS / 1e6 : 0;

  console.log(`jssip ${mode}: ${msgs} messages, ${bytes} bytes in ` +
    `${wallS.toFixed(3)} s: ${msgsPerS.toFixed(0)} msgs/s, ${mbPerS.toFixed(1)} MB/s`);
  console.log(JSON.stringify({
    parser: 'jssip',
    mode,
    msgs_per_s: Number(msgsPerS.toFixed(1)),
    mb_per_s: Number(mbPerS.toFixed(3)),
    msgs,
    bytes,
    wall_s: Number(wallS.toFixed(6)),
    cpu_s: Number(cpuS.toFixed(6)),
    failures,
  }));
  return 0;
}

process.exitCode = main(process.argv);
