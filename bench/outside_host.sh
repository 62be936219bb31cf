#!/usr/bin/env bash
# bench/outside_host.sh (`make bench-outside`): what meshprobe's own outside host (made by a run
# given no egress target, docs/runtime.md) costs a run. The whole process of `run --no-up` on the
# reference example (fixtures/devonboarder on stand-ins, held up with `run --standin --keep`
# under a project name of its own), timed from outside, before and after, in turn (A B A B ...):
#   after:  `run --no-up` with no egress target: the run makes its outside host;
#   before: BEFORE=<an older meshprobe> without egress target, else this meshprobe given
#           `--egress-target` at scripts/outside-host.sh's host (root), so it makes none.
# Both probe the same checks but for the outside host's. Goal: at most 0.3 s more (medians).
# Writes its section of bench/RESULTS.md.
#
# Environment: MESHPROBE (default build/bin/meshprobe), BEFORE, BENCH_RUNS (default 9),
# BENCH_PROJECT (default meshbench-outside).
set -euo pipefail
cd "$(dirname "$0")/.."

meshprobe=$(readlink -f "${MESHPROBE:-build/bin/meshprobe}")
before_bin=${BEFORE:+$(readlink -f "$BEFORE")}
runs=${BENCH_RUNS:-9}
project=${BENCH_PROJECT:-meshbench-outside}
out=bench/out/outside
rm -rf "$out" && mkdir -p "$out"

# The example under a project name of its own, so that no one else's stack is touched.
work=$(mktemp -d /tmp/meshbench-outside-XXXXXX)
cp -a fixtures/devonboarder/. "$work/"
sed -i "s/^project: .*/project: $project/" "$work/mesh.yaml"
contract=$work/mesh.yaml

outside_up=""
finish() {
  "$meshprobe" -q -c "$contract" clean >/dev/null 2>&1 || true
  [ -n "$outside_up" ] && bash scripts/outside-host.sh down >/dev/null 2>&1
  rm -rf "$work"
}
trap finish EXIT

if [ -n "$before_bin" ]; then
  before=("$before_bin" -q -c "$contract" run --no-up)
  before_label="previous meshprobe ($("$before_bin" --version)), no egress target"
else
  target=$(bash scripts/outside-host.sh up)
  outside_up=1
  before=("$meshprobe" -q -c "$contract" run --no-up --egress-target "$target")
  before_label="this meshprobe with --egress-target $target (no outside host of its own)"
fi
after=("$meshprobe" -q -c "$contract" run --no-up)

echo "outside-host bench: the reference stack on stand-ins as project $project, held up with run --keep" >&2
"$meshprobe" -q -c "$contract" run --standin --keep --suite dns >/dev/null

time_one() {  # command...: appends the whole process's milliseconds to $file
  local start code=0
  start=$(date +%s%N)
  "$@" >/dev/null 2>>"$out/runs.err" || code=$?
  [ $code -le 1 ] || { cat "$out/runs.err" >&2; echo "outside-host bench: $* exited $code" >&2; exit 1; }
  echo "$(( ($(date +%s%N) - start) / 1000000 ))" >>"$file"
}

# One of each first, not counted: the probe image and the caches warm up.
file=/dev/null time_one "${before[@]}"
file=/dev/null time_one "${after[@]}"
: >"$out/before.txt"
: >"$out/after.txt"
for _ in $(seq 1 "$runs"); do
  file=$out/before.txt time_one "${before[@]}"
  file=$out/after.txt time_one "${after[@]}"
done
"${after[@]}" --json "$out/after.json" >/dev/null 2>&1 || true

python3 - "$out" "$runs" "$("$meshprobe" --version)" "$(docker version --format '{{.Server.Version}}')" "$before_label" <<'PY'
import datetime, json, pathlib, statistics, sys
out, runs, version, engine, before_label = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
before = [int(l) / 1000 for l in (out / "before.txt").read_text().split()]
after = [int(l) / 1000 for l in (out / "after.txt").read_text().split()]
checks = [c["id"] for c in json.loads((out / "after.json").read_text())["checks"] if c["id"].endswith("->outside")]
mb, ma = statistics.median(before), statistics.median(after)
goal = "met" if ma - mb <= 0.3 else "NOT met"
section = f"""## The outside host: what it costs a run

Written by `bench/outside_host.sh` (`make bench-outside`).

- Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; {version}; Docker engine {engine}
- Stack: fixtures/devonboarder on stand-ins, held up with `run --standin --keep`; all suites.
- Timed: the whole process of `meshprobe run --no-up`, from outside, {runs} runs of each in turn (before, after, before, ...) after one of each not counted.
- Before: {before_label}. After: this meshprobe, no egress target: it makes its outside host ({len(checks)} checks to it).

| | min | median | max |
|---|---|---|---|
| before | {min(before):.2f} s | {mb:.2f} s | {max(before):.2f} s |
| after | {min(after):.2f} s | {ma:.2f} s | {max(after):.2f} s |

Difference of the medians: {ma - mb:+.2f} s. Goal, at most 0.3 s: **{goal}**.
"""
sys.path.insert(0, "bench")
from results_md import replace_section
replace_section("bench/RESULTS.md", "outside", section.splitlines())
print(f"run --no-up median before {mb:.2f} s, after {ma:.2f} s ({ma - mb:+.2f} s); goal {goal}")
PY
