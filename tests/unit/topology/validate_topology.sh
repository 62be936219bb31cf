#!/bin/bash
# `meshprobe topology` as its consumers read it: the JSON against the shipped schema (ajv),
# the Mermaid through mermaid's own parser (in node, on jsdom; it refuses a flowchart past the
# 500 edges mermaid renders, as GitHub's renderer does), the DOT through Graphviz; and the edge
# counts of the graphs of a stack of 60 services at both levels.
# usage: validate_topology.sh MESHPROBE SOURCE_DIR WORK_DIR
set -u
meshprobe=$1 source=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$work" && cd "$work" || exit 1

source "$here/npm_tools.sh"
command -v dot >/dev/null || { echo "FAIL: Graphviz's dot is not installed (scripts/setup.sh installs graphviz)"; exit 1; }

cat >parse_mermaid.mjs <<'JS'
import { JSDOM } from "jsdom";
import { readFileSync } from "fs";
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
for (const file of process.argv.slice(2)) {
  try {
    await mermaid.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`FAIL: ${file}: ${String(e.message || e)}`);
    process.exitCode = 1;
  }
}
JS

failed=0
fail() { echo "FAIL: $*"; failed=1; }

# A parser that accepts everything proves nothing: it must refuse a broken graph.
printf 'flowchart LR\n  a -->|x| \n' >broken.mmd
node parse_mermaid.mjs broken.mmd >/dev/null && fail "mermaid's parser accepted a broken graph"
python3 -c 'print("flowchart LR"); [print(f"  a{i} --> b{i}") for i in range(501)]' >too-many.mmd
node parse_mermaid.mjs too-many.mmd | grep -q 'Edge limit exceeded' || fail "mermaid's parser accepted 501 edges"
printf 'digraph { a -> }\n' >broken.dot
dot -Tsvg broken.dot >/dev/null 2>&1 && fail "dot accepted a broken graph"

for contract in devonboarder/mesh.yaml broken/db-on-auth-tier/mesh.yaml ipv6/mesh.yaml shapes/mesh.yaml \
                lonely/mesh.yaml real-images/mesh.yaml; do
  name=$(echo "$contract" | tr '/' '_')
  "$meshprobe" -c "$source/fixtures/$contract" topology --format json --output "$name.json" || fail "$contract: json exited $?"
  node_modules/.bin/ajv validate --spec=draft2020 --strict=false -c ajv-formats -s "$source/docs/topology.schema.json" \
    -d "$name.json" >"$name.ajv" 2>&1 || { cat "$name.ajv"; fail "$contract: the JSON does not match docs/topology.schema.json"; }
  "$meshprobe" -c "$source/fixtures/$contract" topology --format mermaid --output "$name.mmd" || fail "$contract: mermaid exited $?"
  node parse_mermaid.mjs "$name.mmd" || fail "$contract: mermaid cannot parse the graph"
  "$meshprobe" -c "$source/fixtures/$contract" topology --format dot --output "$name.dot" || fail "$contract: dot exited $?"
  dot -Tsvg "$name.dot" >"$name.svg" 2>"$name.dot.err" || { cat "$name.dot.err"; fail "$contract: Graphviz refuses the DOT"; }
  [ -s "$name.dot.err" ] && { cat "$name.dot.err"; fail "$contract: Graphviz warns about the DOT"; }
  grep -q '<svg' "$name.svg" || fail "$contract: no SVG came out"
done
# The compact form: classes on request on a small stack, and by default past 200 services, where
# the graphs draw tiers.
"$meshprobe" -c "$source/fixtures/devonboarder/mesh.yaml" topology --paths classes --output classes.json \
  || fail "topology --paths classes exited $?"
python3 "$source/bench/generate_stack.py" large --per-tier 60 --project meshtest-scale-large >/dev/null \
  || fail "bench/generate_stack.py failed"
"$meshprobe" -c large/mesh.yaml topology --output large.json || fail "topology of 240 services exited $?"
grep -q '"path_classes"' large.json || fail "topology of 240 services did not print path classes"
for json in classes.json large.json; do
  node_modules/.bin/ajv validate --spec=draft2020 --strict=false -c ajv-formats -s "$source/docs/topology.schema.json" \
    -d "$json" >"$json.ajv" 2>&1 || { cat "$json.ajv"; fail "$json does not match docs/topology.schema.json"; }
done
"$meshprobe" -c large/mesh.yaml topology --format mermaid --output large.mmd || fail "large mermaid exited $?"
node parse_mermaid.mjs large.mmd || fail "mermaid cannot parse the tier-level graph"
"$meshprobe" -c large/mesh.yaml topology --format dot --output large.dot || fail "large dot exited $?"
dot -Tsvg large.dot >large.svg 2>large.dot.err && [ ! -s large.dot.err ] || { cat large.dot.err; fail "Graphviz refuses the tier-level DOT"; }
# Sixty services in four tiers (more than Sentry's 57), with their flows and with none (every
# cross-tier path a network carries is then forbidden): tiers by default, each flow one edge
# at the service level, far under mermaid's limit.
edges() { grep -c -- '-->\|-\.->' "$1"; }
python3 "$source/bench/generate_stack.py" sixty --per-tier 15 --project meshtest-pictures-sixty >/dev/null \
  || fail "bench/generate_stack.py failed"
python3 -c 'import json, sys
text = open(sys.argv[1]).read()
contract = json.loads(text[text.index("{"):])
contract["flows"] = []
open(sys.argv[2], "w").write(json.dumps(contract))' sixty/mesh.yaml sixty/mesh-noflows.yaml || fail "the test could not drop the flows"
for case in "mesh.yaml default 5" "mesh.yaml service 11" "mesh.yaml tier 5" "mesh-noflows.yaml default 10" \
            "mesh-noflows.yaml service 22" "mesh-noflows.yaml tier 10"; do
  set -- $case
  level=(); [ "$2" = default ] || level=(--level "$2")
  out="sixty-${1%.yaml}-$2"
  "$meshprobe" -c "sixty/$1" topology --format mermaid "${level[@]}" --output "$out.mmd" || fail "$out: mermaid exited $?"
  node parse_mermaid.mjs "$out.mmd" || fail "$out: mermaid cannot parse the graph"
  [ "$(edges "$out.mmd")" = "$3" ] || fail "$out: $(edges "$out.mmd") Mermaid edges, expected $3"
  "$meshprobe" -c "sixty/$1" topology --format dot "${level[@]}" --output "$out.dot" || fail "$out: dot exited $?"
  dot -Tsvg "$out.dot" >"$out.svg" 2>"$out.dot.err" && [ ! -s "$out.dot.err" ] || { cat "$out.dot.err"; fail "$out: Graphviz refuses or warns"; }
  [ "$(grep -c ' -> ' "$out.dot")" = "$3" ] || fail "$out: $(grep -c ' -> ' "$out.dot") DOT edges, expected $3"
done
grep -q subgraph sixty-mesh-default.mmd && fail "sixty services: the default graph draws services, not tiers"
grep -q 'members reach each other' sixty-mesh-service.mmd || fail "sixty services: a tier's mesh is not one mark"
# A service level past mermaid's limit (two tiers of 20 on a shared network, a flow from each
# a-i to b-i alone, so nothing folds): Mermaid is refused with exit 2 naming --level tier, DOT
# draws it, and the default is the tier level.
python3 -c 'import os
os.makedirs("unfoldable", exist_ok=True)
n = 20
compose = "services:\n" + "".join(f"  a-{i}: {{image: x, networks: [a, shared], expose: [\"80\"]}}\n"
                                  f"  b-{i}: {{image: x, networks: [b, shared], expose: [\"80\"]}}\n" for i in range(n))
open("unfoldable/docker-compose.yaml", "w").write(compose + "networks: {a: {}, b: {}, shared: {}}\n")
open("unfoldable/mesh.yaml", "w").write("version: 1\nproject: unfoldable\ncompose: {files: [docker-compose.yaml]}\n"
  "tiers:\n  a: {network: a}\n  b: {network: b}\nservices:\n"
  + "".join(f"  a-{i}: {{tier: a}}\n  b-{i}: {{tier: b}}\n" for i in range(n))
  + "flows:\n" + "".join(f"  - {{from: a-{i}, to: b-{i}, ports: [80]}}\n" for i in range(n)))'
"$meshprobe" -c unfoldable/mesh.yaml topology --format mermaid --level service >unfoldable.mmd 2>unfoldable.err; code=$?
[ $code = 2 ] && grep -q 'more than the 500 Mermaid draws; --level tier' unfoldable.err \
  || { cat unfoldable.err; fail "mermaid past 500 edges: exit $code, expected 2 naming --level tier"; }
"$meshprobe" -c unfoldable/mesh.yaml topology --format dot --level service --output unfoldable.dot || fail "unfoldable dot exited $?"
[ "$(grep -c ' -> ' unfoldable.dot)" -gt 500 ] || fail "unfoldable: the service-level DOT has $(grep -c ' -> ' unfoldable.dot) edges, expected more than 500"
"$meshprobe" -c unfoldable/mesh.yaml topology --format mermaid --output unfoldable-default.mmd || fail "unfoldable default mermaid exited $?"
node parse_mermaid.mjs unfoldable-default.mmd || fail "unfoldable: mermaid cannot parse the default graph"
# The Mermaid graph of a diff's changed edges, as a pull-request comment shows it.
"$meshprobe" -c "$source/fixtures/broken/db-on-auth-tier/mesh.yaml" diff --against "$source/fixtures/devonboarder/mesh.yaml" \
  --format markdown >diff.md
code=$?
[ $code = 1 ] || fail "diff --format markdown exited $code, expected 1 (the database newly reachable from auth is a forbidden path)"
sed -n '/^```mermaid$/,/^```$/p' diff.md | sed '1d;$d' >diff.mmd
[ -s diff.mmd ] || fail "diff --format markdown has no Mermaid graph"
node parse_mermaid.mjs diff.mmd || fail "mermaid cannot parse the diff's graph"
grep -q 'linkStyle .*stroke:#d00' diff.mmd || fail "the diff's forbidden new paths are not drawn red"
# The Mermaid diagram of the network document.
"$meshprobe" -q -c "$source/fixtures/devonboarder/mesh.yaml" docs --output network.md || fail "docs exited $?"
sed -n '/^```mermaid$/,/^```$/p' network.md | sed '1d;$d' >docs.mmd
[ -s docs.mmd ] || fail "docs wrote no Mermaid diagram"
node parse_mermaid.mjs docs.mmd || fail "mermaid cannot parse the network document's diagram"
# The schema must refuse a path with a verdict it does not define.
node -e 'const fs = require("fs"); const t = JSON.parse(fs.readFileSync("lonely_mesh.yaml.json"));
  t.paths[0].verdict = "maybe"; fs.writeFileSync("wrong.json", JSON.stringify(t));'
node_modules/.bin/ajv validate --spec=draft2020 --strict=false -c ajv-formats -s "$source/docs/topology.schema.json" \
  -d wrong.json >/dev/null 2>&1 && fail "the schema accepted a path verdict it does not define"
# The forbidden paths of the broken variant are drawn red.
grep -q 'color=red' broken_db-on-auth-tier_mesh.yaml.dot || fail "db-on-auth-tier: no red edge in the DOT"
grep -q 'linkStyle .*stroke:#d00' broken_db-on-auth-tier_mesh.yaml.mmd || fail "db-on-auth-tier: no red edge in the Mermaid"
[ $failed = 0 ] && echo "ok: topology JSON, Mermaid and DOT of every fixture"
exit $failed
