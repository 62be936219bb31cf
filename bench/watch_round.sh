#!/usr/bin/env bash
# bench/watch_round.sh (`make bench-watch`): how long one probe round of `meshprobe watch` takes
# on the running reference stack (fixtures/devonboarder on stand-ins), against the alternative a
# team has without watch: a fresh `meshprobe run --no-up` of the same suites (dns, reach,
# isolation, egress) from cron, each run preparing its probes anew. Both in this one run, on the
# same stack. Goal: a median round under 2 s. Writes its section of bench/RESULTS.md.
#
# Environment: MESHPROBE (default build/bin/meshprobe), BENCH_ROUNDS (8 rounds and 8 runs).
set -euo pipefail
cd "$(dirname "$0")/.."

meshprobe=$(readlink -f "${MESHPROBE:-build/bin/meshprobe}")
rounds=${BENCH_ROUNDS:-8}
contract=fixtures/devonboarder/mesh.yaml
out=bench/out/watch
rm -rf "$out" && mkdir -p "$out"

watch_pid=""
finish() {
  [ -n "$watch_pid" ] && kill -TERM "$watch_pid" 2>/dev/null && wait "$watch_pid" 2>/dev/null
  "$meshprobe" -q -c "$contract" clean >/dev/null 2>&1 || true
}
trap finish EXIT

echo "watch bench: the reference stack on stand-ins, held up with run --keep" >&2
"$meshprobe" -q -c "$contract" run --standin --keep --suite dns >/dev/null

# watch: every round after the first (which prepares the probe image as well).
"$meshprobe" -v -c "$contract" watch --interval 1 --metrics 127.0.0.1:0 >"$out/watch.log" 2>"$out/watch.err" &
watch_pid=$!
for _ in $(seq 1 $((rounds * 30 + 300))); do
  [ "$(grep -c 'probe round:' "$out/watch.err" || true)" -gt "$rounds" ] && break
  kill -0 "$watch_pid" 2>/dev/null || { cat "$out/watch.err" >&2; echo "watch bench: watch ended early" >&2; exit 1; }
  sleep 0.1
done
kill -TERM "$watch_pid"; wait "$watch_pid" || true; watch_pid=""
grep -o 'probe round: [0-9]* checks, [0-9]* failing, [0-9.]* s' "$out/watch.err" | tail -n +2 | head -n "$rounds" >"$out/rounds.txt"
[ "$(wc -l <"$out/rounds.txt")" -eq "$rounds" ] || { cat "$out/watch.err" >&2; echo "watch bench: fewer than $rounds rounds" >&2; exit 1; }

# The alternative: a fresh run of the same suites each time.
: >"$out/runs.txt"
for _ in $(seq 1 "$rounds"); do
  start=$(date +%s%N)
  code=0
  "$meshprobe" -q -c "$contract" run --no-up --suite dns --suite reach --suite isolation --suite egress \
    >/dev/null 2>>"$out/runs.err" || code=$?
  [ $code -le 1 ] || { cat "$out/runs.err" >&2; echo "watch bench: run --no-up exited $code" >&2; exit 1; }
  echo "$(( ($(date +%s%N) - start) / 1000000 ))" >>"$out/runs.txt"
done

python3 - "$out" "$rounds" "$("$meshprobe" --version)" "$(docker version --format '{{.Server.Version}}')" <<'PY'
import pathlib, re, statistics, sys, datetime
out, rounds, version, engine = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
watch = [float(re.search(r"([0-9.]+) s$", l).group(1)) for l in (out / "rounds.txt").read_text().splitlines()]
checks = re.search(r"probe round: (\d+) checks", (out / "rounds.txt").read_text()).group(1)
runs = [int(l) / 1000 for l in (out / "runs.txt").read_text().splitlines()]
med_w, med_r = statistics.median(watch), statistics.median(runs)
goal = "met" if med_w < 2 else "NOT met"
section = f"""<!-- watch-bench: written by bench/watch_round.sh (make bench-watch) -->
## Watch: one probe round on the running reference stack

- Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; {version}; Docker engine {engine}
- Stack: fixtures/devonboarder on stand-ins, held up with `run --standin --keep`; suites dns, reach, isolation, egress ({checks} checks a round).
- watch: `meshprobe -v watch --interval 1`, {rounds} rounds after the first (the first prepares the probe image too), each round's own time as watch reports it (`meshprobe_probe_round_seconds`).
- Alternative: a fresh `meshprobe run --no-up` of the same suites, {rounds} times, timed whole (what a cron job does without watch).

| | min | median | max |
|---|---|---|---|
| watch probe round | {min(watch):.2f} s | {med_w:.2f} s | {max(watch):.2f} s |
| fresh `run --no-up` | {min(runs):.2f} s | {med_r:.2f} s | {max(runs):.2f} s |

Ratio fresh run / watch round (medians): {med_r / med_w:.1f}x. Goal, a median round under 2 s: **{goal}** ({med_w:.2f} s).
<!-- /watch-bench -->
"""
results = pathlib.Path("bench/RESULTS.md")
text = results.read_text() if results.exists() else ""
text = re.sub(r"\n?<!-- watch-bench:.*?<!-- /watch-bench -->\n", "", text, flags=re.S)
results.write_text(text.rstrip("\n") + "\n\n" + section)
print(f"watch round median {med_w:.2f} s, fresh run median {med_r:.2f} s ({med_r / med_w:.1f}x); goal {goal}")
PY
