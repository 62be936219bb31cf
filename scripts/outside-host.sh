#!/usr/bin/env bash
# outside-host.sh up|down [name] [port]
#
# An "outside" host for egress checks that never sends a packet off the machine: a network
# namespace <name> (default mp-outside) joined to the host by a veth pair, host side mp-out0
# 198.18.0.1/30, namespace side 198.18.0.2/30 with a default route back to the host, and a
# TCP listener on <port> (default 18080) that greets every connection with
# "meshprobe-outside <name>". 198.18.0.0/15 is the benchmarking range (RFC 2544), so it
# clashes with neither Docker's pools nor a real route.
#
# For the host, 198.18.0.2 is a directly connected neighbour like any other: containers on
# normal bridges reach it through Docker's own FORWARD accept rule for their bridge and are
# masqueraded to 198.18.0.1 on the way out; containers on `internal: true` networks do not,
# since Docker drops forwarded traffic leaving an internal bridge. That pair is the egress
# target and its positive control.
#
# `up` is idempotent and prints the target "198.18.0.2:<port>"; `down` is idempotent.
# One outside host at a time: the veth name and the addresses are fixed.
set -euo pipefail

readonly prog=${0##*/}
readonly host_if=mp-out0
readonly peer_if=mp-out1
readonly host_addr=198.18.0.1
readonly peer_addr=198.18.0.2
readonly prefix=30

usage() {
  echo "usage: $prog up|down [name] [port]   (defaults: mp-outside 18080)" >&2
  exit 2
}

if [ $# -lt 1 ] || [ $# -gt 3 ]; then usage; fi
action=$1
name=${2:-mp-outside}
port=${3:-18080}
case $action in up | down) ;; *) usage ;; esac
[[ $name =~ ^[A-Za-z0-9_.-]{1,64}$ ]] || { echo "$prog: invalid namespace name '$name'" >&2; exit 2; }
if ! [[ $port =~ ^[0-9]{1,5}$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "$prog: invalid port '$port'" >&2
  exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "$prog: must run as root (network namespaces need CAP_SYS_ADMIN); try: sudo $prog $*" >&2; exit 2; }
command -v ip >/dev/null 2>&1 || { echo "$prog: ip not found (apt-get install iproute2)" >&2; exit 1; }

readonly pidfile=/run/meshprobe-$name.pid
readonly logfile=/run/meshprobe-$name.log

# The system interpreter, not a per-user shim: the listener must not depend on $HOME.
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3) || { echo "$prog: python3 not found" >&2; exit 1; }

namespace_exists() { ip netns list | awk '{print $1}' | grep -qx -- "$name"; }

listener_running() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "meshprobe-outside $name"
}

ensure_namespace() {
  namespace_exists || ip netns add "$name"
  ip -n "$name" link set lo up
}

ensure_veth() {
  # A host end whose peer is not in our namespace is left over from an earlier run: rebuild.
  if ip link show "$host_if" >/dev/null 2>&1 && ! ip -n "$name" link show "$peer_if" >/dev/null 2>&1; then
    ip link del "$host_if"
  fi
  if ! ip link show "$host_if" >/dev/null 2>&1; then
    ip link add "$host_if" type veth peer name "$peer_if" netns "$name"
  fi
  ip addr replace "$host_addr/$prefix" dev "$host_if"
  ip link set "$host_if" up
  ip -n "$name" addr replace "$peer_addr/$prefix" dev "$peer_if"
  ip -n "$name" link set "$peer_if" up
  ip -n "$name" route replace default via "$host_addr"
}

ensure_forwarding() {
  # Docker sets this when it starts; set it anyway so the outside host works without it.
  [ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ] || sysctl -q -w net.ipv4.ip_forward=1
}

start_listener() {
  listener_running && return 0
  # argv[1] carries the marker `listener_running` looks for in /proc/<pid>/cmdline.
  # nsenter joins the network namespace only. `ip netns exec` would also give the listener a
  # private copy of the host's mounts, and with it every /run/docker/netns/* bind mount of the
  # moment: those containers' namespaces would outlive them, their veths left on the bridge
  # with the addresses (and address-derived MACs) that the engine hands out again, so a later
  # container's address answers from a dead one (seen as "refused" on a fixed-name bridge).
  nsenter --net="/run/netns/$name" setsid "$python" -c '
import socket, sys
greeting = (sys.argv[1] + "\n").encode()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("0.0.0.0", int(sys.argv[2])))
server.listen(64)
while True:
    conn, _ = server.accept()
    try:
        conn.sendall(greeting)
    except OSError:
        pass
    conn.close()
' "meshprobe-outside $name" "$port" </dev/null >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  # Wait until it listens, so the caller can probe at once.
  for _ in $(seq 1 50); do
    if ss -N "$name" -Hltn "sport = :$port" 2>/dev/null | grep -q .; then return 0; fi
    listener_running || break
    sleep 0.1
  done
  echo "$prog: the listener did not start; see $logfile" >&2
  cat "$logfile" >&2 || true
  exit 1
}

stop_listener() {
  if listener_running; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  rm -f "$pidfile" "$logfile"
  # Anything else still running inside our namespace was started there by this script.
  if namespace_exists; then
    local pid
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  fi
}

case $action in
  up)
    ensure_namespace
    ensure_veth
    ensure_forwarding
    start_listener
    echo "$peer_addr:$port"
    ;;
  down)
    stop_listener
    if namespace_exists; then ip netns del "$name"; fi
    # Deleting the namespace destroys the peer and with it mp-out0; this covers a half-made pair.
    if ip link show "$host_if" >/dev/null 2>&1; then ip link del "$host_if"; fi
    echo "$prog: $name removed"
    ;;
esac
