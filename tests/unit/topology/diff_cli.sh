#!/bin/bash
# `meshprobe diff` as a reviewer uses it: each broken variant against the reference example
# lists exactly the paths and published ports its mistake adds or removes; `--base REV` reads
# the files at a git revision without touching the work tree; mistakes in the question exit 2.
# usage: diff_cli.sh MESHPROBE FIXTURES_DIR WORK_DIR
set -u
meshprobe=$1 fixtures=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=1; }
reference=$fixtures/devonboarder/mesh.yaml

# expect_change VARIANT 'ADDED PATHS' 'REMOVED PATHS' 'ADDED PORTS' 'REMOVED PORTS': each a sorted,
# space-separated list; paths as from>to:port (reverse paths left out: each mirrors an allowed
# one), ports as service:host_ip:host_port.
expect_change() {
  local variant=$1
  "$meshprobe" -c "$fixtures/broken/$variant/mesh.yaml" diff --against "$reference" --format json --fail-on none >"$work/$variant.json" \
    || { fail "$variant: diff exited $?"; return; }
  python3 - "$work/$variant.json" "$2" "$3" "$4" "$5" <<'PY' || fail "$variant: not the change its mistake makes"
import json, sys
d = json.load(open(sys.argv[1]))
def paths(items): return " ".join(sorted(f"{p['from']}>{p['to']}:{p['port']}" for p in items if p["verdict"] != "reverse"))
def ports(items): return " ".join(sorted(f"{p['service']}:{p['host_ip']}:{p['host_port']}" for p in items))
got = [paths(d["paths"]["added"]), paths(d["paths"]["removed"]), ports(d["published"]["added"]), ports(d["published"]["removed"])]
bad = False
for name, want, have in zip(["paths added", "paths removed", "ports added", "ports removed"], sys.argv[2:], got):
    if want != have:
        print(f"  {name}: expected [{want}], got [{have}]"); bad = True
sys.exit(1 if bad else 0)
PY
}
expect_change db-on-auth-tier \
  "bot>db:5432 db>bot:8080 db>discord-integration:8081 db>traefik:443 db>traefik:80 db>traefik:8080 discord-integration>db:5432 traefik>db:5432" "" "" ""
expect_change db-public-port "" "" "db:0.0.0.0:5432" ""
expect_change backend-off-data "" "" "" ""
expect_change traefik-off-api "" "" "" ""
expect_change alias-spoof "" "" "" ""
expect_change data-not-internal "" "" "" ""
expect_change flat-network \
  "auth-service>frontend:3000 bot>db:5432 db>bot:8080 db>discord-integration:8081 db>frontend:3000 db>traefik:443 db>traefik:80 db>traefik:8080 discord-integration>db:5432 frontend>auth-service:8002 frontend>db:5432 traefik>db:5432" \
  "" "db:0.0.0.0:5432 traefik:0.0.0.0:8090" "traefik:127.0.0.1:8090"

# What the paths do not show, the rest of the diff does.
grep -q '"verdict": "broken"' "$work/backend-off-data.json" || fail "backend-off-data: the broken flow backend -> db is not listed"
grep -q '"network": "data_tier"' "$work/backend-off-data.json" || fail "backend-off-data: backend's lost attachment is not listed"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(a["service"]=="dashboard-service" and "db.devonboarder.internal" in a["aliases"] for a in d["attachments"]["added"]) else 1)' \
  "$work/alias-spoof.json" || fail "alias-spoof: the alias dashboard-service gained is not listed"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["networks"]["changed"]; sys.exit(0 if c and c[0]["before"]["internal"] and not c[0]["after"]["internal"] else 1)' \
  "$work/data-not-internal.json" || fail "data-not-internal: data_tier losing internal is not listed"

# What got worse, on one line, and --fail-on: by default 1 for a forbidden path newly carried or
# a port newly published on all addresses; a change that makes neither worse is 0.
expect_diff() {  # expect_diff CODE 'SUMMARY LINE' VARIANT FLAGS...
  local want=$1 line=$2 variant=$3; shift 3
  local out; out=$("$meshprobe" -q -c "$fixtures/broken/$variant/mesh.yaml" diff --against "$reference" "$@" 2>&1); local got=$?
  [ "$got" = "$want" ] || fail "diff $variant $*: exit $got, expected $want"
  grep -qxF -- "$line" <<<"$out" || { echo "$out"; fail "diff $variant $*: no line '$line'"; }
}
expect_diff 1 "+8 forbidden paths carried" db-on-auth-tier
expect_diff 1 "+1 port published on all addresses" db-public-port
expect_diff 0 "+1 port published on all addresses" db-public-port --fail-on forbidden
expect_diff 1 "+1 port published on all addresses" db-public-port --fail-on forbidden,published
expect_diff 0 "nothing got worse: no new forbidden path carried, no new port published on all addresses" backend-off-data
expect_diff 1 "nothing got worse: no new forbidden path carried, no new port published on all addresses" backend-off-data --fail-on any
expect_diff 1 "nothing got worse: no new forbidden path carried, no new port published on all addresses" backend-off-data --fail-on-new-paths
expect_diff 0 "+8 forbidden paths carried" db-on-auth-tier --fail-on none
"$meshprobe" -q -c "$fixtures/broken/db-public-port/mesh.yaml" diff --against "$reference" --format json >"$work/risk.json"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; sys.exit(0 if s["ports_published_on_all_addresses"]["added"] == 1 and s["worse"] else 1)' \
  "$work/risk.json" || fail "diff --format json: the summary does not count db's new publish on all addresses"
expect_exit_of_flag=$("$meshprobe" -q -c "$reference" diff --against "$reference" --fail-on sometimes 2>&1); [ $? = 2 ] \
  || fail "--fail-on sometimes was not refused: $expect_exit_of_flag"

# --base: a repository whose last commit publishes the database.
repo=$work/repo
mkdir -p "$repo" && cp -r "$fixtures/devonboarder/." "$repo/" && cp "$fixtures/broken/db-public-port/docker-compose.override.yaml" "$repo/db-port.yaml"
(cd "$repo" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm base) || fail "git init"
sed -i 's/^  files: \[docker-compose.yaml\]/  files: [docker-compose.yaml, db-port.yaml]/' "$repo/mesh.yaml"
grep -q 'db-port.yaml' "$repo/mesh.yaml" || fail "the test could not add the override to the contract"
(cd "$repo" && git -c user.name=t -c user.email=t@example.invalid commit -qam "publish db") || fail "git commit"
echo "local edit" >>"$repo/README.md"  # an uncommitted change: it must survive
folders_before=$(ls -d /tmp/meshprobe-run-* 2>/dev/null | sort)
before=$(cd "$repo" && git status --porcelain && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 md5sum)
out=$("$meshprobe" -c "$repo/mesh.yaml" diff --base HEAD~1 --fail-on none 2>&1) || fail "diff --base HEAD~1 exited $?: $out"
grep -q '^+ db publishes 5432 on all addresses' <<<"$out" || { echo "$out"; fail "diff --base HEAD~1 does not list db's published port"; }
after=$(cd "$repo" && git status --porcelain && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 md5sum)
[ "$before" = "$after" ] || fail "diff --base changed the work tree"
[ "$(cd "$repo" && git stash list)" = "" ] || fail "diff --base left a stash"
out=$(cd "$repo" && "$meshprobe" diff --base HEAD --format markdown) || fail "diff --base HEAD exited $?"
grep -q 'No change in the topology' <<<"$out" || { echo "$out"; fail "diff --base HEAD of an unchanged topology says it changed"; }
[ "$(ls -d /tmp/meshprobe-run-* 2>/dev/null | sort)" = "$folders_before" ] || fail "diff left a temporary folder"

# Large stacks (past 200 services) are compared by class: each line stands for many paths, counted.
generate=$fixtures/../bench/generate_stack.py
python3 "$generate" "$work/flat300" --flat 300 >/dev/null && python3 "$generate" "$work/flat300-change" --flat 300 --change >/dev/null \
  || fail "bench/generate_stack.py did not write the large stacks"
out=$("$meshprobe" -c "$work/flat300-change/mesh.yaml" diff --against "$work/flat300/mesh.yaml" --fail-on none 2>&1) || fail "diff of the large stacks exited $?"
grep -q '^+ 298 path(s) svc-00001, svc-00002 and 297 more -> svc-00002:own ports allowed on flat$' <<<"$out" \
  || { echo "$out"; fail "the large diff does not count the paths to svc-00002's new port by class"; }
grep -q '^298 path(s) added, 896 removed, 0 changed;' <<<"$out" || { echo "$out"; fail "the large diff's summary does not count its paths"; }
"$meshprobe" -c "$work/flat300-change/mesh.yaml" diff --against "$work/flat300/mesh.yaml" --format json --fail-on none >"$work/flat300.json" \
  || fail "diff --format json of the large stacks exited $?"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["path_classes"]; sys.exit(0 if sum(x["paths"] for x in c["removed"]) == 896 and not d["paths"]["removed"] else 1)' \
  "$work/flat300.json" || fail "the large diff's JSON does not hold its removed paths by class"
"$meshprobe" -q -c "$work/flat300-change/mesh.yaml" diff --against "$work/flat300/mesh.yaml" --fail-on-new-paths >/dev/null
[ $? = 1 ] || fail "--fail-on-new-paths did not exit 1 on paths added by class"

# Mistakes in the question.
expect_exit() {  # expect_exit CODE PATTERN ARGS...
  local want=$1 pattern=$2; shift 2
  local out; out=$("$meshprobe" "$@" 2>&1); local got=$?
  [ "$got" = "$want" ] || { fail "meshprobe $*: exit $got, expected $want"; echo "$out"; return; }
  grep -qE -- "$pattern" <<<"$out" || { fail "meshprobe $*: no '$pattern' in:"; echo "$out"; }
}
expect_exit 2 'no such revision' -c "$repo/mesh.yaml" diff --base no-such-rev
norepo=$(mktemp -d /tmp/meshtest-norepo-XXXXXX) && cp -r "$fixtures/devonboarder/." "$norepo/"
expect_exit 2 'not in a git repository' -c "$norepo/mesh.yaml" diff --base HEAD~1
rm -rf "$norepo"
expect_exit 2 'needs --base GIT_REV or --against' -c "$reference" diff
expect_exit 2 'excludes|--against' -c "$reference" diff --base HEAD --against "$reference"
[ $failed = 0 ] && echo "ok: diff"
exit $failed
