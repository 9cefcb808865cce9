#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Fails when a Kamailio started from this checkout's kamailio.cfg is still
# running: every test, example and benchmark must stop the server it
# started, whether it passed or not. Run by run-tests.sh after each part
# of the suite. kamailio-ctl.sh's owner watcher polls every 0.5 s and
# gives Kamailio 5 s to stop, hence the grace period.
#
#   check-no-leftovers.sh WHAT     (WHAT: the part of the suite, for the message)
set -euo pipefail

CFG="$(cd "$(dirname "$0")" && pwd)/kamailio.cfg"
GRACE_TENTHS=80

leftovers() {
  pgrep -a -f -- "-f $CFG" || true
}

for _ in $(seq "$GRACE_TENTHS"); do
  [ -n "$(leftovers)" ] || exit 0
  sleep 0.1
done
echo "FAIL: Kamailio left running after ${1:-the tests}:" >&2
leftovers >&2
exit 1
