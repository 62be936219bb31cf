#!/usr/bin/env bash
# Idempotent set-up for building and testing meshprobe on Debian 12:
# build dependencies, Prometheus for the metrics tests, Docker engine and compose, debootstrap for
# the package test on a fresh Debian 12; starts dockerd only when no engine answers.
set -euo pipefail
# dockerd outlives the script: it must not keep a descriptor it inherited (a `flock` around a test
# that restarts the engine would stay locked for as long as the engine runs).
close_inherited_fds='for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null'

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev libboost-filesystem-dev libcurl4-openssl-dev libc-ares-dev libfmt-dev libyaml-dev
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcivetweb-dev
  docker.io docker-compose iproute2 iptables procps python3 python3-yaml python3-jsonschema curl libxml2-utils graphviz
  debootstrap openssl libssl-dev libarchive-dev libmimalloc-dev
  libnetfilter-conntrack-dev
  zsh fish mandoc man-db
)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
    || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; }
fi

# Prometheus (with promtool) for the metrics tests, which start their own on a free loopback
# port with a temporary config. The package's own service must not run (it would hold 9090 and
# scrape nothing of ours): a policy-rc.d keeps apt from starting it during the install, and it is
# disabled at boot. An installed prometheus is left as it is.
if ! dpkg-query -W -f='${Status}' prometheus 2>/dev/null | grep -q "install ok installed"; then
  echo "setup: installing prometheus (its system service is not started)"
  policy=/usr/sbin/policy-rc.d
  saved_policy=""
  if [ -e "$policy" ]; then saved_policy=$(mktemp); as_root cp -p "$policy" "$saved_policy"; fi
  restore_policy() {
    if [ -n "$saved_policy" ]; then as_root mv -f "$saved_policy" "$policy"; else as_root rm -f "$policy"; fi
    trap - EXIT
  }
  trap restore_policy EXIT
  printf '#!/bin/sh\n# scripts/setup.sh: no service starts while prometheus is installed\nexit 101\n' | as_root tee "$policy" >/dev/null
  as_root chmod 0755 "$policy"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus \
    || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus; }
  restore_policy
  if command -v systemctl >/dev/null; then
    as_root systemctl disable prometheus >/dev/null 2>&1 || true  # its unit and its SysV script alike
    if [ -d /run/systemd/system ]; then as_root systemctl stop prometheus >/dev/null 2>&1 || true; fi
  else
    as_root update-rc.d prometheus disable >/dev/null 2>&1 || true
  fi
fi
command -v promtool >/dev/null || { echo "setup: promtool is missing (it comes with Debian's prometheus package)" >&2; exit 3; }

# The npm validators of the tests, each pinned in a package-lock.json and installed with `npm ci`
# into a fixed folder outside the clone, where its test finds them (and fails when they are
# missing): tests/ci/validate_ci.sh's (the action and the CI workflow under docs/ci/) and
# tests/unit/topology/validate_topology.sh's (the topology schema, mermaid's parser). Node.js and
# npm come with the machine; Debian's are installed where they do not.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: installing nodejs and npm (Debian's) for the npm validators"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
    || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm; }
fi
# usage: install_npm_validators LOCK_DIR TARGET_DIR
install_npm_validators() {
  local lock=$1 target=$2
  if ! cmp -s "$lock/package-lock.json" "$target/package-lock.json" \
     || [ ! -f "$target/node_modules/.package-lock.json" ]; then
    echo "setup: installing the validators of $lock into $target"
    as_root rm -rf "$target"
    as_root mkdir -p "$target"
    as_root cp "$lock/package.json" "$lock/package-lock.json" "$target/"
    (cd "$target" && as_root npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  fi
}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
install_npm_validators "$source_dir/tests/ci/validators" /opt/meshprobe-ci-validators
install_npm_validators "$source_dir/tests/unit/topology/validators" /opt/meshprobe-graph-validators

# Compose v2 beside v1: Debian's next release ships it; only that one package is taken from
# there (pinned so that nothing else is), unpacked as a CLI plugin of the docker client.
plugin_dir=/usr/local/lib/docker/cli-plugins
if ! docker compose version >/dev/null 2>&1; then
  echo "setup: installing compose v2 (docker-compose from Debian trixie) as a docker CLI plugin"
  if [ ! -f /etc/apt/sources.list.d/meshprobe-trixie.sources ]; then
    as_root tee /etc/apt/sources.list.d/meshprobe-trixie.sources >/dev/null <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    as_root tee /etc/apt/preferences.d/meshprobe-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 1
PIN
  fi
  as_root apt-get update -qq
  work=$(mktemp -d)
  (cd "$work" && apt-get download docker-compose/trixie >/dev/null 2>&1) \
    || (cd "$work" && as_root apt-get download docker-compose/trixie)
  dpkg-deb -x "$work"/docker-compose_*.deb "$work/root"
  as_root install -D -m 0755 "$work/root/usr/libexec/docker/cli-plugins/docker-compose" "$plugin_dir/docker-compose"
  rm -rf "$work"
  docker compose version >/dev/null 2>&1 || { echo "setup: docker compose v2 does not run" >&2; exit 3; }
fi
echo "setup: compose $(docker compose version --short) (v2) and $(docker-compose version --short) (v1)"

engine_answers() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  echo "setup: Docker engine already running ($(docker version --format '{{.Server.Version}}'))"
else
  echo "setup: starting dockerd"
  log=/var/log/meshprobe-dockerd.log
  as_root bash -c "$close_inherited_fds; setsid dockerd >$log 2>&1 < /dev/null &"
  for _ in $(seq 1 60); do
    engine_answers && break
    sleep 0.5
  done
  engine_answers || { echo "setup: dockerd did not answer within 30 s; see $log" >&2; tail -20 "$log" >&2 || true; exit 3; }
  echo "setup: Docker engine $(docker version --format '{{.Server.Version}}') is up"
fi
