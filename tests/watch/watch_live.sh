#!/bin/bash
# `meshprobe watch` on the running reference stack, end to end: a `docker network connect` of
# the proxy to the data network is an `attachment` line within 2 s, seen by a real Prometheus
# as meshprobe_violations_open 1 and POSTed to a webhook that fails its first two requests;
# the disconnect is the `resolved` line; a `docker stop` of the database is a `health`
# violation; a restart of watch on the same log reports nothing still open twice; a restart
# of the engine is outlived, the stack judged right afterwards; compose down while it runs
# removes the stack's networks; SIGTERM ends it with exit 0 and no probe container left.
# usage: watch_live.sh MESHPROBE HTTP_RECORDER SOURCE_DIR WORK_DIR
set -u
meshprobe=$1 recorder=$2 source=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

contract=$source/fixtures/devonboarder/mesh.yaml
project=devonboarder
failed=0
fail() { echo "FAIL: $*"; failed=1; }
container_of() { docker ps -aq --filter label=com.docker.compose.project=$project --filter label=com.docker.compose.service=$1 | head -1; }
watch_pid="" recorder_pid=""
down() {
  [ -n "$watch_pid" ] && kill -9 "$watch_pid" 2>/dev/null
  [ -n "$recorder_pid" ] && kill "$recorder_pid" 2>/dev/null
  local id; id=$(container_of traefik)
  [ -n "$id" ] && docker network disconnect -f ${project}_data_tier "$id" >/dev/null 2>&1
  docker-compose -p $project -f "$source/fixtures/devonboarder/docker-compose.yaml" down -v >/dev/null 2>&1
  bash "$source/scripts/host-firewall.sh" remove mp-devonb-data >/dev/null 2>&1
  true
}
trap down EXIT
source "$source/tests/support/prometheus.sh"

# wait_line PATTERN SECONDS: until the log has a line matching PATTERN; prints the seconds taken.
wait_line() {
  local start; start=$(date +%s%N)
  while ! grep -qE -- "$1" watch.log 2>/dev/null; do
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt $(( $2 * 1000 )) ]; then return 1; fi
    sleep 0.02
  done
  echo "$(( ($(date +%s%N) - start) / 1000000 )) ms"
}
# start_watch [LISTEN]: a free port first; a restart listens where Prometheus already scrapes.
start_watch() {
  "$meshprobe" -c "$contract" watch --interval 3 --log watch.log --metrics "${1:-127.0.0.1:0}" \
    --webhook "http://127.0.0.1:$recorder_port/hook" >>watch.out 2>watch.err &
  watch_pid=$!
  for _ in $(seq 1 300); do grep -q "metrics at" watch.err && break; sleep 0.1; done
  metrics=$(grep -o 'http://127.0.0.1:[0-9]*' watch.err | head -1 | sed 's|http://||')
  [ -n "$metrics" ] || { cat watch.err; fail "watch did not start"; exit 1; }
}

down
bash "$source/scripts/host-firewall.sh" apply mp-devonb-data >/dev/null || fail "host firewall"
"$meshprobe" -q -c "$contract" run --standin --keep --suite dns || { fail "run --standin --keep exited $?"; exit 1; }

"$recorder" --bodies hooks.jsonl --fail-first 2 >recorder.out 2>recorder.err &
recorder_pid=$!
for _ in $(seq 1 50); do [ -s recorder.out ] && break; sleep 0.1; done
recorder_port=$(head -1 recorder.out)

start_watch
prom_start "$metrics" || { fail "prometheus did not start"; exit 1; }
prom_wait_for 'up{job="meshprobe"}' 1 20 || fail "prometheus does not scrape watch"
prom_wait_for meshprobe_violations_open 0 20 || fail "the reference stack has violations open: $(cat watch.log)"

traefik=$(container_of traefik)
docker network connect ${project}_data_tier "$traefik" || fail "docker network connect failed"
took=$(wait_line '"kind":"attachment".*"service":"traefik".*"state":"open"' 2) || fail "no attachment line within 2 s"
echo "attachment line after the connect: $took"
# The rounds add what the probes see through the new attachment: at least the one, then.
for _ in $(seq 1 100); do got=$(prom_query meshprobe_violations_open); [ "${got:-0}" -ge 1 ] 2>/dev/null && break; sleep 0.2; done
[ "${got:-0}" -ge 1 ] 2>/dev/null || fail "prometheus sees meshprobe_violations_open $got after the connect"
prom_wait_for 'meshprobe_violations_total{kind="attachment"}' 1 20 || fail "violations_total{kind=attachment} is not 1"
fingerprint=$(grep '"kind":"attachment"' watch.log | head -1 | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).fingerprint))')
for _ in $(seq 1 100); do grep -q "$fingerprint" hooks.jsonl 2>/dev/null && break; sleep 0.1; done
node -e 'const lines = require("fs").readFileSync("hooks.jsonl", "utf8").trim().split("\n").map(JSON.parse);
  const hit = lines.find((l) => l.fingerprint === process.argv[1] && l.state === "open");
  if (!hit) { console.log(lines); process.exit(1); }
  if (!/traefik/.test(hit.title) || !/data_tier/.test(hit.body)) { console.log(hit); process.exit(1); }' "$fingerprint" \
  || fail "the webhook did not receive the attachment violation as an issue (after two failed deliveries)"

docker network disconnect ${project}_data_tier "$traefik" || fail "docker network disconnect failed"
took=$(wait_line "\"fingerprint\":\"$fingerprint\".*\"state\":\"resolved\"" 2) || fail "no resolved line within 2 s"
echo "resolved line after the disconnect: $took"

docker stop -t 1 "$(container_of db)" >/dev/null || fail "docker stop db failed"
took=$(wait_line '"kind":"health".*"service":"db".*"state":"open"' 5) || fail "no health line for the stopped db"
echo "health line after docker stop: $took"
prom_wait_for 'meshprobe_service_up{service="db"}' 0 20 || fail "meshprobe_service_up{db} is not 0"

# A restart on the same log while db is down: its health violation is not reported again.
kill -TERM "$watch_pid"; wait "$watch_pid"; code=$?
[ $code = 0 ] || fail "watch exited $code on SIGTERM, expected 0"
left=$(docker ps -aq --filter label=meshprobe.role=probe --filter label=meshprobe.project=$project)
[ -z "$left" ] || fail "probe containers left after SIGTERM: $left"
opened=$(grep -c '"kind":"health".*"state":"open"' watch.log)
start_watch "$metrics"
sleep 3
[ "$(grep -c '"kind":"health".*"state":"open"' watch.log)" = "$opened" ] || fail "the restart reported db's health violation again"
docker start "$(container_of db)" >/dev/null || fail "docker start db failed"
wait_line '"kind":"health".*"service":"db".*"state":"resolved"' 10 >/dev/null || fail "db's health violation is not resolved after docker start"

# The engine restarts (SIGTERM, as a host shutdown does; it stops the stack's containers, which
# have no restart policy): watch reconnects and sees every service down, then up again once
# the containers are started.
bash "$source/scripts/engine.sh" restart >engine.out 2>&1 || { cat engine.out; fail "the engine did not restart"; }
for s in traefik auth-service backend db; do
  wait_line "\"kind\":\"health\".*\"service\":\"$s\".*\"state\":\"open\"" 30 >/dev/null \
    || fail "no health violation for $s after the engine restart"
done
prom_wait_for 'meshprobe_engine_reconnects_total > bool 0' 1 30 || fail "meshprobe_engine_reconnects_total did not count the reconnect after the engine restart"
docker start $(docker ps -aq --filter label=com.docker.compose.project=$project) >/dev/null || fail "docker start of the stack failed"
for s in traefik auth-service backend db; do
  wait_line "\"kind\":\"health\".*\"service\":\"$s\".*\"state\":\"resolved\"" 30 >/dev/null \
    || fail "$s's health violation is not resolved once the stack runs again"
done
prom_wait_for meshprobe_violations_open 0 30 || fail "violations left open after the stack came back: $(tail -5 watch.log)"

# compose down while watch runs, its agents kept between rounds: they go at the first container
# event, so the stack's networks go too.
sleep 4
docker-compose -p $project -f "$source/fixtures/devonboarder/docker-compose.yaml" down >down.out 2>&1 \
  || { cat down.out; fail "compose down failed while watch ran"; }
left=$(docker network ls -q --filter label=com.docker.compose.project=$project)
[ -z "$left" ] || fail "compose down left the stack's networks while watch ran: $(cat down.out)"
kill -TERM "$watch_pid"; wait "$watch_pid"; watch_pid=""

# Whole lines only, each the log's JSON.
node -e 'for (const l of require("fs").readFileSync("watch.log", "utf8").split("\n").filter(Boolean)) {
  const j = JSON.parse(l);
  for (const k of ["time", "kind", "service", "network", "detail", "fingerprint", "state"]) if (!(k in j)) throw new Error(k + " missing: " + l);
}' || fail "the log holds a line that is not the log's JSON"

[ $failed = 0 ] && echo "ok: watch follows the reference stack, its log, Prometheus and the webhook agree"
exit $failed
