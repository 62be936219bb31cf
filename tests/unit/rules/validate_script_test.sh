#!/bin/bash
# scripts/validate_network_contracts.sh passes meshprobe's exit code through (it must fail
# when the contract fails), with a stand-in meshprobe; and, once the meshprobe binary has the
# `check` command, on the reference stack (0) and a broken variant (1).
# usage: validate_script_test.sh REPO_ROOT [MESHPROBE]
set -u
root=$1 real=${2:-}
script=$root/scripts/validate_network_contracts.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
expect() {  # expect WANT DESCRIPTION COMMAND...
  local want=$1 what=$2; shift 2
  "$@" >"$work/out" 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: $what: exit $got, expected $want"; cat "$work/out"; failed=1; fi
}

cat >"$work/meshprobe" <<'STUB'
#!/bin/bash
echo "$@" >"$(dirname "$0")/args"
exit "${STUB_EXIT:-0}"
STUB
chmod +x "$work/meshprobe"

for code in 0 1 2 3; do
  expect "$code" "exit $code passes through" env MESHPROBE="$work/meshprobe" STUB_EXIT=$code "$script" some/mesh.yaml
done
expect 0 "flags reach check" env MESHPROBE="$work/meshprobe" "$script" x.yaml --format sarif --output r.sarif
[ "$(cat "$work/args")" = "-c x.yaml check --all-envs --format sarif --output r.sarif" ] \
  || { echo "FAIL: arguments were: $(cat "$work/args")"; failed=1; }
expect 0 "default contract" env MESHPROBE="$work/meshprobe" "$script" --format json
[ "$(cat "$work/args")" = "-c mesh.yaml check --all-envs --format json" ] \
  || { echo "FAIL: arguments were: $(cat "$work/args")"; failed=1; }
expect 2 "missing meshprobe is an input error" env MESHPROBE="$work/no-such-meshprobe" "$script"

if [ -n "$real" ] && "$real" --help 2>/dev/null | grep -qE "^ +check +"; then
  expect 0 "reference stack passes" env MESHPROBE="$real" "$script" "$root/fixtures/devonboarder/mesh.yaml"
  expect 1 "flat network fails" env MESHPROBE="$real" "$script" "$root/fixtures/broken/flat-network/mesh.yaml"
  expect 2 "invalid contract" env MESHPROBE="$real" "$script" "$root/fixtures/bad-contracts/unknown-tier/mesh.yaml"
else
  echo "note: $real has no check command yet; ran the stand-in cases only"
fi
[ "$failed" = 0 ] && echo PASS
exit "$failed"
