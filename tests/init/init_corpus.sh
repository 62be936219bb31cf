#!/bin/bash
# `meshprobe init` on every multi-service file of the compose corpus that meshprobe's loader
# (which reads as compose reads, see the corpus test) loads: init succeeds, its contract loads,
# every service has a tier, and `check` on the same files reports nothing about init's own
# inferences (no MESH011 unknown name, no MESH004 flow no network carries, no MESH001 service
# without a tier). On the voting app it finds vote->redis, result->db, worker->redis, worker->db.
# Each file again with --metadata, into a second folder: that contract loads with its metadata
# files, and `check` finds the same rules (rule and severity, same counts) as on the plain one;
# on the voting app the metadata files of vote, result and worker carry those dependencies.
# usage: init_corpus.sh MESHPROBE CORPUS_DIR WORK_DIR
set -u
meshprobe=$1 corpus=$2 work=$3
same_rules=$(dirname "$0")/same_rules.py
[ -f "$corpus/MANIFEST.tsv" ] || { echo "FAIL: no corpus manifest at $corpus"; exit 1; }
rm -rf "$work" && mkdir -p "$work" || exit 1
failed=0 tried=0 written=0 refused=0 with_metadata=0
fail() { echo "FAIL: $*"; failed=1; }
while IFS=$'\t' read -r repo commit path count features; do
  [ "$repo" = repo ] && continue
  [[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 2 ] || continue
  [[ "$features" == *EXPECTED-INVALID* ]] && continue
  tried=$((tried + 1))
  file=$corpus/$repo/$path
  dir=$work/$tried && mkdir -p "$dir"
  "$meshprobe" -q init -f "$file" --output "$dir/mesh.yaml" 2>"$dir/init.err"; code=$?
  if [ $code = 2 ] && ! grep -q 'meshprobe-init' "$dir/init.err"; then
    refused=$((refused + 1))  # the compose file itself does not load
    continue
  fi
  [ $code = 0 ] || { fail "$repo/$path: init exited $code: $(cat "$dir/init.err")"; continue; }
  written=$((written + 1))
  "$meshprobe" -q -c "$dir/mesh.yaml" check --format json >"$dir/check.json" 2>"$dir/check.err"; code=$?
  [ $code = 0 ] || [ $code = 1 ] || { fail "$repo/$path: check of init's contract exited $code: $(cat "$dir/check.err")"; continue; }
  python3 - "$dir/check.json" "$dir/mesh.yaml" "$repo/$path" <<'PY' || failed=1
import json, sys
d = json.load(open(sys.argv[1]))
own = [f for f in d["findings"] if f["rule"] in ("MESH001", "MESH004", "MESH011") and f["severity"] != "note"]
for f in own:
    print(f"FAIL: {sys.argv[3]}: check reports {f['rule']} about init's contract: {f['message']}")
# What check finds is exactly the present problems init listed at the end of the contract.
lines = open(sys.argv[2]).read().split("\n")
listed = sorted(l[4:].split(" ", 2)[1] for l in lines[next((i for i, l in enumerate(lines) if l.startswith("# init found")), len(lines)):] if l.startswith("#   "))
found = sorted(f["rule"] for f in d["findings"] if f["severity"] != "note" and not f.get("suppressed"))
if listed != found:
    print(f"FAIL: {sys.argv[3]}: init listed {listed} as present problems, check finds {found}")
sys.exit(1 if own or listed != found else 0)
PY
  meta=$dir/with-metadata && mkdir -p "$meta"
  "$meshprobe" -q init -f "$file" --output "$meta/mesh.yaml" --metadata "$meta/services" 2>"$meta/init.err" ||
    { fail "$repo/$path: init --metadata exited $?: $(cat "$meta/init.err")"; continue; }
  "$meshprobe" -q -c "$meta/mesh.yaml" check --format json >"$meta/check.json" 2>"$meta/check.err"; code=$?
  [ $code = 0 ] || [ $code = 1 ] || { fail "$repo/$path: check of init --metadata's contract exited $code: $(cat "$meta/check.err")"; continue; }
  python3 "$same_rules" "$dir/check.json" "$meta/check.json" "$repo/$path" || failed=1
  with_metadata=$((with_metadata + 1))
done <"$corpus/MANIFEST.tsv"

voting=$work/voting.yaml
"$meshprobe" -q init -f "$corpus/dockersamples__example-voting-app/docker-compose.yml" --output "$voting" || fail "init on the voting app"
for flow in 'from: vote, to: redis' 'from: result, to: db' 'from: worker, to: redis' 'from: worker, to: db'; do
  grep -q -- "- {$flow" "$voting" || fail "init did not find the voting app's flow $flow"
done
"$meshprobe" -q init -f "$corpus/dockersamples__example-voting-app/docker-compose.yml" --output "$voting" 2>/dev/null
[ $? = 2 ] || fail "init overwrote an existing contract without --force"
"$meshprobe" -q init -f "$corpus/dockersamples__example-voting-app/docker-compose.yml" --output "$voting" --force || fail "init --force"
voting_meta=$work/voting-metadata
"$meshprobe" -q init -f "$corpus/dockersamples__example-voting-app/docker-compose.yml" --output "$voting_meta/mesh.yaml" \
  --metadata "$voting_meta/services" || fail "init --metadata on the voting app"
for dependency in vote:redis result:db worker:redis worker:db; do
  service=${dependency%%:*} target=${dependency#*:}
  sed -n '/^dependencies:/,/^[^ ]/p' "$voting_meta/services/$service.yaml" | grep -q -- "^  - $target\b" ||
    fail "the voting app's metadata file $service.yaml does not carry the dependency $target"
done
grep -q '^metadata: services\b' "$voting_meta/mesh.yaml" || fail "the voting app's contract does not name its metadata folder"
"$meshprobe" -q init -f "$corpus/dockersamples__example-voting-app/docker-compose.yml" --output "$voting_meta/other.yaml" \
  --metadata "$voting_meta/services" 2>/dev/null
[ $? = 2 ] && [ ! -e "$voting_meta/other.yaml" ] || fail "init overwrote existing metadata files without --force"
# The bundled example: every route of its Traefik file provider is a flow, and check finds
# no more than the present problems init listed (traefik <-> bot's health port, for now).
example=$work/devonboarder && cp -r "$(dirname "$0")/../../fixtures/devonboarder" "$example" && rm -f "$example/mesh.yaml"
(cd "$example" && "$meshprobe" -q init -f docker-compose.yaml 2>"$example/init.err") || fail "init on the example: $(cat "$example/init.err")"
for route in auth-service:8002 backend:8001 dashboard-service:8003 discord-integration:8081 frontend:3000; do
  grep -q -- "- {from: traefik, to: ${route%%:*}, ports: \[${route#*:}\]}" "$example/mesh.yaml" || fail "init did not find the example's Traefik route to $route"
done
listed=$(grep -c '^#   ' "$example/mesh.yaml")
(cd "$example" && "$meshprobe" -q check --format json >"$example/check.json" 2>&1)
found=$(python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["findings"] if f["severity"] != "note"))' "$example/check.json")
[ "$listed" = "$found" ] || fail "init listed $listed present problems on the example, check finds $found"
echo "init: $tried multi-service files, $written contracts written and checked ($with_metadata again with --metadata), $refused refused by the loader"
[ "$written" -gt 90 ] || fail "only $written contracts were written"
[ "$with_metadata" = "$written" ] || fail "only $with_metadata of $written were written again with --metadata"
[ $failed = 0 ] && echo "ok: init on the corpus"
exit $failed
