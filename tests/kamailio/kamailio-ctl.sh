#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runs the project's Kamailio (kamailio.cfg beside this script) on a free
# loopback port, with everything it writes kept under one directory:
#
#   kamailio-ctl.sh start DIR [OWNER_PID]   start, wait until it answers, print
#                                           the port; with OWNER_PID it is also
#                                           stopped once that process is gone
#   kamailio-ctl.sh stop DIR                stop it by its pid
#   kamailio-ctl.sh status DIR              print "PORT PID", exit 1 if stopped
#   kamailio-ctl.sh dump-bindings DIR       the bindings (kamcmd ul.dump)
#   kamailio-ctl.sh watch OWNER_PID PID     (internal) stop PID once OWNER_PID
#                                           is gone
#
# DIR holds kamailio.pid, kamailio.port, kamailio.log, the ctl socket and the
# runtime directory. See docs/kamailio.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KAMAILIO=${KAMAILIO:-kamailio}
KAMCMD=${KAMCMD:-kamcmd}
PATH=$PATH:/usr/sbin:/sbin
START_TIMEOUT_S=10

usage() {
  sed -n '4,17s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

die() {
  echo "kamailio-ctl: $*" >&2
  exit 1
}

# A random port that no UDP or TCP socket of 127.0.0.1 uses: Kamailio listens
# on both with the same number. If another process takes it first, Kamailio
# fails to bind and cmd_start tries another one.
free_port() {
  local used port
  used=$(ss -Hantu 2>/dev/null | awk '{ n = split($5, a, ":"); print a[n] }')
  while :; do
    port=$((20000 + RANDOM % 40000))
    grep -qx "$port" <<<"$used" || break
  done
  echo "$port"
}

ctl_address() {
  echo "unix:$1/kamailio_ctl"
}

# Alive and not a zombie: a stopped Kamailio waits as a zombie until
# whoever adopted it reaps it, and that may take a while.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

running_pid() {
  local pid
  pid=$(cat "$1/kamailio.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && alive "$pid" && echo "$pid"
}

answers() {
  local dir=$1 port=$2
  "$KAMCMD" -s "$(ctl_address "$dir")" core.version >/dev/null 2>&1 &&
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# Launches Kamailio in its own process group (setsid), so that stopping it
# also reaches the worker processes it forked.
launch() {
  local dir=$1 port=$2
  mkdir -p "$dir/run"
  rm -f "$dir/kamailio_ctl"
  setsid "$KAMAILIO" -f "$HERE/kamailio.cfg" -DD -E -m 64 -M 8 \
    -Y "$dir/run" -w "$dir" \
    -A "SIP_PORT=$port" -A "CTL_SOCKET=\"$(ctl_address "$dir")\"" \
    </dev/null >>"$dir/kamailio.log" 2>&1 &
  echo $! >"$dir/kamailio.pid"
  echo "$port" >"$dir/kamailio.port"
}

wait_until_answering() {
  local dir=$1 port=$2 pid=$3 tries=$((START_TIMEOUT_S * 10))
  while [ "$tries" -gt 0 ]; do
    alive "$pid" || return 1
    answers "$dir" "$port" && return 0
    sleep 0.1
    tries=$((tries - 1))
  done
  return 1
}

# Stops Kamailio once OWNER_PID is gone, so that a test program that dies
# (crash, timeout) does not leave a server behind. It stops the pid it was
# given, not the one in DIR: DIR may be gone already (a script that removed
# its work directory) or hold a later Kamailio, which is not ours to stop.
# The watcher runs in a session of its own, like Kamailio: a test runner
# that kills the owner's process group (meson on a timeout) must not take
# the watcher with it.
cmd_watch() {
  local owner=$1 pid=$2
  while alive "$pid"; do
    if ! alive "$owner"; then
      stop_pid "$pid"
      return 0
    fi
    sleep 0.5
  done
}

watch_owner() {
  setsid bash "$HERE/$(basename "$0")" watch "$1" "$2" \
    </dev/null >/dev/null 2>&1 &
}

cmd_start() {
  local dir=$1 owner=${2:-} port pid attempt
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if pid=$(running_pid "$dir"); then
    die "already running in $dir (pid $pid)"
  fi
  # The port is free when chosen but another process may take it before
  # Kamailio binds it: try again with another one.
  for attempt in 1 2 3; do
    port=${KAMAILIO_PORT:-$(free_port)}
    launch "$dir" "$port"
    pid=$(cat "$dir/kamailio.pid")
    if wait_until_answering "$dir" "$port" "$pid"; then
      [ -z "$owner" ] || watch_owner "$owner" "$pid"
      echo "$port"
      return 0
    fi
    cmd_stop "$dir" >/dev/null 2>&1 || true
  done
  tail -n 30 "$dir/kamailio.log" >&2
  die "Kamailio did not start; log: $dir/kamailio.log"
}

# Kamailio stops its workers on SIGTERM; if it did not in 5 s, end its
# process group (launch made it the leader of one).
stop_pid() {
  local pid=$1 tries=50
  kill -TERM "$pid" 2>/dev/null || true
  while [ "$tries" -gt 0 ] && alive "$pid"; do
    sleep 0.1
    tries=$((tries - 1))
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cmd_stop() {
  local dir=$1 pid
  pid=$(running_pid "$dir") || { rm -f "$dir/kamailio.pid"; return 0; }
  stop_pid "$pid"
  rm -f "$dir/kamailio.pid"
}

cmd_status() {
  local dir=$1 pid
  pid=$(running_pid "$dir") || { echo "not running"; return 1; }
  echo "$(cat "$dir/kamailio.port") $pid"
}

cmd_dump_bindings() {
  local dir=$1
  running_pid "$dir" >/dev/null || die "not running in $dir"
  "$KAMCMD" -s "$(ctl_address "$dir")" ul.dump
}

[ $# -ge 2 ] || usage
command=$1
shift
case "$command" in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$1" ;;
  status) cmd_status "$1" ;;
  dump-bindings) cmd_dump_bindings "$1" ;;
  watch) cmd_watch "$1" "$2" ;;
  *) usage ;;
esac
