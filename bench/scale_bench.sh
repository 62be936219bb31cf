#!/usr/bin/env bash
# bench/scale_bench.sh: `topology`, `docs`, `audit`, `diff`, `explain` and `init` on large generated
# stacks, the meshprobe before (BEFORE, default /work/main/build/bin/meshprobe) and after (AFTER,
# default build/bin/meshprobe) side by side: wall time, peak memory (GNU time's maximum RSS), exit
# code and output size, one run each, capped at SCALE_BENCH_TIMEOUT seconds (default 120; exit 124
# is the cap). Writes the scale section of bench/RESULTS.md (between <!-- scale:begin --> and
# <!-- scale:end -->, with bench/results_md.py) and raw numbers to bench/scale_bench/out/.
#
# Stacks (bench/generate_stack.py): one tier of 5,000 services on one network (--flat 5000) and
# four tiers of 1,250 (5,000 services), the first 1,000 publishing a port (half of them allowed);
# the goal for each command on them is under 1 s and 300 MB.
# `diff` compares each with its --change (a service's port changed, and a data service on
# auth_tier, or the last service gone); `explain` asks about the first service and another one.
# `init` also runs on four tiers of 2,500, 7,500 and 25,000 (10k, 30k, 100k) where each service
# names the one before it (--references: depends_on and a URL), which init turns into flows; at
# 100k without references, whose file the YAML node budget refuses (exit 2).
# SCALE_BENCH_INIT_SIZES overrides the init sizes ("10000 30000 100000"). Each run's address space
# is capped at SCALE_BENCH_MEMORY_MB (default 6144), so a per-pair model fails with bad_alloc
# (exit 3) instead of taking the machine's memory from everything else.
set -euo pipefail
cd "$(dirname "$0")/.."

before=$(realpath "${BEFORE:-/work/main/build/bin/meshprobe}")
after=$(realpath "${AFTER:-build/bin/meshprobe}")
cap=${SCALE_BENCH_TIMEOUT:-120}
init_sizes=${SCALE_BENCH_INIT_SIZES:-10000 30000 100000}
memory_mb=${SCALE_BENCH_MEMORY_MB:-6144}
out=$PWD/bench/scale_bench/out
work=$(mktemp -d /tmp/mpscalebench-XXXXXX)
trap 'rm -rf "$work"' EXIT
for binary in "$before" "$after"; do
  [[ -x $binary ]] || { echo "no meshprobe at $binary (set BEFORE / AFTER)" >&2; exit 2; }
done
# Copies, so a rebuild during the run cannot swap a binary under it.
cp "$before" "$work/before" && cp "$after" "$work/after"
rm -rf "$out" && mkdir -p "$out"
results=$out/results.tsv  # stack, command, side, seconds, peak MB, exit, output bytes
say() { echo "scale_bench: $*" >&2; }

# measure STACK COMMAND SIDE OUTPUT_FILE ARGS...: one capped run under GNU time.
measure() {
  local stack=$1 command=$2 side=$3 output=$4 rc=0
  shift 4
  (ulimit -v $((memory_mb * 1024)) && exec /usr/bin/time -f '%e %M' -o "$work/time" timeout "$cap" "$@") \
    >"$work/stdout" 2>"$work/stderr" || rc=$?
  local seconds kb
  read -r seconds kb < <(tail -1 "$work/time")
  [[ $seconds =~ ^[0-9.]+$ ]] || { seconds=$cap; kb=0; }
  local bytes=0
  [[ -f $output ]] && bytes=$(stat -c %s "$output")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stack" "$command" "$side" "$seconds" "$((kb / 1024))" "$rc" "$bytes" >>"$results"
  say "$stack $command $side: ${seconds} s, $((kb / 1024)) MB, exit $rc, $bytes bytes"
  rm -f "$output"
}

stack_dir() {  # stack_dir NAME GENERATOR_ARGS...
  local dir=$work/$1
  shift
  python3 bench/generate_stack.py "$dir" "$@" >/dev/null
  echo "$dir"
}

for spec in "flat5000:--flat 5000 --publish 1000:svc-00001 svc-00002" "tiers5000:--per-tier 1250 --publish 1000:edge-01 data-01"; do
  IFS=: read -r name generator pair <<<"$spec"
  dir=$(stack_dir "$name" $generator --project "mpscale-$name")
  changed=$(stack_dir "$name-change" $generator --change --project "mpscale-$name")
  for side in before after; do
    run=("$work/$side" -q -c "$dir/mesh.yaml")
    measure "$name" topology "$side" "$work/topology.json" "${run[@]}" topology --output "$work/topology.json"
    measure "$name" "topology --format mermaid" "$side" "$work/topology.mmd" "${run[@]}" topology --format mermaid --output "$work/topology.mmd"
    measure "$name" "topology --format dot" "$side" "$work/topology.dot" "${run[@]}" topology --format dot --output "$work/topology.dot"
    measure "$name" docs "$side" "$work/NETWORK.md" "${run[@]}" docs --output "$work/NETWORK.md"
    measure "$name" audit "$side" "$work/audit.txt" "${run[@]}" audit --output "$work/audit.txt"
    measure "$name" "audit --format json" "$side" "$work/audit.json" "${run[@]}" audit --format json --output "$work/audit.json"
    measure "$name" "diff" "$side" "$work/diff.txt" "$work/$side" -q -c "$changed/mesh.yaml" diff --against "$dir/mesh.yaml" --output "$work/diff.txt"
    measure "$name" "diff --format json" "$side" "$work/diff.json" \
      "$work/$side" -q -c "$changed/mesh.yaml" diff --against "$dir/mesh.yaml" --format json --output "$work/diff.json"
    measure "$name" "explain ${pair/ / }" "$side" "$work/stdout" "${run[@]}" explain $pair
    (cd "$dir" && measure "$name" init "$side" "$work/init.yaml" "$work/$side" -q init -f docker-compose.yaml --output "$work/init.yaml")
  done
done

for size in $init_sizes; do
  references=--references
  ((size > 50000)) && references=
  name=init$size${references:+r}
  dir=$(stack_dir "$name" --per-tier $((size / 4)) $references --project "mpscale-$name")
  for side in before after; do
    (cd "$dir" && measure "$name" init "$side" "$work/init.yaml" "$work/$side" -q init -f docker-compose.yaml --output "$work/init.yaml")
  done
done

before_commit=$(git -C "$(dirname "$before")" rev-parse --short HEAD 2>/dev/null || echo unknown)
after_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
python3 - "$results" bench/RESULTS.md "$cap" "$memory_mb" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
  "$before_commit" "$after_commit" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys, datetime, collections
results, target, cap, memory_mb, nproc, cpu, before_commit, after_commit, load = sys.argv[1:10]
GOAL_SECONDS, GOAL_MB = 1.0, 300
rows = collections.OrderedDict()
for line in open(results):
    stack, command, side, seconds, mb, rc, size = line.rstrip("\n").split("\t")
    rows.setdefault((stack, command), {})[side] = (float(seconds), int(mb), int(rc), int(size))
def ok(v):  # exit 0, or 1 where the answer is "the contract is broken"
    return v is not None and v[2] in (0, 1)
def cell(v):
    if v is None: return "-"
    seconds, mb, rc, size = v
    if rc == 124: return f"over {cap} s (cut off)"
    note = "" if rc == 0 else f", exit {rc}"
    return f"{seconds:.2f} s, {mb} MB{note}"
def size(v):
    if not ok(v): return "-"
    n = v[3]
    return f"{n} bytes" if n < 10_000 else f"{n / 1e3:.0f} kB" if n < 1_000_000 else f"{n / 1e6:.2f} MB"
def goal(stack, command, v):
    if not stack.endswith("5000") or command == "init": return ""
    return "**met**" if ok(v) and v[0] < GOAL_SECONDS and v[1] < GOAL_MB else "**not met**"
names = {"flat5000": "one tier, 5,000 services", "tiers5000": "4 tiers, 5,000 services"}
def label(stack):
    if stack in names: return names[stack]
    return f"4 tiers, {int(stack[4:].rstrip('r')):,} services" + (", each naming another" if stack.endswith("r") else "")
text = ["## `topology`, `docs`, `audit`, `diff`, `explain` and `init` on large stacks", "",
        "Written by `bench/scale_bench.sh`; raw numbers in `bench/scale_bench/out/`. One run each, side by side in one "
        "run of the script, wall time and peak memory (maximum RSS) from GNU time, capped at " + cap + " s and " +
        memory_mb + " MB of address space (exit 3 past it: `std::bad_alloc`). Before is the main branch at " +
        before_commit + " (its `topology` and `docs` already kept paths as classes; `audit` and `diff` still built "
        "every per-pair path), after is " + after_commit + ". Stacks from `bench/generate_stack.py`: `--flat 5000` "
        "(one tier on one network, each service with a port of its own, no flows: 25 million paths) and "
        "`--per-tier 1250` (four tiers with flows: 12.5 million paths); `diff` compares each with its `--change` "
        "(a port changed, and a data service on auth_tier, or the last service gone); in both the first 1,000 "
        "services publish a port on 127.0.0.1, half of them allowed by the contract (`--publish 1000`: `audit` "
        "exits 1). The goal on 5,000 services: "
        "under 1 s and 300 MB. `init` runs on the compose file alone.", "",
        f"- Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; CPU: {cpu}, nproc {nproc}; load average at the end: "
        f"{load} (before and after ran under the same load)", "",
        "| stack | command | before | after | goal (after) | output before | output after |", "|---|---|---|---|---|---|---|"]
for (stack, command), sides in rows.items():
    b, a = sides.get("before"), sides.get("after")
    text.append(f"| {label(stack)} | `{command}` | {cell(b)} | {cell(a)} | {goal(stack, command, a)} | {size(b)} | {size(a)} |")
text += ["", "Past 200 services or 10,000 paths `topology` prints path classes (`docs/commands.md`) and the graphs "
         "draw one node per tier; `docs` describes groups of alike services; `audit` builds the model without its "
         "paths (it reads published ports only); `diff` compares the two models class by class "
         "(`harness/topology/class_diff.cpp`) and names the changed paths pair by pair only while they are at most "
         "1,000, else by class with their count; `explain` builds the paths between its two services only. Most of "
         "each remaining second is reading the 5,000-service compose file and contract. "
         "`init`'s quadratic step, found with perf "
         "on 5,000 and 10,000 services each naming another: `Contract::find_service`, a scan of every service for "
         "each flow side the contract loader resolves (init loads its draft back), `validate_against_compose`'s scan "
         "of the compose names for each flow side, and `infer_contract`'s `StackModel::find_service` for each "
         "reference; now an index, a set and a map. A 100,000-service file with references exceeds the YAML node "
         "budget (exit 2), so that row is the plain stack.", ""]
sys.path.insert(0, "bench")
from results_md import replace_section
replace_section(target, "scale", text)
PY
say "done: bench/RESULTS.md (scale section)"
