#!/bin/bash
# The http_recorder program as a script test of `watch --webhook` will use it: it prints its
# port, answers the first request 500 when told to, and appends each body as a JSON line
# (and with --requests the whole request) to its files.
# usage: http_recorder_cli.sh HTTP_RECORDER
set -u
recorder=$1
work=$(mktemp -d /tmp/meshprobe-http-recorder-XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

"$recorder" --bodies "$work/bodies.jsonl" --requests "$work/requests.jsonl" --fail-first 1 >"$work/port" 2>"$work/stderr" &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -n1 "$work/port")
[[ "$port" =~ ^[0-9]+$ ]] || { echo "FAIL: no port printed: '$port' $(cat "$work/stderr")"; exit 1; }

python3 - "$port" <<'PY' || fail "the answers were not 500 then 200"
import json, sys, urllib.request, urllib.error
url = f"http://127.0.0.1:{sys.argv[1]}/hook"
def post(body):
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        return opener.open(request, timeout=10).status
    except urllib.error.HTTPError as e:
        return e.code
first = post(json.dumps({"n": 1}))
second = post("not json")
assert (first, second) == (500, 200), (first, second)
PY

python3 - "$work/bodies.jsonl" "$work/requests.jsonl" <<'PY' || fail "the recorded files are not what was sent"
import json, sys
bodies = [json.loads(line) for line in open(sys.argv[1])]
assert bodies == [{"n": 1}, "not json"], bodies
requests = [json.loads(line) for line in open(sys.argv[2])]
assert [r["method"] for r in requests] == ["POST", "POST"], requests
assert all(r["target"] == "/hook" for r in requests), requests
assert requests[0]["headers"]["content-type"] == "application/json", requests[0]
assert requests[0]["body"] == {"n": 1}, requests[0]
PY

kill -TERM "$pid"
wait "$pid"; code=$?
pid=
[ "$code" = 0 ] || fail "exit $code on SIGTERM, expected 0"

"$recorder" --fail-first x >/dev/null 2>"$work/usage"; code=$?
[ "$code" = 2 ] || fail "a bad --fail-first: exit $code, expected 2"
grep -q -- "--fail-first takes a number" "$work/usage" || fail "no usage message: $(cat "$work/usage")"

[ "$failed" = 0 ] && echo "PASS"
exit "$failed"
