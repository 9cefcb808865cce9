#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Our SIP parser against GNU oSIP and JsSIP's parser, side by side in one
# run, on the same corpus: parse, and parse+serialize. Prints msgs/s, MB/s
# and our ratios to each peer (best and median of BENCH_REPEAT rounds that
# take turns between the programs, so that a change of load on the machine
# hits all of them alike), then instruction counts per message from
# callgrind for the two C parsers (independent of machine noise).
#
#   bench/run-parse-bench.sh [CORPUS_DIR]        (default bench/corpus)
#
#   BENCH_SECONDS (5) / BENCH_WARMUP (1)  timed runs
#   BENCH_REPEAT (3)                      rounds; best and median are shown
#   BENCH_ITERS (200)                     passes over the corpus under callgrind
#   BUILD_DIR (build-bench)               meson build directory
#   NO_CALLGRIND=1                        skip the instruction counts
#
# Machine-readable results: $BUILD_DIR/parse-bench-results.json.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=$(realpath "${1:-bench/corpus}")
BUILD=${BUILD_DIR:-build-bench}
ITERS=${BENCH_ITERS:-200}
REPEAT=${BENCH_REPEAT:-3}
export BENCH_SECONDS=${BENCH_SECONDS:-5} BENCH_WARMUP=${BENCH_WARMUP:-1}
unset BENCH_ITERS

[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >&2
ninja -C "$BUILD" bench/sip-parse-bench bench/osip-parse-bench >&2
if [ ! -d bench/jssip/node_modules/jssip ]; then
  (cd bench/jssip && npm ci --no-audit --no-fund >&2)
fi

OURS="$BUILD/bench/sip-parse-bench"
OSIP="$BUILD/bench/osip-parse-bench"
JSSIP="node bench/jssip/parse-bench.js"
RESULTS="$BUILD/parse-bench-results.jsonl"
: >"$RESULTS"

# Runs one program and keeps its last line (the JSON result).
run() {
  local out
  out=$("$@")
  echo "$out" | head -n -1 >&2
  echo "$out" | tail -n 1 >>"$RESULTS"
}

echo "corpus: $CORPUS ($(find "$CORPUS" -maxdepth 1 -type f ! -name ".*" | wc -l) messages), ${BENCH_SECONDS}s each" \
  "after ${BENCH_WARMUP}s warm-up, $REPEAT rounds" >&2
for round in $(seq "$REPEAT"); do
  echo "round $round:" >&2
  for mode in "" --serialize; do
    # shellcheck disable=SC2086 # $mode is empty or one flag
    run "$OURS" $mode "$CORPUS"
    # shellcheck disable=SC2086
    run "$OSIP" $mode "$CORPUS"
    # shellcheck disable=SC2086
    run $JSSIP $mode "$CORPUS"
  done
done

# Instructions executed inside the measured loop only
# (bench_measured_passes, see bench/bench-harness.c), per message.
CALLGRIND="$RESULTS.callgrind"
: >"$CALLGRIND"
if [ -z "${NO_CALLGRIND:-}" ]; then
  for prog in "$OURS" "$OSIP"; do
    for mode in "" --serialize; do
      outfile="$BUILD/callgrind.$(basename "$prog")${mode:+.serialize}.out"
      # shellcheck disable=SC2086
      json=$(BENCH_ITERS=$ITERS valgrind --tool=callgrind -q \
        --toggle-collect=bench_measured_passes \
        --callgrind-out-file="$outfile" "$prog" $mode "$CORPUS" | tail -n 1)
      ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$outfile")
      echo "{\"result\": $json, \"instructions\": $ir, \"file\": \"$outfile\"}" >>"$CALLGRIND"
    done
  done
fi

node - "$RESULTS" "$CALLGRIND" "$BUILD/parse-bench-results.json" <<'EOF'
const fs = require('fs');
const [resultsFile, callgrindFile, jsonOut] = process.argv.slice(2);
const lines = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map(JSON.parse);
const runs = lines(resultsFile);
const counts = lines(callgrindFile);
const modes = ['parse', 'parse+serialize'];
const parsers = ['gst-sip', 'osip', 'jssip'];
const pad = (s, n) => String(s).padStart(n);

// Per parser and mode: the best round (the least disturbed by other load,
// the usual estimator on a noisy machine) and the median round.
const summary = {};
for (const mode of modes) {
  for (const parser of parsers) {
    const all = runs.filter((r) => r.parser === parser && r.mode === mode)
      .sort((a, b) => b.msgs_per_s - a.msgs_per_s);
    summary[`${parser} ${mode}`] = { best: all[0], median: all[Math.floor(all.length / 2)] };
  }
}

console.log(`\n${runs.length / (modes.length * parsers.length)} rounds:`);
console.log('mode             parser   best msgs/s    MB/s  msgs/cpu-s  median msgs/s  failures');
for (const mode of modes) {
  for (const parser of parsers) {
    const { best, median } = summary[`${parser} ${mode}`];
    console.log(`${mode.padEnd(16)} ${parser.padEnd(8)} ${pad(best.msgs_per_s.toFixed(0), 11)} ` +
      `${pad(best.mb_per_s.toFixed(1), 7)} ${pad((best.msgs / best.cpu_s).toFixed(0), 11)} ` +
      `${pad(median.msgs_per_s.toFixed(0), 14)} ${pad(best.failures, 9)}`);
  }
}

const ratios = {};
console.log('\nratios, our msgs/s over the peer\'s:     best   median');
for (const mode of modes) {
  ratios[mode] = {};
  for (const peer of ['osip', 'jssip']) {
    const ours = summary[`gst-sip ${mode}`];
    const theirs = summary[`${peer} ${mode}`];
    const best = ours.best.msgs_per_s / theirs.best.msgs_per_s;
    const median = ours.median.msgs_per_s / theirs.median.msgs_per_s;
    ratios[mode][peer] = { best: Number(best.toFixed(2)), median: Number(median.toFixed(2)) };
    console.log(`  ${mode.padEnd(16)} vs ${peer.padEnd(6)}            ${pad(best.toFixed(2), 8)}x ${pad(median.toFixed(2), 8)}x`);
  }
}

const instructions = {};
if (counts.length) {
  console.log('\ninstructions per message (callgrind, measured loop only):');
  for (const c of counts) {
    const perMsg = c.instructions / c.result.msgs;
    instructions[`${c.result.parser} ${c.result.mode}`] = Math.round(perMsg);
    console.log(`  ${c.result.mode.padEnd(16)} ${c.result.parser.padEnd(8)} ${pad(perMsg.toFixed(0), 10)}`);
  }
  for (const mode of modes) {
    const r = instructions[`osip ${mode}`] / instructions[`gst-sip ${mode}`];
    ratios[mode].osip_instructions = Number(r.toFixed(2));
    console.log(`  ${mode.padEnd(16)} oSIP executes ${r.toFixed(2)}x our instructions`);
  }
}
fs.writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), summary, ratios,
  instructions_per_message: instructions, runs }, null, 2) + '\n');
console.log(`\n(results: ${jsonOut})`);
EOF
