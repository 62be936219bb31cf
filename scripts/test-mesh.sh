#!/usr/bin/env bash
# `make test-mesh`: runs the conformance harness on the reference example in stand-in mode,
# with the host-side egress fix for its data tier and an "outside" host as egress target,
# and removes both afterwards whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
meshprobe=${MESHPROBE:-build/bin/meshprobe}
reports=${REPORTS:-build/reports}
bridge=mp-devonb-data   # fixtures/devonboarder/docker-compose.yaml names the data bridge

cleanup() {
  bash scripts/outside-host.sh down >/dev/null 2>&1 || true
  bash scripts/host-firewall.sh remove "$bridge" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

bash scripts/host-firewall.sh apply "$bridge" >/dev/null
target=$(bash scripts/outside-host.sh up)
mkdir -p "$reports"
"$meshprobe" -c fixtures/devonboarder/mesh.yaml run --standin \
  --egress-target "$target" \
  --junit "$reports/mesh-junit.xml" --json "$reports/mesh.json" --markdown "$reports/mesh.md" "$@"
