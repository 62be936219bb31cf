#!/bin/bash
# A `kill -9` of watch in the middle of a burst of 100 violations (fixtures/watch-burst: a
# hundred ports published that the contract does not list) leaves a log of whole lines only,
# and a restart on that log reports each violation still open exactly once over the two runs.
# The kill lands mid-burst for certain: watch's standard output is a pipe of one page that
# nobody reads, so it blocks after a dozen lines, each already appended to the log whole.
# usage: watch_kill9.sh MESHPROBE SOURCE_DIR WORK_DIR
set -u
meshprobe=$1 source=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
contract=$source/fixtures/watch-burst/mesh.yaml
project=meshtest-watch-burst
failed=0
fail() { echo "FAIL: $*"; failed=1; }
down() { docker-compose -p $project -f "$source/fixtures/watch-burst/docker-compose.yaml" down -v >/dev/null 2>&1; true; }
trap down EXIT

down
"$meshprobe" -q -c "$contract" run --standin --keep --suite dns || { fail "run --standin --keep exited $?"; exit 1; }

python3 - "$meshprobe" "$contract" <<'PY' || fail "could not kill watch in the middle of its burst"
import fcntl, os, signal, subprocess, sys, time
meshprobe, contract = sys.argv[1:3]
read_end, write_end = os.pipe()
fcntl.fcntl(write_end, 1031, 4096)  # F_SETPIPE_SZ: one page
watch = subprocess.Popen([meshprobe, "-c", contract, "watch", "--log", "watch.log", "--metrics", "127.0.0.1:0"],
                         stdout=write_end, stderr=open("watch.err", "w"))
os.close(write_end)
deadline = time.time() + 30
while time.time() < deadline and (not os.path.exists("watch.log") or open("watch.log").read().count("\n") < 5):
    time.sleep(0.01)
lines = open("watch.log").read().count("\n") if os.path.exists("watch.log") else 0
watch.send_signal(signal.SIGKILL)
watch.wait()
print(f"killed watch with {lines}+ lines in the log")
sys.exit(0 if 5 <= lines < 100 else 1)
PY

before=$(grep -c . watch.log)
[ "$before" -lt 100 ] || fail "the kill came after the burst ($before lines): it proves nothing"
[ -z "$(tail -c 1 watch.log)" ] || fail "the log ends in half a line"
"$meshprobe" -c "$contract" watch --once --log watch.log >restart.out 2>restart.err; code=$?
[ $code = 1 ] || { cat restart.err; fail "watch --once after the kill: exit $code, expected 1"; }
python3 - <<'PY' || fail "the log after the restart is not each violation opened once"
import collections, json
opened = collections.Counter()
for n, line in enumerate(open("watch.log"), 1):
    entry = json.loads(line)  # whole lines only: a cut one fails here
    if entry["kind"] == "publish" and entry["state"] == "open":
        opened[entry["fingerprint"]] += 1
twice = [f for f, c in opened.items() if c > 1]
print(f"{len(opened)} publish violations opened, {len(twice)} twice")
assert len(opened) == 100 and not twice, twice
PY
reported=$(grep -c '"kind":"publish".*"state":"open"' restart.out)
[ "$reported" = $((100 - before)) ] || fail "the restart reported $reported, expected the $((100 - before)) the killed run never wrote"

# The probes the killed run had injected went with the restart's first round.
left=$(docker ps -aq --filter label=meshprobe.role=probe --filter label=meshprobe.project=$project)
[ -z "$left" ] || fail "probe containers of the killed watch are left: $left"

[ $failed = 0 ] && echo "ok: kill -9 mid-burst leaves whole lines ($before of 100), and the restart completes them once"
exit $failed
