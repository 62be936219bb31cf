#!/bin/bash
# The .deb on a fresh Debian 12. cpack builds it; debootstrap's minbase bookworm (made once, kept
# as a tarball under the build folder, unpacked anew for every run) gets it by `dpkg -i`, and
# `apt-get -f install` brings what it Depends on from the mirror. There meshprobe prints its
# version and runs `check` with no Docker on the system at all. Then, removed and installed again
# the way a user does it (`apt-get install ./meshprobe_*.deb`, which also brings the Recommends:
# compose and the engine's package), `run --standin` proves a fixture against the host's engine
# through its socket, bind-mounted into the root. `dpkg -r` removes it without a trace.
# Nothing is left behind: no mount, no container of the test's project, no root.
# usage: deb_install.sh BUILD_DIR SOURCE_DIR WORK_DIR CACHE_DIR
#   WORK_DIR is made anew (the .deb, the logs, the root while the test runs); CACHE_DIR keeps the
#   debootstrap tarball and apt's downloaded packages between runs. MESHPROBE_DEBIAN_MIRROR
#   overrides the mirror, which is otherwise the host's own.
set -u
build=$1 source=$2 work=$3 cache=$4
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/package_lib.sh"
project=meshtest-deb-install
root=$work/root
tarball=$cache/bookworm-minbase.tar
failed=0
fail() { echo "FAIL: $*"; failed=1; }
die() { echo "FAIL: $*"; exit 1; }  # the EXIT trap unmounts and removes the root
step() { echo "== [${SECONDS}s] $*"; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount)"
command -v debootstrap >/dev/null || die "no debootstrap (scripts/setup.sh installs it)"

# Mount points under a folder, from /proc/mounts, deepest last.
mounted_under() { awk -v p="$1/" 'index($2 "/", p) == 1 { print $2 }' /proc/mounts; }
# Unmounts everything under a folder, deepest first; says what it could not.
unmount_under() {
  local point
  mounted_under "$1" | sort -r | while read -r point; do
    umount "$point" 2>/dev/null || umount -l "$point" || echo "FAIL: cannot unmount $point"
  done
}
# rm -rf of a folder that must have nothing mounted under it (a bind-mounted /dev/pts or socket
# would otherwise be emptied on the host); --one-file-system as a second guard.
remove_tree() {
  [ -e "$1" ] || return 0
  unmount_under "$1"
  [ -z "$(mounted_under "$1")" ] || { echo "FAIL: still mounted under $1, not removing it"; return 1; }
  rm -rf --one-file-system "$1"
}
cleanup() {
  local ids networks
  ids=$(project_containers $project 2>/dev/null)
  # shellcheck disable=SC2086  # one id a word
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  networks=$(docker network ls -q --filter "label=com.docker.compose.project=$project" 2>/dev/null)
  # shellcheck disable=SC2086
  [ -z "$networks" ] || docker network rm $networks >/dev/null
  remove_tree "$root"
}
trap 'cleanup || exit 1' EXIT
trap 'exit 130' INT TERM HUP

# A run killed before its trap (ctest's timeout) leaves its root and mounts: away with them first.
remove_tree "$work" || exit 1
remove_tree "$cache/bootstrap" || exit 1
mkdir -p "$work" "$cache/apt-archives/partial" || exit 1

mirror=${MESHPROBE_DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '$1 == "URIs:" { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" && $2 !~ /^\[/ && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}

step "cpack"
deb=$(build_deb "$build" "$work/out") || exit 1
deb_name=${deb##*/}

if [ ! -f "$tarball" ]; then
  step "debootstrap --variant=minbase bookworm from $mirror (once: kept as $tarball)"
  timeout 1200 debootstrap --variant=minbase bookworm "$cache/bootstrap" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log"; remove_tree "$cache/bootstrap"; die "debootstrap"; }
  rm -f "$cache/bootstrap"/var/cache/apt/archives/*.deb
  { tar -C "$cache/bootstrap" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"; } || die "tar of the new root"
  remove_tree "$cache/bootstrap" || exit 1
fi

step "a fresh root from $tarball"
{ mkdir "$root" && tar -C "$root" -xf "$tarball"; } || die "unpacking $tarball"
# apt as the host has it: its Debian sources and its download settings (proxy, validity checks).
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  rm -f "$root/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
fi
for conf in /etc/apt/apt.conf.d/*; do
  [ -f "$conf" ] && grep -qE '^[[:space:]]*Acquire(::|[[:space:]]*\{)' "$conf" && cp "$conf" "$root/etc/apt/apt.conf.d/"
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# No service starts in the root: docker.io's dockerd there would claim the host engine's socket.
printf '#!/bin/sh\n# deb_install.sh: no service starts in this chroot\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp "$deb" "$root/root/" || exit 1
cp -r "$source/fixtures/devonboarder" "$root/root/devonboarder" || exit 1
copy_fixture "$source/fixtures/lonely" "$root/root/lonely" $project || exit 1

mount -t proc proc "$root/proc" || die "mount proc"
mount --bind /dev/pts "$root/dev/pts" || die "mount /dev/pts"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives" || die "mount apt's archive cache"

in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
# shellcheck disable=SC2016  # dpkg-query's own ${Status}
status_of() { in_root dpkg-query -W -f='${Status}' "$1" 2>/dev/null; }
installed() { [ "$(status_of "$1")" = "install ok installed" ]; }
# apt-get, once more after `apt-get update` when the first try fails (the mirror moved on).
apt_in_root() {
  local log=$1; shift
  in_root timeout 900 apt-get -q -y "$@" >"$log" 2>&1 && return 0
  { in_root timeout 300 apt-get -q update && in_root timeout 900 apt-get -q -y "$@"; } >>"$log" 2>&1 \
    || { tail -20 "$log"; return 1; }
}

step "apt-get update"
in_root timeout 300 apt-get -q update >"$work/apt-update.log" 2>&1 || { tail -20 "$work/apt-update.log"; die "apt-get update"; }

step "dpkg -i $deb_name"
in_root dpkg -i "/root/$deb_name" >"$work/dpkg-i.log" 2>&1; code=$?
echo "dpkg -i exited $code$( [ $code = 0 ] || echo ": $(grep -c 'depends on' "$work/dpkg-i.log") missing dependencies")"
step "apt-get -f install"
apt_in_root "$work/apt-fix.log" -f install || die "apt-get -f install"
installed meshprobe || fail "meshprobe is not installed after apt-get -f install: $(status_of meshprobe)"
fields=$(in_root dpkg -s meshprobe)
grep -q '^Depends:.*libcurl4' <<<"$fields" || fail "dpkg -s: no Depends on libcurl4"
for recommended in docker-compose docker.io; do
  grep -q "^Recommends:.*$recommended" <<<"$fields" || fail "dpkg -s: no Recommends of $recommended"
done
for dep in $(sed -n 's/^Depends: //p' <<<"$fields" | tr ',' '\n' | sed 's/^ *//; s/[ (|].*//'); do
  installed "$dep" || fail "$dep, which meshprobe depends on, is not installed"
done

step "meshprobe --version; check, with no Docker on the system"
in_root sh -c 'command -v docker docker-compose' && fail "docker is on the fresh system before the Recommends"
version=$(in_root meshprobe --version) || fail "meshprobe --version exited $?"
grep -q '^meshprobe ' <<<"$version" || fail "meshprobe --version said: $version"
echo "$version"
in_root meshprobe -q -c /root/devonboarder/mesh.yaml check || fail "meshprobe check exited $?"

step "dpkg -r, then apt-get install ./$deb_name as a user does, with the Recommends"
in_root dpkg -r meshprobe >"$work/dpkg-r1.log" 2>&1 || { cat "$work/dpkg-r1.log"; fail "dpkg -r"; }
apt_in_root "$work/apt-install.log" install "/root/$deb_name" || die "apt-get install ./$deb_name"
for package in meshprobe docker-compose docker.io; do
  installed "$package" || fail "$package is not installed by apt-get install ./$deb_name"
done

step "meshprobe run --standin --suite dns against the host's engine"
engine_answers() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
wait_engine() {
  local _
  for _ in $(seq 1 12); do engine_answers && return 0; sleep 10; done
  return 1
}
socket=$root/run/docker.sock
run_standin() {
  # The socket is bound anew for each try: a restarted engine makes a new one.
  if mountpoint -q "$socket"; then umount "$socket" || return 1; fi
  touch "$socket" && mount --bind /var/run/docker.sock "$socket" || return 1
  in_root sh -c 'cd /root/lonely && exec timeout 300 meshprobe -v run --standin --suite dns' 2>&1
}
out="" code=1
for try in 1 2 3; do
  wait_engine || { echo "the engine did not answer for 2 minutes"; break; }
  out=$(run_standin); code=$?
  [ $code = 0 ] && break
  grep -qiE 'cannot connect|is dockerd running' <<<"$out" || break
  tail -3 <<<"$out"; echo "try $try: the engine went away, again in 30 s"; sleep 30
done
[ $code = 0 ] || { echo "$out"; fail "meshprobe run --standin exited $code"; }
grep -q "probe image" <<<"$out" || { echo "$out"; fail "run did not say which probe image it used"; }
grep -m1 'Docker engine ' <<<"$out"
grep -m1 'compose v[12]' <<<"$out" || fail "run did not say which compose it used"
{ umount "$socket" && rm -f "$socket"; } || fail "unmounting the engine's socket"
left=$(project_containers $project)
[ -z "$left" ] || fail "run left containers: $left"

step "dpkg -r meshprobe"
in_root dpkg -r meshprobe >"$work/dpkg-r2.log" 2>&1 || { cat "$work/dpkg-r2.log"; fail "dpkg -r"; }
status=$(status_of meshprobe)
case $status in "" | *not-installed) ;; *) fail "after dpkg -r meshprobe is '$status'" ;; esac
for path in /usr/bin/meshprobe /usr/libexec/meshprobe /usr/share/doc/meshprobe; do
  [ ! -e "$root$path" ] || fail "dpkg -r left $path"
done

step "clean-up"
trap - EXIT
cleanup || fail "clean-up"
[ -z "$(mounted_under "$root")" ] || fail "still mounted: $(mounted_under "$root")"
[ ! -e "$root" ] || fail "the root is still there"
[ -z "$(project_containers $project)" ] || fail "containers of $project are left"
[ $failed = 0 ] && echo "ok: the .deb installs on a fresh Debian 12, runs check and run --standin there, and goes with dpkg -r (${SECONDS}s)"
exit $failed
