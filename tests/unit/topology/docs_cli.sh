#!/bin/bash
# `meshprobe docs` as a repository uses it: the same input gives the same bytes; `docs --check`
# passes on a fresh copy, fails (exit 1, naming the changed lines) after a compose change that
# moves a service to another network, and passes again once `docs` has rewritten the file.
# usage: docs_cli.sh MESHPROBE FIXTURES_DIR WORK_DIR
set -u
meshprobe=$1 fixtures=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cp -r "$fixtures/devonboarder/." "$work/stack/"
contract=$work/stack/mesh.yaml

"$meshprobe" -q -c "$contract" docs || fail "docs exited $?"
[ -s "$work/stack/NETWORK.md" ] || fail "docs wrote no NETWORK.md beside the contract"
"$meshprobe" -q -c "$contract" docs --output "$work/stack/again.md" || fail "docs --output exited $?"
cmp -s "$work/stack/NETWORK.md" "$work/stack/again.md" || fail "two runs of docs on the same input differ"
rm -f "$work/stack/again.md"
# Links lead to the contract's lines from wherever the document is, or from the base URL given.
grep -qF '](mesh.yaml#L' "$work/stack/NETWORK.md" || fail "NETWORK.md beside the contract has no relative link to mesh.yaml"
mkdir -p "$work/elsewhere"
"$meshprobe" -q -c "$contract" docs --output "$work/elsewhere/NETWORK.md" || fail "docs --output elsewhere exited $?"
grep -qF '](../stack/mesh.yaml#L' "$work/elsewhere/NETWORK.md" || fail "a document in another folder does not link ../stack/mesh.yaml"
"$meshprobe" -q -c "$contract" docs --base-url https://git.example/app/blob/main/deploy --output "$work/based.md" \
  || fail "docs --base-url exited $?"
grep -qF '](https://git.example/app/blob/main/deploy/mesh.yaml#L' "$work/based.md" || fail "docs --base-url: links do not start with it"
grep -q '](https\?://' "$work/stack/NETWORK.md" && fail "NETWORK.md links outside the repository without --base-url"
grep -q '^  subgraph c0\["edge (network edge_tier)' "$work/stack/NETWORK.md" || fail "NETWORK.md's diagram does not draw tier clusters"
"$meshprobe" -q -c "$contract" docs --level tier --output "$work/tiers.md" || fail "docs --level tier exited $?"
grep -q '^  t0\["edge (1 service)' "$work/tiers.md" && ! grep -q subgraph "$work/tiers.md" \
  || fail "docs --level tier does not draw one node per tier"
for section in '## Tiers' '## Services' 'Service metadata coverage: 100% (8 of 8' '## Flows' '```mermaid' \
               '## Reach matrix' '## Exposure' '## Troubleshooting' '| db | data | 5432 |'; do
  grep -qF -- "$section" "$work/stack/NETWORK.md" || fail "NETWORK.md has no '$section'"
done
grep -q "$work" "$work/stack/NETWORK.md" && fail "NETWORK.md names an absolute path of this machine"

"$meshprobe" -c "$contract" docs --check 2>"$work/check.err" || { cat "$work/check.err"; fail "docs --check fails on a fresh file"; }

# frontend moves from api_tier to auth_tier.
python3 - "$work/stack/docker-compose.yaml" <<'PY' || fail "the test could not move frontend"
import re, sys
p = sys.argv[1]; s = open(p).read()
head, sep, rest = s.partition("\n  frontend:")
new = re.sub(r"(networks:\n\s+- )api_tier", r"\1auth_tier", rest, count=1)
if new == rest: sys.exit(1)
open(p, "w").write(head + sep + new)
PY
"$meshprobe" -c "$contract" docs --check 2>"$work/stale.err"; code=$?
[ $code = 1 ] || { cat "$work/stale.err"; fail "docs --check after the move: exit $code, expected 1"; }
grep -q 'is stale' "$work/stale.err" || { cat "$work/stale.err"; fail "docs --check does not say the file is stale"; }
grep -q '^  + | frontend | api | 3000 | - | - | auth_tier |' "$work/stale.err" \
  || { cat "$work/stale.err"; fail "docs --check does not show frontend's new network"; }
"$meshprobe" -q -c "$contract" docs || fail "docs exited $?"
"$meshprobe" -q -c "$contract" docs --check || fail "docs --check fails right after docs"

rm "$work/stack/NETWORK.md"
"$meshprobe" -c "$contract" docs --check 2>"$work/missing.err"; code=$?
[ $code = 1 ] && grep -q 'does not exist' "$work/missing.err" || fail "docs --check on a missing file: exit $code"
[ $failed = 0 ] && echo "ok: docs"
exit $failed
