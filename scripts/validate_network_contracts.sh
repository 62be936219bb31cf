#!/usr/bin/env bash
# For projects that expect this script name: runs `meshprobe check` on a contract in every
# environment and exits with meshprobe's exit code, so it fails whenever the contract fails
# (0 conformant, 1 findings, 2 unreadable or invalid input; see docs/rules.md).
#
#   scripts/validate_network_contracts.sh [CONTRACT] [more `check` flags, e.g. --format sarif --output x.sarif]
#
# CONTRACT defaults to ./mesh.yaml; MESHPROBE names the meshprobe binary (default: the one on
# the PATH, else build/bin/meshprobe of this repository).
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
meshprobe=${MESHPROBE:-}
if [ -z "$meshprobe" ]; then
  if command -v meshprobe >/dev/null 2>&1; then
    meshprobe=meshprobe
  else
    meshprobe=$here/../build/bin/meshprobe
  fi
fi
if ! command -v "$meshprobe" >/dev/null 2>&1; then
  echo "validate_network_contracts: meshprobe not found (set MESHPROBE or put it on the PATH)" >&2
  exit 2
fi

contract=mesh.yaml
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  contract=$1
  shift
fi

"$meshprobe" -c "$contract" check --all-envs "$@"
status=$?
case $status in
  0) ;;
  1) echo "validate_network_contracts: $contract breaks the network contract (exit 1)" >&2 ;;
  *) echo "validate_network_contracts: could not check $contract (exit $status)" >&2 ;;
esac
exit "$status"
