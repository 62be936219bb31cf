#!/usr/bin/env bash
# Switches this machine's Docker engine between Debian bookworm's 20.10 (the default, which
# scripts/setup.sh starts) and trixie's 26.1, which users of current Docker run. Both serve the
# default socket; only one runs at a time, each with its own data and exec roots, so images and
# containers of one are never seen by the other.
#
#   scripts/engine.sh use 26     stop 20.10, start 26 (installed under /opt/meshprobe/engine-26)
#   scripts/engine.sh use 20     stop 26, start 20.10 again
#   scripts/engine.sh restart    stop the engine that runs (SIGTERM, as a host shutdown does)
#                                and start the same one again: what `watch` must outlive
#   scripts/engine.sh version    the version that answers now
set -euo pipefail
# dockerd outlives the script: it must not keep a descriptor it inherited (a `flock` around a test
# that restarts the engine would stay locked for as long as the engine runs).
close_inherited_fds='for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null'

root=/opt/meshprobe/engine-26
log_dir=/var/log

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
answers() { timeout 5 docker version --format '{{.Server.Version}}' 2>/dev/null; }

wait_until_up() {
  for _ in $(seq 1 120); do
    answers >/dev/null && return 0
    sleep 0.5
  done
  echo "engine: dockerd did not answer within 60 s; see $1" >&2
  tail -20 "$1" >&2 || true
  exit 3
}

# A dockerd that stops with containers still running leaves their network namespaces bind
# mounted under its exec root, and with them veths on bridges the other engine reuses by name.
release_namespaces() {
  local exec_root mount
  exec_root=$(readlink -f "$1")  # /var/run is /run in mountinfo
  for mount in $(awk -v dir="$exec_root/netns/" 'index($5, dir) == 1 {print $5}' /proc/self/mountinfo); do
    as_root umount "$mount" 2>/dev/null || true
  done
}

stop_engine() {
  local pidfile=$1 exec_root=$2
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    as_root kill "$pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  as_root rm -f "$pidfile"
  release_namespaces "$exec_root"
}

install_26() {
  [ -x "$root/usr/sbin/dockerd" ] && return 0
  echo "engine: unpacking docker.io and containerd from Debian trixie into $root"
  # scripts/setup.sh added the trixie source (pinned, so nothing is upgraded from it).
  local work
  work=$(mktemp -d)
  (cd "$work" && apt-get download docker.io/trixie containerd/trixie >/dev/null 2>&1) \
    || (cd "$work" && as_root apt-get download docker.io/trixie containerd/trixie)
  as_root mkdir -p "$root"
  for deb in "$work"/*.deb; do as_root dpkg-deb -x "$deb" "$root"; done
  rm -rf "$work"
}

start_26() {
  # Its own roots: the 20.10 data must not be migrated or touched. bookworm's runc stays
  # first on the PATH (trixie's needs glibc 2.38); its containerd comes from trixie.
  as_root bash -c "$close_inherited_fds; PATH=/usr/sbin:/usr/bin:$root/usr/sbin:$root/usr/bin:/sbin:/bin \
    setsid $root/usr/sbin/dockerd --data-root /var/lib/docker-26 --exec-root /var/run/docker-26 \
    --pidfile /var/run/docker-26.pid >$log_dir/meshprobe-dockerd-26.log 2>&1 </dev/null &"
  wait_until_up $log_dir/meshprobe-dockerd-26.log
}

start_20() {
  as_root bash -c "$close_inherited_fds; setsid dockerd >$log_dir/meshprobe-dockerd.log 2>&1 </dev/null &"
  wait_until_up $log_dir/meshprobe-dockerd.log
}

case "${1:-}" in
  use)
    case "${2:-}" in
      26)
        install_26
        stop_engine /var/run/docker.pid /var/run/docker
        start_26
        ;;
      20)
        stop_engine /var/run/docker-26.pid /var/run/docker-26
        answers >/dev/null || start_20
        ;;
      *) echo "usage: $0 use 20|26" >&2; exit 2 ;;
    esac
    echo "engine: Docker $(answers) answers"
    ;;
  restart)
    if [ -f /var/run/docker-26.pid ] && kill -0 "$(cat /var/run/docker-26.pid)" 2>/dev/null; then
      stop_engine /var/run/docker-26.pid /var/run/docker-26
      start_26
    else
      stop_engine /var/run/docker.pid /var/run/docker
      start_20
    fi
    echo "engine: Docker $(answers) answers again"
    ;;
  version) answers ;;
  *) echo "usage: $0 use 20|26 | restart | version" >&2; exit 2 ;;
esac
