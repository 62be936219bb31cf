#!/usr/bin/env bash
# bench/run.sh (`make bench`): the probe phase of `meshprobe run` against the sequential
# approach a shell script takes (one `docker exec` per check, one after another), on the
# reference stack (fixtures/devonboarder) and on a generated stack of 40 services in 4 tiers,
# both on stand-ins. Writes bench/RESULTS.md and the raw numbers to bench/out/.
#
# Per stack: BENCH_RUNS meshprobe runs that bring the stack up and down (all suites); then the
# same stand-in stack held up with compose, the sequential approach on it for every reach check
# of the first run, one more meshprobe run with --no-up on that same stack, and `down -v`.
# The stand-in stack is held up with compose (bench/standin_override.py), written when
# `run --standin --keep` still removed its stand-ins. That is fixed (they carry
# meshprobe.standin-of, not the run label), so `--keep` could hold the stack instead; the
# switch waits for a re-measured run.
#
# Environment: MESHPROBE (default build/bin/meshprobe), BENCH_RUNS (3), BENCH_SEQ_BUDGET
# (600 s: a sequential run projected past it stops after a random sample and is extrapolated),
# BENCH_SEQ_SAMPLE (150 checks at least before such a stop), BENCH_PER_TIER (10).
set -euo pipefail
cd "$(dirname "$0")/.."

meshprobe=${MESHPROBE:-build/bin/meshprobe}
runs=${BENCH_RUNS:-3}
seq_budget=${BENCH_SEQ_BUDGET:-600}
seq_sample=${BENCH_SEQ_SAMPLE:-150}
per_tier=${BENCH_PER_TIER:-10}
timeout_ms=1000 # probe.timeout_ms of both contracts, so both approaches wait alike
out=bench/out

reference_contract=fixtures/devonboarder/mesh.yaml
reference_project=devonboarder
reference_compose=fixtures/devonboarder/docker-compose.yaml

# A fresh project and data bridge each time: a failed clean-up elsewhere must not be reused.
suffix=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
generated_project=mpbench40-$suffix
generated_bridge=mpb-$suffix-d

work=$(mktemp -d /tmp/mpbench-XXXXXX)
held=()        # "project compose-file" of every stack that may still be up
firewalled=()  # bridges with the host egress rule applied
saved_arp=()   # "key=value" to restore

say() { echo "bench: $*" >&2; }

# --- clean-up, whatever happens ---------------------------------------------------------

bring_down() {
  local project=$1 file=$2 network
  docker-compose -p "$project" -f "$file" down -v --remove-orphans >>"$out/compose-down.log" 2>&1 && return
  say "docker-compose -p $project down -v failed; see $out/compose-down.log"
  # compose stops at the first network it cannot remove; the others still can be.
  for network in $(docker network ls -q --filter "label=com.docker.compose.project=$project"); do
    docker network rm "$network" >>"$out/compose-down.log" 2>&1 || true
  done
}

cleanup() {
  local entry project file bridge kv
  for entry in "${held[@]}"; do
    read -r project file <<<"$entry"
    bring_down "$project" "$file"
  done
  for bridge in "${firewalled[@]}"; do bash scripts/host-firewall.sh remove "$bridge" >/dev/null 2>&1 || true; done
  for kv in "${saved_arp[@]}"; do sysctl -qw "$kv" || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the machine ------------------------------------------------------------------------

# The kernel's ARP table is shared by every network namespace and holds 1024 entries by
# default: 40 stand-ins all connecting to each other at once overflow it ("neighbor table
# overflow" in dmesg) and healthy paths time out. Raised for the benchmark, restored after.
tune_arp() {
  local wanted=(1024 4096 8192) i key current
  for i in 1 2 3; do
    key=net.ipv4.neigh.default.gc_thresh$i
    current=$(sysctl -n "$key")
    saved_arp+=("$key=$current")
    echo "arp_gc_thresh${i}_original=$current" >>"$out/machine.txt"
    ((current >= wanted[i - 1])) || sysctl -qw "$key=${wanted[i - 1]}"
    echo "arp_gc_thresh${i}_during=$(sysctl -n "$key")" >>"$out/machine.txt"
  done
}

machine_info() {
  {
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "os=$(sed -n 's/^PRETTY_NAME="\(.*\)"$/\1/p' /etc/os-release)"
    echo "kernel=$(uname -r)"
    echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "nproc=$(nproc)"
    echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "docker_server=$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
    echo "docker_client=$(docker version --format '{{.Client.Version}}')"
    echo "compose=$(docker-compose version --short)"
    echo "meshprobe=$("$meshprobe" --version 2>&1 | head -1)"
  } >"$out/machine.txt"
}

# --- meshprobe ----------------------------------------------------------------------------

# meshprobe_run STACK INDEX MODE CONTRACT RUN-FLAGS...: one measured run, all suites; appends
# "index,mode,exit,checks,vantages,injection_s,probe_phase_s" to STACK-meshprobe.csv.
# Exit 1 (failed checks) is a result; 2 and 3 stop the benchmark.
meshprobe_run() {
  local stack=$1 index=$2 mode=$3 contract=$4
  shift 4
  local log=$out/$stack-run$index.log json=$out/$stack-run$index.json rc=0
  local command=("$meshprobe" -v --no-color -c "$contract" run "$@" --json "$json")
  say "$stack run $index ($mode): ${command[*]}"
  "${command[@]}" >"$log" 2>&1 || rc=$?
  if ((rc > 1)); then
    say "meshprobe failed with exit $rc: ${command[*]}"
    tail -n 20 "$log" >&2
    exit 1
  fi
  local injection checks vantages phase
  injection=$(sed -n 's/.*injected [0-9]* probes in \([0-9.]*\) s.*/\1/p' "$log")
  read -r checks vantages phase < <(sed -n \
    's/.*probe phase: \([0-9]*\) checks from \([0-9]*\) vantages in \([0-9.]*\) s.*/\1 \2 \3/p' "$log")
  if [[ -z $injection || -z $phase ]]; then
    say "no timing lines in $log (does meshprobe -v still print them?)"
    exit 1
  fi
  echo "$index,$mode,$rc,$checks,$vantages,$injection,$phase" >>"$out/$stack-meshprobe.csv"
  say "$stack run $index: $checks checks, injection $injection s, probe phase $phase s (exit $rc)"
}

wait_for_free_project() {
  local project=$1 waited=0
  while [[ -n $(docker ps -aq --filter "label=com.docker.compose.project=$project") ]]; do
    ((waited < 300)) || { say "project $project is busy (someone else's run?) for 5 min; giving up"; exit 1; }
    ((waited % 30 == 0)) && say "project $project has containers (someone else's run?); waiting"
    sleep 5
    waited=$((waited + 5))
  done
}

running_containers() { docker ps -q --filter "label=com.docker.compose.project=$1" | wc -l; }

# start_standins STACK PROJECT COMPOSE-FILE: the stand-in stack for the sequential approach,
# started with compose itself over the stack's own file (bench/standin_override.py), the same
# probe image meshprobe used, listening on the ports meshprobe probed.
start_standins() {
  local stack=$1 project=$2 file=$3 services image
  services=$(docker-compose -p "$project" -f "$file" config --services)
  image=$(sed -n 's/^meshprobe: probe image \(.*\)$/\1/p' "$out/$stack-run1.log")
  # shellcheck disable=SC2086  # one argument per service name
  python3 bench/standin_override.py "$image" "$out/$stack-run1.json" $services >"$work/$stack-standin.yaml"
  docker-compose -p "$project" -f "$file" -f "$work/$stack-standin.yaml" up -d --no-build \
    >"$out/$stack-compose-up.log" 2>&1 || { say "$stack: compose up failed; see $out/$stack-compose-up.log"; exit 1; }
  if (($(running_containers "$project") != $(wc -w <<<"$services"))); then
    say "$stack: the stand-ins did not all start"
    exit 1
  fi
}

# run_sequential STACK PROJECT: every reach check of the first run, in random order.
run_sequential() {
  local stack=$1 project=$2 id from host port
  local -A container
  while read -r id from; do container[$from]=$id; done < <(docker ps \
    --filter "label=com.docker.compose.project=$project" --format '{{.ID}} {{.Label "com.docker.compose.service"}}')
  python3 bench/reach_checks.py "$out/$stack-run1.json" | while read -r id from host port; do
    [[ -n ${container[$from]:-} ]] || { say "$stack: no running container for $from"; exit 1; }
    echo "$id ${container[$from]} $host $port"
  done | shuf >"$work/$stack-sequential.txt"
  say "$stack: sequential approach, $(wc -l <"$work/$stack-sequential.txt") reach checks, one docker exec each"
  {
    echo "checks=$(wc -l <"$work/$stack-sequential.txt")"
    echo "timeout_ms=$timeout_ms"
    echo "budget_s=$seq_budget"
    bash bench/sequential.sh "$work/$stack-sequential.txt" "$out/$stack-sequential.csv" \
      "$timeout_ms" "$seq_budget" "$seq_sample" | tr ' ' '\n'
  } >"$out/$stack-sequential.txt"
  say "$stack: sequential $(tr '\n' ' ' <"$out/$stack-sequential.txt")"
}

# bench_stack STACK PROJECT CONTRACT COMPOSE-FILE DESCRIPTION
bench_stack() {
  local stack=$1 project=$2 contract=$3 file=$4 description=$5 i
  {
    echo "description=$description"
    echo "contract=$contract"
    echo "project=$project"
    echo "suites=all (dns, reach, isolation, egress, ports)"
  } >"$out/$stack-info.txt"
  echo "index,mode,exit,checks,vantages,injection_s,probe_phase_s" >"$out/$stack-meshprobe.csv"
  wait_for_free_project "$project"
  for ((i = 1; i <= runs; i++)); do
    meshprobe_run "$stack" "$i" "up" "$contract" --standin
  done
  held+=("$project $file")
  start_standins "$stack" "$project" "$file"
  run_sequential "$stack" "$project"
  meshprobe_run "$stack" $((runs + 1)) "no-up" "$contract" --standin --no-up
  bring_down "$project" "$file"
  held=("${held[@]:0:${#held[@]}-1}")
  local left
  left=$(docker ps -aq --filter "label=com.docker.compose.project=$project" | wc -l)
  echo "leftover_containers=$left" >>"$out/$stack-info.txt"
  echo "leftover_networks=$(docker network ls --format '{{.Name}}' \
    --filter "label=com.docker.compose.project=$project" | tr '\n' ' ')" >>"$out/$stack-info.txt"
}

# --- main ---------------------------------------------------------------------------------

[[ -x $meshprobe ]] || { say "no meshprobe at $meshprobe (build it, or set MESHPROBE)"; exit 2; }
((runs >= 1)) || { say "BENCH_RUNS must be at least 1"; exit 2; }
mkdir -p "$out"
rm -f "$out"/*
machine_info
tune_arp

bench_stack reference "$reference_project" "$reference_contract" "$reference_compose" \
  "reference stack fixtures/devonboarder: 8 services, 4 tiers; egress rule of scripts/host-firewall.sh not applied (its bridge name is shared with other runs)"

python3 bench/generate_stack.py "$work/generated" --per-tier "$per_tier" \
  --project "$generated_project" --data-bridge "$generated_bridge"
bash scripts/host-firewall.sh apply "$generated_bridge" >/dev/null
firewalled+=("$generated_bridge")
bench_stack generated "$generated_project" "$work/generated/mesh.yaml" "$work/generated/docker-compose.yaml" \
  "generated stack (bench/generate_stack.py): $((4 * per_tier)) services, 4 tiers of $per_tier, one port each; data tier internal with the host egress rule applied to its bridge"
cp "$work/generated/mesh.yaml" "$out/generated-mesh.yaml"
cp "$work/generated/docker-compose.yaml" "$out/generated-docker-compose.yaml"

python3 bench/write_results.py "$out" bench/RESULTS.md
say "wrote bench/RESULTS.md"
