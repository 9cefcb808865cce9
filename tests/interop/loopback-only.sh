#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# loopback-only.sh COMMAND [ARG...]
#
# Runs COMMAND in a network namespace of its own whose only interface is
# loopback. Chromium gathers ICE candidates on every interface it sees, and
# the pair it picks may start on another local address even when the far
# end announced 127.0.0.1 only; inside this namespace 127.0.0.1 is the only
# address there is, so no packet of the interop suite (Kamailio, Chromium,
# gst-jssip) can go anywhere else. Root uses a plain network namespace,
# other users one inside a user namespace. See docs/interop.md.
set -euo pipefail
[ "$#" -gt 0 ] || { sed -n '4,12s/^# \{0,1\}//p' "$0" >&2; exit 2; }
PATH=$PATH:/usr/sbin:/sbin

flags=(--net)
[ "$(id -u)" -eq 0 ] || flags+=(--map-root-user)
exec unshare "${flags[@]}" -- sh -c 'ip link set lo up && exec "$@"' sh "$@"
