#!/usr/bin/env bash
# bench/scale_bench.sh: `topology`, `docs` and `init` on large generated stacks, the meshprobe
# before (BEFORE, default /work/main/build/bin/meshprobe) and after (AFTER, default
# build/bin/meshprobe) side by side: wall time, peak memory (GNU time's maximum RSS), exit code
# and output size, one run each, capped at SCALE_BENCH_TIMEOUT seconds (default 120; exit 124 is
# the cap). Writes the scale section of bench/RESULTS.md (between <!-- scale:begin --> and
# <!-- scale:end -->) and raw numbers to bench/scale_bench/out/.
#
# Stacks (bench/generate_stack.py): flat 3,000 services (one tier, one network), four tiers of
# 1,250 (5,000 services), and for `init` four tiers of 2,500, 7,500 and 25,000 (10k, 30k, 100k)
# where each service names the one before it (--references: depends_on and a URL), which init
# turns into flows; at 100k without references, whose file the YAML node budget refuses (exit 2).
# SCALE_BENCH_INIT_SIZES overrides the init sizes ("10000 30000 100000"). Each run's address space
# is capped at SCALE_BENCH_MEMORY_MB (default 6144), so the old per-pair model fails with
# bad_alloc (exit 3) instead of taking the machine's memory from everything else.
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

for spec in "flat3000:--flat 3000" "tiers5000:--per-tier 1250"; do
  name=${spec%%:*}
  dir=$(stack_dir "$name" ${spec#*:} --project "mpscale-$name")
  for side in before after; do
    measure "$name" topology "$side" "$work/topology.json" "$work/$side" -q -c "$dir/mesh.yaml" topology --output "$work/topology.json"
    measure "$name" "topology --format mermaid" "$side" "$work/topology.mmd" \
      "$work/$side" -q -c "$dir/mesh.yaml" topology --format mermaid --output "$work/topology.mmd"
    measure "$name" docs "$side" "$work/NETWORK.md" "$work/$side" -q -c "$dir/mesh.yaml" docs --output "$work/NETWORK.md"
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

python3 - "$results" bench/RESULTS.md "$cap" "$memory_mb" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" <<'PY'
import sys, datetime, collections
results, target, cap, memory_mb, nproc, cpu = sys.argv[1:7]
rows = collections.OrderedDict()
for line in open(results):
    stack, command, side, seconds, mb, rc, size = line.rstrip("\n").split("\t")
    rows.setdefault((stack, command), {})[side] = (float(seconds), int(mb), int(rc), int(size))
def cell(v):
    if v is None: return "-"
    seconds, mb, rc, size = v
    if rc == 124: return f"over {cap} s (cut off)"
    note = "" if rc == 0 else f", exit {rc}"
    return f"{seconds:.2f} s, {mb} MB{note}"
def size(v):
    return "-" if v is None or v[2] != 0 else f"{v[3] / 1e6:.2f} MB"
names = {"flat3000": "flat, 3,000 services", "tiers5000": "4 tiers, 5,000 services"}
text = ["## `topology`, `docs` and `init` on large stacks", "",
        "Written by `bench/scale_bench.sh`; raw numbers in `bench/scale_bench/out/`. One run each, wall time and peak "
        "memory (maximum RSS) from GNU time, capped at " + cap + " s and " + memory_mb + " MB of address space "
        "(exit 3 past it: `std::bad_alloc`); before is the meshprobe of the main branch "
        "before path classes, after is this one. Stacks from `bench/generate_stack.py` (`--flat N`, or four tiers "
        "with flows); `init` runs on the compose file alone.", "",
        f"- Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; CPU: {cpu}, nproc {nproc}", "",
        "| stack | command | before | after | output before | output after |", "|---|---|---|---|---|---|"]
for (stack, command), sides in rows.items():
    label = names.get(stack, f"4 tiers, {int(stack[4:].rstrip('r')):,} services" + (", each naming another" if stack.endswith("r") else "") if stack.startswith("init") else stack)
    b, a = sides.get("before"), sides.get("after")
    text.append(f"| {label} | `{command}` | {cell(b)} | {cell(a)} | {size(b)} | {size(a)} |")
text += ["", "Past 200 services or 10,000 paths `topology` prints path classes (`docs/commands.md`) and the graphs "
         "draw one node per tier (hence the few bytes of Mermaid); `docs` describes groups of alike services. Before, "
         "both built every per-pair path: nine million on the flat stack. `init`'s quadratic step, found with perf "
         "on 5,000 and 10,000 services each naming another: `Contract::find_service`, a scan of every service for "
         "each flow side the contract loader resolves (init loads its draft back), `validate_against_compose`'s scan "
         "of the compose names for each flow side, and `infer_contract`'s `ComposeModel::find_service` for each "
         "reference; now an index, a set and a map. A 100,000-service file with references exceeds the YAML node "
         "budget (exit 2), so that row is the plain stack.", ""]
sys.path.insert(0, "bench")
from results_md import replace_section
replace_section(target, "scale", text)
PY
say "done: bench/RESULTS.md (scale section)"
