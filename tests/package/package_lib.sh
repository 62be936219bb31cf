# shellcheck shell=bash
# Sourced by the package tests (deb_layout.sh, deb_install.sh): what they share.

# build_deb BUILD_DIR OUT_DIR: `cpack -G DEB` of the build into OUT_DIR (its log in OUT_DIR.log);
# prints the path of the one meshprobe_*.deb it made. Returns 1, having said why on stderr, when
# there is none.
build_deb() {
  local build=$1 out=$2 arch found
  arch=$(dpkg --print-architecture) || return 1
  (cd "$build" && cpack -G DEB -B "$out") >"$out.log" 2>&1 || { cat "$out.log" >&2; echo "FAIL: cpack" >&2; return 1; }
  shopt -s nullglob
  found=("$out"/meshprobe_*_"$arch".deb)
  shopt -u nullglob
  [ ${#found[@]} = 1 ] || { echo "FAIL: expected one meshprobe_*_$arch.deb in $out, found ${#found[@]}" >&2; return 1; }
  echo "${found[0]}"
}

# copy_fixture FIXTURE_DIR DEST PROJECT: a copy of a fixture whose contract names its compose
# project PROJECT, so that a package test's stack cannot meet another test's.
copy_fixture() {
  local from=$1 to=$2 project=$3
  cp -r "$from" "$to" || return 1
  sed -i "s/^project: .*/project: $project/" "$to/mesh.yaml" || return 1
  grep -q "^project: $project\$" "$to/mesh.yaml" || { echo "FAIL: no project line in $to/mesh.yaml" >&2; return 1; }
}

# project_containers PROJECT: the ids of every container of that compose project.
project_containers() { docker ps -aq --filter "label=com.docker.compose.project=$1"; }
