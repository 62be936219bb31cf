#!/usr/bin/env bash
# Runs, in a sanitizer build folder ($1), every test that is not labelled integration or
# untrusted (those assert wall-clock bounds) and whose program was built there: the gtest
# programs of `make test-asan` / `make test-tsan`. Script tests are left to `make test`.
# A sanitizer report fails its test (-fno-sanitize-recover=all, halt_on_error).
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
cd "$build"
ctest -N --show-only=json-v1 > sanitized-tests.json
# ctest -I takes "start,end,stride,number,number,..." from a file: the numbers of the chosen tests.
python3 - "$build" > sanitized-tests.txt <<'PY'
import json, os, sys
build = sys.argv[1]
tests = json.load(open("sanitized-tests.json"))["tests"]
chosen = []
for number, test in enumerate(tests, start=1):
    labels = next((p["value"] for p in test.get("properties", []) if p["name"] == "LABELS"), [])
    program = (test.get("command") or [""])[0]
    if {"integration", "untrusted"} & set(labels):
        continue
    if program.startswith(build + "/") and os.path.exists(program):
        chosen.append(number)
if not chosen:
    sys.exit("sanitized-tests: no test program was built in " + build)
print("0,0,0," + ",".join(map(str, chosen)))
PY
echo "sanitized-tests: $(tr ',' '\n' < sanitized-tests.txt | tail -n +4 | wc -l) tests in $build"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$scripts/tsan.supp}
ctest -I sanitized-tests.txt --output-on-failure -j 2
