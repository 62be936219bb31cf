#!/usr/bin/env bash
# The steps of the composite GitHub Action (action.yml at the repository's root); each reads its
# inputs from the environment that action.yml sets (never from ${{ }} inside a script), writes
# its outputs to $GITHUB_OUTPUT. Tested by tests/ci/action_test.sh.
#
#   action.sh install   how to get meshprobe: `path` (already installed), `release` (the .deb of
#                       the release, installed now) or `source` (the next steps build it); outputs
#                       method, tag, distro, source-key
#   action.sh build     (method source) cpack's .deb of the action's own checkout into $DEB_DIR,
#                       unless the cache already put one there; then installs it
#   action.sh run       meshprobe [-c CONTRACT] [-e ENV] COMMAND [--format F] [--output O] ARGS...;
#                       outputs exit-code and report; always exits 0 (action.sh finish fails
#                       the step after the pull-request comment was posted)
#   action.sh finish    exits with meshprobe's exit code ($EXIT_CODE) unless FAIL is false
#
# Exit codes of the action's own failures follow meshprobe's: 2 for a bad input, 3 for what
# could not be installed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
action_path=${ACTION_PATH:-$(cd "$here/../.." && pwd)}
out=${GITHUB_OUTPUT:-/dev/null}

say() { echo "meshprobe action: $*" >&2; }
input_error() { echo "::error title=meshprobe action::$*"; exit 2; }
infra_error() { echo "::error title=meshprobe action::$*"; exit 3; }
output() { printf '%s=%s\n' "$1" "$2" >>"$out"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The version of the checkout the action runs from: project(meshprobe VERSION x.y.z).
checkout_version() {
  sed -n 's/^project(meshprobe VERSION \([0-9][0-9.]*\).*/\1/p' "$action_path/CMakeLists.txt" | head -1
}

# The release to install, or nothing (build from source): the `version` input when given;
# else, when the action is used at a version tag (v1, v0.1, v0.1.0), the release of the
# checkout's own version, v<project VERSION>, which is the code that tag points at. A branch, a
# commit or an unknown ref (GitHub leaves github.action_ref empty for some composite uses)
# gives nothing: only the checkout itself is that code.
release_tag() {
  if [ -n "${VERSION:-}" ]; then
    case $VERSION in v*) echo "$VERSION" ;; *) echo "v$VERSION" ;; esac
    return
  fi
  case ${ACTION_REF:-} in
    v[0-9]*) local v; v=$(checkout_version); [ -n "$v" ] && echo "v$v" ;;
  esac
  return 0
}

distro() {
  if [ -r /etc/os-release ]; then (. /etc/os-release && echo "${ID:-linux}-${VERSION_ID:-unknown}"); else echo linux-unknown; fi
}

# A key for the build cache: a digest of the checkout's files (its own code, whatever the ref).
source_key() {
  (cd "$action_path" && find . -type f -not -path './.git/*' -not -path './build*' -print0 | LC_ALL=C sort -z |
    xargs -0 sha256sum | sha256sum | cut -c1-16)
}

# Downloads the release's .deb into $1; false when the release or its asset is not there.
download_release() {
  local dir=$1 tag=$2 asset=$3
  mkdir -p "$dir"
  if command -v gh >/dev/null; then
    GH_TOKEN=${TOKEN:-} gh release download "$tag" --repo "$ACTION_REPOSITORY" --pattern "$asset" --dir "$dir" --clobber >&2 || return 1
  else
    curl -fsSL -o "$dir/$asset" "${GITHUB_SERVER_URL:-https://github.com}/$ACTION_REPOSITORY/releases/download/$tag/$asset" || return 1
  fi
  [ -s "$dir/$asset" ]
}

# apt installs the .deb with the libraries it declares; false when this system cannot satisfy
# them (a .deb built on one distribution release names that release's library packages).
install_deb() {
  local deb=$1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >&2 \
    || { as_root apt-get update -qq >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >&2; }
}

cmd_install() {
  local install=${INSTALL:-auto}
  [ "${RUNNER_OS:-Linux}" = Linux ] || input_error "meshprobe runs on Linux runners only (this one is ${RUNNER_OS})"
  case $install in
    auto | release | source | path) ;;
    *) input_error "install: '$install' is none of auto, release, source, path" ;;
  esac
  output distro "$(distro)"
  if [ "$install" = path ]; then
    command -v meshprobe >/dev/null || input_error "install: path, but there is no meshprobe on the PATH"
    output method path
    say "using $(command -v meshprobe) ($(meshprobe --version 2>&1 | head -1))"
    return
  fi
  if [ "$install" != source ]; then
    local tag arch why=""
    tag=$(release_tag)
    arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
    if [ -z "$tag" ]; then
      [ "$install" = release ] && input_error "install: release, but no version input and the action is used at '${ACTION_REF:-an unknown ref}', not at a release tag"
      why="the action is used at '${ACTION_REF:-an unknown ref}', not at a release tag"
    elif [ -z "${ACTION_REPOSITORY:-}" ]; then
      why="GitHub did not say which repository the action comes from"
    elif [ "$arch" != amd64 ]; then
      why="the release has a .deb for amd64 only (this runner is $arch)"
    else
      local version=${tag#v} dir=${RUNNER_TEMP:-/tmp}/meshprobe-release
      local asset="meshprobe_${version}_amd64.deb"
      if ! download_release "$dir" "$tag" "$asset"; then
        why="release $tag of $ACTION_REPOSITORY has no $asset"
      elif ! install_deb "$dir/$asset"; then
        why="$asset does not install here ($(distro)): its libraries are another distribution's"
      elif ! meshprobe --version 2>&1 | grep -qx "meshprobe $version"; then
        why="the installed meshprobe says '$(meshprobe --version 2>&1 | head -1)', not meshprobe $version"
      else
        output method release
        output tag "$tag"
        say "installed meshprobe $version from release $tag of $ACTION_REPOSITORY"
        return
      fi
    fi
    [ "$install" = release ] && infra_error "install: release: $why"
    say "$why: building meshprobe from the action's checkout (cached after the first build)"
  fi
  output method source
  output source-key "$(source_key)"
}

build_packages=(build-essential cmake ninja-build pkg-config libboost-dev libboost-filesystem-dev
  libcurl4-openssl-dev libc-ares-dev libfmt-dev nlohmann-json3-dev libyaml-dev libyaml-cpp-dev
  libcli11-dev libgtest-dev libgmock-dev libcivetweb-dev)

cmd_build() {
  local dir=${DEB_DIR:?DEB_DIR names the folder of the built .deb} deb
  deb=$(ls "$dir"/meshprobe_*.deb 2>/dev/null | head -1 || true)
  if [ -n "$deb" ]; then
    say "the build cache has $(basename "$deb")"
  else
    say "building meshprobe $(checkout_version) from $action_path"
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${build_packages[@]}" >&2 \
      || infra_error "build: the build dependencies did not install"
    local build=${RUNNER_TEMP:-/tmp}/meshprobe-build
    # Only meshprobe and its probe are built, and `install` (which cpack runs) must not build
    # the tests first.
    cmake -S "$action_path" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >&2 \
      && cmake --build "$build" --target meshprobe meshprobe-probe >&2 \
      && (cd "$build" && cpack -G DEB -B "$dir" >&2) || infra_error "build: meshprobe did not build from $action_path"
    rm -rf "$dir/_CPack_Packages"
    deb=$(ls "$dir"/meshprobe_*.deb 2>/dev/null | head -1 || true)
    [ -n "$deb" ] || infra_error "build: cpack wrote no .deb into $dir"
  fi
  install_deb "$deb" || infra_error "build: $(basename "$deb") did not install"
  say "installed $(meshprobe --version 2>&1 | head -1) from source"
}

commands=" check run diff audit docs topology explain init clean "

cmd_run() {
  local command=${COMMAND:-check}
  case $commands in *" $command "*) ;; *) input_error "command: '$command' is none of${commands% }" ;; esac
  command -v meshprobe >/dev/null || infra_error "run: meshprobe is not installed"
  # Extra arguments as a shell would split them, quotes included, but nothing expanded or run.
  local -a extra=()
  if [ -n "${ARGS:-}" ]; then
    local words why
    words=$(mktemp)
    if ! why=$(printf '%s\n' "$ARGS" | xargs -r printf '%s\0' 2>&1 >"$words"); then
      rm -f "$words"
      input_error "args: cannot split ${ARGS@Q}: ${why#xargs: }"
    fi
    mapfile -d '' extra <"$words"
    rm -f "$words"
  fi
  local report=${OUTPUT:-}
  if [ "${COMMENT:-false}" = true ]; then
    [ "${FORMAT:-}" = markdown ] || input_error "comment-on-pr needs format: markdown (diff and audit write it)"
    [ -n "$report" ] || report=${RUNNER_TEMP:-/tmp}/meshprobe-$command.md
  fi
  local -a argv=(meshprobe)
  [ -n "${CONTRACT:-}" ] && argv+=(-c "$CONTRACT")
  [ -n "${ENVIRONMENT:-}" ] && argv+=(-e "$ENVIRONMENT")
  argv+=("$command")
  [ -n "${FORMAT:-}" ] && argv+=(--format "$FORMAT")
  [ -n "$report" ] && argv+=(--output "$report")
  argv+=("${extra[@]}")
  say "running ${argv[*]@Q}"
  local rc=0
  (cd "${WORKING_DIRECTORY:-.}" && "${argv[@]}") || rc=$?
  output exit-code "$rc"
  if [ -n "$report" ]; then
    case $report in /*) ;; *) report=$(cd "${WORKING_DIRECTORY:-.}" && pwd)/$report ;; esac
    if [ -f "$report" ]; then
      output report "$report"
      if [ "${FORMAT:-}" = markdown ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        cat "$report" >>"$GITHUB_STEP_SUMMARY"
      fi
    fi
  fi
  case $rc in
    0) say "meshprobe $command: exit 0" ;;
    1) echo "::error title=meshprobe $command::exit 1: violations or failed checks" ;;
    2) echo "::error title=meshprobe $command::exit 2: usage or input error" ;;
    *) echo "::error title=meshprobe $command::exit $rc: could not prove (infrastructure error)" ;;
  esac
}

cmd_finish() {
  local rc=${EXIT_CODE:-}
  [ -n "$rc" ] || infra_error "meshprobe did not run"
  if [ "${FAIL:-true}" = false ]; then
    [ "$rc" = 0 ] || say "meshprobe exited $rc; fail: false keeps the step green (see outputs.exit-code)"
    exit 0
  fi
  exit "$rc"
}

case ${1:-} in
  install) cmd_install ;;
  build) cmd_build ;;
  run) cmd_run ;;
  finish) cmd_finish ;;
  *) echo "usage: action.sh install|build|run|finish" >&2; exit 2 ;;
esac
