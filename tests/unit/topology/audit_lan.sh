#!/bin/bash
# `audit --lan-probe` on a running stack: from an outside host on a veth pair it proves which
# published ports the LAN reaches, v4 and v6. On fixtures/broken/db-public-port the database's
# 5432 breaks the contract whether or not the engine opened it; once db joins a non-internal
# network the engine does open it, and the LAN reaches it on every interface. traefik's
# loopback-only 8090 stays unreachable from the LAN throughout. Nothing of the outside host is
# left afterwards, and one a killed audit left behind is removed by the next.
# usage: audit_lan.sh MESHPROBE SOURCE_DIR WORK_DIR
set -u
meshprobe=$1 source=$2 work=$3
mkdir -p "$work" && cd "$work" || exit 1

contract=$source/fixtures/broken/db-public-port/mesh.yaml
project=devonboarder-dbpublic
failed=0
fail() { echo "FAIL: $*"; failed=1; }
db() { docker ps -q --filter label=com.docker.compose.project=$project --filter label=com.docker.compose.service=db | head -1; }
lan_leftovers() { { ip netns list | awk '{print $1}' | grep '^meshprobe-lan-'; ip -br link | awk '{print $1}' | grep '^mpl[0-9]'; } | sort; }
down() {
  local id; id=$(db)
  [ -n "$id" ] && docker network disconnect -f ${project}_auth_tier "$id" >/dev/null 2>&1
  docker-compose -p $project -f "$source/fixtures/devonboarder/docker-compose.yaml" down -v >/dev/null 2>&1
  [ -n "${stale:-}" ] && { ip netns del meshprobe-lan-$stale 2>/dev/null; ip link del mpl$stale 2>/dev/null; }
  true
}
trap down EXIT
[ "$(id -u)" = 0 ] || { echo "FAIL: audit_lan.sh must run as root (network namespaces)"; exit 1; }

# What a `kill -9` of an audit leaves: its namespace and the host end of its veth, named
# after a pid that is gone.
sleep 0 & stale=$!; wait $stale
ip netns add meshprobe-lan-$stale && ip link add mpl$stale type veth peer name lan0 netns meshprobe-lan-$stale \
  || fail "could not make the stale outside host"
before=$(lan_leftovers)

down
"$meshprobe" -q -c "$contract" run --standin --keep --suite dns >run.out 2>&1 || { cat run.out; fail "run --standin --keep exited $?"; exit 1; }

# json_field EXPOSURE_FILTER EXPRESSION: node on audit.json, for the exposure the filter picks.
exposure() {
  node -e 'const d = JSON.parse(require("fs").readFileSync("audit.json"));
    const [service, ip, port] = process.argv.slice(1);
    const e = d.exposures.find((e) => e.service === service && e.host_ip === ip && e.host_port === Number(port));
    console.log(e ? JSON.stringify({allowed: e.allowed, reachable: e.lan.reachable, probed: e.lan.probed, outcome: e.lan.outcome}) : "none");' "$@"
}
audit() {  # audit WANT_EXIT: audit --lan-probe into audit.json and audit.txt
  "$meshprobe" -c "$contract" audit --lan-probe --format json >audit.json 2>audit.err; local code=$?
  [ $code = "$1" ] || { cat audit.err; fail "audit --lan-probe: exit $code, expected $1"; }
  "$meshprobe" -c "$contract" audit --lan-probe >audit.txt 2>&1
  [ "$(lan_leftovers)" = "" ] || fail "the outside host is left after audit: $(lan_leftovers)"
}

# db is published, but its only network is internal: the binding breaks the contract either way.
audit 1
[ -n "$before" ] && [ -z "$(lan_leftovers)" ] || fail "the stale outside host of pid $stale was not removed"
got=$(exposure db 0.0.0.0 5432)
[[ $got == *'"allowed":false'*'"probed":true'* ]] || fail "db 0.0.0.0:5432 before the connect: $got"
echo "db 0.0.0.0:5432 on its internal network only, from the LAN: $got"

docker network connect ${project}_auth_tier "$(db)" || fail "docker network connect failed"
audit 1
got=$(exposure db 0.0.0.0 5432)
[ "$got" = '{"allowed":false,"reachable":true,"probed":true,"outcome":"connected"}' ] || fail "db 0.0.0.0:5432 from the LAN: $got"
got=$(exposure traefik 127.0.0.1 8090)
[[ $got == '{"allowed":true,"reachable":false,"probed":true,'* ]] || fail "traefik 127.0.0.1:8090 from the LAN: $got"
got=$(exposure traefik 0.0.0.0 80)
[ "$got" = '{"allowed":true,"reachable":true,"probed":true,"outcome":"connected"}' ] || fail "traefik 0.0.0.0:80 from the LAN: $got"
# IPv6: the engine binds [::] beside 0.0.0.0 when the host has IPv6; the LAN reaches that too.
if [ "$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6)" = 0 ]; then
  got=$(exposure db :: 5432)
  [ "$got" = '{"allowed":false,"reachable":true,"probed":true,"outcome":"connected"}' ] || fail "db [::]:5432 from the LAN: $got"
fi
grep -qE '^FAIL db 0\.0\.0\.0:5432 .* LAN: reachable at 198\.19\.[0-9.]+:5432' audit.txt || { cat audit.txt; fail "the text does not say the LAN reaches db"; }
grep -qE '^ok   traefik 127\.0\.0\.1:8090 .* LAN: not reachable \(refused\)' audit.txt || { cat audit.txt; fail "the text does not say 8090 is closed to the LAN"; }

[ $failed = 0 ] && echo "ok: audit --lan-probe proves what the LAN reaches, and leaves nothing"
exit $failed
