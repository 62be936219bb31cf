#!/usr/bin/env bash
# bench/check_scaling.sh: `meshprobe check` on generated stacks of 5,000 to 100,000 services
# (bench/generate_stack.py, four tiers), and `docker compose config` (compose v2) beside it at
# 20,000, in one run. Writes the check-scaling section of bench/RESULTS.md.
#
# Each command runs CHECK_SCALING_RUNS times (default 3), median taken; wall time and CPU time
# (user + system) both, since the machine may be shared: CPU time is what load does not
# inflate, and the growth exponent is taken from it.
#
# Environment: MESHPROBE (default build/bin/meshprobe), CHECK_SCALING_SIZES ("5000 20000 50000
# 100000"), CHECK_SCALING_COMPOSE_AT (20000), CHECK_SCALING_RUNS (3).
set -euo pipefail
cd "$(dirname "$0")/.."

meshprobe=$(realpath "${MESHPROBE:-build/bin/meshprobe}")
sizes=${CHECK_SCALING_SIZES:-5000 20000 50000 100000}
compose_at=${CHECK_SCALING_COMPOSE_AT:-20000}
runs=${CHECK_SCALING_RUNS:-3}
work=$(mktemp -d /tmp/mpcheckscale-XXXXXX)
trap 'rm -rf "$work"' EXIT
[[ -x $meshprobe ]] || { echo "no meshprobe at $meshprobe (make build, or set MESHPROBE)" >&2; exit 2; }
cp "$meshprobe" "$work/meshprobe"  # a rebuild during the run cannot swap it

# Median of RUNS runs of a command: "wall cpu peak_kb" (seconds, seconds, KiB).
measure() {
  local i line
  for i in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
    awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}' "$work/time"
  done | sort -n -k2 | sed -n "$(((runs + 1) / 2))p"
}

declare -A wall cpu peak
for size in $sizes; do
  dir=$work/gen-$size
  python3 bench/generate_stack.py "$dir" --per-tier $((size / 4)) --project "mpscale$size" >/dev/null
  read -r wall[$size] cpu[$size] peak[$size] < <(measure "$work/meshprobe" -q -c "$dir/mesh.yaml" check)
  echo "check_scaling: $size services: ${wall[$size]} s wall, ${cpu[$size]} s CPU" >&2
done
dir=$work/gen-$compose_at
[[ -d $dir ]] || python3 bench/generate_stack.py "$dir" --per-tier $((compose_at / 4)) --project "mpscale$compose_at" >/dev/null
read -r compose_wall compose_cpu compose_peak < <(measure docker compose -f "$dir/docker-compose.yaml" -p "mpscale$compose_at" config)
read -r check_wall check_cpu _ < <(measure "$work/meshprobe" -q -c "$dir/mesh.yaml" check)

{
  echo "## \`meshprobe check\` from 5,000 to 100,000 services, and \`docker compose config\` beside it"
  echo
  echo "Written by \`bench/check_scaling.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; median of $runs runs. CPU time is user + system: what the load of other work does not inflate."
  echo
  echo "| services | \`check\` wall | \`check\` CPU | CPU per 1,000 services | peak memory |"
  echo "|---|---|---|---|---|"
  for size in $sizes; do
    python3 -c "import sys; s, w, c, m = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]); print(f'| {s:,} | {w:.2f} s | {c:.2f} s | {1000 * c / s * 1000:.1f} ms | {m / 1024:.0f} MiB |')" \
      "$size" "${wall[$size]}" "${cpu[$size]}" "${peak[$size]}"
  done
  set -- $sizes
  first=$1; last=${!#}
  python3 -c "import math, sys; a, b, ta, tb = map(float, sys.argv[1:]); print(f'\nGrowth of CPU time from {int(a):,} to {int(b):,} services: exponent {math.log(tb / ta) / math.log(b / a):.2f} (1 is linear).')" \
    "$first" "$last" "${cpu[$first]}" "${cpu[$last]}"
  echo
  echo "Side by side at $(python3 -c "print(f'{int(__import__(\"sys\").argv[1]):,}')" "$compose_at") services ($(docker compose version --short 2>/dev/null)):"
  echo
  echo "| command | wall | CPU | peak memory |"
  echo "|---|---|---|---|"
  echo "| \`docker compose config\` | ${compose_wall} s | ${compose_cpu} s | $((compose_peak / 1024)) MiB |"
  echo "| \`meshprobe check\` | ${check_wall} s | ${check_cpu} s | |"
  python3 -c "import sys; cw, cc, mw, mc = map(float, sys.argv[1:]); print(f'\n\`check\` is {cw / mw:.1f}x faster than \`docker compose config\` in wall time, {cc / mc:.1f}x in CPU time (target: 30x).')" \
    "$compose_wall" "$compose_cpu" "$check_wall" "$check_cpu"
} | python3 bench/results_md.py check-scaling bench/RESULTS.md
echo "check_scaling: bench/RESULTS.md, section check-scaling" >&2
