#!/bin/bash
# `meshprobe explain` as a script uses it: exit 0 when the path is as the contract wants it,
# 1 when not, 2 for a mistake in the question; the answer names the YAML lines.
# usage: explain_cli.sh MESHPROBE FIXTURES_DIR
set -u
meshprobe=$1 fixtures=$2
failed=0
expect() {  # expect CODE PATTERN ARGS...
  local want=$1 pattern=$2; shift 2
  local out; out=$("$meshprobe" "$@" 2>&1); local got=$?
  [ "$got" = "$want" ] || { echo "FAIL: meshprobe $*: exit $got, expected $want"; echo "$out"; failed=1; return; }
  grep -qE -- "$pattern" <<<"$out" || { echo "FAIL: meshprobe $*: no '$pattern' in:"; echo "$out"; failed=1; }
}
reference=$fixtures/devonboarder/mesh.yaml
broken=$fixtures/broken/db-on-auth-tier/mesh.yaml
expect 0 'allowed' -c "$reference" explain traefik auth-service:8002
expect 0 'flow mesh\.yaml:[0-9]+; carried by auth_tier \(traefik docker-compose\.yaml:[0-9]+' -c "$reference" explain traefik auth-service
expect 0 'blocked' -c "$reference" explain frontend db:5432
expect 1 'forbidden \(not as the contract wants it\)' -c "$broken" explain traefik db:5432
expect 1 'db docker-compose\.override\.yaml:8' -c "$broken" explain bot db
expect 0 '"verdict": "allowed"' -c "$reference" explain backend db --format json
expect 2 "no service 'nobody'" -c "$reference" explain nobody db
expect 2 'must be a number' -c "$reference" explain traefik db:http
expect 2 'from is required|to is required|required' -c "$reference" explain traefik
[ $failed = 0 ] && echo "ok: explain"
exit $failed
