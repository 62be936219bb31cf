#!/bin/bash
# `meshprobe audit` on the compose files: the database published on all interfaces breaks the
# contract (exit 1, named with its line and its risks); the reference example's loopback-only
# dashboard port is allowed (exit 0); every format carries the same answer.
# usage: audit_cli.sh MESHPROBE FIXTURES_DIR
set -u
meshprobe=$1 fixtures=$2
failed=0
fail() { echo "FAIL: $*"; failed=1; }
expect() {  # expect CODE PATTERN ARGS...
  local want=$1 pattern=$2; shift 2
  local out; out=$("$meshprobe" "$@" 2>&1); local got=$?
  [ "$got" = "$want" ] || { fail "meshprobe $*: exit $got, expected $want"; echo "$out"; return; }
  grep -qE -- "$pattern" <<<"$out" || { fail "meshprobe $*: no '$pattern' in:"; echo "$out"; }
}
reference=$fixtures/devonboarder/mesh.yaml
public=$fixtures/broken/db-public-port/mesh.yaml
expect 1 'FAIL db 0\.0\.0\.0:5432 -> 5432/tcp \[all interfaces, data tier\]: tier data is internal, so nothing in it may be published.*docker-compose\.override\.yaml:7' -c "$public" audit
expect 0 'ok   traefik 127\.0\.0\.1:8090 -> 8080/tcp \[loopback only\]' -c "$reference" audit
expect 0 '0 the contract does not allow' -c "$reference" audit
expect 1 '\| db \| data \| 0\.0\.0\.0 \| 5432 \| 5432/tcp \| \*\*no\*\*' -c "$public" audit --format markdown
out=$("$meshprobe" -c "$public" audit --format json)
python3 - "$out" <<'PY' || fail "audit --format json is not what it should be"
import json, sys
d = json.loads(sys.argv[1])
db = [e for e in d["exposures"] if e["service"] == "db"]
assert len(db) == 1, db
e = db[0]
assert (e["tier"], e["host_ip"], e["host_port"], e["container_port"], e["protocol"], e["allowed"]) == \
       ("data", "0.0.0.0", 5432, 5432, "tcp", False), e
assert "all interfaces" in e["risk"] and "data tier" in e["risk"], e
assert e["where"].endswith("docker-compose.override.yaml:7"), e
assert all(x["allowed"] for x in d["exposures"] if x["service"] == "traefik"), d
assert d["listeners"] == [], d
PY
out=$("$meshprobe" -c "$public" audit --format sarif)
python3 - "$out" <<'PY' || fail "audit --format sarif has no MESH006 result for db"
import json, sys
d = json.loads(sys.argv[1])
assert d["version"] == "2.1.0", d["version"]
results = d["runs"][0]["results"]
assert [r["ruleId"] for r in results] == ["MESH006"], results
assert "db publishes 5432" in results[0]["message"]["text"], results
PY
expect 2 'format' -c "$reference" audit --format yaml
[ $failed = 0 ] && echo "ok: audit"
exit $failed
