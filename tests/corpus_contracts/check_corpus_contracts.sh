#!/usr/bin/env bash
# Holds meshprobe's static check of real stacks from the compose corpus to the
# findings a reviewer judged real (see README.md).
#
# usage: check_corpus_contracts.sh MESHPROBE CORPUS_DIR WORK_DIR
#
# For each folder beside this script that holds mesh.yaml and
# expected-findings.txt: copy mesh.yaml to WORK_DIR/<stack>/ with @CORPUS@
# replaced by CORPUS_DIR, run `meshprobe -c ... check --format json`, and
# compare the `RULE SERVICE` of its errors and warnings (sorted, `-` for no
# service) with expected-findings.txt (text after `#` ignored). The exit code
# must be 1 when an error is expected, 0 otherwise. Exit 0 only when every
# stack matches; a missing corpus is a failure, not a skip.
set -u

if [ $# -ne 3 ]; then
    echo "usage: $0 MESHPROBE CORPUS_DIR WORK_DIR" >&2
    exit 2
fi
meshprobe=$1
corpus=$2
work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ ! -x "$meshprobe" ]; then
    echo "FAIL: meshprobe binary '$meshprobe' not found or not executable" >&2
    exit 1
fi
if [ ! -d "$corpus" ]; then
    echo "FAIL: corpus folder '$corpus' does not exist" >&2
    exit 1
fi
corpus=$(cd "$corpus" && pwd)
mkdir -p "$work" || { echo "FAIL: cannot create '$work'" >&2; exit 1; }
work=$(cd "$work" && pwd)

failed=0
checked=0
for dir in "$here"/*/; do
    stack=$(basename "$dir")
    [ -f "$dir/mesh.yaml" ] || continue
    checked=$((checked + 1))
    if [ ! -f "$dir/expected-findings.txt" ]; then
        echo "FAIL $stack: expected-findings.txt is missing"
        failed=$((failed + 1))
        continue
    fi
    out="$work/$stack"
    mkdir -p "$out"
    # '#' as the sed delimiter: corpus paths hold '/' but no '#'
    sed "s#@CORPUS@#${corpus}#g" "$dir/mesh.yaml" > "$out/mesh.yaml"

    "$meshprobe" -c "$out/mesh.yaml" check --format json > "$out/check.json" 2> "$out/check.stderr"
    rc=$?
    if [ "$rc" -ge 2 ]; then
        echo "FAIL $stack: meshprobe check exited $rc (input error):"
        sed 's/^/    /' "$out/check.stderr"
        failed=$((failed + 1))
        continue
    fi
    if [ ! -s "$out/check.json" ]; then
        echo "FAIL $stack: meshprobe check printed nothing (exit $rc)"
        sed 's/^/    /' "$out/check.stderr"
        failed=$((failed + 1))
        continue
    fi

    if ! python3 - "$out/check.json" > "$out/actual.txt" 2> "$out/parse.stderr" <<'PY'
import json, sys
with open(sys.argv[1]) as f:
    report = json.load(f)
rows = []
for finding in report["findings"]:
    if finding["severity"] in ("error", "warning"):
        rows.append("%s %s" % (finding["rule"], finding.get("service") or "-"))
for row in sorted(rows):
    print(row)
PY
    then
        echo "FAIL $stack: check --format json is not the JSON expected:"
        sed 's/^/    /' "$out/parse.stderr"
        failed=$((failed + 1))
        continue
    fi

    # expected: drop comments and blank lines, squeeze blanks, sort
    sed -e 's/#.*$//' -e 's/[[:space:]]\{1,\}/ /g' -e 's/^ //' -e 's/ $//' \
        "$dir/expected-findings.txt" | grep -v '^$' | LC_ALL=C sort > "$out/expected.txt"
    LC_ALL=C sort -o "$out/actual.txt" "$out/actual.txt"

    ok=1
    if ! diff -u --label "$stack/expected-findings.txt" --label "meshprobe check ($stack)" \
            "$out/expected.txt" "$out/actual.txt" > "$out/findings.diff"; then
        echo "FAIL $stack: findings differ (- expected, + reported):"
        sed 's/^/    /' "$out/findings.diff"
        ok=0
    fi

    # rules whose findings are warnings (docs/rules.md); every other rule in
    # expected-findings.txt (errors and warnings only) is an error, so check
    # must then exit 1
    expected_rc=0
    if grep -v -E '^(MESH000|MESH001|MESH014|MESH015|MESH017|MESH018) ' "$out/expected.txt" | grep -q .; then
        expected_rc=1
    fi
    if [ "$rc" -ne "$expected_rc" ]; then
        echo "FAIL $stack: meshprobe check exited $rc, expected $expected_rc"
        ok=0
    fi

    if [ "$ok" -eq 1 ]; then
        echo "ok   $stack ($(wc -l < "$out/actual.txt") findings, exit $rc)"
    else
        failed=$((failed + 1))
    fi
done

if [ "$checked" -eq 0 ]; then
    echo "FAIL: no stack folder with mesh.yaml under $here"
    exit 1
fi
if [ "$failed" -ne 0 ]; then
    echo "$failed of $checked stacks failed"
    exit 1
fi
echo "all $checked stacks match"
exit 0
