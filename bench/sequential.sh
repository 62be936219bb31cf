#!/usr/bin/env bash
# sequential.sh CHECKS OUT_CSV TIMEOUT_MS BUDGET_S SAMPLE
#
# The approach a shell script takes: one `docker exec` per check, one after another.
# CHECKS has one check a line, "ID CONTAINER HOST PORT", in the order to run them (the caller
# shuffles it, so any prefix is a random sample). Each check is a one-check plan for the probe
# that already sits in the container, with the same timeout meshprobe uses.
#
# When, after SAMPLE checks, the time so far projects the whole list past BUDGET_S seconds,
# it stops there; the caller extrapolates from the sample.
# Writes "index,id,seconds,status" lines to OUT_CSV and prints "measured=N elapsed_s=S".
set -euo pipefail

checks=$1 out=$2 timeout_ms=$3 budget_s=$4 sample=$5
total=$(wc -l <"$checks")
budget_us=$((budget_s * 1000000))

now_us() { echo "${EPOCHREALTIME/./}"; }

echo "index,id,seconds,status" >"$out"
index=0
start=$(now_us)
while read -r id container host port; do
  before=$(now_us)
  plan="{\"timeout_ms\":$timeout_ms,\"checks\":[{\"key\":\"k\",\"kind\":\"tcp\",\"host\":\"$host\",\"port\":$port}]}"
  result=$(docker exec "$container" /probe run "$plan" 2>&1 </dev/null) || true
  after=$(now_us)
  status=error
  [[ $result =~ \"status\":\"([a-z]+)\" ]] && status=${BASH_REMATCH[1]}
  index=$((index + 1))
  printf '%d,%s,%d.%06d,%s\n' "$index" "$id" $(((after - before) / 1000000)) $(((after - before) % 1000000)) \
    "$status" >>"$out"
  elapsed=$((after - start))
  if ((index >= sample && index < total && elapsed * total / index > budget_us)); then
    break
  fi
done <"$checks"
elapsed=$(($(now_us) - start))
printf 'measured=%d elapsed_s=%d.%06d\n' "$index" $((elapsed / 1000000)) $((elapsed % 1000000))
