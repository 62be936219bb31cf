#!/bin/bash
# How the topology graphs scale: for a stack of 60 services (bench/generate_stack.py, four tiers
# of 15, with its flows and with none, so that every cross-tier path a network carries is
# forbidden) and, when the corpus is beside the project, laradock (119 services, contract from
# `meshprobe init`), the edges of `topology --format dot` at the default level, the service
# level and the tier level, the edges the per-pair graph drew before (one per source, target
# and verdict), and the wall time of `dot -Tpng` (median of 3). Prints a Markdown table for
# bench/RESULTS.md.
# usage: bench/graph_bench.sh MESHPROBE [WORK_DIR] [CORPUS_DIR]
set -eu
meshprobe=$(realpath "$1")
work=${2:-/tmp/meshprobe-graph-bench}
corpus=${3:-$(cd "$(dirname "$0")/../.." && pwd)/shared/corpus}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work" && cd "$work"

python3 "$here/generate_stack.py" sixty --per-tier 15 --project meshtest-graph-bench >/dev/null
python3 -c 'import json, sys
text = open(sys.argv[1]).read()
contract = json.loads(text[text.index("{"):])
contract["flows"] = []
open(sys.argv[2], "w").write(json.dumps(contract))' sixty/mesh.yaml sixty/mesh-noflows.yaml
stacks=("60 services, its flows|sixty/mesh.yaml" "60 services, no flows|sixty/mesh-noflows.yaml")
if [ -f "$corpus/laradock__laradock/docker-compose.yml" ]; then
  cp -r "$corpus/laradock__laradock" laradock && cp laradock/.env.example laradock/.env
  (cd laradock && "$meshprobe" -q init -f docker-compose.yml >/dev/null 2>&1)
  stacks+=("laradock (corpus), init's contract|laradock/mesh.yaml")
fi

median_png() {
  local times=()
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N); dot -Tpng "$1" -o "$1.png"; end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

echo "| stack | services | per-pair edges (before) | level | edges | \`dot -Tpng\` |"
echo "| --- | --- | --- | --- | --- | --- |"
for entry in "${stacks[@]}"; do
  name=${entry%%|*} contract=${entry#*|}
  services=$("$meshprobe" -c "$contract" topology --paths classes | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["services"]))')
  before=$("$meshprobe" -c "$contract" topology --paths pairs | python3 -c 'import json,sys
paths = json.load(sys.stdin)["paths"]
print(len({(p["from"], p["to"], p["verdict"]) for p in paths if p["verdict"] != "reverse"}))')
  for level in default service tier; do
    args=(); [ $level = default ] || args=(--level $level)
    out="$(basename "$(dirname "$contract")")-$(basename "$contract" .yaml)-$level.dot"
    "$meshprobe" -c "$contract" topology --format dot "${args[@]}" --output "$out"
    shown=$level; [ $level = default ] && shown="default ($(grep -q subgraph "$out" && echo service || echo tier))"
    printf '| %s | %s | %s | %s | %s | %.2f s |\n' "$name" "$services" "$before" "$shown" "$(grep -c ' -> ' "$out")" "$(median_png "$out")"
  done
done
