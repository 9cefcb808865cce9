#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Builds the libFuzzer targets of the SIP core (clang, ASan+UBSan) and runs
# each for a bounded time. Fails on any crash, leak, timeout or broken
# round-trip invariant, after copying the input that caused it to
# fuzz/crashes/<target>/ and printing how to replay it. docs/fuzzing.md
# explains how to fuzz for longer.
#
#   FUZZ_SECONDS (30)                       time per target
#   FUZZ_TARGETS ("message uri challenge")  which targets
#   FUZZ_BUILD_DIR (build-fuzz)             clang build directory
#   FUZZ_CRASH_DIR (fuzz/crashes)           where failing inputs are kept
#
# New inputs that reach new code are kept in fuzz/corpus-work/<target>/
# (not committed) so that later runs start from there.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-30}
read -r -a TARGETS <<<"${FUZZ_TARGETS:-message uri challenge}"
CRASH_DIR=${FUZZ_CRASH_DIR:-fuzz/crashes}
WORK_DIR=fuzz/corpus-work

# Quiet unless it fails.
quietly() {
  local out
  if ! out=$("$@" 2>&1); then
    echo "$out" >&2
    return 1
  fi
}

if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang quietly meson setup "$BUILD" -Dfuzzing=true -Dtests=disabled
fi
quietly ninja -C "$BUILD" "${TARGETS[@]/#/fuzz/fuzz-}"

# Longest input worth trying: above the per-header limit for messages
# (GST_SIP_MAX_HEADER_LENGTH), a few lines' worth for single values.
max_len() {
  case "$1" in
    message) echo 16384 ;;
    uri) echo 1024 ;;
    *) echo 4096 ;;
  esac
}

# Extra seed directories: the benchmark's realistic messages.
extra_seeds() {
  [ "$1" = message ] && echo bench/corpus
  return 0
}

# Prints the end of the log and every input saved since @stamp.
report_failure() {
  local target=$1 log=$2 stamp=$3
  echo "fuzz-$target: FAILED; end of its log ($log):" >&2
  tail -n 40 "$log" >&2
  find "$CRASH_DIR/$target" -type f -newer "$stamp" | while read -r input; do
    echo "--- $input (replay: $BUILD/fuzz/fuzz-$target $input)" >&2
    head -c 2000 "$input" | cat -v >&2
    echo >&2
  done
}

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
for target in "${TARGETS[@]}"; do
  work="$WORK_DIR/$target"
  log="$BUILD/fuzz-$target.log"
  stamp="$BUILD/fuzz-$target.started"
  mkdir -p "$work" "$CRASH_DIR/$target"
  touch "$stamp"
  # shellcheck disable=SC2046 # extra_seeds prints zero or one directory
  if "$BUILD/fuzz/fuzz-$target" \
      -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$target")" \
      -timeout=10 -rss_limit_mb=2048 -dict=fuzz/sip.dict \
      -artifact_prefix="$CRASH_DIR/$target/" -print_final_stats=1 \
      "$work" "fuzz/corpus/$target" $(extra_seeds "$target") >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    echo "fuzz-$target: ok, $runs inputs in ${SECONDS_EACH}s, $cov, corpus $(find "$work" -type f | wc -l)"
  else
    report_failure "$target" "$log" "$stamp"
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in $CRASH_DIR/)" >&2
  exit 1
fi
