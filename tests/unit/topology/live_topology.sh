#!/bin/bash
# `topology --live` and `explain --live` on the running reference stack: the live model follows
# the shipped schema and has the static model's paths, with addresses; a `docker network
# connect` shows up as a forbidden path carried by an attachment no compose file declares, and
# `explain --live` proves it open with a probe, then closed again after the disconnect.
# usage: live_topology.sh MESHPROBE SOURCE_DIR WORK_DIR
set -u
meshprobe=$1 source=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$work" && cd "$work" || exit 1
source "$here/npm_tools.sh"

contract=$source/fixtures/devonboarder/mesh.yaml
project=devonboarder
failed=0
fail() { echo "FAIL: $*"; failed=1; }
# compose v2 names it devonboarder-traefik-1, v1 devonboarder_traefik_1: ask the engine.
traefik() { docker ps -q --filter label=com.docker.compose.project=$project --filter label=com.docker.compose.service=traefik | head -1; }
down() {
  local id; id=$(traefik)
  [ -n "$id" ] && docker network disconnect -f ${project}_data_tier "$id" >/dev/null 2>&1
  docker-compose -p $project -f "$source/fixtures/devonboarder/docker-compose.yaml" down -v >/dev/null 2>&1
}
trap down EXIT

# Nothing runs yet: --live has nothing to show, which is an error, not an empty model.
down
"$meshprobe" -q -c "$contract" topology --live >none.json 2>none.err; code=$?
[ $code = 3 ] || fail "topology --live with no stack: exit $code, expected 3"
grep -q "no container of project $project" none.err || { cat none.err; fail "topology --live with no stack: no reason given"; }

"$meshprobe" -q -c "$contract" run --standin --keep --suite dns || { fail "run --standin --keep exited $?"; exit 1; }
"$meshprobe" -c "$contract" topology --live --output live.json || fail "topology --live exited $?"
"$meshprobe" -c "$contract" topology --output static.json || fail "topology exited $?"
node_modules/.bin/ajv validate --spec=draft2020 --strict=false -c ajv-formats -s "$source/docs/topology.schema.json" \
  -d live.json >live.ajv 2>&1 || { cat live.ajv; fail "the live JSON does not match docs/topology.schema.json"; }
node - <<'JS' || fail "the live model is not the static one with addresses"
const fs = require("fs");
const live = JSON.parse(fs.readFileSync("live.json")), stat = JSON.parse(fs.readFileSync("static.json"));
const key = (p) => `${p.from}>${p.to}:${p.port} ${p.verdict} [${p.networks.join(",")}]`;
const a = live.paths.map(key).sort(), b = stat.paths.map(key).sort();
let bad = false;
const say = (m) => { console.log(m); bad = true; };
if (live.source !== "live") say(`source is ${live.source}`);
if (JSON.stringify(a) !== JSON.stringify(b)) say(`paths differ:\n live ${a.length}, static ${b.length}`);
if (live.paths.some((p) => p.verdict === "forbidden")) say("a forbidden path on the reference stack");
for (const s of live.services) {
  for (const at of s.attachments) {
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(at.ip || "")) say(`${s.name} on ${at.network}: no address (${at.ip})`);
    if (at.declared !== true) say(`${s.name} on ${at.network}: not declared`);
  }
  if (!s.containers.length || s.containers.some((c) => c.state !== "running")) say(`${s.name}: containers ${JSON.stringify(s.containers)}`);
}
const traefik = live.services.find((s) => s.name === "traefik");
if (!traefik.published.some((p) => p.host_ip === "127.0.0.1" && p.host_port === 8090)) say("traefik's loopback binding is missing");
process.exitCode = bad ? 1 : 0;
JS

expect() {  # expect CODE PATTERN ARGS...
  local want=$1 pattern=$2; shift 2
  local out; out=$("$meshprobe" "$@" 2>&1); local got=$?
  [ "$got" = "$want" ] || { echo "FAIL: meshprobe $*: exit $got, expected $want"; echo "$out"; failed=1; return; }
  grep -qE -- "$pattern" <<<"$out" || { echo "FAIL: meshprobe $*: no '$pattern' in:"; echo "$out"; failed=1; }
}
# audit --live: the engine's bindings, each host listener of them explained by its service.
expect 0 'ok   traefik 127\.0\.0\.1:8090 -> 8080/tcp \[loopback only\]' -c "$contract" audit --live
"$meshprobe" -c "$contract" audit --live --format json >audit.json || fail "audit --live exited $?"
node -e 'const d = JSON.parse(require("fs").readFileSync("audit.json"));
  const l = d.listeners.find((l) => l.protocol === "tcp" && l.port === 8090 && l.address === "127.0.0.1");
  if (!l || l.explained_by !== "traefik:8080") { console.log("listener 127.0.0.1:8090:", l); process.exit(1); }
  if (!d.exposures.every((e) => e.allowed)) { console.log(d.exposures); process.exit(1); }' \
  || fail "audit --live does not explain docker-proxy's listener by traefik"

expect 0 'now, from traefik: connected to auth-service:8002' -c "$contract" explain traefik auth-service:8002 --live
# frontend shares no network with db: its name does not resolve (engine 26 says so as a DNS
# error: it forwards names it does not know to the host's resolvers), or a connect fails.
expect 0 'now, from frontend: .*(timeout|refused|unreachable|no route|unresolved)' -c "$contract" explain frontend db:5432 --live

docker network connect ${project}_data_tier "$(traefik)" || fail "docker network connect failed"
"$meshprobe" -c "$contract" topology --live --output drift.json || fail "topology --live exited $?"
node - <<'JS' || fail "the attachment made by hand is not in the live model"
const t = JSON.parse(require("fs").readFileSync("drift.json"));
const p = t.paths.find((p) => p.from === "traefik" && p.to === "db" && p.port === 5432);
const a = t.services.find((s) => s.name === "traefik").attachments.find((a) => a.network === "data_tier");
let bad = false;
if (!p || p.verdict !== "forbidden" || p.networks.join() !== "data_tier") { console.log("traefik->db:", p); bad = true; }
else if (!/traefik attached now, in no compose file/.test(p.reason)) { console.log("reason:", p.reason); bad = true; }
if (!a || a.declared !== false || a.where !== null || !a.ip) { console.log("attachment:", a); bad = true; }
process.exitCode = bad ? 1 : 0;
JS
expect 1 'traefik attached now, in no compose file' -c "$contract" explain traefik db:5432 --live
expect 1 'now, from traefik: connected to db:5432 .*answered by db.*the contract wants blocked' \
  -c "$contract" explain traefik db:5432 --live
expect 1 '"seen": "reachable"' -c "$contract" explain traefik db:5432 --live --format json
docker network disconnect ${project}_data_tier "$(traefik)" || fail "docker network disconnect failed"
expect 0 'traefik -> db:5432: blocked' -c "$contract" explain traefik db:5432 --live

# Nothing of meshprobe's is left on the engine: every probe container was removed.
left=$(docker ps -aq --filter label=meshprobe.role=probe)
[ -z "$left" ] || fail "probe containers left: $left"
[ $failed = 0 ] && echo "ok: topology --live and explain --live on the running reference stack"
exit $failed
