#!/usr/bin/env bash
# scripts/ci/action.sh, the steps of action.yml, run as the runner runs them (inputs in the
# environment, outputs to $GITHUB_OUTPUT), with fakes of meshprobe, gh and apt-get on the PATH:
# the command line it builds, meshprobe's exit code carried to the step, bad inputs refused
# with 2, and how it chooses between the release's .deb and a build from source.
# usage: action_test.sh REPO_DIR
set -uo pipefail
repo=$(cd "${1:?usage: action_test.sh REPO_DIR}" && pwd)
action=$repo/scripts/ci/action.sh
version=$(sed -n 's/^project(meshprobe VERSION \([0-9.]*\).*/\1/p' "$repo/CMakeLists.txt")
work=$(mktemp -d /tmp/mpaction-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# The fakes. meshprobe records its arguments one per line, writes "# report" to --output, says
# $FAKE_VERSION for --version and exits $FAKE_RC.
fakes=$work/bin
mkdir -p "$fakes"
cat >"$fakes/meshprobe" <<'EOF'
#!/usr/bin/env bash
if [ "${1:-}" = --version ]; then echo "meshprobe ${FAKE_VERSION:-0.0.0}"; exit 0; fi
printf '%s\n' "$@" >"$FAKE_LOG"
pwd >"$FAKE_LOG.cwd"
# Exit 2 and 3 come before any report is written.
case ${FAKE_RC:-0} in 0 | 1) while [ $# -gt 0 ]; do [ "$1" = --output ] && { echo "# report" >"$2"; }; shift; done ;; esac
exit "${FAKE_RC:-0}"
EOF
# gh: records its arguments; FAKE_GH=fail fails, FAKE_GH=ok writes the asset into --dir.
cat >"$fakes/gh" <<'EOF'
#!/usr/bin/env bash
printf '%s\n' "$*" >>"$FAKE_GH_LOG"
[ "${FAKE_GH:-fail}" = ok ] || { echo "release not found" >&2; exit 1; }
dir=. pattern=
while [ $# -gt 0 ]; do case $1 in --dir) dir=$2; shift ;; --pattern) pattern=$2; shift ;; esac; shift; done
echo deb >"$dir/$pattern"
EOF
# apt-get: FAKE_APT=fail fails (libraries of another distribution); ok "installs" a meshprobe
# that says $FAKE_DEB_VERSION into $FAKE_INSTALLED.
cat >"$fakes/apt-get" <<'EOF'
#!/usr/bin/env bash
printf '%s\n' "$*" >>"$FAKE_APT_LOG"
[ "${FAKE_APT:-fail}" = ok ] || { echo "meshprobe : Depends: libyaml-cpp0.7 but it is not installable" >&2; exit 100; }
[ "$1" = update ] && exit 0
mkdir -p "$FAKE_INSTALLED"
printf '#!/bin/sh\necho "meshprobe %s"\n' "$FAKE_DEB_VERSION" >"$FAKE_INSTALLED/meshprobe"
chmod +x "$FAKE_INSTALLED/meshprobe"
EOF
printf '#!/bin/sh\nexec "$@"\n' >"$fakes/sudo"
chmod +x "$fakes"/*

export FAKE_LOG=$work/argv FAKE_GH_LOG=$work/gh.log FAKE_APT_LOG=$work/apt.log FAKE_INSTALLED=$work/installed
export RUNNER_TEMP=$work/temp ACTION_PATH=$repo
mkdir -p "$RUNNER_TEMP" "$work/cwd"   # each step runs in cwd/, as the runner runs it in the workspace
# One step: its environment (VAR=value ...) and action.sh's subcommand; sets $rc, $outputs
# (the step's GITHUB_OUTPUT) and $said (what it printed).
step() {
  local sub=$1; shift
  : >"$work/out"; : >"$work/summary"; rm -f "$FAKE_LOG"
  said=$(cd "$work/cwd" && env -i PATH="$fakes:/usr/bin:/bin" HOME="$work" GITHUB_OUTPUT="$work/out" GITHUB_STEP_SUMMARY="$work/summary" \
    RUNNER_TEMP="$RUNNER_TEMP" ACTION_PATH="$ACTION_PATH" FAKE_LOG="$FAKE_LOG" FAKE_GH_LOG="$FAKE_GH_LOG" \
    FAKE_APT_LOG="$FAKE_APT_LOG" FAKE_INSTALLED="$FAKE_INSTALLED" RUNNER_OS=Linux "$@" bash "$action" "$sub" 2>&1)
  rc=$?
  outputs=$(cat "$work/out")
}
has_output() { grep -qxF "$1" <<<"$outputs"; }
argv() { tr '\n' ' ' <"$FAKE_LOG" | sed 's/ $//'; }

# --- run: the command line ---
mkdir -p "$work/app"
step run COMMAND=check CONTRACT=deploy/mesh.yaml ENVIRONMENT=prod ARGS='--all-envs' FORMAT=sarif OUTPUT=out.sarif WORKING_DIRECTORY="$work/app"
[ "$(argv)" = "-c deploy/mesh.yaml -e prod check --format sarif --output out.sarif --all-envs" ] \
  && ok "global flags before the command, its own after: $(argv)" || fail "check's argv: $(argv) ($said)"
[ "$(cat "$FAKE_LOG.cwd")" = "$work/app" ] && ok "meshprobe runs in working-directory" || fail "cwd $(cat "$FAKE_LOG.cwd")"
has_output "report=$work/app/out.sarif" && ok "outputs.report is the absolute path of --output" || fail "report output: $outputs"
[ ! -s "$work/summary" ] && ok "a SARIF report is not put in the step summary" || fail "summary has $(cat "$work/summary")"

step run COMMAND=diff ARGS="--base 'origin/main' --output \"my report.md\"" CONTRACT=mesh.yaml
[ "$(tr '\n' '|' <"$FAKE_LOG")" = "-c|mesh.yaml|diff|--base|origin/main|--output|my report.md|" ] && [ -f "$work/cwd/my report.md" ] \
  && ok "args are split as a shell would, quotes grouping words" || fail "split: $(tr '\n' '|' <"$FAKE_LOG")"

step run COMMAND=check ARGS='$(touch '"$work"'/pwned) `touch '"$work"'/pwned2` ; touch '"$work"'/pwned3'
[ ! -e "$work/pwned" ] && [ ! -e "$work/pwned2" ] && [ ! -e "$work/pwned3" ] && grep -qxF '$(touch' "$FAKE_LOG" \
  && ok "nothing in args is expanded or run: \$(...), backquotes and ; reach meshprobe as words" || fail "args were run or mangled: $(argv)"

step run COMMAND=check ARGS='--suite "unterminated'
[ $rc = 2 ] && [ ! -e "$FAKE_LOG" ] && ok "an unmatched quote in args is exit 2, meshprobe not run" || fail "unmatched quote: exit $rc ($said)"

step run COMMAND='check; rm -rf /'
[ $rc = 2 ] && [ ! -e "$FAKE_LOG" ] && grep -q "is none of check run diff" <<<"$said" \
  && ok "an unknown command is exit 2" || fail "unknown command: exit $rc ($said)"

# --- meshprobe's exit code reaches the step ---
for code in 0 1 2 3; do
  step run COMMAND=check FAKE_RC=$code
  run_rc=$rc
  has_output "exit-code=$code" || { fail "exit $code: outputs $outputs"; continue; }
  step finish EXIT_CODE=$code FAIL=true
  [ $run_rc = 0 ] && [ $rc = $code ] && ok "meshprobe's exit $code: outputs.exit-code=$code, the run step passes, the last step exits $code" \
    || fail "exit $code: run step $run_rc, finish $rc"
done
step run COMMAND=check FAKE_RC=1
grep -q '::error title=meshprobe check::exit 1: violations' <<<"$said" && ok "exit 1 is an error annotation" || fail "no annotation: $said"
step finish EXIT_CODE=1 FAIL=false
[ $rc = 0 ] && ok "fail: false keeps the step green on exit 1" || fail "fail: false: exit $rc"
step finish EXIT_CODE=
[ $rc = 3 ] && ok "no exit code (meshprobe never ran) fails the step with 3" || fail "empty exit code: $rc"

# --- comment-on-pr ---
step run COMMAND=diff COMMENT=true FORMAT=text
[ $rc = 2 ] && ok "comment-on-pr without format: markdown is exit 2" || fail "comment without markdown: $rc"
step run COMMAND=diff COMMENT=true FORMAT=markdown ARGS='--base abc123'
[ "$(argv)" = "diff --format markdown --output $RUNNER_TEMP/meshprobe-diff.md --base abc123" ] \
  && has_output "report=$RUNNER_TEMP/meshprobe-diff.md" && grep -qx '# report' "$work/summary" \
  && ok "comment-on-pr without output writes the Markdown to RUNNER_TEMP, outputs.report names it, the step summary has it" \
  || fail "comment report: $(argv) / $outputs / $(cat "$work/summary")"
step run COMMAND=diff COMMENT=true FORMAT=markdown FAKE_RC=2 ARGS='--base x' OUTPUT=$work/written.md
! grep -q '^report=' <<<"$outputs" && ok "no report file (exit 2 before writing): no outputs.report, so no comment" || fail "report output without file: $outputs"

# --- install ---
step install INSTALL=path PATH="/usr/bin:/bin"
[ $rc = 2 ] && ok "install: path without meshprobe on the PATH is exit 2" || fail "install path, none: $rc ($said)"
step install INSTALL=path FAKE_VERSION=9.9.9
has_output method=path && ok "install: path uses the meshprobe on the PATH" || fail "install path: $rc $outputs"
step install INSTALL=sometimes
[ $rc = 2 ] && ok "an unknown install is exit 2" || fail "install sometimes: $rc"
step install RUNNER_OS=macOS
[ $rc = 2 ] && ok "a runner that is not Linux is exit 2" || fail "macOS: $rc"

: >"$FAKE_GH_LOG"
step install INSTALL=auto ACTION_REPOSITORY=acme/meshprobe ACTION_REF=main
has_output method=source && grep -q '^source-key=[0-9a-f]\{16\}$' <<<"$outputs" && [ ! -s "$FAKE_GH_LOG" ] \
  && ok "at a branch: build from source (with a cache key), no release asked for" || fail "branch: $outputs / $(cat "$FAKE_GH_LOG")"
step install INSTALL=auto ACTION_REPOSITORY=acme/meshprobe ACTION_REF=
has_output method=source && [ ! -s "$FAKE_GH_LOG" ] && ok "an empty action ref (a composite quirk): build from source" || fail "empty ref: $outputs"
step install INSTALL=release ACTION_REPOSITORY=acme/meshprobe ACTION_REF=main
[ $rc = 2 ] && ok "install: release at a branch without a version is exit 2" || fail "release at branch: $rc"

step install INSTALL=auto ACTION_REPOSITORY=acme/meshprobe ACTION_REF=v0 FAKE_GH=fail
grep -qxF "release download v$version --repo acme/meshprobe --pattern meshprobe_${version}_amd64.deb --dir $RUNNER_TEMP/meshprobe-release --clobber" "$FAKE_GH_LOG" \
  && has_output method=source && grep -q "has no meshprobe_${version}_amd64.deb" <<<"$said" \
  && ok "at tag v0: asks for release v$version (the checkout's version); none there: build from source" \
  || fail "v0 without release: $(cat "$FAKE_GH_LOG") / $outputs / $said"
step install INSTALL=release ACTION_REPOSITORY=acme/meshprobe ACTION_REF=v0 FAKE_GH=fail
[ $rc = 3 ] && ok "install: release without the asset is exit 3" || fail "release missing: $rc"
: >"$FAKE_GH_LOG"
step install INSTALL=auto ACTION_REPOSITORY=acme/meshprobe ACTION_REF=main VERSION=0.2.0 FAKE_GH=fail
grep -q "^release download v0.2.0 .*--pattern meshprobe_0.2.0_amd64.deb" "$FAKE_GH_LOG" && ok "the version input names the release (v added)" \
  || fail "version input: $(cat "$FAKE_GH_LOG")"

step install INSTALL=auto ACTION_REPOSITORY=acme/meshprobe ACTION_REF=v$version FAKE_GH=ok FAKE_APT=fail
has_output method=source && grep -q "does not install here" <<<"$said" \
  && ok "a release .deb whose libraries this runner lacks: build from source" || fail "apt fails: $outputs / $said"
rm -rf "$FAKE_INSTALLED"
step install INSTALL=auto ACTION_REPOSITORY=acme/meshprobe ACTION_REF=v$version FAKE_GH=ok FAKE_APT=ok FAKE_DEB_VERSION=$version PATH="$FAKE_INSTALLED:$fakes:/usr/bin:/bin"
has_output method=release && has_output "tag=v$version" && grep -q "install -y --no-install-recommends $RUNNER_TEMP/meshprobe-release/meshprobe_${version}_amd64.deb" "$FAKE_APT_LOG" \
  && ok "the release's .deb, installed with apt-get: method release" || fail "release install: $rc $outputs / $said"
rm -rf "$FAKE_INSTALLED"
step install INSTALL=auto ACTION_REPOSITORY=acme/meshprobe ACTION_REF=v$version FAKE_GH=ok FAKE_APT=ok FAKE_DEB_VERSION=0.0.1 PATH="$FAKE_INSTALLED:$fakes:/usr/bin:/bin"
has_output method=source && grep -q "not meshprobe $version" <<<"$said" \
  && ok "a release .deb of another version: build from source" || fail "wrong version: $outputs / $said"

# --- build: a cached .deb is installed, not rebuilt ---
mkdir -p "$work/debs" && echo deb >"$work/debs/meshprobe_${version}_amd64.deb"
: >"$FAKE_APT_LOG"
step build DEB_DIR="$work/debs" FAKE_APT=ok FAKE_DEB_VERSION=$version
[ $rc = 0 ] && [ "$(cat "$FAKE_APT_LOG")" = "install -y --no-install-recommends $work/debs/meshprobe_${version}_amd64.deb" ] \
  && ok "build with the cache's .deb: installs it, no build dependencies, no build" || fail "cached build: $rc / $(cat "$FAKE_APT_LOG") / $said"

echo "action_test: $passed passed, $failed failed"
[ $failed = 0 ]
